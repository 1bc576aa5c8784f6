import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Site } from './browser.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import type { Forum } from '../src/forum/forum.service.ts';

const facilitator: CurrentUser = { id: 'e2e-fac', sessionId: 's', name: 'Camille Animatrice', email: 'animation.forum@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };

describeBrowser('forum ouvert in a browser', () => {
  let site: Site;
  let n = 0;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.close());

  const forums = () => site.app.services.forum.service;

  async function newForum(phase: Forum['phase']): Promise<Forum> {
    n++;
    return forums().create(
      {
        title: `Forum e2e ${n}`,
        slug: `forum-e2e-${n}`,
        question: 'Quelles coopérations pour accélérer les transitions ?',
        place: 'Arras',
        starts_on: '2027-03-12',
        event: '',
        slots: '10h-11h\n11h15-12h15',
        spaces: 'Salle Nord (30)\nSalle Sud (3)',
        votes: 5,
        phase,
      },
      facilitator,
    );
  }

  async function phone(forum: Forum, name: string) {
    const context = await site.newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`/forums/${forum.slug}/participer?code=${forum.join_code}`);
    await page.getByLabel('Votre nom').fill(name);
    await page.getByRole('button', { name: 'Entrer dans le forum' }).click();
    await page.getByText(`Vous participez en tant que ${name}`).waitFor();
    return { context, page };
  }

  it('shows themes proposed on three phones on the wall within a second', async () => {
    const forum = await newForum('marketplace');
    const wall = await site.newPage({ width: 1920, height: 1080 });
    await wall.goto(`/forums/${forum.slug}/mur`);
    await wall.getByText('● En direct').waitFor();
    // A mark that only this load of the page carries: a reload would wipe it.
    await wall.evaluate(() => {
      (window as unknown as { __sameLoad?: boolean }).__sameLoad = true;
    });
    const phones = await Promise.all(['Alice', 'Bruno', 'Chloé'].map((name) => phone(forum, name)));
    await Promise.all(
      phones.map(async ({ page }, i) => {
        await page.getByLabel('Titre du thème').fill(`Thème du téléphone ${i + 1}`);
        await page.getByRole('button', { name: 'Proposer ce thème' }).click();
        await page.getByText('Votre thème est sur le mur.').waitFor();
        // On the screen of the themes still to place, which the wall turns to (0030): in the page, maybe not shown yet.
        await wall.locator('#wall-screens h3', { hasText: `Thème du téléphone ${i + 1}` }).waitFor({ timeout: 1000, state: 'attached' });
      }),
    );
    // Hostile text typed on a phone arrives on the wall as text, and runs nothing.
    await phones[0].page.getByLabel('Titre du thème').fill('<img src=x onerror="window.__xss=1"> 🌍 مرحبا');
    await phones[0].page.getByRole('button', { name: 'Proposer ce thème' }).click();
    await wall.locator('#wall-screens h3', { hasText: '<img src=x onerror="window.__xss=1"> 🌍 مرحبا' }).waitFor({ timeout: 1000, state: 'attached' });
    expect(await wall.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The wall did not reload: its script swapped in the server's new parts.
    expect(await wall.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
    await expectNoAxeViolations(wall);
    await expectNoAxeViolations(phones[0].page);
  });

  it('sends the text written on a phone that lost its connection once it comes back', async () => {
    const forum = await newForum('sessions');
    const themeId = await forums().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Mobilité rurale', description: '', convener: 'Paul', queue: false });
    const { context, page } = await phone(forum, 'Dominique');
    await page.goto(`/forums/${forum.slug}/themes/${themeId}`);
    await context.setOffline(true);
    const area = page.getByRole('textbox', { name: 'Points clés des échanges' });
    await area.fill('Le transport à la demande marche quand il est pensé avec les habitant·e·s.');
    await page.getByRole('button', { name: 'Enregistrer cette partie' }).nth(1).click();
    await page.getByText('Hors ligne : votre brouillon est gardé').waitFor();
    const before = await site.app.services.forum.reader.report(forum, themeId);
    expect(before.sections.find((s) => s.section === 'key_points')!.body).toBe('');
    await context.setOffline(false);
    await page.getByText('Enregistré.').waitFor({ timeout: 8000 });
    const after = await site.app.services.forum.reader.report(forum, themeId);
    expect(after.sections.find((s) => s.section === 'key_points')!.body).toBe('Le transport à la demande marche quand il est pensé avec les habitant·e·s.');
    await expectNoAxeViolations(page);
  });

  it('lets the facilitator place themes with the keyboard only', async () => {
    const forum = await newForum('marketplace');
    await forums().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Coopérer avec les entreprises', description: '', convener: 'Hélène', queue: false });
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.forum@palabre.test', name: 'Camille Animatrice', role: 'animator' });
    const page = await context.newPage();
    await page.goto(`/admin/forums/${forum.id}`);
    await expectNoAxeViolations(page);
    const select = page.getByLabel('Créneau et espace pour « Coopérer avec les entreprises »');
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Le thème est placé sur le mur.').waitFor();
    const state = await site.app.services.forum.reader.wallState(await forums().byId(forum.id));
    const theme = state.themes[0];
    expect(theme.slotId).toBe(state.slots[0].id);
    expect(theme.spaceId).toBe(state.spaces[0].id);
  });

  it('says so when a theme dropped on the agenda is placed, and why when the cell is taken', async () => {
    const forum = await newForum('marketplace');
    const first = await forums().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Tiers-lieux', description: '', convener: 'Inès', queue: false });
    const second = await forums().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Vélo-école', description: '', convener: 'Jules', queue: false });
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.forum@palabre.test', name: 'Camille Animatrice', role: 'animator' });
    const page = await context.newPage();
    await page.goto(`/admin/forums/${forum.id}`);
    const cell = page.locator('#admin-grid td[data-cell]').first();
    await page.locator(`.forum-theme[data-theme="${first}"]`).dragTo(cell);
    await page.getByText('Le thème est placé sur le mur.').waitFor();
    await page.locator(`.forum-theme[data-theme="${second}"]`).dragTo(page.locator('#admin-grid td[data-cell]').first());
    await page.locator('#agenda-drop-status').getByText('Cet espace est déjà occupé sur ce créneau.').waitFor();
    const state = await site.app.services.forum.reader.wallState(await forums().byId(forum.id));
    expect(state.themes.find((t) => t.id === second)!.slotId).toBeNull();
    await expectNoAxeViolations(page);
  });

  it('publishes proceedings whose PDF contains every report', async () => {
    const forum = await newForum('sessions');
    const titles = ['Coopération entre EPCI', 'Former les élu·e·s', 'Budget vert'];
    for (const [i, title] of titles.entries()) {
      const id = await forums().proposeTheme(forum, { participant: null, user: facilitator }, { title, description: '', convener: `Porteur ${i}`, queue: false });
      await forums().saveSection(forum, { participant: null, user: facilitator }, id, 'key_points', 0, `Points clés du groupe ${i + 1}.`);
    }
    await forums().setPhase(forum, facilitator, 'sessions', 'convergence');
    await forums().setPhase(await forums().byId(forum.id), facilitator, 'convergence', 'closed');
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.forum@palabre.test', name: 'Camille Animatrice', role: 'animator' });
    const page = await context.newPage();
    await page.goto(`/admin/forums/${forum.id}`);
    const started = Date.now();
    await page.getByRole('button', { name: 'Générer et publier les actes' }).click();
    await page.getByText('Les actes sont publiés.').waitFor();
    expect(Date.now() - started).toBeLessThan(10_000);
    const res = await context.request.get(`/forums/${forum.slug}/actes.pdf`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await res.body()) }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) text += `${(await (await doc.getPage(i)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(' ')}\n`;
    text = text.replace(/\s+/g, ' ');
    for (const [i, title] of titles.entries()) {
      expect(text).toContain(title);
      expect(text).toContain(`Points clés du groupe ${i + 1}.`);
    }
    await page.goto(`/forums/${forum.slug}/actes`);
    await expectNoAxeViolations(page);
    await page.goto(`/forums/${forum.slug}`);
    await expectNoAxeViolations(page);
  });
});
