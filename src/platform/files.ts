import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Deprecated: the file store is platform/storage/ (disk or S3, streamed), given to modules as
// `platform.storage`. This disk-only interface stays until its last callers have moved.
export type { Storage } from './storage/index.ts';

/** Where stored bytes live (documents, pictures). Disk by default; the interface lets several instances share another store. */
export interface FileStore {
  put(data: Buffer): Promise<{ key: string; sha256: string }>;
  path(key: string): string;
  exists(key: string): boolean;
  remove(key: string): Promise<void>;
}

/** Files are named by their checksum: the same bytes are stored once, and a key can never contain "..". */
export function createDiskStore(dir: string): FileStore {
  return {
    async put(data) {
      const sha256 = crypto.createHash('sha256').update(data).digest('hex');
      const key = `${sha256.slice(0, 2)}/${sha256}`;
      const target = path.join(dir, key);
      if (!fs.existsSync(target)) {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        await fs.promises.writeFile(tmp, data);
        await fs.promises.rename(tmp, target);
      }
      return { key, sha256 };
    },
    path: (key) => path.join(dir, key),
    exists: (key) => fs.existsSync(path.join(dir, key)),
    async remove(key) {
      await fs.promises.rm(path.join(dir, key), { force: true });
    },
  };
}

/** The one directory of stored files under DATA_DIR: documents and pictures share it (and its backups). */
export const filesDir = (dataDir: string) => path.join(dataDir, 'files');
