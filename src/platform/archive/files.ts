import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { createStorage, type Storage } from '../storage/index.ts';
import { isKey } from '../storage/storage.ts';
import { ArchiveError } from './format.ts';

/** The uploaded files as an archive sees them, on whichever store the site uses (disk or S3). */
export interface ArchiveFiles {
  list(): AsyncIterable<string>;
  /** The bytes, or null when the file was removed since it was listed. */
  read(key: string): Promise<Readable | null>;
  has(key: string): Promise<boolean>;
  /** Stores the bytes under their checksum; refuses bytes that are not the file `key` names. */
  write(key: string, data: Readable): Promise<void>;
  close(): Promise<void>;
}

export const damagedFile = (key: string) => `Le fichier ${key} de l’archive est abîmé : son contenu ne correspond pas à sa somme SHA-256.`;

/** A key of the file store (`ab/<sha256>`): anything else in an archive is refused, never written. */
export const safeKey = isKey;

export function archiveFiles(storage: Storage): ArchiveFiles {
  return {
    list: () => storage.list(),
    read: async (key) => (await storage.get(key))?.stream ?? null,
    has: (key) => storage.exists(key),
    async write(key, data) {
      const stored = await storage.put(data);
      if (stored.key !== key) {
        await storage.remove(stored.key);
        throw new ArchiveError(damagedFile(key));
      }
    },
    close: () => storage.close(),
  };
}

/** The site's file store, as configured (S3 when S3_BUCKET is set, DATA_DIR/files otherwise). */
export function siteFiles(config: Config): ArchiveFiles {
  return archiveFiles(createStorage(config));
}
