import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { callForm, person, postFile, projectForm } from './initiatives.test-helpers.ts';
import { mayGivePoint, voteIsOpen } from './initiatives.vote.ts';

it('opens the public vote only when enabled and within its window', () => {
  const call = { vote_enabled: 1, vote_opens_at: '2027-01-01T00:00:00Z', vote_closes_at: '2027-02-01T00:00:00Z', status: 'rolling' as const };
  expect(voteIsOpen(call, '2027-01-15T00:00:00Z')).toBe(true);
  expect(voteIsOpen(call, '2027-02-01T00:00:00Z')).toBe(false);
  expect(voteIsOpen({ ...call, vote_enabled: 0 }, '2027-01-15T00:00:00Z')).toBe(false);
  expect(voteIsOpen({ ...call, vote_opens_at: null, vote_closes_at: null }, '2030-01-01T00:00:00Z')).toBe(true);
  expect(mayGivePoint(2, 3)).toBe(true);
  expect(mayGivePoint(3, 3)).toBe(false);
});

describeEachDatabase('initiatives: the optional public vote', (kind) => {
  let app: TestApp;
  let slug = '';
  let callId = '';
  const files: string[] = [];
  const plain = (s: string) => textOf(s).replace(/[\u00a0\u202f]/g, ' ');
  beforeAll(async () => {
    app = await createTestApp(kind, { env: { LOG_LEVEL: 'error' } });
    const staff = await person(app, 'animator', 'Camille Animatrice');
    expect((await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm())).statusCode).toBe(303);
    const call = await app.platform.db.selectFrom('initiative_calls').selectAll().executeTakeFirstOrThrow();
    slug = call.slug;
    callId = call.id;
    for (const title of ['Jardin de l’Alma', 'Repair café']) {
      const h = await person(app, 'user', 'Porteur');
      const start = await h.agent.submit(`/initiatives/${slug}`, `/initiatives/${slug}/candidature`, {});
      const id = String(start.headers.location).split('/').pop()!;
      expect((await postFile(h.agent, id, (r) => projectForm(r, { title, public: '1', action: 'submit' }))).statusCode).toBe(303);
      const page = `/admin/initiatives/dossiers/${id}`;
      expect((await staff.agent.submit(page, `${page}/recevabilite`, { decision: 'admissible', reason: '' })).statusCode).toBe(303);
      files.push(id);
    }
  });
  afterAll(() => app?.destroy());

  it('is off by default: no vote page', async () => {
    expect((await new Agent(app.server).get(`/initiatives/${slug}/vote`)).statusCode).toBe(404);
  });

  it('gives each person the call’s points, several on one project, one taken back, no more than the budget', async () => {
    await app.platform.db.updateTable('initiative_calls').set({ vote_enabled: 1, vote_points: 3 }).where('id', '=', callId).execute();
    const page = `/initiatives/${slug}/vote`;
    expect(plain((await new Agent(app.server).get(page)).body)).toContain('Connectez-vous pour voter');
    const voter = await person(app, 'user', 'Habitante');
    for (const id of [files[0], files[0], files[1]]) expect((await voter.agent.submit(page, page, { application_id: id, action: 'add' })).statusCode).toBe(303);
    const fourth = await voter.agent.submit(page, page, { application_id: files[1], action: 'add' });
    expect(fourth.statusCode).toBe(409);
    expect(plain(fourth.body)).toContain('Vous avez déjà donné vos 3 points : reprenez-en un pour voter ailleurs.');
    expect((await voter.agent.submit(page, page, { application_id: files[0], action: 'remove' })).statusCode).toBe(303);
    expect((await voter.agent.submit(page, page, { application_id: files[1], action: 'add' })).statusCode).toBe(303);
    const other = await person(app, 'user', 'Voisin');
    expect((await other.agent.submit(page, page, { application_id: files[0], action: 'add' })).statusCode).toBe(303);
    const text = plain((await voter.agent.get(page)).body);
    expect(text).toContain('Il vous reste 0 points.');
    const rows = await app.platform.db.selectFrom('initiative_public_votes').select(['application_id', 'user_id', 'points']).execute();
    const sum = (id: string) => rows.filter((r) => r.application_id === id).reduce((a, r) => a + r.points, 0);
    expect([sum(files[0]), sum(files[1])]).toEqual([2, 2]);
  });

  it('never gives more than the budget when clicks arrive together', async () => {
    const voter = await person(app, 'user', 'Pressée');
    const page = `/initiatives/${slug}/vote`;
    const token = /name="_csrf" value="([^"]+)"/.exec((await voter.agent.get(page)).body)![1];
    const answers = await Promise.all(Array.from({ length: 6 }, () => voter.agent.post(page, { _csrf: token, application_id: files[1], action: 'add' })));
    expect(answers.filter((a) => a.statusCode === 303)).toHaveLength(3);
    const rows = await app.platform.db.selectFrom('initiative_public_votes').select('points').where('user_id', '=', voter.id).execute();
    expect(rows.reduce((a, r) => a + r.points, 0)).toBe(3);
  });

  it('refuses points once the window has closed', async () => {
    await app.platform.db.updateTable('initiative_calls').set({ vote_closes_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', callId).execute();
    const voter = await person(app, 'user', 'Retardataire');
    const page = `/initiatives/${slug}/vote`;
    const res = await voter.agent.submit(page, page, { application_id: files[0], action: 'add' });
    expect(res.statusCode).toBe(409);
    expect(plain(res.body)).toContain('Le vote est fermé.');
  });
});
