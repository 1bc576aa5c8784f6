import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Site } from './browser.ts';

describeBrowser('platform in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true, smtp: true });
  });
  afterAll(() => site?.close());

  it('shows the home page with the demo content', async () => {
    const page = await site.newPage();
    await page.goto('/');
    expect(await page.title()).toContain('Territoires participatifs');
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: /coopérer pour réussir les transitions/ }).waitFor();
    expect(await main.getByRole('link', { name: "Voir l'agenda" }).isVisible()).toBe(true);

    // Upcoming demo events (the demo keeps some in the future so that registration can be tried).
    const events = main.getByRole('region', { name: 'Prochaines rencontres' });
    expect(await events.locator('a[href^="/agenda/"]').count()).toBeGreaterThan(0);

    // Demo news from the content module, each card leading to its article.
    const news = main.getByRole('region', { name: 'Dernières actualités' });
    const articles = news.locator('a[href^="/actualites/"]');
    expect(await articles.count()).toBeGreaterThan(0);
    const title = (await articles.first().innerText()).trim();
    expect(title.length).toBeGreaterThan(10);
    await articles.first().click();
    await page.waitForURL(/\/actualites\/[^/]+$/);
    expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(title);
  });

  it('switches to English with the language link and stays in English on the next page', async () => {
    const page = await site.newPage();
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(site.url('/'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Legal notice' }).click();
    await page.waitForURL(site.url('/mentions-legales'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Legal notice');
    // And back: the same link now offers French.
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(site.url('/mentions-legales'));
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mentions légales');
  });

  it('lets a keyboard user reach the main menu from the top of the page and open it', async () => {
    const page = await site.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first).toEqual({ tag: 'A', text: 'Aller au contenu', inMainNav: false });
    // The skip link is visible once focused (it may be off-screen before).
    expect(await page.getByRole('link', { name: 'Aller au contenu' }).isVisible()).toBe(true);

    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      reached = f.inMainNav && f.text === 'Agenda';
    }
    expect(reached, 'Tab never reached the "Agenda" link of the main navigation').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(site.url('/agenda'));
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
  });

  it('moves the focus to the main content with the skip link', async () => {
    const page = await site.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
  });

  it('has no WCAG 2.1 AA violation on the home page, in French and in English', async () => {
    const page = await site.newPage();
    await page.goto('/');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(site.url('/'));
    await expectNoAxeViolations(page);
  });

  it('has no WCAG 2.1 AA violation on the 404 page', async () => {
    const page = await site.newPage();
    const res = await page.goto('/cette-page-n-existe-pas');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectNoAxeViolations(page);
  });

  it('catches an accessibility violation when there is one (the check is not vacuous)', async () => {
    const page = await site.newPage();
    await page.goto('/');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/static/favicon.svg';
      document.querySelector('main')!.append(img);
    });
    await expect(expectNoAxeViolations(page)).rejects.toThrow(/image-alt[\s\S]*favicon\.svg/);
  });

  it('signs a member in with a link received by e-mail, from the header to the personal space', async () => {
    const page = await site.newPage();
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion/);
    const linkForm = page.getByRole('region', { name: 'Recevoir un lien de connexion' });
    await linkForm.getByLabel('Adresse e-mail').fill('membre@palabre.test');
    await linkForm.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultez votre messagerie' }).waitFor();

    const mail = await site.sink!.waitForTo('membre@palabre.test');
    const link = /https?:\/\/[^\s"<>]+\/connexion\/lien\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
    expect(link, `no sign-in link in:\n${mail.text}`).toBeDefined();
    expect(link!.startsWith(site.baseUrl)).toBe(true);

    await page.goto(link!);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    const account = page.getByRole('banner').getByRole('link', { name: 'Mon compte' });
    await account.waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).count()).toBe(0);
    await account.click();
    await page.waitForURL(site.url('/compte'));
    expect(await page.getByRole('main').innerText()).toContain('membre@palabre.test');

    // The link served once: opening it again does not sign anybody in.
    const again = await (await site.newPage()).goto(link!);
    expect(again?.status()).toBe(410);
  });

  it('has no WCAG 2.1 AA violation on the sign-in page, blank and with an error', async () => {
    const page = await site.newPage();
    await page.goto('/connexion');
    await expectNoAxeViolations(page);
    const linkForm = page.getByRole('region', { name: 'Recevoir un lien de connexion' });
    await linkForm.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await linkForm.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.waitForURL(site.url('/connexion/lien'));
    // The typed value is kept so the person can correct it.
    expect(await page.getByRole('region', { name: 'Recevoir un lien de connexion' }).getByLabel('Adresse e-mail').inputValue()).toBe('pas-une-adresse');
    await expectNoAxeViolations(page);
  });

  it('has no WCAG 2.1 AA violation on the personal space of a signed-in member', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'membre@palabre.test' });
    const page = await context.newPage();
    const res = await page.goto('/compte');
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoAxeViolations(page);
  });
});

/** What has the keyboard focus now, as a user would describe it. */
async function focused(page: import('./browser.ts').Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', text: (el?.innerText ?? '').trim(), inMainNav: el?.closest('nav')?.getAttribute('aria-label') === 'Navigation principale' };
  });
}
