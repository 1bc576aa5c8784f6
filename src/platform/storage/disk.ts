import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type ByteRange, etagOf, hashing, isKey, keyOf, randomName, type Storage, toStream } from './storage.ts';

/** Uploads being written: inside the store's folder, so the final rename never crosses file systems. */
const TMP = '.tmp';

/** The store under DATA_DIR/files: `ab/abcdef…` per object, as Palabre always laid it out. */
export function createDiskStorage(dir: string): Storage {
  const file = (key: string) => path.join(dir, key);

  async function stat(key: string) {
    if (!isKey(key)) return null;
    try {
      const { size } = await fs.promises.stat(file(key));
      return { size, etag: etagOf(key) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async function open(key: string) {
    if (!isKey(key)) return null;
    try {
      return await fs.promises.open(file(key), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  return {
    kind: 'disk',
    location: dir,

    async put(data) {
      const tmpDir = path.join(dir, TMP);
      await fs.promises.mkdir(tmpDir, { recursive: true });
      // Named *.tmp like the uploads of earlier versions, which tools walking the folder already skip.
      const tmp = path.join(tmpDir, `${randomName()}.tmp`);
      const hash = hashing();
      try {
        await pipeline(toStream(data), hash, fs.createWriteStream(tmp));
        const { sha256, size } = hash.result();
        const key = keyOf(sha256);
        const target = file(key);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        // The same bytes may already be there (or arrive at once from another upload): either copy is the right one.
        await fs.promises.rename(tmp, target);
        return { key, sha256, size };
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    },

    async get(key, range?: ByteRange) {
      const handle = await open(key);
      if (!handle) return null;
      const { size } = await handle.stat();
      const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      const length = range ? Math.max(0, Math.min(range.end, size - 1) - range.start + 1) : size;
      return { stream, size, length, etag: etagOf(key), range };
    },

    stat,

    async exists(key) {
      return (await stat(key)) !== null;
    },

    async remove(key) {
      if (isKey(key)) await fs.promises.rm(file(key), { force: true });
    },

    async *list() {
      let shards: string[];
      try {
        shards = await fs.promises.readdir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const shard of shards.sort()) {
        if (!/^[0-9a-f]{2}$/.test(shard)) continue;
        for (const name of (await fs.promises.readdir(path.join(dir, shard))).sort()) {
          const key = `${shard}/${name}`;
          if (isKey(key) && name.startsWith(shard)) yield key;
        }
      }
    },

    async check() {
      try {
        await fs.promises.mkdir(path.join(dir, TMP), { recursive: true });
        await fs.promises.access(path.join(dir, TMP), fs.constants.W_OK);
      } catch (err) {
        throw new Error(`Le dossier des fichiers ${dir} n’est pas accessible en écriture (${(err as NodeJS.ErrnoException).code ?? 'erreur'}).`);
      }
    },

    async close() {},
  };
}
