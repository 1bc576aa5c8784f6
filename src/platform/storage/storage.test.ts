import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/ports.ts';
import { startS3, type TestS3 } from '../../../test/s3.ts';
import { createDiskStorage } from './disk.ts';
import { presignGet } from './presign.ts';
import { createS3Storage, type S3Settings } from './s3.ts';
import type { Storage } from './storage.ts';

const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
};
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
/** A stream that hands its bytes out in small chunks, as an upload arrives. */
const trickle = (b: Buffer, chunk = 64 * 1024) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
    })(),
  );
const collect = async (it: AsyncIterable<string>) => {
  const keys: string[] = [];
  for await (const k of it) keys.push(k);
  return keys.sort();
};

let s3: TestS3;
const settings = (over: Partial<S3Settings> = {}): S3Settings => ({
  endpoint: s3.endpoint,
  bucket: s3.bucket,
  region: s3.env.S3_REGION,
  accessKeyId: s3.env.S3_ACCESS_KEY_ID,
  secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY,
  forcePathStyle: true,
  ...over,
});
let dir: string;
beforeAll(async () => {
  s3 = await startS3();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-storage-'));
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// One suite, both stores: what callers may rely on whatever the configuration.
const stores: Array<[string, () => Storage]> = [
  ['disk', () => createDiskStorage(path.join(dir, 'files'))],
  // A small threshold so that the temporary-object path (multipart, then copy) runs on a few MB.
  ['s3', () => createS3Storage(settings(), { smallBytes: 256 * 1024, partBytes: 5 * 1024 * 1024 })],
];

describe.each(stores)('storage on %s', (_name, make) => {
  let store: Storage;
  beforeAll(() => {
    store = make();
  });
  afterAll(async () => {
    for await (const key of store.list()) await store.remove(key);
    await store.close();
  });

  it('stores bytes under their checksum, once, and reads them back with their size and ETag', async () => {
    const data = Buffer.from('Compte rendu du conseil de quartier — 12 mars');
    const a = await store.put(data, { contentType: 'text/plain' });
    expect(a).toEqual({ key: `${sha(data).slice(0, 2)}/${sha(data)}`, sha256: sha(data), size: data.length });
    const again = await store.put(Readable.from([data]));
    expect(again.key).toBe(a.key);
    const got = await store.get(a.key);
    expect(got).toMatchObject({ size: data.length, length: data.length, etag: `"${sha(data)}"` });
    expect(await read(got!.stream)).toEqual(data);
    expect(await store.stat(a.key)).toMatchObject({ size: data.length, etag: `"${sha(data)}"` });
    expect(await store.exists(a.key)).toBe(true);
  });

  it('streams a large upload in and out byte for byte', async () => {
    const big = crypto.randomBytes(6 * 1024 * 1024 + 123);
    const stored = await store.put(trickle(big));
    expect(stored).toMatchObject({ sha256: sha(big), size: big.length });
    // equals(), not toEqual: a deep comparison of megabytes takes vitest half a minute.
    expect((await read((await store.get(stored.key))!.stream)).equals(big)).toBe(true);
    // Nothing but the stored objects is listed (no temporary upload left over).
    expect(await collect(store.list())).toContain(stored.key);
    for (const key of await collect(store.list())) expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
  });

  it('reads one byte range', async () => {
    const data = Buffer.from('0123456789abcdef');
    const { key } = await store.put(data);
    const part = await store.get(key, { start: 3, end: 7 });
    expect(part).toMatchObject({ size: 16, length: 5, range: { start: 3, end: 7 } });
    expect((await read(part!.stream)).toString()).toBe('34567');
    const tail = await store.get(key, { start: 14, end: 15 });
    expect((await read(tail!.stream)).toString()).toBe('ef');
  });

  it('lists every key and forgets a removed one; a missing or foreign key is no object', async () => {
    const one = await store.put(Buffer.from('un'));
    const two = await store.put(Buffer.from('deux'));
    const keys = await collect(store.list());
    expect(keys).toEqual(expect.arrayContaining([one.key, two.key]));
    await store.remove(one.key);
    await store.remove(one.key);
    expect(await store.exists(one.key)).toBe(false);
    expect(await store.get(one.key)).toBeNull();
    expect(await store.stat(one.key)).toBeNull();
    expect(await collect(store.list())).not.toContain(one.key);
    for (const foreign of ['../../etc/passwd', `${two.key}/../x`, 'tmp/whatever', two.key.toUpperCase()]) {
      expect(await store.get(foreign)).toBeNull();
      expect(await store.exists(foreign)).toBe(false);
    }
  });

  it('answers the readiness check', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });
});

describe('storage failures and signed URLs', () => {
  it('says which store is out of reach', async () => {
    const missingBucket = createS3Storage(settings({ bucket: 'nowhere' }));
    await expect(missingBucket.check()).rejects.toThrow(/s3:\/\/nowhere/);
    await missingBucket.close();
    const closed = createS3Storage(settings({ endpoint: `http://127.0.0.1:${await freePort()}` }));
    await expect(closed.check()).rejects.toThrow(/Le stockage objet s3:\/\/palabre-test \(http:\/\/127\.0\.0\.1:\d+\) ne répond pas/);
    await closed.close();
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    await expect(createDiskStorage(file).check()).rejects.toThrow(/not-a-folder/);
  });

  it('signs a short-lived URL the S3 store honours, with the download name', async () => {
    const store = createS3Storage(settings());
    const data = Buffer.from('%PDF-1.4 ordre du jour');
    const { key } = await store.put(data);
    const url = await store.presignedUrl!(key, 60, { filename: 'ordre du jour.pdf', contentType: 'application/pdf' });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(data);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''ordre%20du%20jour.pdf");
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    expect(createDiskStorage(dir).presignedUrl).toBeUndefined();
    await store.close();
  });

  it('leaves no temporary object in the bucket after a large upload, nor after a failed one', async () => {
    const store = createS3Storage(settings(), { smallBytes: 64 * 1024, partBytes: 5 * 1024 * 1024 });
    const tmp = path.join(s3.directory, s3.bucket, 'tmp');
    const left = () => (fs.existsSync(tmp) ? fs.readdirSync(tmp, { recursive: true }).filter((f) => String(f).endsWith('_S3rver_object')) : []);
    const big = crypto.randomBytes(5 * 1024 * 1024 + 1);
    const { key } = await store.put(trickle(big));
    expect(left()).toEqual([]);
    const broken = new Readable({
      read() {
        this.push(crypto.randomBytes(128 * 1024));
        this.destroy(new Error('connexion coupée'));
      },
    });
    await expect(store.put(broken)).rejects.toThrow();
    expect(left()).toEqual([]);
    await store.remove(key);
    await store.close();
  });

  it('stops reading an upload the store refuses, instead of leaving it waiting', async () => {
    const store = createS3Storage(settings({ bucket: 'nowhere' }), { smallBytes: 64 * 1024 });
    // 64 MiB made as they are read: more than the parts the upload buffers before asking the store.
    let made = 0;
    const source = new Readable({
      read() {
        made += 256 * 1024;
        this.push(made > 64 * 1024 * 1024 ? null : Buffer.alloc(256 * 1024, made % 251));
      },
    });
    await expect(store.put(source)).rejects.toThrow();
    expect(source.destroyed).toBe(true);
    await store.close();
  });

  it('signs as AWS documents it (s3rver does not check signature version 4)', () => {
    // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", its example.
    const url = presignGet({
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      seconds: 86400,
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });
});
