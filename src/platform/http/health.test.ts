import http from 'node:http';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/harness.ts';
import { sessionFor } from '../../admin/admin.test-helpers.ts';
import { migrations } from '../../migrations.ts';
import { installHealth } from './health.ts';
import { startS3 } from '../../../test/s3.ts';

describeEachDatabase('health: liveness and readiness', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());

  it('is ready when the database, the file storage and the schema are', async () => {
    const res = await app.server.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', instance: app.platform.instanceId, checks: { database: 'ok', storage: 'ok', migrations: 'ok' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is not ready when storage fails or a migration of this code is missing, and says which without the reason', async () => {
    const server = Fastify();
    installHealth(server, {
      db: app.platform.db,
      dbKind: app.platform.dbKind,
      instanceId: 'test',
      migrations: [...Object.keys(migrations), '20991231T0000_from_the_future'],
      storage: () => Promise.reject(new Error('secret bucket name in this message')),
      log: pino({ level: 'silent' }),
    });
    const res = await server.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', instance: 'test', checks: { database: 'ok', storage: 'failed', migrations: 'failed' } });
    expect(res.body).not.toContain('secret');
    // Liveness asks only whether the process can reach its database.
    expect((await server.inject({ url: '/healthz' })).statusCode).toBe(200);
    await server.close();
  });

  it('turns readiness off when draining, while liveness and pages still answer', async () => {
    const other = await createTestApp(kind, { database: app.database });
    try {
      await other.drain();
      const ready = await other.server.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'draining', instance: other.platform.instanceId });
      expect((await other.server.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await other.server.inject({ url: '/' })).statusCode).toBe(200);
      // The other instance on the same database is unaffected.
      expect((await app.server.inject({ url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('health: live streams on shutdown', () => {
  let app: TestApp;
  afterAll(() => app?.database.drop());

  it('tells each open stream to reconnect, with a spread retry delay, before closing it', async () => {
    app = await createTestApp('sqlite');
    const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { cookie } = await sessionFor(app, 'animator');
    // Read as text: the retry field is for the browser's EventSource, which no event carries.
    let text = '';
    const ended = new Promise<void>((resolve, reject) => {
      http
        .get(`${address}/admin/courriels/flux`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    for (let i = 0; i < 100 && !text.includes('event: counts'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(text).toContain('event: counts');
    await app.close();
    await ended;
    const farewell = /retry: (\d+)\nevent: reconnect\ndata: (.*)\n\n$/.exec(text);
    expect(farewell, text).not.toBeNull();
    expect(Number(farewell![1])).toBeGreaterThanOrEqual(500);
    expect(Number(farewell![1])).toBeLessThanOrEqual(3000);
    expect(JSON.parse(farewell![2])).toEqual({ reason: 'shutdown' });
  });
});

describe('health: object storage', () => {
  it('is ready while the bucket answers, and not once the object store is gone', async () => {
    const s3 = await startS3();
    const app = await createTestApp('sqlite', { env: s3.env });
    try {
      const ready = await app.server.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks.storage).toBe('ok');
      await s3.close();
      const gone = await app.server.inject({ url: '/readyz' });
      expect(gone.statusCode).toBe(503);
      expect(gone.json().checks).toEqual({ database: 'ok', storage: 'failed', migrations: 'ok' });
      // Alive all the same: a supervisor must not restart a process for its storage's outage.
      expect((await app.server.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.destroy();
    }
  });
});
