import crypto from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { presignGet } from './presign.ts';
import { type ByteRange, etagOf, hashing, isKey, keyOf, randomName, type Storage, toStream } from './storage.ts';

/** Where the bucket is and how to reach it (config.ts reads them from S3_*). */
export interface S3Settings {
  /** Undefined: AWS itself. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Undefined: the SDK's own lookup (instance role, ~/.aws). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

/** Uploads too big to hash before sending go here first, then are copied under their checksum. */
const TMP_PREFIX = 'tmp/';

export interface S3Options {
  /** A stream up to this size is read whole, hashed, and sent once under its key; a larger one goes through a temporary object. */
  smallBytes?: number;
  /** Size of each part of a multipart upload (at least 5 MiB, as S3 requires); two are in flight at most. */
  partBytes?: number;
}

const notFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** What went wrong, in a sentence without the request's details (which may carry a signature). */
function reason(err: unknown): string {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  return [e?.name ?? e?.code, e?.$metadata?.httpStatusCode].filter(Boolean).join(' ') || 'erreur';
}

/** An S3-compatible bucket (AWS, Garage, MinIO, Ceph, Scaleway, OVH, R2), same keys as on disk. */
export function createS3Storage(settings: S3Settings, opts: S3Options = {}): Storage {
  const smallBytes = opts.smallBytes ?? 8 * 1024 * 1024;
  const partBytes = Math.max(5 * 1024 * 1024, opts.partBytes ?? 8 * 1024 * 1024);
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    // Other stores than AWS refuse or ignore the newer default checksums (CRC32 trailers).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that does not answer fails the request (and the readiness probe) instead of holding it forever;
    // the idle limit is per socket, so a long download that keeps moving is not cut.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  const Bucket = settings.bucket;
  const location = `s3://${Bucket}${settings.endpoint ? ` (${settings.endpoint})` : ''}`;

  async function exists(key: string) {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  async function putSmall(data: Buffer, contentType?: string) {
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const key = keyOf(sha256);
    if (!(await exists(key))) await client.send(new PutObjectCommand({ Bucket, Key: key, Body: data, ContentLength: data.length, ContentType: contentType }));
    return { key, sha256, size: data.length };
  }

  async function putLarge(source: Readable, contentType?: string) {
    const tmp = `${TMP_PREFIX}${randomName()}`;
    const hash = hashing();
    const body = new PassThrough();
    try {
      const upload = new Upload({ client, params: { Bucket, Key: tmp, Body: body, ContentType: contentType }, partSize: partBytes, queueSize: 2 });
      await Promise.all([pipeline(source, hash, body), upload.done()]);
      const { sha256, size } = hash.result();
      const key = keyOf(sha256);
      if (!(await exists(key))) await client.send(new CopyObjectCommand({ Bucket, Key: key, CopySource: `${Bucket}/${tmp}`, ContentType: contentType, MetadataDirective: 'REPLACE' }));
      return { key, sha256, size };
    } finally {
      await client.send(new DeleteObjectCommand({ Bucket, Key: tmp })).catch(() => undefined);
    }
  }

  return {
    kind: 's3',
    location,

    async put(data, putOpts = {}) {
      if (data instanceof Uint8Array && data.length <= smallBytes) return putSmall(Buffer.from(data.buffer, data.byteOffset, data.length), putOpts.contentType);
      // Read up to smallBytes: most uploads end before, and then go up in one request, straight under their key.
      const it = toStream(data)[Symbol.asyncIterator]();
      const head: Buffer[] = [];
      let read = 0;
      while (read <= smallBytes) {
        const next = await it.next();
        if (next.done) return putSmall(Buffer.concat(head), putOpts.contentType);
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        head.push(chunk);
        read += chunk.length;
      }
      const rest = Readable.from(
        (async function* () {
          try {
            // Handed on and let go: the head is not kept while the rest streams.
            yield* head.splice(0);
            for (;;) {
              const next = await it.next();
              if (next.done) return;
              yield next.value as Buffer;
            }
          } finally {
            // Stopped early (the store refused the upload): the source is closed, not left waiting.
            await it.return?.();
          }
        })(),
      );
      return putLarge(rest, putOpts.contentType);
    },

    async get(key, range?: ByteRange) {
      if (!isKey(key)) return null;
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
        const total = out.ContentRange ? Number(out.ContentRange.split('/')[1]) : Number(out.ContentLength ?? 0);
        return { stream: out.Body as Readable, size: total, length: Number(out.ContentLength ?? 0), etag: etagOf(key), contentType: out.ContentType, range };
      } catch (err) {
        if (notFound(err)) return null;
        throw err;
      }
    },

    async stat(key) {
      if (!isKey(key)) return null;
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: Number(out.ContentLength ?? 0), etag: etagOf(key), contentType: out.ContentType };
      } catch (err) {
        if (notFound(err)) return null;
        throw err;
      }
    },

    exists: (key) => (isKey(key) ? exists(key) : Promise.resolve(false)),

    async remove(key) {
      if (isKey(key)) await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key && isKey(o.Key)) yield o.Key;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        throw new Error(`Le stockage objet ${location} ne répond pas (${reason(err)}).`);
      }
    },

    async presignedUrl(key, seconds, presignOpts = {}) {
      if (!isKey(key)) throw new Error('not a stored key');
      // The object's URL as the client addresses it: the endpoint (or AWS's), path-style or with the bucket as a subdomain.
      const base = new URL(settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`);
      const prefix = base.pathname.replace(/\/$/, '');
      const url = settings.forcePathStyle ? new URL(`${base.origin}${prefix}/${Bucket}/${key}`) : new URL(`${base.protocol}//${Bucket}.${base.host}${prefix}/${key}`);
      const query: Record<string, string> = {};
      if (presignOpts.filename) query['response-content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(presignOpts.filename)}`;
      if (presignOpts.contentType) query['response-content-type'] = presignOpts.contentType;
      const credentials = await client.config.credentials();
      return presignGet({ url, region: settings.region, credentials, seconds, query });
    },

    async close() {
      client.destroy();
    },
  };
}
