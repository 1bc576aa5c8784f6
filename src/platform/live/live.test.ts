import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, databaseKinds, describeEachDatabase, type TestApp } from '../../../test/harness.ts';
import { sessionFor } from '../../admin/admin.test-helpers.ts';
import { openDatabase } from '../db/database.ts';
import { transact } from '../db/transaction.ts';
import { createMemoryBus, createPostgresBus, type Change } from './bus.ts';
import { openSse } from './sse.test-helpers.ts';

async function listen(app: TestApp) {
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
}

async function enqueueOne(app: TestApp, to: string) {
  await transact(app.platform.db, async (trx, afterCommit) => {
    await app.platform.mail.enqueue(trx, { to, lang: 'fr', subject: 'Bienvenue', text: 'Bonjour', html: '<p>Bonjour</p>' });
    afterCommit(() => app.platform.mail.wake());
  });
}

const counts = (data: string) => (JSON.parse(data) as { counts: { pending: number } }).counts;

describe('memory change bus', () => {
  it('delivers a notice to its channel and to "*" listeners, and a broken listener does not stop the others', async () => {
    const bus = createMemoryBus();
    const got: string[] = [];
    bus.subscribe('forum:arras', () => {
      throw new Error('broken view');
    });
    bus.subscribe('forum:arras', (c) => got.push(`forum ${c.data.theme}`));
    bus.subscribe('*', (c) => got.push(`all ${c.channel}`));
    const off = bus.subscribe('agenda', () => got.push('agenda'));
    off();
    await bus.publish('forum:arras', { theme: 'mobilité' });
    await bus.publish('agenda');
    expect(got).toEqual(['forum mobilité', 'all forum:arras', 'all agenda']);
  });
});

describeEachDatabase('live updates over Server-Sent Events', (kind) => {
  it('streams a snapshot, then a change published by a write, to a signed-in animator', async () => {
    const app = await createTestApp(kind);
    try {
      const base = await listen(app);
      const { cookie } = await sessionFor(app, 'animator');
      const client = openSse(`${base}/admin/courriels/flux`, { cookie });
      await client.ready;
      expect(client.status).toBe(200);
      expect(client.contentType).toContain('text/event-stream');
      const snapshot = await client.waitFor((e) => e.event === 'counts');
      expect(counts(snapshot.data).pending).toBe(0);
      expect(JSON.parse(snapshot.data).text).toContain('En attente\u00a0: 0');

      await enqueueOne(app, 'live@exemple.fr');
      const update = await client.waitFor((e) => e.event === 'counts' && counts(e.data).pending === 1);
      expect(update.id).toBeTruthy();
      client.close();
    } finally {
      await app.destroy();
    }
  });

  it('sends the current snapshot to a client that reconnects with Last-Event-ID', async () => {
    const app = await createTestApp(kind);
    try {
      const base = await listen(app);
      const { cookie } = await sessionFor(app, 'animator');
      const first = openSse(`${base}/admin/courriels/flux`, { cookie });
      const seen = await first.waitFor((e) => e.event === 'counts');
      first.close();
      // Missed while away:
      await enqueueOne(app, 'away@exemple.fr');
      await enqueueOne(app, 'away2@exemple.fr');
      const again = openSse(`${base}/admin/courriels/flux`, { cookie, 'last-event-id': seen.id! });
      const snapshot = await again.waitFor(() => true);
      expect(snapshot.event).toBe('counts');
      expect(counts(snapshot.data).pending).toBe(2);
      again.close();
    } finally {
      await app.destroy();
    }
  });

  it('refuses the stream to a visitor and to a member who is not an animator', async () => {
    const app = await createTestApp(kind);
    try {
      const base = await listen(app);
      const anonymous = openSse(`${base}/admin/courriels/flux`);
      await anonymous.ready;
      expect(anonymous.status).not.toBe(200);
      anonymous.close();
      const { cookie } = await sessionFor(app, 'user');
      const member = openSse(`${base}/admin/courriels/flux`, { cookie });
      await member.ready;
      expect(member.status).toBe(403);
      member.close();
    } finally {
      await app.destroy();
    }
  });

  it('ends open streams when the server shuts down instead of waiting for the browsers', async () => {
    const app = await createTestApp(kind);
    const base = await listen(app);
    const { cookie } = await sessionFor(app, 'animator');
    const client = openSse(`${base}/admin/courriels/flux`, { cookie });
    await client.waitFor((e) => e.event === 'counts');
    // Without it, closing would wait for this client forever.
    const closing = app.destroy();
    await client.waitForEnd(10_000);
    await closing;
    expect(client.ended).toBe(true);
  });
});

describe.runIf(databaseKinds().includes('postgres'))('live updates across instances [postgres]', () => {
  it('delivers a notice published on one PostgreSQL bus to the other, and to its own listeners once', async () => {
    const database = await createTestDatabase('postgres');
    const a = openDatabase({ kind: 'postgres', url: database.env.DATABASE_URL });
    const b = openDatabase({ kind: 'postgres', url: database.env.DATABASE_URL });
    const busA = await createPostgresBus(a.pool!);
    const busB = await createPostgresBus(b.pool!);
    try {
      const onA: Change[] = [];
      const onB: Change[] = [];
      busA.subscribe('forum:arras', (c) => onA.push(c));
      busB.subscribe('forum:arras', (c) => onB.push(c));
      await busA.publish('forum:arras', { theme: 'mobilité' });
      await busA.publish('autre', {});
      const deadline = Date.now() + 5000;
      while (onB.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(onB).toEqual([{ channel: 'forum:arras', data: { theme: 'mobilité' } }]);
      expect(onA).toEqual([{ channel: 'forum:arras', data: { theme: 'mobilité' } }]);
    } finally {
      await busA.close();
      await busB.close();
      await a.close();
      await b.close();
      await database.drop();
    }
  });

  it('listens again after its connection was cut, and tells its listeners to catch up', async () => {
    const database = await createTestDatabase('postgres');
    const a = openDatabase({ kind: 'postgres', url: database.env.DATABASE_URL });
    const b = openDatabase({ kind: 'postgres', url: database.env.DATABASE_URL });
    const busA = await createPostgresBus(a.pool!);
    const busB = await createPostgresBus(b.pool!);
    try {
      const onB: string[] = [];
      busB.subscribe('*', (c) => onB.push(c.channel));
      // Cut every LISTEN connection but the one we use to cut them.
      await a.pool!.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`);
      const deadline = Date.now() + 8000;
      while (!onB.includes('*reconnected') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(onB).toContain('*reconnected');
      await busA.publish('agenda', {});
      while (!onB.includes('agenda') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(onB).toContain('agenda');
    } finally {
      await busA.close();
      await busB.close();
      await a.close();
      await b.close();
      await database.drop();
    }
  });

  it('streams to a client of the second instance a change made on the first', async () => {
    const database = await createTestDatabase('postgres');
    const first = await createTestApp('postgres', { database });
    const second = await createTestApp('postgres', { database });
    try {
      await listen(first);
      const base = await listen(second);
      const { cookie } = await sessionFor(first, 'animator');
      const client = openSse(`${base}/admin/courriels/flux`, { cookie });
      const snapshot = await client.waitFor((e) => e.event === 'counts');
      expect(counts(snapshot.data).pending).toBe(0);

      await enqueueOne(first, 'cross@exemple.fr');
      const update = await client.waitFor((e) => e.event === 'counts' && counts(e.data).pending === 1, { timeoutMs: 5000 });
      expect(update).toBeTruthy();
      client.close();
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});
