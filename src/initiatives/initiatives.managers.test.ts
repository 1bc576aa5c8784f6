import { afterAll, beforeAll, expect, it } from 'vitest';
import { textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { callForm, person } from './initiatives.test-helpers.ts';

/** A member of the network (a town, an association gestionnaire) runs its own call: its staff pages, and no other's. */
describeEachDatabase('initiatives: calls run by a member of the network', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());
  const callId = async (title: string) => (await app.platform.db.selectFrom('initiative_calls').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  it('lets an animator appoint a manager, who gets that call’s pages and nothing of another call, until removed', async () => {
    const staff = await person(app, 'animator', 'Camille Animatrice');
    const manager = await person(app, 'user', 'Martine Gestionnaire');
    await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm({ title: 'Fonds de Croix', slug: 'fonds-croix' }));
    await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm({ title: 'Fonds de Roubaix', slug: 'fonds-roubaix' }));
    const croix = await callId('Fonds de Croix');
    const roubaix = await callId('Fonds de Roubaix');

    // Before: a member is no staff of any call.
    expect((await manager.agent.get('/admin/initiatives')).statusCode).toBe(403);
    expect((await manager.agent.get(`/admin/initiatives/${croix}/dossiers`)).statusCode).toBe(404);

    // A typo in the address is said next to the field, the address kept.
    const edit = `/admin/initiatives/${croix}/modifier`;
    const typo = await staff.agent.submit(edit, `/admin/initiatives/${croix}/gestionnaires`, { email: 'martine@', name: '' });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('value="martine@"');
    await staff.agent.submit(edit, `/admin/initiatives/${croix}/gestionnaires`, { email: manager.email, name: '' });
    expect(textOf((await staff.agent.get(edit)).body)).toContain('Martine Gestionnaire');

    const list = await manager.agent.get('/admin/initiatives');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain('Fonds de Croix');
    expect(textOf(list.body)).not.toContain('Fonds de Roubaix');
    expect(textOf(list.body)).not.toContain('Nouvel appel');
    expect((await manager.agent.get(`/admin/initiatives/${croix}/dossiers`)).statusCode).toBe(200);
    expect((await manager.agent.get(`/admin/initiatives/${croix}/versements`)).statusCode).toBe(200);
    expect((await manager.agent.get(`/admin/initiatives/${roubaix}/dossiers`)).statusCode).toBe(404);
    // The network's tools stay the animators'.
    expect((await manager.agent.get('/admin/initiatives/nouveau')).statusCode).toBe(403);
    expect(textOf((await manager.agent.get(edit)).body)).not.toContain('Qui gère cet appel');
    expect((await manager.agent.post(`/admin/initiatives/${croix}/gestionnaires`, { email: 'autre@example.org', name: 'Autre' })).statusCode).toBe(403);
    // Their personal space leads there.
    expect(textOf((await manager.agent.get('/compte')).body)).toContain('Appels que vous gérez (1)');

    await staff.agent.submit(edit, `/admin/initiatives/${croix}/gestionnaires/${manager.id}/retirer`, {});
    expect((await manager.agent.get(`/admin/initiatives/${croix}/dossiers`)).statusCode).toBe(404);
  });

  it('sets the public vote’s window and points from the call form, refusing a window that closes before it opens', async () => {
    const staff = await person(app, 'animator', 'Vote Animatrice');
    const wrong = await staff.agent.submit(
      '/admin/initiatives/nouveau',
      '/admin/initiatives/nouveau',
      callForm({ title: 'Fonds avec vote', slug: 'fonds-vote', vote_enabled: '1', vote_opens_on: '2027-03-10', vote_closes_on: '2027-03-01', vote_points: '5' }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(textOf(wrong.body)).toContain('Le vote ne peut pas se clore avant de s’ouvrir.');
    await staff.agent.submit(
      '/admin/initiatives/nouveau',
      '/admin/initiatives/nouveau',
      callForm({ title: 'Fonds avec vote', slug: 'fonds-vote', vote_enabled: '1', vote_opens_on: '2027-03-01', vote_closes_on: '2027-03-10', vote_points: '5' }),
    );
    const call = await app.platform.db
      .selectFrom('initiative_calls')
      .select(['vote_enabled', 'vote_opens_at', 'vote_closes_at', 'vote_points'])
      .where('slug', '=', 'fonds-vote')
      .executeTakeFirstOrThrow();
    expect(call).toEqual({ vote_enabled: 1, vote_opens_at: '2027-02-28T23:00:00.000Z', vote_closes_at: '2027-03-10T22:59:00.000Z', vote_points: 5 });
  });
});
