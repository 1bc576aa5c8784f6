import crypto from 'node:crypto';
import { Readable, Transform } from 'node:stream';

/**
 * Where uploaded bytes live (documents, pictures): the local disk by default, an S3-compatible
 * bucket when several instances share them. Objects are named by their SHA-256, so the same
 * bytes are stored once, a key never holds "..", and an object never changes under its key:
 * its ETag is its checksum, the same on every store (a migration keeps browsers' caches valid).
 */
export interface Storage {
  readonly kind: 'disk' | 's3';
  /** The folder, or the bucket and endpoint, for messages (never a credential). */
  readonly location: string;
  /** Streams the bytes in (never whole in memory), hashing them on the way, then names them by their checksum. */
  put(data: Readable | Uint8Array, opts?: { contentType?: string }): Promise<StoredFile>;
  /** The bytes (or one inclusive byte range of them), streamed; null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  stat(key: string): Promise<ObjectInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Removing a missing object is not an error. */
  remove(key: string): Promise<void>;
  /** Every stored key (no temporary object), in no particular order. */
  list(): AsyncIterable<string>;
  /** Resolves when the store answers and can be written; rejects with a sentence saying what failed (readiness probe). */
  check(): Promise<void>;
  /** A URL anyone may GET for `seconds`, where the store can sign one (S3); absent on disk. */
  presignedUrl?(key: string, seconds: number, opts?: { filename?: string; contentType?: string }): Promise<string>;
  close(): Promise<void>;
}

export interface StoredFile {
  key: string;
  sha256: string;
  size: number;
}

/** Inclusive, as in a Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ObjectInfo {
  /** Of the whole object. */
  size: number;
  etag: string;
  contentType?: string;
}

export interface StoredObject extends ObjectInfo {
  stream: Readable;
  /** Bytes in `stream`: the range's length when a range was asked. */
  length: number;
  range?: ByteRange;
}

const KEY = /^[0-9a-f]{2}\/([0-9a-f]{64})$/;

export const keyOf = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

/** Only keys this layer made are ever read: anything else (a path, a temporary object) is no object. */
export function isKey(key: string): boolean {
  return KEY.test(key);
}

export function etagOf(key: string): string {
  return `"${key.slice(3)}"`;
}

/** A stream of `data` (a Buffer becomes a one-chunk stream). */
export function toStream(data: Readable | Uint8Array): Readable {
  return data instanceof Uint8Array ? Readable.from([data]) : data;
}

/** Passes bytes through, counting and hashing them; `result()` once the stream has ended. */
export function hashing(): Transform & { result(): { sha256: string; size: number } } {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buf);
      size += buf.length;
      done(null, buf);
    },
  });
  let digest: string | null = null;
  return Object.assign(t, {
    result() {
      digest ??= hash.digest('hex');
      return { sha256: digest, size };
    },
  });
}

export const randomName = () => `${Date.now().toString(36)}-${crypto.randomBytes(8).toString('hex')}`;
