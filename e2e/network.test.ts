import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

/** The address of the site (matching `path`) in a mail to `to` whose subject matches, as the person would click it. */
async function linkInMail(site: Site, to: string, subject: RegExp, path: RegExp): Promise<string> {
  const link = new RegExp(`https?://[^\\s"<>]+${path.source}`);
  const mail = await site.sink!.waitFor((m) => (m.to as { text: string }).text.includes(to) && subject.test(m.subject ?? '') && link.test(m.text ?? ''));
  return link.exec(mail.text ?? '')![0];
}

async function fillJoinForm(page: Page, who: { name: string; email: string }) {
  const main = page.getByRole('main');
  await main.getByLabel('Prénom et nom').fill(who.name);
  await main.getByLabel('Adresse e-mail', { exact: true }).fill(who.email);
  await main.getByLabel('Votre rôle').selectOption({ label: 'Technicien·ne' });
  await main.getByLabel('Nom de la structure').fill('Amiens Métropole');
  await main.getByLabel('Type de structure').selectOption({ label: 'EPCI' });
  await main.getByLabel('Votre motivation').fill('Associer les habitant·es au plan climat de la métropole.');
}

describeBrowser('network in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true, smtp: true });
  });
  afterAll(() => site?.close());

  it('takes a visitor from the join form to a post on the list, through the animators', async () => {
    // A visitor asks to join, picking the territory from the suggestions.
    const page = await site.newPage();
    await page.goto('/reseau');
    await page.getByRole('main').getByRole('link', { name: 'Rejoindre le réseau' }).click();
    await page.getByRole('heading', { level: 1, name: "Demande d'adhésion au réseau" }).waitFor();
    await fillJoinForm(page, { name: 'Nadia Vasseur', email: 'nadia.vasseur@exemple.fr' });
    // The charter is required: the form comes back with what was typed.
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Acceptez la charte/ })
      .waitFor();
    expect(await page.getByRole('main').getByLabel('Prénom et nom').inputValue()).toBe('Nadia Vasseur');
    await page.getByLabel(/Commune, intercommunalité/).fill('Amiens');
    await page.getByRole('button', { name: 'Amiens (80000) · Somme' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Territoire choisi.*Amiens \(80000\)/ })
      .first()
      .waitFor();
    await page.getByLabel(/J'adhère à la charte du réseau/).check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByText(/Un e-mail de confirmation part vers cette adresse/).waitFor();

    // She confirms her address from the e-mail; the request then reaches the animators.
    await page.goto(await linkInMail(site, 'nadia.vasseur@exemple.fr', /Confirmez votre demande/, /\/reseau\/adhesion\/confirmer\/\S+/));
    await page.getByRole('button', { name: 'Je confirme ma demande' }).click();
    await page.getByText(/Votre adresse est confirmée/).waitFor();

    // An animator follows the link of the notice and approves with a word of welcome.
    const staff = await site.newContext();
    await signInAs(site, staff, { email: 'animation@palabre.test', role: 'animator', name: 'Équipe d’animation' });
    const admin = await staff.newPage();
    await admin.goto(await linkInMail(site, 'animation@palabre.test', /Demande d'adhésion à examiner\s*:\s*Nadia Vasseur/, /\/admin\/reseau/));
    const request = admin.getByRole('article', { name: 'Nadia Vasseur — Amiens Métropole' });
    expect(await request.innerText()).toContain('Amiens (80000) · Somme');
    await request.getByLabel('Message à la personne (envoyé par e-mail)').fill('Bienvenue Nadia, à bientôt à la prochaine rencontre.');
    await request.getByRole('button', { name: 'Accepter' }).click();
    await admin.getByText('Décision enregistrée et envoyée par e-mail.').waitFor();
    expect(await admin.getByRole('article', { name: 'Nadia Vasseur — Amiens Métropole' }).count()).toBe(0);

    // The new member opens the welcome mail, signs in with a link, and writes to the list.
    const welcome = await linkInMail(site, 'nadia.vasseur@exemple.fr', /Bienvenue dans le réseau/, /\/reseau\/liste/);
    await page.goto('/connexion');
    const linkForm = page.getByRole('region', { name: 'Recevoir un lien de connexion' });
    await linkForm.getByLabel('Adresse e-mail').fill('nadia.vasseur@exemple.fr');
    await linkForm.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.goto(await linkInMail(site, 'nadia.vasseur@exemple.fr', /./, /\/connexion\/lien\/[A-Za-z0-9_-]+/));
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Mon compte' }).waitFor();
    await page.goto(welcome);
    await page.getByRole('heading', { level: 1, name: 'Liste de diffusion du réseau' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Nouveau message' }).click();
    await page.getByLabel('Titre').fill('Budget participatif climat : vos retours ?');
    await page.getByLabel(/^Message/).fill('Nous préparons un budget participatif climat à Amiens.\n\nQui a déjà essayé ? https://example.org/retours');
    await page.getByRole('button', { name: 'Publier' }).click();
    // Her first message waits for an animator.
    await page.getByText(/Vos premiers messages sont relus/).waitFor();
    expect(
      await page
        .getByRole('main')
        .getByRole('link', { name: /Budget participatif climat/ })
        .count(),
    ).toBe(0);

    await admin.goto('/admin/reseau');
    const post = admin.getByRole('article', { name: /Budget participatif climat/ });
    await post.getByRole('button', { name: 'Publier' }).click();
    await admin.getByText('Message traité.').waitFor();

    // Published: in the archive for members, and mailed to those who take every message.
    await page.goto('/reseau/liste');
    await page
      .getByRole('main')
      .getByRole('link', { name: /Budget participatif climat/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Budget participatif climat/ }).waitFor();
    expect(await page.getByRole('main').getByRole('link', { name: 'https://example.org/retours' }).count()).toBe(1);
    const copy = await site.sink!.waitFor((m) => (m.to as { text: string }).text.includes('lea.martin@mairie-amiens.example') && /Budget participatif climat/.test(m.subject ?? ''));
    expect(copy.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toContain('List-Unsubscribe=One-Click');
  });

  it('lets a visitor without JavaScript pick the territory with the search button', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, baseURL: site.baseUrl, locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/reseau/adhesion');
    await fillJoinForm(page, { name: 'Hugo Lemaire', email: 'hugo.lemaire@exemple.fr' });
    await page.getByLabel(/Commune, intercommunalité/).fill('Métropole Européenne de Lille');
    await page.getByRole('button', { name: 'Chercher le territoire' }).click();
    await page.getByRole('group', { name: 'Choisissez votre territoire' }).getByLabel('Métropole Européenne de Lille · Nord').check();
    await page.getByLabel(/J'adhère à la charte du réseau/).check();
    // What was typed before the search is still there.
    expect(await page.getByLabel('Votre motivation').inputValue()).toBe('Associer les habitant·es au plan climat de la métropole.');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByText(/Un e-mail de confirmation part vers cette adresse/).waitFor();
    await linkInMail(site, 'hugo.lemaire@exemple.fr', /Confirmez votre demande/, /\/reseau\/adhesion\/confirmer\/\S+/);
    await context.close();
  });

  it('has no WCAG 2.1 AA violation on the network pages, the newsletter and the admin queue', async () => {
    const visitor = await site.newPage();
    for (const path of ['/reseau', '/reseau/adhesion', '/lettre']) {
      await visitor.goto(path);
      await expectNoAxeViolations(visitor);
    }
    // The join form with its error summary, then with the territory search results.
    await visitor.goto('/reseau/adhesion');
    await visitor.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await visitor.getByRole('alert').waitFor();
    await expectNoAxeViolations(visitor);
    await visitor.getByLabel(/Commune, intercommunalité/).fill('Lille');
    await visitor.getByRole('button', { name: 'Chercher le territoire' }).click();
    await visitor.getByRole('group', { name: 'Choisissez votre territoire' }).waitFor();
    await expectNoAxeViolations(visitor);

    const members = await site.newContext();
    await signInAs(site, members, { email: 'lea.martin@mairie-amiens.example' });
    const member = await members.newPage();
    for (const path of ['/reseau', '/reseau/membres', '/reseau/liste', '/reseau/liste/nouveau', '/reseau/preferences']) {
      await member.goto(path);
      await member.getByRole('heading', { level: 1 }).waitFor();
      await expectNoAxeViolations(member);
    }
    await member.goto('/reseau/liste');
    await member.getByRole('main').getByRole('list').getByRole('link').first().click();
    await member.getByRole('heading', { name: 'Répondre' }).waitFor();
    await expectNoAxeViolations(member);

    const staff = await site.newContext();
    await signInAs(site, staff, { email: 'axe@palabre.test', role: 'animator' });
    const admin = await staff.newPage();
    await admin.goto('/admin/reseau');
    // The demo data set leaves requests in the queue, so the page is checked with its forms.
    expect(await admin.getByRole('button', { name: 'Accepter' }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(admin);
  });
});
