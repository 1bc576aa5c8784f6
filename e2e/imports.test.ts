import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture } from '../src/imports/imports.test-helpers.ts';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Site } from './browser.ts';

describeBrowser('imports in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({});
  }, 120_000);
  afterAll(() => site?.close());

  it('uploads a Mailchimp export, previews it, imports it with a progress bar and reports each line, axe clean', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.import@palabre.test', role: 'animator' });
    const page = await context.newPage();
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Importer des données' }).click();
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: 'Importer des données' }).waitFor();
    await expectNoAxeViolations(page);

    // A CSV without its kind: the form says so next to the field, and keeps the choice.
    await main.getByLabel('Fichier').setInputFiles(fixture('mailchimp-subscribed.csv'));
    await main.getByRole('button', { name: 'Envoyer et voir l’aperçu' }).click();
    await main.getByRole('alert').getByText('choisissez le type de données').waitFor();
    await expectNoAxeViolations(page);

    await main.getByLabel('Type de données').selectOption({ label: 'Abonné·es à la lettre (Mailchimp, Brevo)' });
    await main.getByLabel('Fichier').setInputFiles(fixture('mailchimp-subscribed.csv'));
    await main.getByRole('button', { name: 'Envoyer et voir l’aperçu' }).click();
    await main.getByRole('heading', { name: 'Aperçu' }).waitFor();
    const preview = main.getByRole('table', { name: /premières entrées/ });
    await expect.poll(() => preview.innerText()).toContain('marie.curie@exemple.fr');
    expect(await main.getByRole('table', { name: 'Correspondance des colonnes' }).innerText()).toMatch(/OPTIN_TIME\s+Inscription/);
    expect(await main.innerText()).toContain('3 créé(s), 0 mis à jour, 0 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    await expectNoAxeViolations(page);

    await main.getByRole('button', { name: 'Lancer l’import' }).click();
    await page.getByText('L’import est lancé.').waitFor();
    // The page shows the bar until the run is over, then its script reloads it with the report.
    await site.app.platform.jobs.runner.drain();
    await main.getByRole('heading', { name: 'Compte rendu' }).waitFor({ timeout: 15_000 });
    const problems = main.getByRole('table', { name: 'Lignes à revoir' });
    expect(await problems.innerText()).toMatch(/4\s+jean\.dupont@\s+erreur\s+Email Address\s+adresse e-mail invalide/);
    await expectNoAxeViolations(page);
  });

  it('shows the progress bar of a running import, accessible', async () => {
    const imports = site.app.services.imports.service;
    const { run } = await imports.createRun({ file: fixture('agenda.ics'), filename: 'agenda.ics', kind: 'events', startedBy: null, move: false });
    await site.app.platform.db.updateTable('import_runs').set({ status: 'running', total: 5, processed: 2 }).where('id', '=', run.id).execute();
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.import@palabre.test', role: 'animator' });
    const page = await context.newPage();
    await page.goto(`/admin/import/${run.id}`);
    const bar = page.getByRole('progressbar', { name: 'Import en cours' });
    expect(await bar.getAttribute('value')).toBe('2');
    await page.getByText('2 lignes traitées sur 5').waitFor();
    await expectNoAxeViolations(page);
    // The script follows the run without a reload.
    await site.app.platform.db.updateTable('import_runs').set({ processed: 4 }).where('id', '=', run.id).execute();
    await page.getByText('4 lignes traitées sur 5').waitFor();
  });
});
