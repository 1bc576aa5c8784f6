import path from 'node:path';
import type { Storage } from './storage/index.ts';

// The file store is platform/storage/ (disk or S3, streamed), given to modules as `platform.storage`.

/** @deprecated The old name of `Storage`, for code written against it. */
export type FileStore = Storage;

/** The one directory of stored files under DATA_DIR when they are on disk (config.filesDir). */
export const filesDir = (dataDir: string) => path.join(dataDir, 'files');
