import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { transact } from './db/transaction.ts';
import { loadConfig } from './config.ts';
import type { JobsTable, PlatformTables } from './platform.tables.ts';

/** An SMTP server that keeps the message's DATA waiting until told to answer. */
async function startHoldingServer() {
  let release: () => void = () => {};
  const released = new Promise<void>((r) => (release = r));
  let arrived: () => void = () => {};
  const arrival = new Promise<void>((r) => (arrived = r));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        arrived();
        void released.then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    arrival,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('LEASE_SECONDS', () => {
  it('is read in seconds, and refused outside 5 s to one hour', () => {
    expect(loadConfig({ LEASE_SECONDS: '30' }).leaseMs).toBe(30_000);
    expect(loadConfig({}).leaseMs).toBeUndefined();
    expect(() => loadConfig({ LEASE_SECONDS: '0' })).toThrow(/LEASE_SECONDS/);
    expect(() => loadConfig({ LEASE_SECONDS: '7200' })).toThrow(/LEASE_SECONDS/);
  });

  describe('on a running platform', () => {
    let app: TestApp;
    let smtp: Awaited<ReturnType<typeof startHoldingServer>>;
    beforeAll(async () => {
      smtp = await startHoldingServer();
      app = await createTestApp('sqlite', { env: { SMTP_URL: smtp.url, LEASE_SECONDS: '40' } });
    });
    afterAll(async () => {
      smtp?.release();
      await app?.destroy();
      await smtp?.close();
    });

    // A process killed while it holds work leaves it claimed until its lease ends: with a short
    // lease, the next process resumes a newsletter in seconds rather than minutes.
    it('claims mail and jobs for that long, so a dead process holds nothing longer', async () => {
      const db = app.platform.db as unknown as Kysely<PlatformTables>;
      await transact(app.platform.db, async (trx) => {
        await app.platform.mail.enqueue(trx, { to: 'camille@exemple.fr', lang: 'fr', subject: 'Bonjour', text: 'Bonjour', html: '<p>Bonjour</p>', category: 'test' });
      });
      const claimedAt = Date.now();
      const sending = app.platform.mail.sender!.flush();
      await smtp.arrival;
      const row = await db.selectFrom('mail_outbox').select(['status', 'locked_until']).executeTakeFirstOrThrow();
      expect(row.status).toBe('sending');
      expect(Date.parse(row.locked_until!) - claimedAt).toBeGreaterThan(35_000);
      expect(Date.parse(row.locked_until!) - claimedAt).toBeLessThanOrEqual(41_000);
      smtp.release();
      await sending;
      expect((await db.selectFrom('mail_outbox').select('status').executeTakeFirstOrThrow()).status).toBe('sent');

      let leased: JobsTable | null = null;
      app.platform.jobs.runner.register('test.lease', async (_payload, job) => {
        leased = job;
      });
      await app.platform.jobs.enqueue(app.platform.db, 'test.lease', {});
      const startedAt = Date.now();
      await app.platform.jobs.runner.drain();
      expect(leased).not.toBeNull();
      const until = Date.parse(leased!.locked_until!) - startedAt;
      expect(until).toBeGreaterThan(35_000);
      expect(until).toBeLessThanOrEqual(41_000);
    });
  });
});
