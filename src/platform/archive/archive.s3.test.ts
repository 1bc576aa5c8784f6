/**
 * The uploaded files of a site on S3-compatible object storage go into its backup and come back,
 * byte for byte, onto the local disk or into another bucket (s3rver in this process).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../../../test/harness.ts';
import { startS3, type TestS3 } from '../../../test/s3.ts';
import { loadDemo } from '../../demo/demo.ts';
import { loadConfig } from '../config.ts';
import { fileDigests, publicPages, render } from './archive.test-helpers.ts';
import { exportSite, restoreSiteArchive } from './index.ts';

const ENV = { DEMO_DATA: 'off', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://palabre.test', SECRET: 'test-secret-test-secret-test-secret-0123' };

describe('site archive with files on S3', { timeout: 600_000 }, () => {
  let s3: TestS3;
  let other: TestS3;
  let source: TestApp;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-archive-s3-'));
  const file = path.join(work, 'sauvegarde.zip');
  const cleanup: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    [s3, other] = await Promise.all([startS3({ bucket: 'source' }), startS3({ bucket: 'cible' })]);
    source = await createTestApp('sqlite', { env: s3.env });
    expect(source.platform.storage.kind).toBe('s3');
    await loadDemo(source);
    await exportSite(source.platform.config, file, { native: true });
  }, 600_000);

  afterAll(async () => {
    for (const c of cleanup) await c();
    await source?.destroy();
    await Promise.all([s3?.close(), other?.close()]);
    fs.rmSync(work, { recursive: true, force: true });
  }, 120_000);

  async function restoredWith(env: Record<string, string>) {
    const database = await createTestDatabase('sqlite');
    const summary = await restoreSiteArchive(loadConfig({ ...ENV, ...database.env, ...env }), file);
    const app = await createTestApp('sqlite', { database, env });
    cleanup.push(async () => {
      await app.close();
      await database.drop();
    });
    return { app, summary };
  }

  for (const [where, env] of [
    ['the local disk', () => ({})],
    ['another bucket', () => other.env],
  ] as const) {
    it(`restores a backup of a site on S3 onto ${where}: every file byte for byte, the same pages`, async () => {
      const { app, summary } = await restoredWith(env());
      const want = await fileDigests(source);
      expect(want.size).toBeGreaterThan(10);
      expect(summary.files).toBe(want.size);
      expect(await fileDigests(app)).toEqual(want);
      for (const url of (await publicPages(source, 15)).filter((u) => u.startsWith('/actualites') || u.startsWith('/agenda') || u === '/')) {
        expect(await render(app, url), url).toEqual(await render(source, url));
      }
      // A picture is served from the restored store.
      const picture = /src="(\/images\/[^"]+\.jpg)"/.exec((await render(source, '/actualites')).body)?.[1];
      expect(picture).toBeTruthy();
      const [a, b] = await Promise.all([source.server.inject({ url: picture! }), app.server.inject({ url: picture! })]);
      expect(b.statusCode).toBe(200);
      expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
    });
  }
});
