import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Site } from './browser.ts';

describeBrowser('resource library in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true });
  });
  afterAll(() => site?.close());

  it('lets a visitor search, open a resource and download its document', async () => {
    const page = await site.newPage();
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Rechercher sur le site' }).fill('forum ouvert energie');
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/recherche\?q=/);
    await page.getByRole('heading', { level: 1, name: /Résultats pour/ }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Retour sur le forum ouvert PCAET' }).first().click();
    await page.waitForURL(site.url('/actualites/retour-sur-le-forum-ouvert-pcaet'));
    expect(await page.getByText('Mis à jour le 12 décembre 2019').isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger « Compte rendu Forum Ouvert PCAET 14-11-2019 »/ }).click()]);
    expect(download.suggestedFilename()).toBe('compte-rendu-forum-ouvert-pcaet-14-11-2019.pdf');
  });

  it('lets a member bookmark an item in place and find it in the bookmarks', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'membre.e2e@palabre.test', name: 'Dominique Membre', membership: 'approved' });
    const page = await context.newPage();
    await page.goto('/ressources');
    const save = page.getByRole('button', { name: 'Enregistrer « Manifeste pour une rev3 citoyenne » dans mes favoris' });
    await save.click();
    // Toggled in place by the script, without leaving the page.
    await page.getByRole('button', { name: 'Retirer « Manifeste pour une rev3 citoyenne » de mes favoris' }).waitFor();
    expect(page.url()).toBe(site.url('/ressources'));
    await page.goto('/compte');
    const section = page.getByRole('region', { name: 'Mes favoris' });
    expect(await section.getByRole('link', { name: 'Manifeste pour une rev3 citoyenne' }).count()).toBe(1);
  });

  it('has no accessibility violations on list, item, search and admin edit pages', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.e2e@palabre.test', role: 'animator' });
    const page = await context.newPage();
    const anonymous = await site.newPage();
    for (const url of ['/actualites', '/ressources', '/actualites/retour-sur-le-forum-ouvert-pcaet', '/recherche?q=participation', '/recherche?q=xylophonique', '/thematiques/pcaet-climat']) {
      await anonymous.goto(url);
      await expectNoAxeViolations(anonymous);
    }
    await page.goto('/admin/contenus');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Retour sur le forum ouvert PCAET' }).click();
    await page.getByRole('heading', { level: 1, name: /Modifier/ }).waitFor();
    await expectNoAxeViolations(page);
  });
});
