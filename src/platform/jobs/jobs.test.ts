import { describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, databaseKinds, describeEachDatabase } from '../../../test/harness.ts';
import { transact } from '../db/transaction.ts';
import { z } from 'zod';
import { createJobRunner, withPayload } from './jobs.ts';
import { housekeeping, HOUSEKEEPING_JOB } from './housekeeping.ts';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('durable jobs', (kind) => {
  it('runs a job enqueued before a restart on the next instance, once', async () => {
    const database = await createTestDatabase(kind);
    const first = await createTestApp(kind, { database });
    try {
      await transact(first.platform.db, (trx) => first.platform.jobs.enqueue(trx, 'test.greet', { who: 'Arras' }));
      await first.close();
      const second = await createTestApp(kind, { database });
      try {
        const seen: string[] = [];
        second.platform.jobs.runner.register(
          'test.greet',
          withPayload(z.object({ who: z.string() }), async (p) => {
            seen.push(p.who);
          }),
        );
        second.startWorkers();
        await until(() => seen.length > 0, 10_000, 'the job');
        await second.platform.jobs.runner.drain();
        expect(seen).toEqual(['Arras']);
        const row = await second.platform.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.greet').executeTakeFirstOrThrow();
        expect(row.status).toBe('done');
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('stores a job with a unique key once', async () => {
    const app = await createTestApp(kind);
    try {
      const stored = await transact(app.platform.db, async (trx) => [
        await app.platform.jobs.enqueue(trx, 'test.reminder', { event: 1 }, { uniqueKey: 'reminder:1' }),
        await app.platform.jobs.enqueue(trx, 'test.reminder', { event: 1 }, { uniqueKey: 'reminder:1' }),
      ]);
      expect(stored).toEqual([true, false]);
      const runs: number[] = [];
      app.platform.jobs.runner.register(
        'test.reminder',
        withPayload(z.object({ event: z.number() }), async (p) => void runs.push(p.event)),
      );
      await app.platform.jobs.runner.drain();
      expect(runs).toEqual([1]);
    } finally {
      await app.destroy();
    }
  });

  it('takes over a job whose worker died, once its lease has expired, and leaves a live lease alone', async () => {
    const app = await createTestApp(kind);
    try {
      await transact(app.platform.db, async (trx) => {
        await app.platform.jobs.enqueue(trx, 'test.orphan', { n: 'dead' });
        await app.platform.jobs.enqueue(trx, 'test.orphan', { n: 'alive' });
      });
      const past = new Date(Date.now() - 1000).toISOString();
      const future = new Date(Date.now() + 60_000).toISOString();
      const rows = await app.platform.db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', 'test.orphan').execute();
      for (const r of rows) {
        const dead = r.payload.includes('dead');
        await app.platform.db
          .updateTable('jobs')
          .set({ status: 'running', locked_by: dead ? 'crashed-instance' : 'busy-instance', locked_until: dead ? past : future, attempts: 1 })
          .where('id', '=', r.id)
          .execute();
      }
      const runs: string[] = [];
      app.platform.jobs.runner.register(
        'test.orphan',
        withPayload(z.object({ n: z.string() }), async (p) => void runs.push(p.n)),
      );
      await app.platform.jobs.runner.drain();
      expect(runs).toEqual(['dead']);
      const alive = await app.platform.db.selectFrom('jobs').selectAll().where('payload', 'like', '%alive%').executeTakeFirstOrThrow();
      expect(alive.status).toBe('running');
      expect(alive.locked_by).toBe('busy-instance');
    } finally {
      await app.destroy();
    }
  });

  it('retries a failing job with growing delays and marks it failed when its attempts are used up', async () => {
    const app = await createTestApp(kind);
    const runner = createJobRunner({ db: app.platform.db, dbKind: kind, log: app.platform.log, instanceId: 'retry', retryBaseMs: 150, pollMs: 20 });
    try {
      const calls: number[] = [];
      runner.register('test.flaky', async () => {
        calls.push(Date.now());
        throw new Error('the prefecture server is down');
      });
      await transact(app.platform.db, (trx) => app.platform.jobs.enqueue(trx, 'test.flaky', {}, { maxAttempts: 3 }));
      runner.start();
      await until(async () => (await app.platform.db.selectFrom('jobs').select('status').where('kind', '=', 'test.flaky').executeTakeFirstOrThrow()).status === 'failed', 10_000, 'the job to fail');
      await sleep(400);
      expect(calls).toHaveLength(3);
      const [first, second] = [calls[1] - calls[0], calls[2] - calls[1]];
      expect(first).toBeGreaterThanOrEqual(140);
      expect(second).toBeGreaterThanOrEqual(290);
      const row = await app.platform.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.flaky').executeTakeFirstOrThrow();
      expect(row.attempts).toBe(3);
      expect(row.last_error).toBe('the prefecture server is down');
      expect(row.finished_at).not.toBeNull();
    } finally {
      await runner.stop();
      await app.destroy();
    }
  });

  it('runs periodic housekeeping once per period and prunes old rate-limit hits, jobs and delivered mail', async () => {
    const app = await createTestApp(kind);
    try {
      const old = new Date(Date.now() - 100 * 86400_000).toISOString();
      const recent = new Date().toISOString();
      await app.platform.db
        .insertInto('rate_limits')
        .values([
          { bucket: 'signin:ip:1', at: old },
          { bucket: 'signin:ip:1', at: recent },
        ])
        .execute();
      const db = app.platform.db;
      await transact(db, async (trx) => {
        await app.platform.mail.enqueue(trx, { to: 'ancien@exemple.fr', lang: 'fr', subject: 'Ancien', text: 'x', html: '<p>x</p>' });
        await app.platform.mail.enqueue(trx, { to: 'recent@exemple.fr', lang: 'fr', subject: 'Récent', text: 'x', html: '<p>x</p>' });
      });
      await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: old }).where('to_address', '=', 'ancien@exemple.fr').execute();
      await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: recent }).where('to_address', '=', 'recent@exemple.fr').execute();

      await app.platform.jobs.runner.drain();
      await app.platform.jobs.runner.drain();
      const runs = await db.selectFrom('jobs').selectAll().where('kind', '=', HOUSEKEEPING_JOB).execute();
      expect(runs).toHaveLength(1);
      expect(runs[0].status).toBe('done');
      expect((await db.selectFrom('rate_limits').selectAll().execute()).map((r) => r.at)).toEqual([recent]);
      expect((await db.selectFrom('mail_outbox').select('to_address').execute()).map((r) => r.to_address)).toEqual(['recent@exemple.fr']);

      await db.updateTable('jobs').set({ finished_at: old }).execute();
      await housekeeping(db);
      expect(await db.selectFrom('jobs').selectAll().execute()).toHaveLength(0);
    } finally {
      await app.destroy();
    }
  });
});

describe.runIf(databaseKinds().includes('postgres'))('durable jobs on two instances [postgres]', () => {
  it('runs each of 100 jobs once with two instances working on one database', async () => {
    const database = await createTestDatabase('postgres');
    const a = await createTestApp('postgres', { database });
    const b = await createTestApp('postgres', { database });
    try {
      const runs = new Map<string, string[]>();
      for (const [name, app] of [
        ['a', a],
        ['b', b],
      ] as const) {
        app.platform.jobs.runner.register(
          'test.count',
          withPayload(z.object({ n: z.number() }), async (p) => {
            runs.set(String(p.n), [...(runs.get(String(p.n)) ?? []), name]);
            await sleep(5);
          }),
        );
      }
      await transact(a.platform.db, async (trx) => {
        for (let n = 0; n < 100; n++) await a.platform.jobs.enqueue(trx, 'test.count', { n });
      });
      a.startWorkers();
      b.startWorkers();
      await until(() => runs.size === 100, 30_000, '100 jobs');
      await sleep(500);
      expect(runs.size).toBe(100);
      expect([...runs.values()].every((by) => by.length === 1)).toBe(true);
      const byInstance = [...runs.values()].flat();
      expect(byInstance.filter((x) => x === 'a').length).toBeGreaterThan(0);
      expect(byInstance.filter((x) => x === 'b').length).toBeGreaterThan(0);
      const done = await a.platform.db.selectFrom('jobs').select('id').where('kind', '=', 'test.count').where('status', '=', 'done').execute();
      expect(done).toHaveLength(100);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});

describe('job payloads', () => {
  it('fails a job whose payload has another shape than its handler reads, naming the kind, without running it', async () => {
    let ran = false;
    const handler = withPayload(z.object({ eventId: z.string() }), async () => {
      ran = true;
    });
    const job = { kind: 'events.reminder' } as Parameters<typeof handler>[1];
    await expect(handler({ event: 12 }, job)).rejects.toThrow(/job events.reminder: payload of an unexpected shape \(eventId\)/);
    expect(ran).toBe(false);
    await handler({ eventId: 'e1' }, job);
    expect(ran).toBe(true);
  });
});
