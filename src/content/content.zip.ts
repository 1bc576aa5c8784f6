import { Inflate } from 'fflate';

/**
 * Just enough of the zip format to read a few entries of an office document safely: the central
 * directory is read first (names, declared sizes), and an entry is inflated in small steps that
 * stop as soon as the output passes a cap, whatever the headers claim. A 3 MB file can inflate to
 * gigabytes: nothing here ever holds more than the cap (plus one step).
 */

export type ZipProblem = 'malformed' | 'duplicate' | 'tooLarge';

export class ZipError extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem) {
    super(`zip: ${problem}`);
    this.problem = problem;
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 20_000;
/** Inflating this much input at a time bounds one step's output (deflate expands at most ~1032×). */
const STEP = 4096;

function view(buf: Uint8Array) {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function findEndOfDirectory(buf: Uint8Array, dv: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) if (dv.getUint32(i, true) === EOCD) return i;
  throw new ZipError('malformed');
}

/**
 * The entries of a zip, by name, from its central directory. Refuses two entries with the same
 * name (readers disagree on which one counts: a way to show one text and hide another) and ZIP64
 * archives (no office document needs 4 GB or 65,535 entries).
 */
export function readZipDirectory(buf: Uint8Array): Map<string, ZipEntry> {
  if (buf.length < 22) throw new ZipError('malformed');
  const dv = view(buf);
  const end = findEndOfDirectory(buf, dv);
  const count = dv.getUint16(end + 10, true);
  const size = dv.getUint32(end + 12, true);
  const offset = dv.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ENTRIES || offset + size > end) throw new ZipError('malformed');
  const names = new TextDecoder('utf-8', { fatal: false });
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || dv.getUint32(p, true) !== CENTRAL) throw new ZipError('malformed');
    const nameLength = dv.getUint16(p + 28, true);
    const next = p + 46 + nameLength + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    if (next > end) throw new ZipError('malformed');
    const entry: ZipEntry = {
      name: names.decode(buf.subarray(p + 46, p + 46 + nameLength)),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    if (entries.has(entry.name)) throw new ZipError('duplicate');
    entries.set(entry.name, entry);
    p = next;
  }
  return entries;
}

function compressedBytes(buf: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(buf);
  const at = entry.localOffset;
  if (at + 30 > buf.length || dv.getUint32(at, true) !== LOCAL) throw new ZipError('malformed');
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  if (start + entry.compressedSize > buf.length) throw new ZipError('malformed');
  return buf.subarray(start, start + entry.compressedSize);
}

/**
 * One entry's bytes, never more than `maxBytes`: refused at once when the directory declares
 * more, and stopped while inflating when the data produces more than declared or than the cap.
 */
export function readZipEntry(buf: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  if (entry.size > maxBytes) throw new ZipError('tooLarge');
  const data = compressedBytes(buf, entry);
  const limit = Math.min(entry.size, maxBytes);
  if (entry.method === 0) {
    if (data.length > limit) throw new ZipError('tooLarge');
    return data;
  }
  if (entry.method !== 8) throw new ZipError('malformed');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    // More than declared is a lying header: treated like too large, never read further.
    if (total > limit) throw new ZipError('tooLarge');
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('malformed');
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
