import { createDiskStorage } from './disk.ts';
import { createS3Storage, type S3Settings } from './s3.ts';
import type { Storage } from './storage.ts';

export type { ByteRange, ObjectInfo, Storage, StoredFile, StoredObject } from './storage.ts';
export { createDiskStorage } from './disk.ts';
export { createS3Storage, type S3Settings } from './s3.ts';

/** The store the configuration names: the S3 bucket when S3_BUCKET is set, DATA_DIR/files otherwise. */
export function createStorage(config: { filesDir: string; s3: S3Settings | null }): Storage {
  return config.s3 ? createS3Storage(config.s3) : createDiskStorage(config.filesDir);
}
