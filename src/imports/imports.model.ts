import crypto from 'node:crypto';
import path from 'node:path';
import { parisToIso } from '../platform/format.ts';
import { slugify } from '../platform/text.ts';
import type { ImportKind, LineOutcome } from './imports.tables.ts';

/** Pure rules of the imports: what a parsed file is, fingerprints, the kind of a file, old addresses. */

export const KINDS: readonly ImportKind[] = ['subscribers', 'members', 'events', 'wordpress', 'documents'];
export const isKind = (v: unknown): v is ImportKind => typeof v === 'string' && (KINDS as readonly string[]).includes(v);

/** Something to say about a line: the column or property, an i18n key of the imports catalogue, its parameters. */
export interface LineNote {
  field: string | null;
  reason: string;
  params?: Record<string, string | number>;
}

/** One entry of the file, ready to be written: `key` names it across imports (an address, a UID, a post id). */
export interface ImportItem<T = unknown> {
  line: number;
  key: string;
  label: string;
  data: T;
  /** Shown in the preview: field label key → value. */
  preview: Record<string, string>;
  /** A line written anyway, with something to say (an unknown theme). */
  note?: LineNote;
  /** What the fingerprint covers when `data` names a file by where it was unpacked (which changes from run to run). */
  stable?: unknown;
  /** Entries merged into this one (the same address twice): reported as skipped. */
  merged?: number[];
}

/** A line that will not be written, and why. */
export interface LineProblem extends LineNote {
  line: number;
  label: string;
  outcome: Extract<LineOutcome, 'skipped' | 'error'>;
}

export interface ParsedFile<T = unknown> {
  kind: ImportKind;
  items: ImportItem<T>[];
  problems: LineProblem[];
  /** Source columns and the Palabre field each one feeds ("Email Address" → e-mail), for the preview. */
  mapping: Array<{ source: string; field: string }>;
  /** The preview's columns (field label keys). */
  columns: string[];
  /** What the file is, as the report says it: "Mailchimp (abonné·es)", "Brevo". */
  flavour: string;
}

export function fingerprint(data: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/** The kind a file's name and first bytes tell; null for a CSV (subscribers, members or documents: the person says). */
export function guessKind(filename: string, head: string): ImportKind | 'site' | null {
  const ext = path.extname(filename).toLowerCase();
  if (ext === '.ics' || ext === '.ical' || /^\s*BEGIN:VCALENDAR/i.test(head)) return 'events';
  if (ext === '.zip') return 'site';
  if ((ext === '.xml' || head.trimStart().startsWith('<?xml')) && /xmlns:wp=|<wp:wxr_version>/.test(head)) return 'wordpress';
  return null;
}

/** An old site's address as stored and looked up: its path, decoded, without query string or trailing slash. */
export function redirectPath(url: string): string | null {
  let p: string;
  try {
    p = /^https?:\/\//i.test(url) ? new URL(url).pathname : (url.split(/[?#]/)[0] ?? '');
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  if (!p.startsWith('/')) return null;
  p = p.replace(/\/+$/, '');
  return p === '' ? null : p;
}

const normalizeHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The index of the first header among `names` (compared without case, accents or punctuation), or -1. */
export function column(header: string[], names: string[]): number {
  const wanted = names.map(normalizeHeader);
  return header.findIndex((h) => wanted.includes(normalizeHeader(h)));
}

export const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]{2,}$/;

const YES = new Set(['oui', 'yes', 'y', 'o', '1', 'x', 'vrai', 'true']);
export const isYes = (v: string | undefined) => YES.has((v ?? '').trim().toLowerCase());

/**
 * A date as exports write them: ISO ("2021-03-04T10:12:33Z"), Mailchimp's "2021-03-04 10:12:33" (UTC),
 * French "04/03/2021" or "04/03/2021 10:12" (Paris); null when it is none of these.
 */
export function parseDate(value: string, zone: 'utc' | 'paris' = 'utc'): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', tz] = m;
    if (!realDay(y, mo, d) || Number(h) > 23 || Number(mi) > 59) return null;
    if (!tz && zone === 'paris') return parisToIso(`${y}-${mo}-${d}`, `${h}:${mi}`);
    const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${tz ?? 'Z'}`);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2})[:h](\d{2}))?$/.exec(v);
  if (m) {
    const [, d, mo, y, h = '0', mi = '00'] = m;
    if (!realDay(y, mo, d) || Number(h) > 23 || Number(mi) > 59) return null;
    return parisToIso(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`, `${h.padStart(2, '0')}:${mi}`);
  }
  return null;
}

/** Refuses what Date would roll over (31/02 becomes 03/03). */
function realDay(y: string, mo: string, d: string): boolean {
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return probe.getUTCFullYear() === Number(y) && probe.getUTCMonth() === Number(mo) - 1 && probe.getUTCDate() === Number(d);
}

/** Theme names of a cell ("Climat, Mobilité ; Énergie") as slugs, with the names as written. */
export function themesOf(cell: string): Array<{ slug: string; name: string }> {
  const out = new Map<string, string>();
  for (const name of cell.split(/[,;|]/).map((s) => s.trim())) {
    const slug = slugify(name);
    if (slug && !out.has(slug)) out.set(slug, name);
  }
  return [...out].map(([slug, name]) => ({ slug, name }));
}

export const emptyCounts = (): Record<LineOutcome, number> => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, error: 0 });
