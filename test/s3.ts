import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { freePort } from './ports.ts';

/** An S3-compatible store for a test or a benchmark: s3rver in this process, on a free port, over a temporary folder. */
export interface TestS3 {
  /** The S3_* variables that point Palabre at it (pass them to loadConfig, createTestApp's env or a child process). */
  env: Record<'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE', string>;
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the objects (one folder per bucket). */
  directory: string;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

/**
 * Starts s3rver with one empty bucket. s3rver checks signatures, so the credentials are its own
 * (S3RVER/S3RVER); path-style addresses because 127.0.0.1 has no bucket subdomains.
 */
export async function startS3(opts: { bucket?: string } = {}): Promise<TestS3> {
  const bucket = opts.bucket ?? 'palabre-test';
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-s3-'));
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, vhostBuckets: false, configureBuckets: [{ name: bucket, configs: [] }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    endpoint,
    bucket,
    directory,
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
