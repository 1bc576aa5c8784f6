import { strFromU8 } from 'fflate';
import { extractText as extractPdfText, renderPageAsImage } from 'unpdf';
import { readZipDirectory, readZipEntry, ZipError, type ZipEntry } from './content.zip.ts';
import { type DocumentBytes, sharedExtractor } from './content.extract.ts';

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

function bytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/**
 * The file's real type, read from its bytes (never from its name or the browser's claim).
 * ODT, DOCX and XLSX are zip containers: the names in their directory tell them apart, and
 * nothing but ODT's few-byte `mimetype` is inflated here. Throws a ZipError 'duplicate' for a
 * container with two entries of one name, which no office suite writes.
 */
export function sniff(buf: Buffer): FileType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return TYPES.PDF;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.PNG;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return TYPES.JPG;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    let entries: Map<string, ZipEntry>;
    try {
      entries = readZipDirectory(bytes(buf));
    } catch (err) {
      if (err instanceof ZipError && err.problem === 'duplicate') throw err;
      return null;
    }
    const mimetype = entries.get('mimetype');
    if (mimetype && readMimetype(buf, mimetype) === TYPES.ODT.mime) return TYPES.ODT;
    if (entries.has('[Content_Types].xml') && entries.has('word/document.xml')) return TYPES.DOCX;
    if (entries.has('[Content_Types].xml') && entries.has('xl/workbook.xml')) return TYPES.XLSX;
  }
  return null;
}

/** sniff() as the extraction worker answers it: the format, 'badArchive' (a duplicate entry), or null. */
export function sniffHere(buf: Buffer): FileType['format'] | 'badArchive' | null {
  try {
    return sniff(buf)?.format ?? null;
  } catch (err) {
    return err instanceof ZipError ? 'badArchive' : null;
  }
}

/** The file's real type, read from an uploaded file in the extraction worker; throws a ZipError 'duplicate' as sniff() does. */
export async function sniffFile(file: { path: string }): Promise<FileType | null> {
  const format = await sharedExtractor().sniff(file);
  if (format === 'badArchive') throw new ZipError('duplicate');
  return format ? TYPES[format] : null;
}

function readMimetype(buf: Buffer, entry: ZipEntry): string | null {
  try {
    return strFromU8(readZipEntry(bytes(buf), entry, 256)).trim();
  } catch {
    return null;
  }
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

/** One pass, so "&amp;lt;" stays "&lt;"; a reference to no character becomes U+FFFD instead of failing the document. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(lt|gt|quot|apos|amp));/g, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return XML_ENTITIES[name];
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

interface XmlTextRules {
  /** Only text inside these elements counts (all text when absent). */
  textIn?: string[];
  /** Elements whose end (or empty form) ends a line. */
  lineEnds: string[];
  /** Empty elements that stand for a space. */
  spaces?: string[];
}

/**
 * The text of an XML part, in one linear scan (no regular expression that backtracks over a
 * hostile document): text nodes joined as the rules say, entities decoded, blanks squeezed.
 */
function xmlText(xml: string, rules: XmlTextRules): string {
  const parts: string[] = [];
  let inside = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const stop = lt === -1 ? xml.length : lt;
    if (stop > i && (!rules.textIn || inside > 0)) parts.push(xml.slice(i, stop));
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt + 1);
    if (gt === -1) break;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    const closing = tag.startsWith('/');
    const empty = tag.endsWith('/');
    const name = /^\/?([^\s/]+)/.exec(tag)?.[1] ?? '';
    if (rules.textIn?.includes(name) && !empty) inside = Math.max(0, inside + (closing ? -1 : 1));
    if ((closing || empty) && rules.lineEnds.includes(name)) parts.push('\n');
    else if (empty && rules.spaces?.includes(name)) parts.push(' ');
  }
  return decodeXmlEntities(parts.join(''))
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/** Inflated XML read for search per document: enough for hundreds of pages; a bigger part is not indexed. */
export const MAX_TEXT_XML_BYTES = 16 * 1024 * 1024;

/** The text for search, or why there is none: `tooLarge` (a cap or a time limit was hit) or `unreadable`. */
export interface Extraction {
  text: string;
  unread: 'tooLarge' | 'unreadable' | null;
}

const OFFICE_TEXT: Partial<Record<FileType['format'], { entry: string; rules: XmlTextRules }>> = {
  ODT: { entry: 'content.xml', rules: { lineEnds: ['text:p', 'text:h', 'text:line-break'], spaces: ['text:s', 'text:tab'] } },
  // Words split across runs (<w:t>) join without a space; deleted text (<w:delText>) is left out.
  DOCX: { entry: 'word/document.xml', rules: { textIn: ['w:t'], lineEnds: ['w:p', 'w:br', 'w:cr'], spaces: ['w:tab'] } },
  XLSX: { entry: 'xl/sharedStrings.xml', rules: { textIn: ['t'], lineEnds: ['si'] } },
};

/**
 * Text inside a document, for search, computed on the calling thread: use `extractText`, which
 * runs this in a worker. Pictures have none; a broken file gives "" rather than failing the upload.
 */
export async function extractTextHere(buf: Buffer, format: FileType['format']): Promise<Extraction> {
  try {
    if (format === 'PDF') {
      const { text } = await extractPdfText(new Uint8Array(buf), { mergePages: true });
      return { text: text.replace(/\s+/g, ' ').trim(), unread: null };
    }
    const office = OFFICE_TEXT[format];
    if (!office) return { text: '', unread: null };
    const entry = readZipDirectory(bytes(buf)).get(office.entry);
    if (!entry) return { text: '', unread: null };
    return { text: xmlText(strFromU8(readZipEntry(bytes(buf), entry, MAX_TEXT_XML_BYTES)), office.rules), unread: null };
  } catch (err) {
    return { text: '', unread: err instanceof ZipError && err.problem === 'tooLarge' ? 'tooLarge' : 'unreadable' };
  }
}

/** Width of a document's first page drawn for its thumbnail: sharp makes the card sizes from it. */
export const PAGE_THUMBNAIL_WIDTH = 800;

/**
 * A PDF's first page as a PNG, computed on the calling thread (use `firstPage`, which runs this
 * in the extraction worker). Drawing needs @napi-rs/canvas, which comes with pdfjs-dist: where it
 * is not installed, documents keep the drawing of their format instead.
 */
export async function firstPageHere(buf: Buffer): Promise<Uint8Array | null> {
  try {
    const png = await renderPageAsImage(new Uint8Array(buf), 1, { canvasImport: () => import('@napi-rs/canvas'), width: PAGE_THUMBNAIL_WIDTH });
    return new Uint8Array(png);
  } catch {
    return null;
  }
}

/** A PDF's first page as a PNG, drawn off the event loop; null for other formats or when it cannot be drawn. */
export function firstPage(buf: DocumentBytes, type: FileType): Promise<Buffer | null> {
  return type.format === 'PDF' ? sharedExtractor().firstPage(buf) : Promise.resolve(null);
}

/** Text inside a document, for search, read off the event loop (see content.extract.ts). */
export function extractText(buf: DocumentBytes, type: FileType): Promise<Extraction> {
  return sharedExtractor().extract(buf, type.format);
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
