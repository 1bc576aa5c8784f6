import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../http/errors.ts';
import type { ByteRange, StoredObject } from './storage.ts';

/**
 * The single byte range a Range header asks for. Anything else (another unit, several ranges,
 * a malformed value) is ignored and the whole file is sent, as RFC 9110 allows; only a range
 * starting past the end is unsatisfiable.
 */
export function byteRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

export interface StoredResponse {
  /** The object's checksum ETag (Storage.get's `etag`), known before reading it so that a 304 costs the store nothing. */
  etag: string;
  /** Bytes of the whole object, as recorded when it was stored. */
  size: number;
  /** Headers of the file (type, disposition, caching): set only once the store has answered, never on a 404. */
  headers: Record<string, string>;
  /** Opens the object, or one range of it; null when the store has no such object. */
  read(range?: ByteRange): Promise<StoredObject | null>;
  /** Single ranges (206, 416); off, the whole file is always sent. */
  ranges?: boolean;
}

/** Streams a stored file from whatever store holds it, with ETag revalidation (304) and single-range requests (206, 416). */
export async function sendStored(req: FastifyRequest, reply: FastifyReply, file: StoredResponse) {
  const headers = { ...file.headers, ETag: file.etag, ...(file.ranges ? { 'Accept-Ranges': 'bytes' } : {}) };
  if (req.headers['if-none-match'] === file.etag) return reply.code(304).headers(headers).send();

  const ifRange = req.headers['if-range'];
  const range = file.ranges && req.headers.range && (!ifRange || ifRange === file.etag) ? byteRange(req.headers.range, file.size) : null;
  if (range === 'unsatisfiable') return reply.code(416).header('Content-Range', `bytes */${file.size}`).send();
  const stored = await file.read(range ?? undefined);
  if (!stored) throw new NotFoundError();
  reply.headers(headers);
  if (range) {
    const end = Math.min(range.end, stored.size - 1);
    reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${end}/${stored.size}`)
      .header('Content-Length', end - range.start + 1);
  } else reply.header('Content-Length', stored.length);
  return reply.send(stored.stream);
}
