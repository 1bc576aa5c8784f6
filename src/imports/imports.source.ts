import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { readCsv } from '../platform/csv.ts';
import { parseDocuments, parseMembers, parseSubscribers, type TerritoryAnswer } from './imports.csv.ts';
import { parseEvents, UnreadableFile } from './imports.ics.ts';
import type { ParsedFile } from './imports.model.ts';
import type { ImportKind } from './imports.tables.ts';
import { parseWordpress } from './imports.wxr.ts';

/** Reading a file of each kind: a CSV, an .ics, a WXR export, or a folder or zip holding the export and its files. */

export interface SourceOptions {
  resolveTerritory: (text: string) => TerritoryAnswer;
  /** Theme slug, and the slug of its French name, → slug. */
  themes: Map<string, string>;
  roles: readonly string[];
  orgTypes: readonly string[];
  /** Where a zip is unpacked (kept with the run, so that a resumed run finds the same files). */
  workDir: string;
  /** The export's files folder, when given apart (the command line's --fichiers). */
  filesDir?: string;
}

/** More than this once unpacked is refused: a zip of a few megabytes may inflate to gigabytes. */
const MAX_UNPACKED = 2 * 1024 ** 3;

/** Unpacks a zip into `dir` (once: a resumed run reuses it), every path kept inside `dir`. */
export function unpack(zip: string, dir: string): string {
  const done = path.join(dir, '.unpacked');
  if (fs.existsSync(done)) return dir;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(fs.readFileSync(zip), {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNPACKED) throw new UnreadableFile('imports.failure.zipTooLarge');
        return !f.name.endsWith('/');
      },
    });
  } catch (err) {
    if (err instanceof UnreadableFile) throw err;
    throw new UnreadableFile('imports.failure.zip');
  }
  const root = path.resolve(dir);
  for (const [name, data] of Object.entries(files)) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
  fs.writeFileSync(done, '');
  return dir;
}

/** The first file under `dir` (breadth first) that `test` accepts. */
function find(dir: string, test: (file: string) => boolean): string | null {
  const queue = [dir];
  while (queue.length) {
    const d = queue.shift()!;
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) if (e.isFile() && test(path.join(d, e.name))) return path.join(d, e.name);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== '__MACOSX') queue.push(path.join(d, e.name));
  }
  return null;
}

const isWxr = (file: string) => /\.xml$/i.test(file) && /xmlns:wp=|<wp:wxr_version>/.test(fs.readFileSync(file, 'utf8').slice(0, 4000));

/** The file itself, or the export inside the folder or zip it names. */
function locate(file: string, kind: ImportKind, workDir: string): string {
  let target = file;
  if (/\.zip$/i.test(file) && (kind === 'wordpress' || kind === 'documents')) target = unpack(file, workDir);
  // Mailchimp exports an audience as a zip of three CSVs: each is imported on its own, so that its lines keep their numbers.
  else if (/\.zip$/i.test(file)) throw new UnreadableFile('imports.failure.csvInZip');
  if (fs.statSync(target).isDirectory()) {
    const found = find(target, kind === 'wordpress' ? isWxr : (f) => /\.csv$/i.test(f));
    if (!found) throw new UnreadableFile(kind === 'wordpress' ? 'imports.failure.noWxr' : 'imports.failure.noCsv');
    return found;
  }
  return target;
}

export function readSource(file: string, kind: ImportKind, opts: SourceOptions): ParsedFile {
  const source = locate(file, kind, opts.workDir);
  const data = fs.readFileSync(source);
  switch (kind) {
    case 'subscribers':
      return parseSubscribers(readCsv(data));
    case 'members':
      return parseMembers(readCsv(data), opts);
    case 'documents':
      return parseDocuments(readCsv(data), path.dirname(source));
    case 'events':
      return parseEvents(new TextDecoder('utf-8').decode(data));
    case 'wordpress': {
      const dir = path.dirname(source);
      const filesDirs = [opts.filesDir, path.join(dir, 'wp-content', 'uploads'), path.join(dir, 'uploads'), dir].filter((d): d is string => !!d);
      return parseWordpress(new TextDecoder('utf-8').decode(data), { filesDirs });
    }
  }
}
