import { once } from 'node:events';
import fs from 'node:fs';
import { PassThrough, type Readable, Transform, pipeline } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A streaming ZIP writer and a random-access reader, with ZIP64 (docs/decisions/0055): a site
 * archive may hold more than 65,535 files or 4 GB, which fflate's writer cannot. Entries are
 * written as they come (sizes and checksum in a data descriptor after the data, and in the
 * central directory), so nothing is held in memory but the directory.
 */

const U32 = 0xffffffff;
const U16 = 0xffff;

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(d.getFullYear() - 1980, 0) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly out: fs.WriteStream;
  private failed: Error | null = null;

  constructor(file: string) {
    // Readable by its owner only: a site archive holds personal data (addresses, password hashes, consent proofs).
    this.out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.out.on('error', (err) => {
      this.failed = err;
    });
  }

  private async write(buf: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.offset += buf.length;
    // `once` rejects if the stream fails while waiting.
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  /** Adds one entry from a stream of bytes; `deflate: false` for bytes that are already compressed (pictures, PDFs). */
  async add(name: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: { deflate?: boolean; modified?: Date } = {}): Promise<{ size: number }> {
    const nameBytes = Buffer.from(name, 'utf8');
    const method = opts.deflate === false ? 0 : 8;
    const { time, date } = dosDateTime(opts.modified ?? new Date());
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt16LE(nameBytes.length, 26);
    await this.write(Buffer.concat([header, nameBytes]));

    let crc = 0;
    let size = 0;
    let compressed = 0;
    if (method === 0) {
      for await (const chunk of source) {
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        crc = zlib.crc32(buf, crc);
        size += buf.length;
        await this.write(buf);
      }
      compressed = size;
    } else {
      const deflater = zlib.createDeflateRaw({ level: 6 });
      const feed = (async () => {
        for await (const chunk of source) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.byteLength;
          if (!deflater.write(chunk)) await once(deflater, 'drain');
        }
        deflater.end();
      })().catch((err: Error) => deflater.destroy(err));
      for await (const chunk of deflater as AsyncIterable<Buffer>) {
        compressed += chunk.length;
        await this.write(chunk);
      }
      await feed;
    }
    const big = size >= U32 || compressed >= U32;
    const descriptor = Buffer.alloc(big ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (big) {
      descriptor.writeBigUInt64LE(BigInt(compressed), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    await this.write(descriptor);
    this.entries.push({ name: nameBytes, method, crc: crc >>> 0, compressed, size, offset, time, date });
    return { size };
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const z64: bigint[] = [];
      if (e.size >= U32) z64.push(BigInt(e.size));
      if (e.compressed >= U32) z64.push(BigInt(e.compressed));
      if (e.offset >= U32) z64.push(BigInt(e.offset));
      const extra = Buffer.alloc(z64.length ? 4 + 8 * z64.length : 0);
      if (z64.length) {
        extra.writeUInt16LE(1, 0);
        extra.writeUInt16LE(8 * z64.length, 2);
        for (const [i, v] of z64.entries()) extra.writeBigUInt64LE(v, 4 + 8 * i);
      }
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 45, 4); // made on Unix, ZIP 4.5
      h.writeUInt16LE(45, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(e.time, 12);
      h.writeUInt16LE(e.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(Math.min(e.compressed, U32), 20);
      h.writeUInt32LE(Math.min(e.size, U32), 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      h.writeUInt32LE(Math.min(e.offset, U32), 42);
      await this.write(Buffer.concat([h, e.name, extra]));
    }
    const cdSize = this.offset - start;
    const count = this.entries.length;
    if (count >= U16 || cdSize >= U32 || start >= U32) {
      const at = this.offset;
      const rec = Buffer.alloc(56 + 20);
      rec.writeUInt32LE(0x06064b50, 0);
      rec.writeBigUInt64LE(44n, 4);
      rec.writeUInt16LE((3 << 8) | 45, 12);
      rec.writeUInt16LE(45, 14);
      rec.writeBigUInt64LE(BigInt(count), 24);
      rec.writeBigUInt64LE(BigInt(count), 32);
      rec.writeBigUInt64LE(BigInt(cdSize), 40);
      rec.writeBigUInt64LE(BigInt(start), 48);
      rec.writeUInt32LE(0x07064b50, 56);
      rec.writeBigUInt64LE(BigInt(at), 64);
      rec.writeUInt32LE(1, 72);
      await this.write(rec);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, U16), 8);
    end.writeUInt16LE(Math.min(count, U16), 10);
    end.writeUInt32LE(Math.min(cdSize, U32), 12);
    end.writeUInt32LE(Math.min(start, U32), 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
  }

  /** Gives up: closes and removes the partial file. */
  async abort(): Promise<void> {
    this.out.destroy();
    await fs.promises.rm(this.out.path as string, { force: true });
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class NotAZipError extends Error {}

/** Reads a ZIP file's central directory, then any entry as a stream (checked against its CRC). */
export class ZipReader {
  private constructor(
    readonly file: string,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(file: string): Promise<ZipReader> {
    const fh = await fs.promises.open(file, 'r');
    try {
      const { size } = await fh.stat();
      const tailLength = Math.min(size, 22 + 65_535);
      const tail = Buffer.alloc(tailLength);
      await fh.read(tail, 0, tailLength, size - tailLength);
      let eocd = -1;
      for (let i = tailLength - 22; i >= 0; i--)
        if (tail.readUInt32LE(i) === 0x06054b50) {
          eocd = i;
          break;
        }
      if (eocd < 0) throw new NotAZipError('not a zip file');
      let count = tail.readUInt16LE(eocd + 10);
      let cdSize = tail.readUInt32LE(eocd + 12);
      let cdOffset = tail.readUInt32LE(eocd + 16);
      if ((count === U16 || cdSize === U32 || cdOffset === U32) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === 0x07064b50) {
        const rec = Buffer.alloc(56);
        await fh.read(rec, 0, 56, Number(tail.readBigUInt64LE(eocd - 12)));
        if (rec.readUInt32LE(0) !== 0x06064b50) throw new NotAZipError('bad zip64 record');
        count = Number(rec.readBigUInt64LE(32));
        cdSize = Number(rec.readBigUInt64LE(40));
        cdOffset = Number(rec.readBigUInt64LE(48));
      }
      const cd = Buffer.alloc(cdSize);
      await fh.read(cd, 0, cdSize, cdOffset);
      const entries = new Map<string, ZipEntry>();
      let p = 0;
      for (let n = 0; n < count; n++) {
        if (cd.readUInt32LE(p) !== 0x02014b50) throw new NotAZipError('bad central directory');
        const nameLength = cd.readUInt16LE(p + 28);
        const extraLength = cd.readUInt16LE(p + 30);
        const commentLength = cd.readUInt16LE(p + 32);
        const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
        const entry: ZipEntry = {
          name,
          method: cd.readUInt16LE(p + 10),
          crc: cd.readUInt32LE(p + 16),
          compressed: cd.readUInt32LE(p + 20),
          size: cd.readUInt32LE(p + 24),
          offset: cd.readUInt32LE(p + 42),
        };
        // ZIP64: the fields that overflowed are in extra field 1, in this order.
        for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; x += 4 + cd.readUInt16LE(x + 2)) {
          if (cd.readUInt16LE(x) !== 1) continue;
          let y = x + 4;
          for (const field of ['size', 'compressed', 'offset'] as const) {
            if (entry[field] === U32) {
              entry[field] = Number(cd.readBigUInt64LE(y));
              y += 8;
            }
          }
        }
        entries.set(name, entry);
        p += 46 + nameLength + extraLength + commentLength;
      }
      return new ZipReader(file, entries);
    } finally {
      await fh.close();
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes as a stream; fails at its end if they do not match the stored checksum. */
  async open(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw new NotAZipError(`no entry ${name}`);
    const fh = await fs.promises.open(this.file, 'r');
    const local = Buffer.alloc(30);
    try {
      await fh.read(local, 0, 30, entry.offset);
    } finally {
      await fh.close();
    }
    if (local.readUInt32LE(0) !== 0x04034b50) throw new NotAZipError(`bad local header for ${name}`);
    const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (entry.method !== 0 && entry.method !== 8) throw new NotAZipError(`unsupported compression for ${name}`);
    let crc = 0;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        crc = zlib.crc32(chunk, crc);
        done(null, chunk);
      },
      flush(done) {
        done(crc >>> 0 === entry.crc ? null : new NotAZipError(`checksum mismatch for ${name}`));
      },
    });
    const raw = entry.compressed > 0 ? fs.createReadStream(this.file, { start, end: start + entry.compressed - 1 }) : emptyStream();
    const onError = () => {};
    return entry.method === 8 ? pipeline(raw, zlib.createInflateRaw(), check, onError) : pipeline(raw, check, onError);
  }

  async buffer(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

function emptyStream(): Readable {
  const s = new PassThrough();
  s.end();
  return s;
}
