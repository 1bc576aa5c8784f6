import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { extractText as extractPdfText } from 'unpdf';

export interface FileType {
  format: 'PDF' | 'ODT' | 'DOCX' | 'XLSX' | 'PNG' | 'JPG';
  mime: string;
  extension: string;
}

const TYPES: Record<FileType['format'], FileType> = {
  PDF: { format: 'PDF', mime: 'application/pdf', extension: 'pdf' },
  ODT: { format: 'ODT', mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  DOCX: { format: 'DOCX', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  XLSX: { format: 'XLSX', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  PNG: { format: 'PNG', mime: 'image/png', extension: 'png' },
  JPG: { format: 'JPG', mime: 'image/jpeg', extension: 'jpg' },
};

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function unzip(buf: Buffer, wanted: (name: string) => boolean): Record<string, Uint8Array> | null {
  try {
    return unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.length), { filter: (f) => wanted(f.name) });
  } catch {
    return null;
  }
}

/**
 * The file's real type, read from its bytes (never from its name or the browser's claim).
 * ODT, DOCX and XLSX are zip containers: the entries inside tell them apart.
 */
export function sniff(buf: Buffer): FileType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return TYPES.PDF;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.PNG;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return TYPES.JPG;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = unzip(buf, (n) => n === 'mimetype' || n === 'word/document.xml' || n === 'xl/workbook.xml' || n === '[Content_Types].xml');
    if (!entries) return null;
    if (entries.mimetype && strFromU8(entries.mimetype).trim() === TYPES.ODT.mime) return TYPES.ODT;
    if (entries['[Content_Types].xml'] && entries['word/document.xml']) return TYPES.DOCX;
    if (entries['[Content_Types].xml'] && entries['xl/workbook.xml']) return TYPES.XLSX;
  }
  return null;
}

function xmlText(xml: string, paragraph: RegExp): string {
  return xml
    .replace(paragraph, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Text inside a document, for search. Pictures have none; a broken file gives "" rather than failing the upload. */
export async function extractText(buf: Buffer, type: FileType): Promise<string> {
  try {
    switch (type.format) {
      case 'PDF': {
        const { text } = await extractPdfText(new Uint8Array(buf), { mergePages: true });
        return text.replace(/\s+/g, ' ').trim();
      }
      case 'ODT': {
        const entries = unzip(buf, (n) => n === 'content.xml');
        return entries?.['content.xml'] ? xmlText(strFromU8(entries['content.xml']), /<\/text:(p|h)>/g) : '';
      }
      case 'DOCX': {
        const entries = unzip(buf, (n) => n === 'word/document.xml');
        // Words split across runs (<w:t>) must join without a space: drop the tags between runs.
        const xml = entries?.['word/document.xml'] ? strFromU8(entries['word/document.xml']) : '';
        return xmlText(xml.replace(/<\/w:t>[\s\S]*?<w:t(?: [^>]*)?>/g, (between) => (/<\/w:p>/.test(between) ? '\n' : '')), /<\/w:p>/g);
      }
      case 'XLSX': {
        const entries = unzip(buf, (n) => n === 'xl/sharedStrings.xml');
        return entries?.['xl/sharedStrings.xml'] ? xmlText(strFromU8(entries['xl/sharedStrings.xml']), /<\/si>/g) : '';
      }
      default:
        return '';
    }
  } catch {
    return '';
  }
}

/**
 * A file name safe to store and to put in a URL and a header: no directory, no control
 * character, the extension of the real type. "../../etc/passwd.pdf" becomes "passwd.pdf".
 */
export function safeFilename(original: string, type: FileType): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${stem || 'document'}.${type.extension}`;
}

/** Where document bytes live. Disk by default; the interface lets several instances share another store. */
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
