import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startS3, type TestS3 } from '../../test/s3.ts';
import { loadConfig } from '../platform/config.ts';
import { createDiskStorage, createS3Storage, type Storage } from '../platform/storage/index.ts';
import { UsageError } from './command.ts';
import { storage } from './storage.ts';

const bytes = async (store: Storage, key: string) => {
  const chunks: Buffer[] = [];
  for await (const c of (await store.get(key))!.stream as Readable) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
};
const keysOf = async (store: Storage) => {
  const keys: string[] = [];
  for await (const k of store.list()) keys.push(k);
  return keys.sort();
};

/** Runs `palabre storage migrate --to <to>` and returns its exit code and what it printed. */
async function migrate(dataDir: string, s3: TestS3 | null, to: string) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, ...s3?.env });
    const code = await storage.run({ positionals: ['migrate'], values: { to }, config });
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('palabre storage migrate', () => {
  let s3: TestS3;
  let dataDir: string;
  let disk: Storage;
  let bucket: Storage;
  const files = [Buffer.from('%PDF-1.4 compte rendu'), Buffer.from('une image'), crypto.randomBytes(9 * 1024 * 1024)];
  let keys: string[];

  beforeAll(async () => {
    s3 = await startS3();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-migrate-'));
    disk = createDiskStorage(path.join(dataDir, 'files'));
    bucket = createS3Storage(loadConfig({ ...s3.env }).s3!);
    keys = [];
    for (const f of files) keys.push((await disk.put(f)).key);
    keys.sort();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await bucket?.close();
    await s3?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every file from the disk to the bucket, byte for byte, and says which variables to set', async () => {
    const { code, out } = await migrate(dataDir, s3, 's3');
    expect(code).toBe(0);
    expect(await keysOf(bucket)).toEqual(keys);
    for (const [i, f] of files.entries()) expect((await bytes(bucket, (await disk.put(f)).key)).equals(files[i])).toBe(true);
    expect(out).toContain('3/3 fichiers vus : 3 copiés');
    expect(out).toContain('S3_BUCKET, S3_ENDPOINT');
    expect(out).toContain('redémarrez');
  });

  it('copies only what is missing when run again (an interrupted copy resumes)', async () => {
    await bucket.remove(keys[0]);
    const extra = await disk.put(Buffer.from('déposé pendant la copie'));
    const { code, out } = await migrate(dataDir, s3, 's3');
    expect(code).toBe(0);
    expect(out).toContain('4/4 fichiers vus : 2 copiés');
    expect(out).toContain('2 déjà présents');
    expect(await keysOf(bucket)).toEqual([...keys, extra.key].sort());
    await disk.remove(extra.key);
    await bucket.remove(extra.key);
  });

  it('copies every file back from the bucket to an empty disk', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-migrate-back-'));
    try {
      const { code, out } = await migrate(elsewhere, s3, 'disk');
      expect(code).toBe(0);
      expect(out).toContain('retirez S3_BUCKET');
      const back = createDiskStorage(path.join(elsewhere, 'files'));
      expect(await keysOf(back)).toEqual(keys);
      for (const key of keys) expect((await bytes(back, key)).equals(await bytes(disk, key))).toBe(true);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses to keep a file whose bytes do not match their checksum, and fails', async () => {
    const { key } = await disk.put(Buffer.from('original'));
    fs.writeFileSync(path.join(dataDir, 'files', key), 'abîmé sur le disque');
    const { code, out } = await migrate(dataDir, s3, 's3');
    expect(code).toBe(1);
    expect(out).toContain(`${key} : somme SHA-256 différente`);
    expect(await bucket.exists(key)).toBe(false);
    expect(await keysOf(bucket)).toEqual(keys);
    await disk.remove(key);
  });

  it('explains what is missing in French', async () => {
    await expect(migrate(dataDir, null, 's3')).rejects.toThrow(UsageError);
    await expect(migrate(dataDir, null, 's3')).rejects.toThrow(/S3_BUCKET/);
    await expect(migrate(dataDir, s3, 'ftp')).rejects.toThrow(/--to s3 ou --to disk/);
  });
});
