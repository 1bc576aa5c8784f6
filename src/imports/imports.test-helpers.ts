import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestApp } from '../../test/harness.ts';
import type { ImportKind } from './imports.tables.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => path.join(FIXTURES, name);

/** Imports a file as the command line does (a run recorded, resumed if unfinished), and answers its report. */
export async function importFile(app: TestApp, file: string, kind: ImportKind, opts: { filesDir?: string } = {}) {
  const imports = app.services.imports.service;
  const { run } = await imports.createRun({ file, filename: path.basename(file), kind, startedBy: null, move: false, resume: true });
  return imports.execute(run.id, opts);
}

/** Rows in every table an import may write to (its own run records aside): what a dry run must leave as it found. */
export async function rowCounts(app: TestApp): Promise<Record<string, number>> {
  const tables = [
    'newsletter_subscribers',
    'users',
    'network_members',
    'network_organisations',
    'events',
    'contents',
    'documents',
    'themes',
    'catalog_items',
    'mail_outbox',
    'import_runs',
    'import_lines',
    'import_items',
    'import_redirects',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    // Tables of several modules, counted by name.
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(app.platform.db);
    const row = rows[0];
    out[t] = Number(row?.n ?? 0);
  }
  return out;
}

/** A copy of a fixture with a change, in a temporary folder. */
export function variant(name: string, change: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-import-'));
  const target = path.join(dir, path.basename(name));
  fs.writeFileSync(target, change(fs.readFileSync(fixture(name), 'utf8')));
  return target;
}
