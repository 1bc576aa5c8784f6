import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { Forum } from './forum.service.ts';
import { createAccount } from '../accounts/accounts.test-helpers.ts';

const facilitator: CurrentUser = { id: 'fac-1', sessionId: 's', name: 'Camille Animatrice', email: 'c@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };

describeEachDatabase('forum ouvert', (kind) => {
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());

  const forumSvc = () => app.services.forum.service;

  async function newForum(phase: Forum['phase'] = 'marketplace', spaces = 'Salle Nord (30)\nSalle Sud (10)', by: CurrentUser = facilitator) {
    n++;
    return forumSvc().create(
      {
        title: `Forum test ${n}`,
        slug: `forum-test-${kind}-${n}`,
        question: 'Quelles coopérations pour accélérer les transitions ?',
        place: 'Arras',
        starts_on: '2027-03-12',
        event: '',
        slots: '10h-11h\n11h15-12h15',
        spaces,
        votes: 2,
        phase,
      },
      by,
    );
  }

  async function join(forum: Forum, name: string) {
    const agent = new Agent(app.server);
    const res = await agent.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/participer`, { code: forum.join_code, name, organisation: 'CC Test' });
    expect(res.statusCode).toBe(303);
    return agent;
  }

  async function setPhase(forum: Forum, to: Forum['phase']) {
    await app.services.forum.service.db.updateTable('forums').set({ phase: to }).where('id', '=', forum.id).execute();
    return forumSvc().byId(forum.id);
  }

  it('lets someone join on a phone with the code and a name, and refuses a wrong code keeping what was typed', async () => {
    const forum = await newForum();
    const agent = new Agent(app.server);
    const bad = await agent.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/participer`, { code: 'ZZZZZZ', name: 'Léa Martin', organisation: '' });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('Ce code ne correspond pas à ce forum');
    expect(bad.body).toContain('value="Léa Martin"');
    const ok = await agent.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/participer`, { code: forum.join_code.toLowerCase(), name: 'Léa Martin', organisation: '' });
    expect(ok.statusCode).toBe(303);
    const page = await agent.follow(ok);
    expect(textOf(page.body)).toContain('Vous participez en tant que Léa Martin');
  });

  it('puts a proposed theme on the wall, and refuses proposals once the marketplace is closed with a clear message', async () => {
    let forum = await newForum();
    const phone = await join(forum, 'Karim');
    const res = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: 'Mobiliser les élu·e·s', description: 'Comment embarquer le conseil ?' });
    expect(res.statusCode).toBe(303);
    const wall = await new Agent(app.server).get(`/forums/${forum.slug}/mur`);
    expect(textOf(wall.body)).toContain('Mobiliser les élu·e·s');
    expect(textOf(wall.body)).toContain(forum.join_code);
    forum = await setPhase(forum, 'sessions');
    const refused = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: 'Trop tard', description: '' });
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain("La place du marché n'est pas ouverte");
  });

  it('refuses out-of-phase actions: interest after the marketplace, groups before sessions, votes outside convergence, proceedings before closing', async () => {
    let forum = await newForum();
    const phone = await join(forum, 'Inès');
    const themeId = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Énergie citoyenne', description: '', convener: 'Paul', queue: false });
    const group = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${themeId}/rejoindre`, {});
    expect(group.statusCode).toBe(409);
    expect(textOf(group.body)).toContain('On rejoint ou on quitte un groupe pendant les sessions de travail');
    forum = await setPhase(forum, 'sessions');
    const interest = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${themeId}/interet`, {});
    expect(interest.statusCode).toBe(409);
    expect(textOf(interest.body)).toContain("L'intérêt pour les thèmes se marque pendant la place du marché");
    await expect(forumSvc().publishProceedings(forum, facilitator, {} as never)).rejects.toMatchObject({ messageKey: 'forum.refused.proceedings' });
    await expect(forumSvc().setPhase(forum, facilitator, 'sessions', 'closed')).rejects.toMatchObject({ messageKey: 'forum.refused.phaseJump' });
  });

  it('keeps a group history of moves (law of two feet) and shows live group sizes', async () => {
    const forum = await setPhase(await newForum(), 'sessions');
    const a = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'A', description: '', convener: '', queue: false });
    const b = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'B', description: '', convener: '', queue: false });
    const phone = await join(forum, 'Nora');
    await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${a}/rejoindre`, {});
    await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${b}/rejoindre`, {});
    const state = await app.services.forum.reader.wallState(forum);
    expect(state.themes.find((t) => t.id === a)!.size).toBe(0);
    expect(state.themes.find((t) => t.id === b)!.size).toBe(1);
    expect(state.forum.groups).toBe(2);
  });

  it('merges two themes keeping both conveners, participants, interest and report text', async () => {
    let forum = await newForum();
    const p1 = await join(forum, 'Alice');
    const p2 = await join(forum, 'Bruno');
    await p1.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: 'Coopérer avec les entreprises', description: '' });
    await p2.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: 'Entreprises et PCAET', description: 'Les clubs climat' });
    let state = await app.services.forum.reader.wallState(forum);
    const [t1, t2] = state.themes;
    await p2.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${t1.id}/interet`, {});
    forum = await setPhase(forum, 'sessions');
    await p2.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${t2.id}/rejoindre`, {});
    const r = await forumSvc().saveSection(forum, { participant: null, user: facilitator }, t2.id, 'key_points', 0, 'Les entreprises attendent un interlocuteur unique.');
    expect(r.ok).toBe(true);
    await forumSvc().mergeThemes(forum, facilitator, t2.id, t1.id);
    state = await app.services.forum.reader.wallState(forum);
    expect(state.themes.map((t) => t.id)).toEqual([t1.id]);
    const merged = state.themes[0];
    expect(merged.conveners.sort()).toEqual(['Alice', 'Bruno']);
    expect(merged.size).toBe(1);
    expect(merged.interest).toBe(1);
    const report = await app.services.forum.reader.report(forum, t1.id);
    expect(report.sections.find((s) => s.section === 'key_points')!.body).toContain('interlocuteur unique');
    const old = await new Agent(app.server).get(`/forums/${forum.slug}/themes/${t2.id}`);
    expect(old.statusCode).toBe(303);
  });

  it('never creates a conflict when placing automatically: one theme per cell, no convener in two places, bigger rooms for more interest', async () => {
    const forum = await newForum('marketplace', 'Grande salle (40)\nPetite salle (8)');
    const people = await Promise.all(['P1', 'P2', 'P3'].map((name) => join(forum, name)));
    for (const [i, phone] of people.entries()) {
      await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: `Thème ${i} a`, description: '' });
      await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: `Thème ${i} b`, description: '' });
    }
    let state = await app.services.forum.reader.wallState(forum);
    const popular = state.themes.find((t) => t.title === 'Thème 2 b')!;
    for (const phone of people) await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${popular.id}/interet`, {});
    const result = await forumSvc().placeAutomatically(forum, facilitator);
    expect(result).toEqual({ placed: 4, unplaced: 2 });
    state = await app.services.forum.reader.wallState(forum);
    const placed = state.themes.filter((t) => t.slotId);
    expect(new Set(placed.map((t) => `${t.slotId}|${t.spaceId}`)).size).toBe(placed.length);
    for (const slot of state.slots) {
      const conveners = placed.filter((t) => t.slotId === slot.id).flatMap((t) => t.convenerIds);
      expect(new Set(conveners).size).toBe(conveners.length);
    }
    expect(state.spaces.find((s) => s.id === state.themes.find((t) => t.id === popular.id)!.spaceId)!.name).toBe('Grande salle');
    // A convener placing by hand into a busy slot is refused too.
    const mine = state.themes.find((t) => t.conveners[0] === 'P1' && !t.slotId) ?? state.themes.find((t) => t.conveners[0] === 'P1')!;
    const other = state.themes.find((t) => t.conveners[0] === 'P1' && t.id !== mine.id)!;
    if (other.slotId) {
      const freeSpace = state.spaces.find((s) => !placed.some((t) => t.slotId === other.slotId && t.spaceId === s.id));
      if (freeSpace) {
        await expect(forumSvc().placeTheme(forum, { participant: null, user: facilitator }, mine.id, { slotId: other.slotId, spaceId: freeSpace.id })).rejects.toMatchObject({
          messageKey: 'forum.place.convenerBusy',
        });
      }
    }
  });

  it('loses nothing when two writers save the same report section: the second is told and shown both texts', async () => {
    const forum = await setPhase(await newForum(), 'sessions');
    const themeId = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Mobilité rurale', description: '', convener: '', queue: false });
    const w1 = await join(forum, 'Writer One');
    const w2 = await join(forum, 'Writer Two');
    const page = `/forums/${forum.slug}/themes/${themeId}`;
    const action = `${page}/compte-rendu/key_points`;
    const first = await w1.submit(page, action, { body: 'Texte de la première personne', version: '0' });
    expect(first.statusCode).toBe(303);
    const second = await w2.submit(page, action, { body: 'Texte de la seconde personne', version: '0' });
    expect(second.statusCode).toBe(409);
    const text = textOf(second.body);
    expect(text).toContain("Quelqu'un a modifié cette partie pendant que vous écriviez");
    expect(text).toContain('Texte de la première personne');
    expect(text).toContain('Texte de la seconde personne');
    const report = await app.services.forum.reader.report(forum, themeId);
    expect(report.sections.find((s) => s.section === 'key_points')!.body).toBe('Texte de la première personne');
    // The resent draft of the first writer (lost connection) is not a conflict.
    const again = await w1.post(action, { _csrf: 'x', body: 'Texte de la première personne', version: '0' }, { accept: 'application/json', 'x-csrf-token': '' });
    expect([200, 403]).toContain(again.statusCode);
  });

  it('shows hostile text (HTML, scripts, 10,000 characters, emoji, right-to-left) as text, on the wall and the report page', async () => {
    const forum = await newForum();
    const phone = await join(forum, '<img src=x onerror=alert(1)>');
    const hostile = `<script>alert("x")</script><b>gras</b> 🌍🔥 مرحبا بالعالم ${'x'.repeat(9_900)}`;
    const res = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: '<script>alert(1)</script> Climat 🌍 שלום', description: hostile });
    expect(res.statusCode).toBe(303);
    const tooLong = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: 'y'.repeat(10_000), description: '' });
    expect(tooLong.statusCode).toBe(400);
    expect(textOf(tooLong.body)).toContain('Texte trop long (200 caractères au maximum)');
    for (const url of [`/forums/${forum.slug}/mur`, `/forums/${forum.slug}`, `/forums/${forum.slug}/participer`]) {
      const page = url.endsWith('participer') ? await phone.get(url) : await new Agent(app.server).get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
      expect(textOf(page.body)).toContain('<script>alert(1)</script> Climat 🌍 שלום');
    }
  });

  it('publishes the proceedings with every report, its action plan, comments and the vote, as HTML and PDF', async () => {
    let forum = await setPhase(await newForum(), 'sessions');
    const t1 = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Coopération entre EPCI', description: '', convener: 'Hélène', queue: false });
    const t2 = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Former les élu·e·s', description: '', convener: 'Marc', queue: false });
    const phone = await join(forum, 'Zoé');
    await forumSvc().saveSection(forum, { participant: null, user: facilitator }, t1, 'key_points', 0, 'Mutualiser un poste de chargé de mission.');
    await phone.submit(`/forums/${forum.slug}/themes/${t2}`, `/forums/${forum.slug}/themes/${t2}/actions`, {
      kind: 'action',
      title: 'Cycle de formation climat',
      carrier: 'Région',
      partners: 'CNFPT',
      due: 'juin 2020',
    });
    await phone.submit(`/forums/${forum.slug}/themes/${t2}`, `/forums/${forum.slug}/themes/${t2}/commentaires`, { body: 'Penser aussi aux agents.' });
    forum = await setPhase(forum, 'convergence');
    const actions = await app.services.forum.reader.actionViews(forum);
    await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/votes`, { action: actions[0].id });
    await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/votes`, { action: actions[0].id });
    const third = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/votes`, { action: actions[0].id });
    expect(third.statusCode).toBe(409);
    expect(textOf(third.body)).toContain('Vous avez déjà donné vos 2 gommettes');
    forum = await setPhase(forum, 'closed');
    const staff = app.services.forum.reader;
    const model = await staff.proceedings(forum, (k, p) => k + JSON.stringify(p ?? ''), 'fr');
    const pdf = await forumSvc().publishProceedings(forum, facilitator, model);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const res = await new Agent(app.server).get(`/forums/${forum.slug}/actes.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(res.rawPayload) }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) text += `${(await (await doc.getPage(i)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(' ')}\n`;
    for (const expected of ['Coopération entre EPCI', 'Former les élu·e·s', 'Mutualiser un poste', 'Cycle de formation climat', 'Penser aussi aux agents'])
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    const html = await new Agent(app.server).get(`/forums/${forum.slug}/actes`);
    expect(textOf(html.body)).toContain('Cycle de formation climat');
    expect(textOf(html.body)).toContain('Cycle de formation climat — 2 gommette(s)');
  });

  it('never stores more dot-votes than the limit when one person votes many times at once', async () => {
    let forum = await setPhase(await newForum(), 'sessions');
    const themeId = await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Sobriété', description: '', convener: '', queue: false });
    await join(forum, 'Vite');
    await forumSvc().addAction(forum, { participant: null, user: facilitator }, themeId, { kind: 'action', title: 'Pédibus', carrier: 'Mairie', partners: '', due: '' });
    forum = await setPhase(forum, 'convergence');
    const [action] = await app.services.forum.reader.actionViews(forum);
    const p = await forumSvc()
      .db.selectFrom('forum_participants')
      .select(['id', 'name', 'organisation', 'forum_id'])
      .where('forum_id', '=', forum.id)
      .where('name', '=', 'Vite')
      .executeTakeFirstOrThrow();
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => forumSvc().vote(forum, { participant: p, user: null }, action.id, false)));
    const stored = await forumSvc().db.selectFrom('forum_votes').select('id').where('participant_id', '=', p.id).execute();
    expect(stored.length).toBe(forum.votes_per_person);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(forum.votes_per_person);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ messageKey: 'forum.refused.noVotesLeft' });
  });

  it('exports the themes, comments and report edits of a person, and erases their name from all of them with the account', async () => {
    const person = await createAccount(app, { name: 'Odile Effacée' });
    const animator = await createAccount(app, { name: 'Anim Effacé', role: 'animator' });
    const asUser = (a: { id: string; email: string }, name: string, role: CurrentUser['role']): CurrentUser => ({
      id: a.id,
      sessionId: 's',
      name,
      email: a.email,
      role,
      membership: 'approved',
      lang: 'fr',
    });
    const fac = asUser(animator, 'Anim Effacé', 'animator');
    let forum = await newForum('marketplace', 'Salle (10)', fac);
    const { participant } = await forumSvc().join(forum, { code: forum.join_code, name: 'Odile Effacée', organisation: 'Asso Secrète' }, asUser(person, 'Odile Effacée', 'user'));
    const me = { participant, user: null };
    const themeId = await forumSvc().proposeTheme(forum, me, { title: 'Jardins partagés', description: 'Mon idée', convener: '', queue: false });
    forum = await setPhase(forum, 'sessions');
    expect((await forumSvc().saveSection(forum, me, themeId, 'key_points', 0, 'Mes points clés')).ok).toBe(true);
    expect((await forumSvc().saveSection(forum, { participant: null, user: fac }, themeId, 'proposals', 0, 'Propositions animées')).ok).toBe(true);
    await forumSvc().addComment(forum, me, themeId, 'Mon commentaire');
    await forumSvc().addComment(forum, { participant: null, user: fac }, themeId, 'Commentaire animé');

    // A section saved before authorship was recorded carries only the name.
    await forumSvc()
      .db.updateTable('forum_report_sections')
      .set({ body: 'Questions anciennes', updated_by: 'Odile Effacée' })
      .where('theme_id', '=', themeId)
      .where('section', '=', 'questions')
      .execute();
    const exported = JSON.stringify((await app.services.accounts.service.exportData(person.id)).modules);
    for (const expected of ['Jardins partagés', 'Questions anciennes', 'Mes points clés', 'Mon commentaire', 'Asso Secrète']) expect(exported).toContain(expected);
    const exportedFac = JSON.stringify((await app.services.accounts.service.exportData(animator.id)).modules);
    for (const expected of ['Propositions animées', 'Commentaire animé']) expect(exportedFac).toContain(expected);

    await app.services.accounts.service.deleteAccount(person.id);
    await app.services.accounts.service.deleteAccount(animator.id);
    const report = await app.services.forum.reader.report(forum, themeId);
    const visible = JSON.stringify(report);
    expect(visible).toContain('Mes points clés');
    for (const name of ['Odile Effacée', 'Anim Effacé', 'Asso Secrète']) expect(visible).not.toContain(name);
    const db = forumSvc().db;
    const leftovers = JSON.stringify([
      await db.selectFrom('forum_report_sections').selectAll().where('theme_id', '=', themeId).execute(),
      await db.selectFrom('forum_comments').selectAll().where('theme_id', '=', themeId).execute(),
      await db.selectFrom('forum_participants').selectAll().where('forum_id', '=', forum.id).execute(),
      await db.selectFrom('forum_facilitators').selectAll().where('forum_id', '=', forum.id).execute(),
    ]);
    for (const name of ['Odile Effacée', 'Anim Effacé', 'Asso Secrète']) expect(leftovers).not.toContain(name);
  });

  it('keeps facilitator pages for animators only', async () => {
    const forum = await newForum();
    const res = await new Agent(app.server).get(`/admin/forums/${forum.id}`);
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toContain('/connexion');
  });

  it('serves the wall without its page, so the live wall swaps in the server-drawn parts that changed', async () => {
    const forum = await newForum();
    await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Dessiné par le serveur', description: '', convener: 'Paul', queue: false });
    const res = await new Agent(app.server).get(`/forums/${forum.slug}/mur/direct`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain('<html');
    for (const part of ['wall-head', 'wall-screens', 'wall-queue', 'wall-pager']) {
      expect(res.body).toMatch(new RegExp(`id="${part}"[^>]*data-live`));
    }
    expect(textOf(res.body)).toContain('Dessiné par le serveur');
    expect(textOf(res.body)).toContain('Paul');
  });

  it('streams a new theme to the wall over SSE', async () => {
    const forum = await newForum();
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.server.address() as { port: number };
    const ctrl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${address.port}/forums/${forum.slug}/flux`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    let buffer = '';
    const until = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!buffer.includes(needle) && Date.now() < deadline) buffer += new TextDecoder().decode((await reader.read()).value);
      return buffer.includes(needle);
    };
    expect(await until('event: snapshot')).toBe(true);
    await forumSvc().proposeTheme(forum, { participant: null, user: facilitator }, { title: 'Arrivé en direct', description: '', convener: '', queue: false });
    expect(await until('Arrivé en direct')).toBe(true);
    expect(buffer).toContain('event: patch');
    ctrl.abort();
  });
});
