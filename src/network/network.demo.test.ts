import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { demoAccounts, loadDemo } from '../demo/demo.ts';
import type { NetworkTables } from './network.tables.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import { postMultipart, signedIn } from './network.test-helpers.ts';

type Db = Kysely<NetworkTables & PlatformTables & { users: { id: string; email: string; membership: string } }>;

describeEachDatabase('network demo data and refused posts', (kind) => {
  let app: TestApp;
  const db = () => app.platform.db as unknown as Db;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await loadDemo(app);
  });
  afterAll(() => app?.destroy());

  it('makes every demo account shown as a member a real member, through an approved request', async () => {
    for (const account of demoAccounts) {
      const user = await db().selectFrom('users').select(['id', 'membership']).where('email', '=', account.email).executeTakeFirstOrThrow();
      expect(user.membership, account.email).toBe(account.membership);
      const member = await db().selectFrom('network_members').select('user_id').where('user_id', '=', user.id).executeTakeFirst();
      expect(Boolean(member), account.email).toBe(account.membership === 'approved');
    }
    const approved = await db().selectFrom('network_requests').select('status').where('email', '=', 'membre@palabre.test').execute();
    expect(approved.map((r) => r.status)).toEqual(['approved']);
    // Replayed decisions mail nobody: their welcome was sent long ago.
    expect(await db().selectFrom('mail_outbox').select('id').where('category', '=', 'network-join').execute()).toHaveLength(0);
  });

  it('lets the demo member choose how to receive the list, post a message and reply', async () => {
    const { agent } = await signedIn(app, 'membre@palabre.test');
    const preferences = await agent.get('/reseau/preferences');
    expect(textOf(preferences.body)).toContain('Un résumé hebdomadaire');
    const saved = await agent.submit('/reseau/preferences', '/reseau/preferences', { delivery: 'weekly', directory: 'oui' });
    expect(saved.statusCode).toBe(303);

    const posted = await postMultipart(agent, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Conseil citoyen : nos fiches', body: 'Voici nos fiches.' });
    expect(posted.statusCode, textOf(posted.body).slice(0, 300)).toBe(303);
    const thread = String(posted.headers.location);
    expect(thread).toMatch(/^\/reseau\/liste\/[0-9a-z]+$/);
    const replied = await postMultipart(agent, app, thread, thread, { body: 'Et la suite la semaine prochaine.' });
    expect(replied.statusCode).toBe(303);
    expect(textOf((await agent.get(thread)).body)).toContain('Et la suite la semaine prochaine.');
  });

  it('gives a refused post back with its text and says why, instead of a bare 403', async () => {
    // Shown as a member by the account, unknown to the network: what the demo member used to be.
    const { agent } = await signedIn(app, 'pas-membre@example.org', 'user', 'approved');
    const res = await postMultipart(agent, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Mon titre', body: 'Un long texte à ne pas perdre.' });
    expect(res.statusCode).toBe(403);
    expect(textOf(res.body)).toContain('Seuls les membres du réseau peuvent écrire sur la liste');
    expect(res.body).toContain('Un long texte à ne pas perdre.');
    expect(res.body).toContain('value="Mon titre"');
    const thread = (await db().selectFrom('network_posts').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id;
    const reply = await postMultipart(agent, app, `/reseau/liste/${thread}`, `/reseau/liste/${thread}`, { body: 'Ma réponse.' });
    expect(reply.statusCode).toBe(403);
    expect(reply.body).toContain('Ma réponse.');
    // Their preferences say so and offer to join, not only to leave.
    const preferences = textOf((await agent.get('/reseau/preferences')).body);
    expect(preferences).toContain("Vous n'êtes pas membre du réseau");
    expect(preferences).toContain('Demander à rejoindre le réseau');
    expect(preferences).not.toContain('Quitter le réseau');
  });

  it('links the charter from the join form to a page of its own', async () => {
    const form = await new Agent(app.server).get('/reseau/adhesion');
    expect(form.body).toMatch(/<label class="checkbox"><input[^>]*name="charter"[^>]*>[^<]*<a href="\/reseau\/charte"/);
    const charter = await new Agent(app.server).get('/reseau/charte');
    expect(charter.statusCode).toBe(200);
    expect(textOf(charter.body)).toContain('Charte du réseau');
    expect(textOf(charter.body)).toContain('garder pour les membres ce qui s’écrit sur la liste');
  });
});
