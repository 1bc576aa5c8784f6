import type { Kysely } from 'kysely';
import type { ImportItemsTable, ImportKind, ImportLinesTable, ImportRunsTable, ImportsTables } from './imports.tables.ts';

export type ImportsDb = Kysely<ImportsTables>;
type Db = ImportsDb;

export const insertRun = (db: Db, row: ImportRunsTable) => db.insertInto('import_runs').values(row).execute();
export const getRun = (db: Db, id: string) => db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
export const updateRun = (db: Db, id: string, patch: Partial<ImportRunsTable>) => db.updateTable('import_runs').set(patch).where('id', '=', id).execute();
export const listRuns = (db: Db, limit = 30) => db.selectFrom('import_runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();

/** The latest run of this file and kind that did not finish (the command line resumes it). */
export const unfinishedRun = (db: Db, sha256: string, kind: ImportKind) =>
  db
    .selectFrom('import_runs')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('kind', '=', kind)
    .where('status', 'in', ['ready', 'queued', 'running', 'failed'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

/** Entries already recorded for a run: a resumed run goes on after them. */
export async function doneEntries(db: Db, runId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('import_lines').select('entry').where('run_id', '=', runId).execute();
  return new Set(rows.map((r) => r.entry));
}

export const insertLine = (db: Db, row: ImportLinesTable) =>
  db
    .insertInto('import_lines')
    .values(row)
    .onConflict((oc) => oc.columns(['run_id', 'entry']).doNothing())
    .execute();

export const listLines = (db: Db, runId: string) => db.selectFrom('import_lines').selectAll().where('run_id', '=', runId).orderBy('line').orderBy('entry').execute();

export async function countLines(db: Db, runId: string) {
  const rows = await db
    .selectFrom('import_lines')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('outcome')
    .execute();
  return rows.map((r) => ({ outcome: r.outcome, n: Number(r.n) }));
}

export const targetsOf = (db: Db, runId: string, targetKind: string, outcome: ImportLinesTable['outcome']) =>
  db
    .selectFrom('import_lines')
    .select('target_id')
    .where('run_id', '=', runId)
    .where('target_kind', '=', targetKind)
    .where('outcome', '=', outcome)
    .execute()
    .then((rows) => rows.flatMap((r) => (r.target_id ? [r.target_id] : [])));

export const findItem = (db: Db, kind: ImportKind, key: string) => db.selectFrom('import_items').selectAll().where('kind', '=', kind).where('key', '=', key).executeTakeFirst();

/** Fingerprints of many keys at once (the preview of a long file), in chunks under the engines' parameter limits. */
export async function fingerprints(db: Db, kind: ImportKind, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('import_items')
      .select(['key', 'fingerprint'])
      .where('kind', '=', kind)
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.key, r.fingerprint);
  }
  return out;
}

export async function saveItem(db: Db, row: ImportItemsTable) {
  await db
    .insertInto('import_items')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ target_kind: row.target_kind, target_id: row.target_id, fingerprint: row.fingerprint, updated_at: row.updated_at }))
    .execute();
}

export async function saveRedirect(db: Db, path: string, target: string, runId: string | null, now: string) {
  await db
    .insertInto('import_redirects')
    .values({ path, target, run_id: runId, created_at: now })
    .onConflict((oc) => oc.column('path').doUpdateSet({ target, run_id: runId }))
    .execute();
}

export const findRedirect = (db: Db, path: string) => db.selectFrom('import_redirects').select('target').where('path', '=', path).executeTakeFirst();

/** ready or failed → queued, once: two clicks on "Lancer" start one run. */
export async function claimRun(db: Db, id: string, now: string): Promise<boolean> {
  const res = await db.updateTable('import_runs').set({ status: 'queued', updated_at: now }).where('id', '=', id).where('status', 'in', ['ready', 'failed']).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Report lines about a person: their address as the line's label, or their account as its target. */
export const linesAbout = (db: Db, userId: string, email: string) =>
  db
    .selectFrom('import_lines')
    .select(['run_id', 'line', 'outcome', 'label', 'field', 'reason'])
    .where((eb) => eb.or([eb('label', '=', email), eb.and([eb('target_kind', '=', 'user'), eb('target_id', '=', userId)])]))
    .execute();

export async function forgetPerson(db: Db, userId: string, email: string) {
  await db
    .deleteFrom('import_lines')
    .where((eb) => eb.or([eb('label', '=', email), eb.and([eb('target_kind', '=', 'user'), eb('target_id', '=', userId)])]))
    .execute();
  await db.deleteFrom('import_items').where('kind', 'in', ['subscribers', 'members']).where('key', '=', email).execute();
}

/** Runs uploaded but never started, older than `before`: their files are removed. */
export const staleRuns = (db: Db, before: string) => db.selectFrom('import_runs').select('id').where('status', '=', 'ready').where('created_at', '<', before).execute();
