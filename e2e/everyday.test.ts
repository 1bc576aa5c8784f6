import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/demo.ts';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

/** Signs in through the password form, as a person trying the demo would. */
async function signIn(page: Page, email: string) {
  await page.goto('/connexion');
  const form = page.getByRole('region', { name: 'Se connecter avec un mot de passe' });
  await form.getByLabel('Adresse e-mail').fill(email);
  await form.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('banner').getByRole('link', { name: 'Mon compte' }).waitFor();
}

/** The paragraphs of a post or an issue, as a reader sees them. */
const paragraphsIn = (page: Page, selector: string) => page.locator(selector).first().locator('p').allInnerTexts();

// Text typed in a browser's textarea is sent with CRLF line ends: blank lines must still part paragraphs.
describeBrowser('everyday paths of the demo in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true });
  });
  afterAll(() => site?.close());

  it('lets the demo member post on the list and reply, paragraphs kept apart', async () => {
    const page = await site.newPage();
    await signIn(page, 'membre@palabre.test');
    await page.goto('/reseau/liste');
    await page.getByRole('main').getByRole('link', { name: 'Nouveau message' }).click();
    await page.getByLabel('Titre').fill('Conseil citoyen de Beauvais : nos fiches');
    await page.getByLabel(/^Message/).fill('Bonjour à toutes et à tous,\n\nvoici nos fiches pratiques.\n\nBonne lecture !');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conseil citoyen de Beauvais : nos fiches' }).waitFor();
    expect(await paragraphsIn(page, '.post-body')).toEqual(['Bonjour à toutes et à tous,', 'voici nos fiches pratiques.', 'Bonne lecture !']);

    await page.getByLabel(/^Message/).fill('Une précision :\n\nla suite la semaine prochaine.');
    await page.getByRole('button', { name: 'Répondre' }).click();
    await page.getByText('Une précision').waitFor();
    const reply = page.getByRole('article').filter({ hasText: 'Une précision' });
    expect(await reply.locator('.post-body p').allInnerTexts()).toEqual(['Une précision :', 'la suite la semaine prochaine.']);
    // Its preferences offer every way of receiving the list, not only leaving.
    await page.goto('/reseau/preferences');
    await page.getByRole('radio', { name: 'Un résumé quotidien' }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Vos préférences sont enregistrées.').waitFor();
  });

  it('keeps the paragraphs of a newsletter introduction typed in the composer', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation@palabre.test', role: 'animator' });
    const page = await context.newPage();
    await page.goto('/admin/lettre/nouvelle');
    await page.getByLabel('Objet').fill('Lettre de décembre');
    await page.getByLabel("Texte d'introduction").fill('Bonjour,\n\nvoici les nouvelles du réseau.\r\n\r\nBonne lecture.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.').waitFor();
    await page.getByRole('link', { name: 'Aperçu dans le navigateur' }).click();
    await page.getByRole('heading', { name: 'Lettre de décembre' }).first().waitFor();
    const texts = await page.getByRole('main').locator('p').allInnerTexts();
    for (const p of ['Bonjour,', 'voici les nouvelles du réseau.', 'Bonne lecture.']) expect(texts).toContain(p);
    await expectNoAxeViolations(page);
  });

  it('links the charter from the join form, in a new tab that leaves the form as it was', async () => {
    const page = await site.newPage();
    await page.goto('/reseau/adhesion');
    await page.getByRole('main').getByLabel('Prénom et nom').fill('Hélène Charte');
    const [charter] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /charte du réseau/ }).click()]);
    await charter.getByRole('heading', { level: 1, name: 'Charte du réseau' }).waitFor();
    await expectNoAxeViolations(charter);
    expect(await page.getByRole('main').getByLabel('Prénom et nom').inputValue()).toBe('Hélène Charte');
  });
});
