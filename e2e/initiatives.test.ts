import { afterAll, beforeAll, expect, it } from 'vitest';
import { callSchema } from '../src/initiatives/initiatives.schema.ts';
import { callForm } from '../src/initiatives/initiatives.test-helpers.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

const PHONE = { width: 390, height: 844 };
const HOLDER = { email: 'ines.porteuse@exemple.fr', name: 'Inès Porteuse' };
const STAFF = { email: 'anim.pic@palabre.test', name: 'Camille Animatrice', role: 'animator' as const };
const MEMBER = { email: 'karim.comite@exemple.fr', name: 'Karim Comité' };

/** Moves the keyboard focus to a control, as Tab would, then types: no click anywhere. */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await field.focus();
  await page.keyboard.type(text);
}
/** Chooses an option of a select with the arrow keys. */
async function chooseWithKeys(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  await select.focus();
  const options = await select.locator('option').allTextContents();
  const target = options.indexOf(option);
  const current = await select.evaluate((s: HTMLSelectElement) => s.selectedIndex);
  for (let i = current; i < target; i++) await page.keyboard.press('ArrowDown');
  expect(await select.evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex].text)).toBe(option);
}
async function pressButton(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describeBrowser('initiatives: a resident applies on a phone', () => {
  let site: Site;
  let slug = '';
  beforeAll(async () => {
    site = await startSite();
    const svc = site.app.services.initiatives.service;
    const accounts = site.app.services.accounts.service;
    const { id } = await accounts.ensureUser(STAFF);
    const saved = await svc.saveCall(null, callSchema.parse(callForm({ title: 'Fonds PIC de Roubaix 2027' })), id);
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    slug = saved.call.slug;
    await svc.addCommittee(saved.call.id, { day: '2030-03-05', time: '18:00', place: 'Maison des associations', deadline_days: 15 });
  });
  afterAll(() => site?.close());

  it('fills in the file with the keyboard only, is saved as typed, submits it, and every page is axe-clean', async () => {
    const context = await site.newContext(PHONE);
    await signInAs(site, context, HOLDER);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.status() >= 400 && r.request().headers()['x-autosave']) refused.push(`${r.status()} ${r.url()}`);
    });

    await page.goto('/initiatives');
    await expectNoAxeViolations(page);
    await page.goto(`/initiatives/${slug}`);
    await expectNoAxeViolations(page);
    await pressButton(page, 'Déposer un projet');
    await page.waitForURL(/\/initiatives\/dossiers\//);
    await expectNoAxeViolations(page);
    // The form and its budget rows fit the phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    await typeInto(page, 'Titre du projet', 'Fête des voisins de l’Alma');
    await typeInto(page, 'Le projet en quelques lignes', 'Un repas partagé et des jeux pour les enfants.');
    await typeInto(page, 'Nom du groupe ou de l’association', 'Les voisins de l’Alma');
    await chooseWithKeys(page, 'Commune', 'Roubaix');
    await chooseWithKeys(page, 'Quartier', 'Alma');
    await typeInto(page, 'Date de début', '12062029');
    await typeInto(page, 'Pour qui ?', 'Les habitant·es du quartier');
    await typeInto(page, 'Nombre de participant·es attendu·es', '80');
    await chooseWithKeys(page, 'Nature de la dépense 1', 'Alimentation, convivialité');
    await typeInto(page, 'Description de la dépense 1', 'Repas partagé');
    await typeInto(page, 'Montant de la dépense 1, en euros', '300');
    await typeInto(page, 'Description de la ressource 1', 'Fonds PIC');
    await typeInto(page, 'Montant de la ressource 1, en euros', '250');
    await page.keyboard.press('Tab');
    // With JavaScript the draft is saved on change, even half-typed (a line without its amount yet).
    await page.getByText('Brouillon enregistré automatiquement.').waitFor();
    expect(refused).toEqual([]);

    // An unbalanced budget is refused, and nothing typed is lost.
    await pressButton(page, 'Déposer le dossier');
    await page.getByText('Le budget n’est pas équilibré : 300 € de dépenses pour 250 € de ressources').first().waitFor();
    expect(await page.getByLabel('Titre du projet', { exact: true }).inputValue()).toBe('Fête des voisins de l’Alma');
    await expectNoAxeViolations(page);

    await page.getByLabel('Montant de la ressource 1, en euros', { exact: true }).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('300');
    await page.keyboard.press('Tab');
    await page.getByText('Brouillon enregistré automatiquement.').waitFor();
    await pressButton(page, 'Déposer le dossier');
    await page.getByText('Dossier déposé : un accusé de réception vous a été envoyé par courriel.').waitFor();
    await expectNoAxeViolations(page);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.goto('/initiatives/mes-dossiers');
    await expectNoAxeViolations(page);
  });

  it('keeps the staff and reviewer pages axe-clean', async () => {
    const svc = site.app.services.initiatives.service;
    const call = (await svc.getCallBySlug(slug))!;
    const file = (await svc.filesOfCall(call.id)).find((f) => f.state === 'submitted')!;
    const staffContext = await site.newContext();
    await signInAs(site, staffContext, STAFF);
    const staff = await staffContext.newPage();
    for (const path of [
      '/admin/initiatives',
      '/admin/initiatives/nouveau',
      `/admin/initiatives/${call.id}/modifier`,
      `/admin/initiatives/${call.id}/dossiers`,
      `/admin/initiatives/dossiers/${file.id}`,
    ]) {
      await staff.goto(path);
      await expectNoAxeViolations(staff);
    }
    const staffUser = (await site.app.services.accounts.service.findUserByEmail(STAFF.email))!;
    const asStaff: CurrentUser = { id: staffUser.id, sessionId: 's', name: staffUser.name, email: STAFF.email, role: 'animator', membership: 'none', lang: 'fr' };
    await svc.decideAdmissibility(asStaff, file.id, true, '');
    await svc.assignReviewer(asStaff, file.id, MEMBER);
    await staff.goto(`/admin/initiatives/dossiers/${file.id}`);
    await expectNoAxeViolations(staff);

    const memberContext = await site.newContext(PHONE);
    await signInAs(site, memberContext, MEMBER);
    const member = await memberContext.newPage();
    await member.goto('/initiatives/evaluations');
    await expectNoAxeViolations(member);
    await member.getByRole('link', { name: /Fête des voisins/ }).focus();
    await member.keyboard.press('Enter');
    await member.getByText('Déclaration de conflit d’intérêts').waitFor();
    await expectNoAxeViolations(member);
    await member.getByLabel('Je déclare n’avoir aucun conflit d’intérêts avec ce projet.').focus();
    await member.keyboard.press('Space');
    await pressButton(member, 'Enregistrer ma déclaration');
    await member.getByText('Déclaration enregistrée').waitFor();
    await expectNoAxeViolations(member);
  });
});
