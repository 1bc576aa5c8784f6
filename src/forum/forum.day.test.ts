import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, csrfFrom, textOf } from '../../test/agent.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { Forum } from './forum.service.ts';
import { createAccount, signIn } from '../accounts/accounts.test-helpers.ts';

const facilitator: CurrentUser = { id: 'fac-day', sessionId: 's', name: 'Camille Animatrice', email: 'jour@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };
const staff = { participant: null, user: facilitator };

/** Issue 12 on the day: phones answered next to the tap, and nothing typed lost when the forum closes. */
describeEachDatabase('forum ouvert on the day', (kind) => {
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());

  const svc = () => app.services.forum.service;

  async function newForum(phase: Forum['phase']) {
    n++;
    return svc().create(
      {
        title: `Forum du jour ${n}`,
        slug: `forum-jour-${kind}-${n}`,
        question: 'Que faire ensemble ?',
        place: 'Douai',
        starts_on: '2027-03-12',
        event: '',
        slots: '10h-11h',
        spaces: 'Salle Nord (30)\nSalle Sud (10)',
        votes: 2,
        phase,
      },
      facilitator,
    );
  }

  async function join(forum: Forum, name: string) {
    const agent = new Agent(app.server);
    const res = await agent.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/participer`, { code: forum.join_code, name, organisation: '' });
    expect(res.statusCode).toBe(303);
    return agent;
  }

  const closedMinutesAgo = (forum: Forum, minutes: number) =>
    svc()
      .db.updateTable('forums')
      .set({ phase: 'closed', phase_changed_at: new Date(Date.now() - minutes * 60_000).toISOString() })
      .where('id', '=', forum.id)
      .execute();

  it('brings a tap back to its card without JavaScript, with the answer in it; unknown answers in the address are ignored', async () => {
    const forum = await newForum('marketplace');
    const id = await svc().proposeTheme(forum, staff, { title: 'Jardins partagés', description: '', convener: 'Paul', queue: false });
    const phone = await join(forum, 'Aïcha');
    const res = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes/${id}/interet`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/forums/${forum.slug}/participer?fait=forum.note.interestOn&sur=theme-${id}#theme-${id}`);
    const page = await phone.follow(res);
    const card = /<li id="theme-[^"]+"[\s\S]*?<\/li>/.exec(page.body)![0];
    expect(textOf(card)).toContain('Intérêt noté.');
    const forged = await phone.get(`/forums/${forum.slug}/participer?fait=%3Cscript%3E&sur=theme-${id}`);
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toContain('&lt;script');
    expect(textOf(forged.body)).not.toContain('Intérêt noté.');
  });

  it('answers a refusal inside the card it is about, focused, instead of at the top of the page', async () => {
    const forum = await newForum('sessions');
    const themeId = await svc().proposeTheme(forum, staff, { title: 'Mobilités', description: '', convener: '', queue: false });
    const actionId = await svc().addAction(forum, staff, themeId, { kind: 'action', title: 'Un car le samedi', carrier: '', partners: '', due: '' });
    await app.services.forum.service.db.updateTable('forums').set({ phase: 'convergence' }).where('id', '=', forum.id).execute();
    const phone = await join(forum, 'Bruno');
    for (let i = 0; i < 2; i++) expect((await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/votes`, { action: actionId })).statusCode).toBe(303);
    // The page no longer offers a third dot…
    const page = await phone.get(`/forums/${forum.slug}/participer`);
    expect(page.body).toMatch(new RegExp(`id="vote-${actionId}"[^>]*disabled`));
    // …and a third dot sent anyway is refused in the action's card, which takes the focus.
    const third = await phone.post(`/forums/${forum.slug}/votes`, { _csrf: csrfFrom(page.body)!, action: actionId });
    expect(third.statusCode).toBe(409);
    const note = new RegExp(`<p class="forum-note is-refused" id="note-action-${actionId}" role="status"[^>]*autofocus[^>]*>([^<]*)</p>`).exec(third.body);
    expect(note?.[1]).toContain('Vous avez déjà donné vos 2 gommettes');
  });

  it('keeps taking report text for 15 minutes after closing, then refuses it in words and gives the text back', async () => {
    const forum = await newForum('sessions');
    const themeId = await svc().proposeTheme(forum, staff, { title: 'Énergie', description: '', convener: 'Paul', queue: false });
    const scribe = await join(forum, 'Chloé');
    const url = `/forums/${forum.slug}/themes/${themeId}`;
    const page = await scribe.get(url);
    const token = csrfFrom(page.body)!;
    await closedMinutesAgo(forum, 3);
    const late = await scribe.post(`${url}/compte-rendu/key_points`, { _csrf: token, version: '0', body: 'Les dernières lignes, tapées pendant la clôture.' }, { accept: 'application/json' });
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ ok: true });
    expect(textOf((await scribe.get(url)).body)).toContain('Le forum est clos : ce compte-rendu accepte encore vos ajouts');

    await closedMinutesAgo(forum, 16);
    const tooLate = await scribe.post(`${url}/compte-rendu/key_points`, { _csrf: token, version: '1', body: 'Encore une ligne.' }, { accept: 'application/json' });
    expect(tooLate.statusCode).toBe(409);
    const answer = tooLate.json();
    expect(answer.message).toContain('les 15 minutes laissées pour finir les comptes-rendus sont passées');
    expect(JSON.stringify(answer)).not.toMatch(/"conflict"|"error"/);
    // Without JavaScript: the page comes back with the reason and the text to copy.
    const form = await scribe.post(`${url}/compte-rendu/key_points`, { _csrf: token, version: '1', body: 'Encore une ligne.' });
    expect(form.statusCode).toBe(409);
    expect(textOf(form.body)).toContain("Votre texte n'est pas enregistré");
    expect(form.body).toMatch(/<textarea id="unsaved-text" readonly[^>]*>Encore une ligne\.<\/textarea>/);
    expect((await app.services.forum.reader.report(await svc().byId(forum.id), themeId)).sections.find((s) => s.section === 'key_points')!.body).toBe(
      'Les dernières lignes, tapées pendant la clôture.',
    );
  });

  it('warns the facilitator that reports are being written before closing, and closes once confirmed', async () => {
    const forum = await newForum('sessions');
    const themeId = await svc().proposeTheme(forum, staff, { title: 'Alimentation', description: '', convener: 'Paul', queue: false });
    await svc().db.updateTable('forums').set({ phase: 'convergence' }).where('id', '=', forum.id).execute();
    const scribe = await join(forum, 'Driss');
    const page = await scribe.get(`/forums/${forum.slug}/themes/${themeId}`);
    const typing = await scribe.post(`/forums/${forum.slug}/themes/${themeId}/compte-rendu/ecriture`, { _csrf: csrfFrom(page.body)! });
    expect(typing.statusCode).toBe(204);

    const animator = await createAccount(app, { role: 'animator', name: 'Anim Jour' });
    const admin = new Agent(app.server);
    await signIn(admin, animator.email, animator.password);
    const dashboard = await admin.get(`/admin/forums/${forum.id}`);
    expect(textOf(dashboard.body)).toContain('1 compte(s)-rendu(s) en cours de rédaction : « Alimentation »');
    const refused = await admin.post(`/admin/forums/${forum.id}/phase`, { _csrf: csrfFrom(dashboard.body)!, from: 'convergence', to: 'closed' });
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('Cochez « Clore quand même » pour clore');
    expect((await svc().byId(forum.id)).phase).toBe('convergence');
    const closed = await admin.post(`/admin/forums/${forum.id}/phase`, { _csrf: csrfFrom(dashboard.body)!, from: 'convergence', to: 'closed', confirm: '1' });
    expect(closed.statusCode).toBe(303);
    expect((await svc().byId(forum.id)).phase).toBe('closed');
  });
});
