import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';
import { databaseKinds } from '../test/harness.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import type { Forum } from '../src/forum/forum.service.ts';

const facilitator: CurrentUser = { id: 'e2e-phone', sessionId: 's', name: 'Camille Animatrice', email: 'tel.forum@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };
const staff = { participant: null, user: facilitator };
const PHONE = { width: 390, height: 844 };

/** Marks this load of the page: a reload would wipe the mark. */
const markLoad = (page: Page) => page.evaluate(() => Object.assign(window, { __sameLoad: true }));
const sameLoad = (page: Page) => page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad === true);

for (const kind of databaseKinds()) {
  describeBrowser(`forum ouvert on a phone [${kind}]`, () => {
    let site: Site;
    let n = 0;
    beforeAll(async () => {
      site = await startSite({ db: kind });
    });
    afterAll(() => site?.close());

    const svc = () => site.app.services.forum.service;

    async function newForum(phase: Forum['phase'], themes: number): Promise<Forum> {
      n++;
      const forum = await svc().create(
        {
          title: `Forum téléphone ${n}`,
          slug: `forum-tel-${n}`,
          question: 'Que faire ensemble ?',
          place: 'Lens',
          starts_on: '2027-03-12',
          event: '',
          slots: '10h-11h\n11h15-12h15\n14h-15h',
          spaces: 'Salle A (30)\nSalle B (30)\nSalle C (30)',
          votes: 3,
          phase,
        },
        facilitator,
      );
      for (let i = 1; i <= themes; i++) {
        await svc().proposeTheme(forum, staff, { title: `Thème ${i} : des idées pour le territoire`, description: 'Une ligne pour dire de quoi on parle.', convener: `Porteur ${i}`, queue: false });
      }
      return forum;
    }

    async function phone(forum: Forum, name: string, javaScriptEnabled = true) {
      const context = await site.browser.newContext({ viewport: PHONE, locale: 'fr-FR', baseURL: site.baseUrl, javaScriptEnabled });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(`/forums/${forum.slug}/participer?code=${forum.join_code}`);
      await page.getByLabel('Votre nom').fill(name);
      await page.getByRole('button', { name: 'Entrer dans le forum' }).click();
      await page.getByText(`Vous participez en tant que ${name}`).waitFor();
      return { context, page };
    }

    /** Taps a button far down the page and checks that the phone did not move nor reload. */
    async function tapInPlace(page: Page, card: string, button: string, answer: string) {
      const item = page.locator(`#${card}`);
      // The card a third of the way down the screen, its buttons in sight (the tap itself scrolls nothing).
      await item.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 250));
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(800);
      const top = (await item.boundingBox())!.y;
      await item.getByRole('button', { name: button }).click();
      await item.locator('.forum-note').getByText(answer).waitFor();
      // What was tapped is where it was on the screen (an older answer cleared above it may move the page under it, not it).
      expect(Math.abs((await item.boundingBox())!.y - top)).toBeLessThan(2);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 200);
      expect(await sameLoad(page)).toBe(true);
    }

    it('taps interest far down the page and three dots far down the list: the phone keeps its place, the answer is next to the button, buttons go grey when no dot is left', async () => {
      const forum = await newForum('marketplace', 24);
      const { page } = await phone(forum, 'Aline');
      await markLoad(page);
      const ids = (await site.app.services.forum.reader.wallState(forum)).themes.map((t) => t.id);
      await tapInPlace(page, `theme-${ids[20]}`, "Ça m'intéresse", 'Intérêt noté.');
      // The focus stayed on the button, now saying the other thing.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ne plus marquer mon intérêt');
      const theme = (await site.app.services.forum.reader.themeCards(forum, [ids[20]]))[0];
      expect(theme.interest).toBe(1);
      await expectNoAxeViolations(page);

      // Convergence: twenty actions to vote on, three dots each.
      await svc().setPhase(forum, facilitator, 'marketplace', 'sessions');
      const sessions = await svc().byId(forum.id);
      for (const [i, id] of ids.slice(0, 20).entries()) {
        await svc().addAction(sessions, staff, id, { kind: 'action', title: `Action ${i + 1}`, carrier: '', partners: '', due: '' });
      }
      await svc().setPhase(sessions, facilitator, 'sessions', 'convergence');
      // The phase change reloads the phone on its own.
      await page.getByRole('heading', { name: 'Voter pour les actions et propositions' }).waitFor();
      await markLoad(page);
      const actions = await site.app.services.forum.reader.actionViews(await svc().byId(forum.id));
      await tapInPlace(page, `action-${actions[15].id}`, 'Donner une gommette', 'Gommette donnée. Il vous en reste 2.');
      await tapInPlace(page, `action-${actions[17].id}`, 'Donner une gommette', 'Gommette donnée. Il vous en reste 1.');
      await tapInPlace(page, `action-${actions[17].id}`, 'Donner une gommette', 'Gommette donnée. Il vous en reste 0.');
      await page.getByText('Il vous reste 0 gommette(s) sur 3.').waitFor();
      expect(await page.locator('button:has-text("Donner une gommette"):not([disabled])').count()).toBe(0);
      expect(
        await page
          .locator(`#action-${actions[17].id}`)
          .getByRole('button', { name: /Retirer une gommette \(2\)/ })
          .isEnabled(),
      ).toBe(true);
      await expectNoAxeViolations(page);
    });

    it('announces a refusal next to the control, with and without JavaScript', async () => {
      const forum = await newForum('marketplace', 8);
      const a = await phone(forum, 'Bastien');
      const b = await phone(forum, 'Chantal');
      const nojs = await phone(forum, 'Driss', false);
      const propose = async (page: Page, title: string) => {
        await page.getByLabel('Titre du thème').fill(title);
        await page.getByRole('button', { name: 'Proposer ce thème' }).click();
      };
      await propose(a.page, 'Le thème de Bastien');
      await a.page.locator('.forum-note', { hasText: 'Votre thème est sur le mur.' }).first().waitFor();
      await propose(b.page, 'Le thème de Chantal');
      await b.page.locator('.forum-note', { hasText: 'Votre thème est sur le mur.' }).first().waitFor();
      await propose(nojs.page, 'Le thème de Driss');
      // Without JavaScript the redirect comes back to the new theme's card, with the answer in it.
      await nojs.page.waitForURL(/#theme-/);
      const themes = (await site.app.services.forum.reader.wallState(forum)).themes;
      const id = (title: string) => themes.find((t) => t.title === title)!.id;
      expect(nojs.page.url()).toContain(`#theme-${id('Le thème de Driss')}`);
      await nojs.page
        .locator(`#theme-${id('Le thème de Driss')} .forum-note`)
        .getByText('Votre thème est sur le mur.')
        .waitFor();

      // Bastien takes 10h–11h in Salle A; Chantal's page still offers it.
      const cell = 'Salle A';
      for (const { page, title } of [
        { page: a.page, title: 'Le thème de Bastien' },
        { page: b.page, title: 'Le thème de Chantal' },
      ]) {
        const card = page.locator(`#theme-${id(title)}`);
        await card.getByLabel('Créneau et espace').selectOption({ label: `10h–11h · ${cell}` });
      }
      await a.page
        .locator(`#theme-${id('Le thème de Bastien')}`)
        .getByRole('button', { name: 'Placer' })
        .click();
      await a.page
        .locator(`#theme-${id('Le thème de Bastien')} .forum-note`)
        .getByText('Le thème est placé sur le mur.')
        .waitFor();
      const chantal = b.page.locator(`#theme-${id('Le thème de Chantal')}`);
      await markLoad(b.page);
      await chantal.getByRole('button', { name: 'Placer' }).click();
      const refusal = chantal.locator('.forum-note');
      await refusal.getByText('Cet espace est déjà occupé sur ce créneau.').waitFor();
      expect(await refusal.getAttribute('role')).toBe('status');
      expect(await refusal.isVisible()).toBe(true);
      const box = (await refusal.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      expect(await sameLoad(b.page)).toBe(true);

      // Without JavaScript: the page answers with the refusal in the card, and the focus on it brings it on screen.
      const driss = nojs.page.locator(`#theme-${id('Le thème de Driss')}`);
      // Its page was drawn before Bastien placed his theme: it still offers the cell.
      await driss.getByLabel('Créneau et espace').selectOption({ label: `10h–11h · ${cell}` });
      await driss.getByRole('button', { name: 'Placer' }).click();
      await driss.locator('.forum-note').getByText('Cet espace est déjà occupé sur ce créneau.').waitFor();
      expect(await nojs.page.evaluate(() => document.activeElement?.id)).toBe(`note-theme-${id('Le thème de Driss')}`);
      const nb = (await driss.locator('.forum-note').boundingBox())!;
      expect(nb.y).toBeGreaterThanOrEqual(0);
      expect(nb.y + nb.height).toBeLessThanOrEqual(PHONE.height);
      await expectNoAxeViolations(b.page);
    });

    it('keeps a proposal typed offline on the phone and proposes it when the network returns', async () => {
      const forum = await newForum('marketplace', 2);
      const { context, page } = await phone(forum, 'Elsa');
      await context.setOffline(true);
      await page.getByLabel('Titre du thème').fill('Proposé sans réseau');
      await page.getByRole('button', { name: 'Proposer ce thème' }).click();
      await page.getByText('Hors ligne : votre thème est gardé sur ce téléphone').waitFor();
      expect((await site.app.services.forum.reader.wallState(forum)).themes.map((t) => t.title)).not.toContain('Proposé sans réseau');
      await context.setOffline(false);
      await page.getByText('Le thème gardé hors ligne est proposé').waitFor({ timeout: 12_000 });
      await page.locator('#forum-theme-list').getByRole('link', { name: 'Proposé sans réseau' }).waitFor();
      expect((await site.app.services.forum.reader.wallState(forum)).themes.filter((t) => t.title === 'Proposé sans réseau')).toHaveLength(1);
    });

    it('during the sessions shows my group and my programme first, axe clean', async () => {
      const forum = await newForum('marketplace', 6);
      const { page } = await phone(forum, 'Fanny');
      const state = await site.app.services.forum.reader.wallState(forum);
      await page.locator(`#theme-${state.themes[4].id}`).getByRole('button', { name: "Ça m'intéresse" }).click();
      await page.locator(`#theme-${state.themes[4].id} .forum-note`).getByText('Intérêt noté.').waitFor();
      await svc().placeTheme(forum, staff, state.themes[4].id, { slotId: state.slots[1].id, spaceId: state.spaces[2].id });
      await svc().setPhase(forum, facilitator, 'marketplace', 'sessions');
      await page.getByRole('heading', { name: 'Maintenant, ensuite' }).waitFor();
      const now = page.locator('#now');
      await now.getByRole('heading', { name: 'Mon programme' }).waitFor();
      await now.getByRole('link', { name: state.themes[4].title }).waitFor();
      await page.locator(`#theme-${state.themes[4].id}`).getByRole('button', { name: 'Rejoindre ce groupe' }).click();
      await page.locator(`#theme-${state.themes[4].id} .forum-note`).getByText('Vous avez rejoint ce groupe.').waitFor();
      await now.getByText('Vous êtes dans le groupe :').waitFor();
      await expectNoAxeViolations(page);
    });

    it('warns the facilitator closing while a report is being typed, keeps taking the text for the grace period, and loses nothing after it', async () => {
      const forum = await newForum('sessions', 1);
      const themeId = (await site.app.services.forum.reader.wallState(forum)).themes[0].id;
      await svc().setPhase(forum, facilitator, 'sessions', 'convergence');
      const { page } = await phone(forum, 'Gaëlle');
      await page.goto(`/forums/${forum.slug}/themes/${themeId}`);
      const area = page.getByRole('textbox', { name: 'Points clés des échanges' });
      await area.fill('Première idée du groupe, tapée pendant que la facilitatrice clôt le forum.');

      const desk = await site.newContext();
      await signInAs(site, desk, { email: facilitator.email, name: facilitator.name, role: 'animator' });
      const admin = await desk.newPage();
      await admin.goto(`/admin/forums/${forum.id}`);
      await admin.getByText('1 compte(s)-rendu(s) en cours de rédaction').waitFor();
      await admin.getByRole('button', { name: 'Passer à : Clos' }).click();
      await admin.getByText('Cochez « Clore quand même » pour clore').first().waitFor();
      expect((await svc().byId(forum.id)).phase).toBe('convergence');
      await admin.getByLabel(/Clore quand même/).check();
      await admin.getByRole('button', { name: 'Passer à : Clos' }).click();
      await admin.getByText('Enregistré.').waitFor();
      expect((await svc().byId(forum.id)).phase).toBe('closed');

      // The scribe saves after the closing: taken, within the grace period.
      await page.getByRole('button', { name: 'Enregistrer cette partie' }).nth(1).click();
      await page.getByText('Enregistré.').waitFor();
      const report = async () => (await site.app.services.forum.reader.report(await svc().byId(forum.id), themeId)).sections.find((x) => x.section === 'key_points')!.body;
      expect(await report()).toBe('Première idée du groupe, tapée pendant que la facilitatrice clôt le forum.');

      // After the grace period: refused in words, and the text stays on the phone, shown again after a reload.
      await svc()
        .db.updateTable('forums')
        .set({ phase_changed_at: new Date(Date.now() - 20 * 60_000).toISOString() })
        .where('id', '=', forum.id)
        .execute();
      await area.fill('Première idée du groupe, et une seconde arrivée trop tard.');
      await page.getByRole('button', { name: 'Enregistrer cette partie' }).nth(1).click();
      await page.getByText('les 15 minutes laissées pour finir les comptes-rendus sont passées').waitFor();
      expect(await page.getByText(/conflict/).count()).toBe(0);
      await page.reload();
      const kept = page.getByRole('textbox', { name: /pas enregistré : copiez ce texte/ });
      expect(await kept.inputValue()).toBe('Première idée du groupe, et une seconde arrivée trop tard.');
      expect(await report()).toBe('Première idée du groupe, tapée pendant que la facilitatrice clôt le forum.');
      await expectNoAxeViolations(page);
    });
  });
}
