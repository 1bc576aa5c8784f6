import { afterAll, beforeAll, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { formatTime } from '../src/platform/format.ts';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

/** Per page of a PDF: its text and how many images it paints. */
async function pdfPages(buffer: Buffer): Promise<Array<{ text: string; images: number }>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = (await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
    const ops = await page.getOperatorList();
    pages.push({ text, images: ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length });
  }
  return pages;
}

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
  // Opening the link confirms nothing (mail scanners open links): the button does.
  await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
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
    // The compact layout: no site navigation, search or footer above the list; the search box is on the first screen.
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    expect(await page.getByRole('contentinfo').count()).toBe(0);
    expect((await page.getByLabel('Chercher un nom ou une structure').boundingBox())!.y).toBeLessThan(400);
    await page.getByLabel('Chercher un nom ou une structure').fill(someone.name.split(' ')[1]);
    await page.getByRole('main').getByRole('button', { name: 'Chercher', exact: true }).click();
    await page
      .getByRole('button', { name: `Pointer ${someone.name} Présent·e` })
      .first()
      .click();
    await page.getByRole('status').getByText('Présence enregistrée.').waitFor();
    expect(await page.getByText(/Arrivé·e à/).count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
  });

  it('keeps a signature drawn with the finger on the tablet and prints it on the sign-in sheet', async () => {
    const context = await site.newContext({ width: 1024, height: 768 });
    await signInAs(site, context, { email: 'tablette@palabre.test', role: 'animator', name: 'Tablette' });
    const page = await context.newPage();
    const events = site.app.services.events.service;
    const e = (await events.getEventBySlug('rencontre-reseau-printemps-2027'))!;
    const person = (await events.listRegistrations(e.id, ['confirmed']))[7];
    await page.goto(`/admin/rencontres/${e.id}/signature/${person.id}`);
    await page.getByRole('heading', { name: `Émargement : ${person.name}`.replace(' :', '\u00a0:') }).waitFor();

    // A signature: a zigzag drawn across the pad.
    const box = (await page.getByRole('img', { name: 'Zone de signature' }).boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + (i * (box.width - 40)) / 12, box.y + box.height * (i % 2 ? 0.25 : 0.75), { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Valider ma signature' }).click();
    await page.getByRole('status').getByText('Signature enregistrée. Merci !').waitFor();

    const signature = (await events.signatures(e.id)).find((x) => x.registration_id === person.id)!;
    expect(signature.typed_name).toBeNull();
    const drawing = PNG.sync.read(Buffer.from(signature.png!, 'base64'));
    let ink = 0;
    for (let i = 3; i < drawing.data.length; i += 4) if (drawing.data[i] > 0) ink++;
    expect(ink).toBeGreaterThan(500);

    // The sheet prints the drawing in the person's row, with the time, and nowhere else.
    const pdf = await context.request.get(`/admin/rencontres/${e.id}/emargement.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pages = await pdfPages(await pdf.body());
    const mine = pages.find((p) => p.text.includes(person.name))!;
    expect(mine.images).toBe(1);
    expect(mine.text).toContain(formatTime(signature.signed_at, 'fr'));
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(1);
  });

  it('shows a registration made elsewhere on the animator’s live page, without reloading it', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'direct@palabre.test', role: 'animator', name: 'Direct' });
    const page = await context.newPage();
    const e = (await site.app.services.events.service.getEventBySlug('journee-regionale-pcaet-2027'))!;
    const streamOpen = page.waitForResponse((res) => res.url().endsWith(`/admin/rencontres/${e.id}/direct`));
    await page.goto(`/admin/rencontres/${e.id}`);
    await streamOpen;
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    expect(await page.getByRole('cell', { name: 'Zoé Ailleurs', exact: true }).count()).toBe(0);

    // Someone registers from their own browser, signed in.
    const other = await site.newContext();
    await signInAs(site, other, { email: 'zoe.ailleurs@exemple.fr', name: 'Zoé Ailleurs' });
    const visitor = await other.newPage();
    await visitor.goto('/agenda/journee-regionale-pcaet-2027/inscription');
    await visitor.getByLabel('Énergie citoyenne').check();
    await visitor.getByRole('button', { name: 'Valider mon inscription' }).click();
    await visitor.getByText('Votre inscription est confirmée').first().waitFor();

    await page.getByRole('cell', { name: 'Zoé Ailleurs', exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('filters the agenda and leafs through the month calendar without JavaScript, on a phone too', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, baseURL: site.baseUrl, locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/agenda?periode=passees');
    await page.getByLabel('Type de rencontre').selectOption('voyage-apprenant');
    await page.getByLabel('Sur place ou en ligne').selectOption('sur-place');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    // The filters combine in the address, which can be shared as is.
    expect(new URL(page.url()).search).toBe('?periode=passees&type=voyage-apprenant&thematique=&territoire=&modalite=sur-place&mois=');
    await page.getByRole('link', { name: 'Voyage apprenant sur la participation citoyenne en Pays de la Loire' }).waitFor();
    expect(await page.getByRole('main').getByRole('heading', { level: 3 }).count()).toBe(1);

    await page.goto('/agenda?vue=mois&mois=2024-02');
    await page.getByRole('link', { name: 'Mois suivant (mars 2024)' }).click();
    await page.getByRole('heading', { name: 'mars 2024' }).waitFor();
    // On a phone the days with events are listed, each naming its date; the trip is there on each of its four days.
    await page.getByText('lundi 25 mars', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /Voyage apprenant sur la participation citoyenne/ }).count()).toBe(4);
    expect(await page.getByText('mardi 5 mars', { exact: true }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page
      .getByRole('link', { name: /Voyage apprenant sur la participation citoyenne/ })
      .first()
      .click();
    await page.getByRole('heading', { name: "Ce qui s'est passé" }).waitFor();
    expect(await page.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).count()).toBe(0);
    await context.close();
  });

  it('has no WCAG 2.1 AA violation on the month calendar, a past event and an upcoming one with speakers and venue', async () => {
    const page = await site.newPage();
    for (const path of [
      '/agenda?vue=mois&mois=2024-03',
      '/agenda?vue=mois',
      '/agenda/forum-ouvert-pcaet-arras-2019',
      '/agenda/voyage-apprenant-pays-de-la-loire-2024',
      '/agenda/rencontre-reseau-printemps-2027',
    ]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    const phone = await site.newPage({ width: 390, height: 844 });
    await phone.goto('/agenda?vue=mois&mois=2024-03');
    await expectNoAxeViolations(phone);
    const context = await site.newContext();
    await signInAs(site, context, { email: 'axe-invite@palabre.test', role: 'animator' });
    const admin = await context.newPage();
    const e = (await site.app.services.events.service.getEventBySlug('forum-ouvert-sobriete-2027'))!;
    await admin.goto(`/admin/rencontres/${e.id}/invitations`);
    await admin.getByLabel('Adresses à inviter').fill('un@exemple.fr\npas une adresse');
    await admin.getByRole('button', { name: 'Envoyer les invitations' }).click();
    await admin.getByRole('heading', { name: 'Plus d’invitations que de places' }).waitFor();
    await admin.getByText('Ligne 2 (pas d’adresse e-mail)').waitFor();
    await expectNoAxeViolations(admin);
  });

  it('has no WCAG 2.1 AA violation on the agenda, an event, the registration form and the check-in page', async () => {
    const page = await site.newPage();
    // An impossible month: the agenda answers with the error on its field.
    for (const path of ['/agenda', '/agenda?periode=passees', '/agenda?mois=2027-13', '/agenda/pic-lab-saint-quentin-2017', '/agenda/journee-regionale-pcaet-2027/inscription', '/initiatives']) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    // The registration form sent empty: the summary, the fields marked invalid, the required question's fieldset.
    await page.goto('/agenda/journee-regionale-pcaet-2027/inscription');
    await page.getByRole('button', { name: 'Valider mon inscription' }).click();
    await page.locator('#error-summary').waitFor();
    await expectNoAxeViolations(page);
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
