import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.ts';
import { siteFiles } from './files.ts';
import { ArchiveError, type ArchiveManifest, type ArchiveProgress, ARCHIVE_FORMAT, ARCHIVE_README, NATIVE_PG, NATIVE_SQLITE, TYPE_NOTES } from './format.ts';
import { pgDump, toolMajor } from './native.ts';
import { describePostgres, describeSqlite, MIGRATIONS_TABLE, quote, type TableInfo } from './schema.ts';
import { toArchive } from './values.ts';
import { ZipWriter } from './zip.ts';

/**
 * Rows read and written at a time: a large table never sits in memory. Rows with long texts
 * (extracted documents, mail bodies) come fewer at a time, so that a batch stays near BATCH_BYTES.
 */
const BATCH = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

/** How many rows the next read may take; lowered after a batch of wide rows. */
interface Window {
  rows: number;
}

/** One consistent view of the database: every table is read from the same moment. */
interface Snapshot {
  engine: 'sqlite' | 'postgres';
  tables: TableInfo[];
  migrations: string[];
  count(table: TableInfo): Promise<number>;
  batches(table: TableInfo, window: Window): AsyncIterable<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const selectList = (t: TableInfo) =>
  t.columns
    .filter((c) => c.type !== 'derived')
    .map((c) => quote(c.name))
    .join(', ');
const orderBy = (t: TableInfo, fallback: string) => (t.primaryKey.length ? t.primaryKey.map(quote).join(', ') : fallback);

/** SQLite: one read transaction on its own connection (WAL: writers go on while it reads). */
function sqliteSnapshot(file: string): Snapshot {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.prepare('BEGIN').run();
  const tables = describeSqlite(db);
  const migrations = db
    .prepare(`SELECT name FROM ${quote(MIGRATIONS_TABLE)} ORDER BY name`)
    .pluck()
    .all() as string[];
  return {
    engine: 'sqlite',
    tables,
    migrations,
    count: async (t) =>
      Number(
        db
          .prepare(`SELECT count(*) FROM ${quote(t.name)}`)
          .pluck()
          .get(),
      ),
    async *batches(t, window) {
      const rows = db.prepare(`SELECT ${selectList(t)} FROM ${quote(t.name)} ORDER BY ${orderBy(t, 'rowid')}`).iterate() as IterableIterator<Record<string, unknown>>;
      let batch: Record<string, unknown>[] = [];
      let bytes = 0;
      for (const row of rows) {
        batch.push(row);
        for (const v of Object.values(row)) if (typeof v === 'string' || Buffer.isBuffer(v)) bytes += v.length;
        if (batch.length >= window.rows || bytes >= BATCH_BYTES) {
          yield batch;
          batch = [];
          bytes = 0;
        }
      }
      if (batch.length) yield batch;
    },
    async close() {
      db.prepare('COMMIT').run();
      db.close();
    },
  };
}

/** PostgreSQL: one repeatable-read transaction; its snapshot can be handed to pg_dump. */
async function postgresSnapshot(url: string): Promise<Snapshot & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const tables = await describePostgres(client);
  const migrations = (await client.query<{ name: string }>(`SELECT name FROM ${quote(MIGRATIONS_TABLE)} ORDER BY name`)).rows.map((r) => r.name);
  return {
    client,
    engine: 'postgres',
    tables,
    migrations,
    count: async (t) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(t.name)}`)).rows[0].n),
    async *batches(t, window) {
      await client.query(`DECLARE archive_rows NO SCROLL CURSOR FOR SELECT ${selectList(t)} FROM ${quote(t.name)} ORDER BY ${orderBy(t, 'ctid')}`);
      try {
        for (;;) {
          const { rows } = await client.query<Record<string, unknown>>(`FETCH ${window.rows} FROM archive_rows`);
          if (rows.length === 0) break;
          yield rows;
        }
      } finally {
        await client.query('CLOSE archive_rows');
      }
    },
    async close() {
      await client.query('COMMIT').catch(() => {});
      await client.end();
    },
  };
}

/** The lines of a table's JSON file: an array with one row per line, so that it can be read back line by line. */
async function* tableLines(snapshot: Snapshot, t: TableInfo, progress: (done: number) => void): AsyncGenerator<Buffer> {
  const columns = t.columns.filter((c) => c.type !== 'derived');
  let first = true;
  let done = 0;
  // PostgreSQL's cursor is asked a few rows first, then as many as fit in BATCH_BYTES.
  const window: Window = { rows: 100 };
  yield Buffer.from('[');
  for await (const batch of snapshot.batches(t, window)) {
    const lines = batch.map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) out[c.name] = toArchive(row[c.name], c.type);
      const line = `${first ? '' : ','}\n${JSON.stringify(out)}`;
      first = false;
      return line;
    });
    const text = Buffer.from(lines.join(''));
    window.rows = Math.max(1, Math.min(BATCH, Math.floor((BATCH_BYTES * batch.length) / Math.max(text.length, 1))));
    yield text;
    done += batch.length;
    progress(done);
  }
  yield Buffer.from('\n]\n');
}

export interface ExportOptions {
  /** Add the engine's own dump (`palabre backup`): SQLite's online backup, or pg_dump when its version can read the server. */
  native?: boolean;
  onProgress?: (progress: ArchiveProgress) => void;
}

export interface ExportSummary {
  tables: Record<string, number>;
  files: number;
  bytes: number;
  native: ArchiveManifest['native'];
  /** Why pg_dump failed, when it did (the archive then holds the JSON tables only). */
  nativeError?: string;
}

/** Writes the whole site to a new ZIP file: tables as JSON, uploaded files, schema.json, and in backups the native dump. */
export async function exportSite(config: Config, file: string, opts: ExportOptions = {}): Promise<ExportSummary> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new ArchiveError(`${target} existe déjà ; choisissez un autre nom de fichier.`);
  if (!fs.existsSync(path.dirname(target))) throw new ArchiveError(`Le dossier ${path.dirname(target)} n’existe pas.`);
  const onProgress = opts.onProgress ?? (() => {});
  // The native copy waits beside the archive, not in /tmp (often a small tmpfs): it is the size of the database.
  const work = fs.mkdtempSync(path.join(path.dirname(target), '.palabre-export-'));
  const zip = new ZipWriter(target);
  let snapshot: Snapshot | null = null;
  try {
    let native: ArchiveManifest['native'] = null;
    let nativeFile: string | null = null;
    let nativeError: string | undefined;
    if (config.database.kind === 'sqlite') {
      if (!fs.existsSync(config.database.file)) throw new ArchiveError(`Aucune base SQLite dans ${config.database.file}.`);
      let source = config.database.file;
      if (opts.native) {
        // The online backup is the consistent copy; the JSON tables are read from that copy too.
        onProgress({ phase: 'native', done: 0 });
        nativeFile = path.join(work, 'palabre.sqlite');
        const live = new SQLite(config.database.file, { fileMustExist: true });
        try {
          live.pragma('busy_timeout = 5000');
          await live.backup(nativeFile);
          native = { kind: 'sqlite', file: NATIVE_SQLITE, version: String(live.prepare('SELECT sqlite_version()').pluck().get()) };
        } finally {
          live.close();
        }
        source = nativeFile;
      }
      snapshot = sqliteSnapshot(source);
    } else {
      const pgSnapshot = await postgresSnapshot(config.database.url);
      snapshot = pgSnapshot;
      if (opts.native) {
        const major = await toolMajor('pg_dump');
        const server = Number((await pgSnapshot.client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
        if (major !== null && major >= Math.floor(server / 10000)) {
          onProgress({ phase: 'native', done: 0 });
          const id = (await pgSnapshot.client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
          try {
            await pgDump(config.database.url, path.join(work, 'postgres.dump'), id);
            nativeFile = path.join(work, 'postgres.dump');
            native = { kind: 'pg_dump', file: NATIVE_PG, version: String(major) };
          } catch (err) {
            // The JSON tables still make a complete backup; the command says why pg_dump is missing.
            nativeError = err instanceof Error ? err.message : String(err);
          }
        }
      }
    }

    const tables: ArchiveManifest['tables'] = [];
    for (const t of snapshot.tables) {
      const total = await snapshot.count(t);
      onProgress({ phase: 'tables', table: t.name, done: 0, total });
      let rows = 0;
      await zip.add(
        `tables/${t.name}.json`,
        tableLines(snapshot, t, (done) => {
          rows = done;
          onProgress({ phase: 'tables', table: t.name, done, total });
        }),
      );
      tables.push({
        name: t.name,
        file: `tables/${t.name}.json`,
        rows,
        primaryKey: t.primaryKey,
        references: t.references,
        columns: t.columns.filter((c) => c.type !== 'derived').map(({ name, type, declared, nullable }) => ({ name, type, declared, nullable })),
      });
    }
    const { engine, migrations } = snapshot;
    await snapshot.close();
    snapshot = null;

    // Files are named by their checksum: a file listed after the snapshot is the one its rows name.
    const store = siteFiles(config);
    let files = 0;
    let bytes = 0;
    onProgress({ phase: 'files', done: 0 });
    try {
      for await (const key of store.list()) {
        const stream = await store.read(key);
        if (!stream) continue; // removed since it was listed
        // Stored, not deflated: pictures and PDFs are compressed already.
        bytes += (await zip.add(`files/${key}`, stream, { deflate: false })).size;
        files++;
        onProgress({ phase: 'files', done: files });
      }
    } finally {
      await store.close();
    }
    if (nativeFile && native) await zip.add(native.file, fs.createReadStream(nativeFile), { deflate: native.kind === 'sqlite' });

    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      engine,
      migrations,
      types: TYPE_NOTES,
      tables,
      files: { folder: 'files/', count: files, bytes },
      native,
    };
    await zip.add('schema.json', [Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]);
    await zip.add('LISEZMOI.md', [Buffer.from(ARCHIVE_README)]);
    await zip.finish();
    return { tables: Object.fromEntries(tables.map((t) => [t.name, t.rows])), files, bytes, native, ...(nativeError ? { nativeError } : {}) };
  } catch (err) {
    await snapshot?.close().catch(() => {});
    await zip.abort();
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
