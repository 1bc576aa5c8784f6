/**
 * What a restore does with an archive it cannot take as it is: a damaged native dump (the JSON
 * tables of the same backup are used, and it says so), an archive from a newer Palabre, a file
 * whose bytes are not the file its name says, a name that would leave the file store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, describeEachDatabase, type TestApp } from '../../../test/harness.ts';
import { loadConfig } from '../config.ts';
import { type ArchiveManifest, exportSite, restoreSiteArchive } from './index.ts';
import { ZipReader, ZipWriter } from './zip.ts';

const ENV = { DEMO_DATA: 'off', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://palabre.test', SECRET: 'test-secret-test-secret-test-secret-0123' };

/** A copy of an archive with some entries changed (null: left out) and others added. */
async function rewrite(from: string, to: string, change: (name: string, bytes: Buffer) => Buffer | null, extra: Record<string, Buffer> = {}) {
  const source = await ZipReader.open(from);
  const out = new ZipWriter(to);
  for (const name of source.entries.keys()) {
    const bytes = change(name, await source.buffer(name));
    if (bytes) await out.add(name, [bytes]);
  }
  for (const [name, bytes] of Object.entries(extra)) await out.add(name, [bytes]);
  await out.finish();
}

describeEachDatabase('restoring a damaged or foreign archive', (kind) => {
  let source: TestApp;
  let backup: string;
  let key: string;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-restore-'));
  const targets: Array<() => Promise<void>> = [];

  async function emptyTarget() {
    const database = await createTestDatabase(kind);
    targets.push(() => database.drop());
    return { database, config: loadConfig({ ...ENV, ...database.env }) };
  }

  beforeAll(async () => {
    source = await createTestApp(kind);
    await source.services.accounts.service.ensureUser({ email: 'ines@exemple.fr', name: 'Inès', role: 'admin' });
    key = (await source.platform.storage.put(Buffer.from('le compte rendu de la réunion'))).key;
    backup = path.join(work, 'sauvegarde.zip');
    await exportSite(source.platform.config, backup, { native: true });
  });

  afterAll(async () => {
    await source?.destroy();
    for (const drop of targets) await drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('restores from the JSON tables when the native dump is damaged, and says why', async () => {
    const damaged = path.join(work, 'native-abimee.zip');
    await rewrite(backup, damaged, (name, bytes) => (name.startsWith('native/') ? Buffer.from('pas une base de données') : bytes));
    const { database, config } = await emptyTarget();
    const summary = await restoreSiteArchive(config, damaged);
    expect(summary.native).toBe(false);
    expect(summary.nativeError).toBeTruthy();
    const app = await createTestApp(kind, { database });
    try {
      expect((await app.services.accounts.service.findUserByEmail('ines@exemple.fr'))?.name).toBe('Inès');
      expect(await app.platform.storage.exists(key)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses an archive written by a newer Palabre', async () => {
    const newer = path.join(work, 'plus-recente.zip');
    await rewrite(backup, newer, (name, bytes) => {
      if (name !== 'schema.json') return bytes;
      const manifest = JSON.parse(bytes.toString()) as ArchiveManifest;
      return Buffer.from(JSON.stringify({ ...manifest, migrations: [...manifest.migrations, '29991231T2359_future_module'] }));
    });
    const { config } = await emptyTarget();
    await expect(restoreSiteArchive(config, newer)).rejects.toThrow(/version plus récente de Palabre/);
  });

  it('refuses a file whose bytes are not the file its name says, and a name outside the store, leaving the site it would replace as it was', async () => {
    const { database, config } = await emptyTarget();
    await restoreSiteArchive(config, backup);
    const swapped = path.join(work, 'fichier-abime.zip');
    await rewrite(backup, swapped, (name, bytes) => (name === `files/${key}` ? Buffer.from('un autre contenu') : bytes));
    await expect(restoreSiteArchive(config, swapped, { force: true })).rejects.toThrow(/abîmé/);
    const escaping = path.join(work, 'nom-dangereux.zip');
    await rewrite(backup, escaping, (_name, bytes) => bytes, { 'files/../../../etc/palabre': Buffer.from('x') });
    await expect(restoreSiteArchive(config, escaping, { force: true })).rejects.toThrow(/Nom de fichier refusé/);

    const app = await createTestApp(kind, { database });
    try {
      expect((await app.services.accounts.service.findUserByEmail('ines@exemple.fr'))?.name).toBe('Inès');
    } finally {
      await app.close();
    }
  });
});
