import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

/** Every card grid of the page: its columns that hold no card, and whether its first row reaches the right edge. */
async function gridReport(page: Page) {
  return page.$$eval('.card-grid', (grids) =>
    grids
      .filter((g) => (g as HTMLElement).offsetParent !== null)
      .map((g) => {
        const tracks = getComputedStyle(g).gridTemplateColumns.split(' ').map(parseFloat);
        const cards = [...g.children] as HTMLElement[];
        const box = g.getBoundingClientRect();
        const firstRow = cards.filter((c) => Math.abs(c.getBoundingClientRect().top - cards[0].getBoundingClientRect().top) < 2);
        const right = Math.max(...firstRow.map((c) => c.getBoundingClientRect().right));
        return {
          columns: tracks.filter((w) => w > 0).length,
          cards: cards.length,
          // A lone card is kept to a readable width on purpose.
          gapAtRight: cards.length > 1 ? Math.round(box.right - right) : 0,
        };
      }),
  );
}

describeBrowser('pictures and cards in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true });
  }, 120_000);
  afterAll(() => site?.close());

  const pages = ['/', '/actualites', '/ressources', '/agenda', '/thematiques/pcaet-climat', '/recherche?q=forum', '/initiatives'];

  for (const width of [1280, 760]) {
    it(`leaves no empty column in any card grid at ${width} pixels, and stays clean for axe`, async () => {
      const page = await site.newPage({ width, height: 900 });
      let grids = 0;
      for (const url of pages) {
        await page.goto(url);
        for (const g of await gridReport(page)) {
          grids++;
          expect(g.columns, `${url} at ${width}px`).toBeLessThanOrEqual(g.cards);
          expect(g.gapAtRight, `${url} at ${width}px`).toBeLessThanOrEqual(1);
        }
        await expectNoAxeViolations(page);
      }
      expect(grids).toBeGreaterThan(5);
    });
  }

  it('shows the demo’s drawings in modern formats, sized for the card', async () => {
    const page = await site.newPage({ width: 1280, height: 900 });
    await page.goto('/actualites');
    const img = page.locator('.card-media img').first();
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    const src = await img.evaluate((i: HTMLImageElement) => i.currentSrc);
    expect(src).toMatch(/\/images\/\w+\/(400|800)\.avif$/);
    // Dates' zeros come from the zero without a slash (platform/layout/zero-font.ts), loaded because the page has some.
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.replaceAll('"', '') === 'Palabre Zero' && f.status === 'loaded').length;
    });
    expect(faces).toBeGreaterThan(0);
  });

  it('shows the picture form on the edit pages of a news item and of an event, axe clean', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.forms@palabre.test', role: 'animator' });
    const page = await context.newPage();
    await page.goto('/admin/contenus');
    await page.getByRole('link', { name: 'Retour sur le forum ouvert PCAET' }).click();
    await page.getByRole('region', { name: 'Image' }).getByLabel('Texte alternatif').waitFor();
    await expectNoAxeViolations(page);
    const [event] = await site.app.services.events.service.listAgenda({ when: 'past', limit: 1 });
    await page.goto(`/admin/rencontres/${event.event.id}/modifier`);
    const section = page.getByRole('region', { name: 'Image' });
    // The demo's drawing, decorative (so no role "img"), shown above the form.
    expect(await section.locator('picture img').count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('lets an animator add a picture without JavaScript: refused without its text, kept, then saved', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.images@palabre.test', role: 'animator' });
    const page = await context.newPage();
    await page.route('**/*.js', (route) => route.abort());
    await page.goto('/admin/contenus');
    await page.getByRole('link', { name: 'Retour sur le forum ouvert PCAET' }).click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-img-')), 'forum.jpg');
    await sharp({ create: { width: 1000, height: 700, channels: 3, background: '#1d5fa8' } })
      .jpeg()
      .toFile(file);
    const section = page.getByRole('region', { name: 'Image' });
    await section.getByLabel('Remplacer par un autre fichier (facultatif)').setInputFiles(file);
    await section.getByLabel('Texte alternatif').fill('');
    // The demo's drawing is decorative: a photo is not.
    await section.getByLabel(/Image décorative/).uncheck();
    await section.getByLabel('Crédit (facultatif)').fill('Photo : Cerdd');
    await section.getByRole('button', { name: 'Enregistrer l’image' }).click();
    await page.getByRole('heading', { level: 1, name: /Image de/ }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Décrivez l’image en quelques mots');
    expect(await page.getByLabel('Crédit (facultatif)').inputValue()).toBe('Photo : Cerdd');
    expect(await page.getByText('Image reçue, pas encore enregistrée').isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await page.getByLabel('Texte alternatif').fill('Des participant·es autour des feuilles du forum');
    await page.getByRole('button', { name: 'Enregistrer l’image' }).click();
    await page.getByText('L’image est enregistrée.').waitFor();
    await page.goto('/actualites/retour-sur-le-forum-ouvert-pcaet');
    expect(await page.getByRole('img', { name: 'Des participant·es autour des feuilles du forum' }).count()).toBe(1);
    expect(await page.getByText('Crédit : Photo : Cerdd').isVisible()).toBe(true);
  });
});
