import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import type { Forum } from '../src/forum/forum.service.ts';

const facilitator: CurrentUser = { id: 'e2e-ctl', sessionId: 's', name: 'Camille Animatrice', email: 'regie.forum@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };

/** Waits until the page's text (hidden screens of the wall included) has, or no longer has, `text`. */
const textIn = (page: Page, selector: string, text: string, present = true, timeout = 1000) =>
  page.waitForFunction(([sel, t, want]) => (document.querySelector(sel as string)?.textContent ?? '').includes(t as string) === want, [selector, text, present] as const, { timeout });

describeBrowser('forum: the facilitator in control of the day, in a browser', () => {
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
        title: `Forum régie ${n}`,
        slug: `forum-regie-e2e-${n}`,
        question: 'Quelles coopérations pour accélérer les transitions ?',
        place: 'Arras',
        starts_on: '2027-03-12',
        event: '',
        slots: '10h-11h\n11h15-12h15',
        spaces: 'Salle Nord (30)\nSalle Sud (12)',
        votes: 3,
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
    return page;
  }

  async function staffPage() {
    const context = await site.newContext({ width: 1280, height: 900 });
    await signInAs(site, context, { email: facilitator.email, name: facilitator.name, role: 'animator' });
    return context.newPage();
  }

  async function openWall(forum: Forum) {
    const wall = await site.newPage({ width: 1920, height: 1080 });
    await wall.goto(`/forums/${forum.slug}/mur`);
    await wall.getByText('● En direct').waitFor();
    return wall;
  }

  it('hides a theme and renames a participant, and the wall and the live dashboard follow within a second', async () => {
    const forum = await newForum('marketplace');
    const wall = await openWall(forum);
    const staff = await staffPage();
    await staff.goto(`/admin/forums/${forum.id}`);
    await staff.evaluate(() => {
      (window as unknown as { __sameLoad?: boolean }).__sameLoad = true;
    });
    const troll = await phone(forum, 'Nom Offensant');
    for (const title of ['Thème à masquer', 'Thème gardé']) {
      await troll.getByLabel('Titre du thème').fill(title);
      await troll.getByRole('button', { name: 'Proposer ce thème' }).click();
      await textIn(wall, '.forum-wall', title);
      // The dashboard shows it without being reloaded (issue 12, item 5).
      await textIn(staff, '#dashboard-parts', title);
    }
    expect(await staff.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
    await expectNoAxeViolations(staff);

    await staff.goto(`/admin/forums/${forum.id}/moderation`);
    await expectNoAxeViolations(staff);
    await staff.getByRole('button', { name: 'Masquer : Thème à masquer' }).click();
    await textIn(wall, '.forum-wall', 'Thème à masquer', false);
    await staff.getByRole('heading', { name: 'Thèmes masqués' }).waitFor();

    await staff.goto(`/admin/forums/${forum.id}/participants`);
    await expectNoAxeViolations(staff);
    await textIn(wall, '.forum-wall', 'Nom Offensant');
    await staff.getByLabel('Nouveau nom pour Nom Offensant').fill('Dominique');
    await staff.getByRole('button', { name: 'Renommer : Nom Offensant' }).click();
    await staff.getByText('Le nom est corrigé partout').waitFor();
    await textIn(wall, '.forum-wall', 'Nom Offensant', false);
    await textIn(wall, '.forum-wall', 'Dominique');

    // Both corrections are in the history, with who made them.
    await staff.goto(`/admin/forums/${forum.id}/moderation`);
    const history = staff.getByRole('region', { name: 'Historique des corrections' });
    await history.getByText('Thème masqué').waitFor();
    await history.getByText('Nom corrigé').waitFor();
    for (const path of ['structure', 'imprimer']) {
      await staff.goto(`/admin/forums/${forum.id}/${path}`);
      await expectNoAxeViolations(staff);
    }
  });

  it('sends the timer and an announcement to the wall and to a phone, which count down together', async () => {
    const forum = await newForum('sessions');
    const wall = await openWall(forum);
    const mobile = await phone(forum, 'Chloé');
    const staff = await staffPage();
    await staff.goto(`/admin/forums/${forum.id}`);
    await staff.getByLabel('Durée en minutes').fill('12');
    await staff.getByLabel('Pour quoi (affiché sur le mur et les téléphones)').fill('Session de 10h');
    await staff.getByRole('button', { name: 'Lancer le minuteur' }).click();
    await staff.getByText('Le minuteur est lancé').waitFor();
    await textIn(wall, '#forum-room', 'Session de 10h');
    await textIn(mobile, '#forum-room', 'Session de 10h');
    // The seconds go down on the phone without a reload.
    const first = await mobile.locator('.forum-timer-left').textContent();
    expect(first).toMatch(/^1[12]:\d\d$/);
    await mobile.waitForFunction((t) => document.querySelector('.forum-timer-left')?.textContent !== t, first, { timeout: 2500 });

    await staff.getByLabel('Texte de l’annonce').fill('Retour en cercle à 16h');
    await staff.getByRole('button', { name: 'Diffuser l’annonce' }).click();
    await staff.getByText('L’annonce est diffusée').waitFor();
    await textIn(wall, '#forum-room', 'Retour en cercle à 16h');
    await textIn(mobile, '#forum-room', 'Retour en cercle à 16h');
    await expectNoAxeViolations(staff);
    await expectNoAxeViolations(mobile);

    await staff.getByRole('button', { name: 'Retirer l’annonce' }).click();
    await textIn(wall, '.forum-wall', 'Retour en cercle à 16h', false);
    await textIn(mobile, 'main', 'Retour en cercle à 16h', false);
  });
});
