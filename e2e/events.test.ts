import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

/** The personal link of the latest mail to `to`, as the visitor would click it. */
async function linkFromMail(site: Site, to: string, subjectStart: string): Promise<string> {
  const mail = await site.sink!.waitFor((m) => (m.to as { text: string }).text.includes(to) && (m.subject ?? '').startsWith(subjectStart));
  const m = /https?:\/\/\S+\/agenda\/[a-z0-9-]+\/inscription\/[0-9a-z]+\.[A-Za-z0-9_-]{27}/.exec(mail.text ?? '');
  if (!m) throw new Error('no link in the mail');
  return m[0];
}

async function registerAndCancel(site: Site, page: Page, email: string) {
  await page.goto('/agenda/journee-regionale-pcaet-2027');
  await page.getByRole('main').getByRole('link', { name: "S'inscrire", exact: true }).click();
  await page.getByLabel('Nom et prénom (obligatoire)').fill('Claire Martin');
  await page.getByLabel('Adresse e-mail (obligatoire)').fill(email);
  await page.getByLabel('Structure', { exact: true }).fill('CC du Vimeu');
  // A required question left empty: the form comes back with the input kept.
  await page.getByRole('button', { name: 'Valider mon inscription' }).click();
  await page.getByRole('alert').getByText("Atelier de l'après-midi : Champ obligatoire").waitFor();
  expect(await page.getByLabel('Adresse e-mail (obligatoire)').inputValue()).toBe(email);
  await page.getByLabel('Énergie citoyenne').check();
  await page.getByLabel('Régime alimentaire').fill('végétarien');
  await page.getByRole('button', { name: 'Valider mon inscription' }).click();
  await page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();

  await page.goto(await linkFromMail(site, email, 'Confirmez votre inscription'));
  await page.getByText('Votre inscription est confirmée, Claire Martin').waitFor();
  await page.getByRole('button', { name: 'Je ne pourrai pas venir' }).click();
  await page.getByText('Votre inscription est annulée.').first().waitFor();
}

describeBrowser('agenda and registration in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true, smtp: true });
  });
  afterAll(() => site?.close());

  it('lets a visitor register without JavaScript, answer the questions, confirm by mail and cancel', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, baseURL: site.baseUrl, locale: 'fr-FR' });
    const page = await context.newPage();
    await registerAndCancel(site, page, 'sans-js@exemple.fr');
    const rows = await site.app.services.events.service.listRegistrations((await site.app.services.events.service.getEventBySlug('journee-regionale-pcaet-2027'))!.id);
    expect(rows.find((r) => r.email === 'sans-js@exemple.fr')).toMatchObject({ status: 'cancelled', organisation: 'CC du Vimeu' });
    await context.close();
  });

  it('lets a visitor do the same with JavaScript on', async () => {
    const page = await site.newPage();
    await registerAndCancel(site, page, 'avec-js@exemple.fr');
  });

  it('lets an animator check someone in on a phone-sized screen', async () => {
    const context = await site.newContext({ width: 390, height: 844 });
    await signInAs(site, context, { email: 'accueil@palabre.test', role: 'animator', name: 'Accueil' });
    const page = await context.newPage();
    const e = (await site.app.services.events.service.getEventBySlug('rencontre-reseau-printemps-2027'))!;
    const someone = (await site.app.services.events.service.listRegistrations(e.id))[3];
    await page.goto(`/admin/rencontres/${e.id}/accueil`);
    await page.getByLabel('Chercher un nom ou une structure').fill(someone.name.split(' ')[1]);
    await page.getByRole('main').getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByRole('button', { name: `Pointer ${someone.name} Présent·e` }).first().click();
    await page.getByRole('status').getByText('Présence enregistrée.').waitFor();
    expect(await page.getByText(/Arrivé·e à/).count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
  });

  it('has no WCAG 2.1 AA violation on the agenda, an event, the registration form and the check-in page', async () => {
    const page = await site.newPage();
    for (const path of ['/agenda', '/agenda?periode=passees', '/agenda/pic-lab-saint-quentin-2017', '/agenda/journee-regionale-pcaet-2027/inscription', '/initiatives']) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    const context = await site.newContext();
    await signInAs(site, context, { email: 'axe@palabre.test', role: 'animator' });
    const admin = await context.newPage();
    const e = (await site.app.services.events.service.getEventBySlug('forum-ouvert-sobriete-2027'))!;
    for (const path of [`/admin/rencontres/${e.id}`, `/admin/rencontres/${e.id}/accueil`, `/admin/rencontres/${e.id}/modifier`]) {
      await admin.goto(path);
      await expectNoAxeViolations(admin);
    }
  });
});
