import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { filesDir } from '../files.ts';

/** The uploaded files as an archive sees them: listed, read and written as streams, by key. */
export interface ArchiveFiles {
  list(): AsyncIterable<{ key: string; size: number }>;
  read(key: string): Promise<Readable>;
  write(key: string, data: Readable): Promise<void>;
  count(): Promise<number>;
}

/** A key as the store names files (`ab/abcdef…`): relative, no `..`, no backslash. */
export function safeKey(key: string): boolean {
  return key.length > 0 && !key.startsWith('/') && !key.includes('\\') && key.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function diskFiles(dir: string): ArchiveFiles {
  async function* walk(sub: string): AsyncGenerator<{ key: string; size: number }> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(dir, sub), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const key = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) yield* walk(key);
      // A file still being written by an upload is named *.tmp until renamed.
      else if (e.isFile() && !e.name.endsWith('.tmp')) yield { key, size: (await fs.promises.stat(path.join(dir, key))).size };
    }
  }
  return {
    list: () => walk(''),
    read: async (key) => fs.createReadStream(path.join(dir, key)),
    async write(key, data) {
      if (!safeKey(key)) throw new Error(`unsafe file key ${key}`);
      const target = path.join(dir, key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      try {
        await pipeline(data, fs.createWriteStream(tmp));
        await fs.promises.rename(tmp, target);
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    },
    async count() {
      let n = 0;
      for await (const _ of walk('')) n++;
      return n;
    },
  };
}

/** The site's file store, as configured. */
export function siteFiles(config: Config): ArchiveFiles {
  return diskFiles(filesDir(config.dataDir));
}
