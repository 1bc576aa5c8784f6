import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, startSite, type Page, type Site } from './browser.ts';
import { databaseKinds } from '../test/harness.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import type { Forum } from '../src/forum/forum.service.ts';
import { PHASES } from '../src/forum/forum.tables.ts';

const facilitator: CurrentUser = { id: 'e2e-wall', sessionId: 's', name: 'Camille Animatrice', email: 'mur.forum@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };
const staff = { participant: null, user: facilitator };

const SLOTS = '9h-10h\n10h15-11h15\n11h30-12h30\n14h-15h\n15h15-16h15';
// Twelve spaces, two of them small enough to be full, names of every length and script.
const SPACES = [
  'Salle Nord (3)',
  'Salle Sud (30)',
  'Amphithéâtre Marie-Marvingt (120)',
  'Atelier 1 (12)',
  'Atelier 2 (12)',
  'Jardin (2)',
  'Bibliothèque (15)',
  'Salle du conseil municipal et des commissions (40)',
  'قاعة الاجتماعات (20)',
  'Hall (25)',
  'Cuisine (8)',
  'Terrasse (10)',
].join('\n');

const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

/** What overflows on the wall as it is, for every screen in turn: nothing may. */
async function overflowsOfEveryScreen(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    const screens = [...document.querySelectorAll<HTMLElement>('#wall-screens > .wall-screen')];
    const check = (label: string) => {
      if (doc.scrollHeight > window.innerHeight + 1) problems.push(`${label}: page scrolls down (${doc.scrollHeight} > ${window.innerHeight})`);
      if (doc.scrollWidth > window.innerWidth + 1) problems.push(`${label}: page scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
      for (const el of document.querySelectorAll<HTMLElement>('.wall-head, .wall-foot, .wall-screen:not([hidden]), .wall-screen:not([hidden]) .wall-cards, .wall-screen:not([hidden]) .wall-ranking')) {
        if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
          problems.push(`${label}: ${el.className} overflows (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
        }
      }
      const table = document.querySelector<HTMLElement>('.wall-screen:not([hidden]) .wall-grid');
      const box = table?.parentElement;
      if (table && box && (table.offsetHeight > box.clientHeight + 1 || table.offsetWidth > box.clientWidth + 1)) {
        problems.push(`${label}: the grid (${table.offsetWidth}×${table.offsetHeight}) is larger than its screen (${box.clientWidth}×${box.clientHeight})`);
      }
      // Counts and "salle pleine" are read from the back of the room.
      for (const el of document.querySelectorAll<HTMLElement>('.wall-screen:not([hidden]) .wall-full, .wall-screen:not([hidden]) .wall-count strong, .wall-screen:not([hidden]) .wall-cell-count')) {
        const px = Number.parseFloat(getComputedStyle(el).fontSize);
        if (px < 18) problems.push(`${label}: "${el.textContent}" is ${px}px`);
      }
    };
    screens.forEach((s, i) => {
      for (const other of screens) other.hidden = other !== s;
      check(`screen ${i + 1}/${screens.length} (${s.dataset.key})`);
    });
    return { problems, count: screens.length };
  });
}

for (const kind of databaseKinds()) {
  describeBrowser(`forum wall on a projector [${kind}]`, () => {
    let site: Site;
    let forum: Forum;
    beforeAll(async () => {
      site = await startSite({ db: kind });
      const svc = site.app.services.forum.service;
      forum = await svc.create(
        {
          title: 'Forum ouvert des transitions du Pas-de-Calais',
          slug: 'forum-mur',
          question: 'Comment coopérer entre communes, associations et habitant·e·s pour accélérer les transitions écologiques et solidaires de nos territoires ?',
          place: 'Arras',
          starts_on: '2027-03-12',
          event: '',
          slots: SLOTS,
          spaces: SPACES,
          votes: 3,
          phase: 'marketplace',
        },
        facilitator,
      );
      const state = await site.app.services.forum.reader.wallState(forum);
      // Sixty themes on 5 slots × 12 spaces, every cell taken; some titles as long as allowed.
      let n = 0;
      for (const slot of state.slots) {
        for (const space of state.spaces) {
          n++;
          const long = n % 7 === 0;
          const title = long
            ? `Thème ${n} : ${'mobilités partagées, covoiturage de proximité et transport à la demande dans les villages '.repeat(2).slice(0, 190)}`
            : n % 11 === 0
              ? `Thème ${n} : الطاقة المتجددة في القرى 🌍`
              : `Thème ${n} : circuits courts`;
          const id = await svc.proposeTheme(forum, staff, { title, description: '', convener: n % 5 === 0 ? `Marie-Hélène Dupont-Lefebvre ${n}` : `Porteur ${n}`, queue: n <= 6 });
          await svc.placeTheme(forum, staff, id, { slotId: slot.id, spaceId: space.id });
        }
      }
    });
    afterAll(() => site?.close());

    it('fits 1920×1080, 1280×720 and 1024×768 in every phase with 60 themes on 12 spaces: no scroll, nothing overflowing, screens that turn', async () => {
      const svc = site.app.services.forum.service;
      const reader = site.app.services.forum.reader;
      // Preparation comes first in the list of phases, the forum was created in the marketplace.
      await svc.setPhase(forum, facilitator, 'marketplace', 'preparation');
      const seen: Record<string, number> = {};
      for (const phase of PHASES) {
        forum = await svc.byId(forum.id);
        if (forum.phase !== phase) {
          await svc.setPhase(forum, facilitator, forum.phase, phase);
          forum = await svc.byId(forum.id);
        }
        if (phase === 'sessions') {
          // Groups: the small rooms full, the others partly.
          const state = await reader.wallState(forum);
          for (const [i, theme] of state.themes.slice(0, 12).entries()) {
            for (let k = 0; k < (i % 3) + 2; k++) {
              const { participant } = await svc.join(forum, { code: forum.join_code, name: `Personne ${i}-${k}`, organisation: '' }, null);
              await svc.joinGroup(forum, { participant, user: null }, theme.id);
            }
            await svc.saveSection(forum, staff, theme.id, 'key_points', 0, `Ce que le groupe ${i + 1} retient : `.repeat(12));
            await svc.addAction(forum, staff, theme.id, {
              kind: 'action',
              title: `Action ${i + 1} : un groupement d'achat de vélos à assistance électrique`,
              carrier: `Porteur ${i}`,
              partners: '',
              due: '',
            });
          }
        }
        if (phase === 'convergence') {
          const actions = await reader.actionViews(forum);
          for (let v = 0; v < 12; v++) {
            const { participant } = await svc.join(forum, { code: forum.join_code, name: `Votant ${v}`, organisation: '' }, null);
            for (let d = 0; d < 3; d++) await svc.vote(forum, { participant, user: null }, actions[(v + d * d) % actions.length].id, false);
          }
        }
        if (phase === 'sessions') {
          // The room's timer and a long announcement in the header from now on: the screens still fit.
          await svc.startTimer(forum, facilitator, { minutes: 45, label: 'Deuxième session' });
          await svc.announce(
            forum,
            facilitator,
            `Retour en cercle à 16h dans l'amphithéâtre Marie-Marvingt : apportez vos comptes-rendus, ${'les porteur·euse·s présentent en deux minutes chacun·e, '.repeat(3)}`,
          );
        }
        for (const viewport of VIEWPORTS) {
          const page = await site.newPage(viewport);
          await page.goto(`/forums/${forum.slug}/mur`);
          await page.getByText('● En direct').waitFor();
          const { problems, count } = await overflowsOfEveryScreen(page);
          expect(problems, `${phase} at ${viewport.width}×${viewport.height}`).toEqual([]);
          seen[phase] = count;
          await page.context().close();
        }
      }
      // Whatever did not fit one screen went to another: the whole agenda, every slot, every report.
      expect(seen.marketplace).toBe(4);
      expect(seen.sessions).toBe(5);
      expect(seen.convergence).toBe(1 + 10);
      expect(seen.closed).toBe(2 + 10);
    });

    it('turns its screens by itself, by the pager, and without JavaScript by reloading the next one; axe clean', async () => {
      const svc = site.app.services.forum.service;
      forum = await svc.byId(forum.id);
      const page = await site.newPage({ width: 1280, height: 720 });
      await page.goto(`/forums/${forum.slug}/mur`);
      await page.getByText('● En direct').waitFor();
      const shown = () => page.locator('.wall-screen:not([hidden])').getAttribute('data-key');
      const first = await shown();
      await page.getByRole('link', { name: 'Écran suivant' }).click();
      expect(await shown()).not.toBe(first);
      await page.getByText('Écran 2 sur').waitFor();
      await page.getByRole('button', { name: 'Arrêter le défilement' }).click();
      await page.getByRole('button', { name: 'Reprendre le défilement' }).waitFor();
      await expectNoAxeViolations(page);
      // Without JavaScript: the screen asked for, and a refresh that moves to the next one.
      const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 }, javaScriptEnabled: false, baseURL: site.baseUrl, locale: 'fr-FR' });
      const bare = await context.newPage();
      await bare.goto(`/forums/${forum.slug}/mur?ecran=3`);
      expect(await bare.locator('.wall-screen:not([hidden])').count()).toBe(1);
      expect(await bare.locator('.wall-screen:not([hidden])').getAttribute('data-key')).toBe('reports-1');
      expect(await bare.locator('noscript').first().innerHTML()).toContain(`url=/forums/${forum.slug}/mur?ecran=4`);
      await context.close();
    });
  });
}
