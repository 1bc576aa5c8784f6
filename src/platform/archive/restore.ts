import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { Migrator, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest, type MigrationList } from '../db/migrate.ts';
import { damagedFile, safeKey, siteFiles } from './files.ts';
import { ARCHIVE_FORMAT, ArchiveError, type ArchiveManifest, type ArchiveProgress } from './format.ts';
import { pgRestore, toolMajor } from './native.ts';
import { type ColumnInfo, dependencyOrder, describePostgres, describeSqlite, MIGRATIONS_TABLE, quote, type TableInfo } from './schema.ts';
import { fromArchive } from './values.ts';
import { NotAZipError, ZipReader } from './zip.ts';

export interface RestoreOptions {
  /** Replace a target that already holds a site (otherwise refused). */
  force?: boolean;
  onProgress?: (progress: ArchiveProgress) => void;
  /** Restore from the JSON tables even when the archive carries a native dump for this engine. */
  json?: boolean;
}

export interface RestoreSummary {
  /** Rows written per table. */
  tables: Record<string, number>;
  files: number;
  /** True when the engine-native dump of a backup was used instead of the JSON tables. */
  native: boolean;
  /** Why the backup's native dump could not be used (the JSON tables were), when it failed. */
  nativeError?: string;
}

/** What a restore needs of the application: its migrations, and what to rebuild once the rows are back. */
export interface RestoreDeps {
  migrations: MigrationList;
  /** Rebuilds what the archive does not carry (search indexes), through the modules. */
  rebuild(config: Config): Promise<void>;
}

/**
 * Tables the platform fills by itself when it starts (its secret, its periodic jobs): rows there
 * do not mean the target already holds a site.
 */
const BOOT_TABLES = new Set(['settings', 'jobs', 'rate_limits']);

export async function readManifest(zip: ZipReader): Promise<ArchiveManifest> {
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse((await zip.buffer('schema.json')).toString('utf8')) as ArchiveManifest;
  } catch {
    throw new ArchiveError(`${zip.file} n’est pas une archive de site Palabre (schema.json absent ou illisible).`);
  }
  if (manifest.format !== ARCHIVE_FORMAT || manifest.version !== 1) throw new ArchiveError(`${zip.file} n’est pas une archive de site Palabre dans un format connu.`);
  return manifest;
}

export async function openArchive(file: string): Promise<{ zip: ZipReader; manifest: ArchiveManifest }> {
  if (!fs.existsSync(file)) throw new ArchiveError(`Le fichier ${file} n’existe pas.`);
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(file);
  } catch (err) {
    if (err instanceof NotAZipError) throw new ArchiveError(`${file} n’est pas un fichier ZIP lisible.`);
    throw err;
  }
  return { zip, manifest: await readManifest(zip) };
}

/** Tables (other than the platform's own) that hold rows: the target is not empty. */
async function occupiedTables(db: Db<unknown>): Promise<string[]> {
  const found: string[] = [];
  if (db.kind === 'sqlite') {
    for (const t of describeSqlite(db.sqlite!)) {
      if (!BOOT_TABLES.has(t.name) && db.sqlite!.prepare(`SELECT 1 FROM ${quote(t.name)} LIMIT 1`).get()) found.push(t.name);
    }
    return found;
  }
  const client = await db.pool!.connect();
  try {
    for (const t of await describePostgres(client)) {
      if (!BOOT_TABLES.has(t.name) && (await client.query(`SELECT 1 FROM ${quote(t.name)} LIMIT 1`)).rowCount) found.push(t.name);
    }
  } finally {
    client.release();
  }
  return found;
}

/** Drops every table of the target (it was empty, or the restore was forced), so that it can be built at the archive's migrations. */
async function dropEverything(db: Db<unknown>): Promise<void> {
  if (db.kind === 'sqlite') {
    const s = db.sqlite!;
    const list = s.prepare(`PRAGMA table_list`).all() as Array<{ schema: string; name: string; type: string }>;
    s.pragma('foreign_keys = OFF');
    try {
      // Virtual tables first: dropping one drops its shadow tables.
      for (const type of ['virtual', 'table', 'view'])
        for (const t of list)
          if (t.schema === 'main' && t.type === type && !t.name.startsWith('sqlite_') && s.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(t.name))
            s.prepare(`DROP ${type === 'view' ? 'VIEW' : 'TABLE'} ${quote(t.name)}`).run();
    } finally {
      s.pragma('foreign_keys = ON');
    }
    return;
  }
  const client = await db.pool!.connect();
  try {
    const views = (await client.query<{ n: string }>(`SELECT table_name AS n FROM information_schema.views WHERE table_schema = current_schema()`)).rows;
    if (views.length) await client.query(`DROP VIEW IF EXISTS ${views.map((v) => quote(v.n)).join(', ')} CASCADE`);
    const tables = (await client.query<{ n: string }>(`SELECT tablename AS n FROM pg_tables WHERE schemaname = current_schema()`)).rows;
    if (tables.length) await client.query(`DROP TABLE IF EXISTS ${tables.map((t) => quote(t.n)).join(', ')} CASCADE`);
    const sequences = (await client.query<{ n: string }>(`SELECT sequence_name AS n FROM information_schema.sequences WHERE sequence_schema = current_schema()`)).rows;
    if (sequences.length) await client.query(`DROP SEQUENCE IF EXISTS ${sequences.map((t) => quote(t.n)).join(', ')} CASCADE`);
  } finally {
    client.release();
  }
}

/** Brings an empty database to exactly the archive's migrations (newer ones run after the rows are back, on them). */
async function migrateToArchive(db: Kysely<unknown>, migrations: MigrationList, manifest: ArchiveManifest): Promise<void> {
  const last = [...manifest.migrations].sort().at(-1);
  if (!last) throw new ArchiveError('L’archive ne dit pas à quelles migrations ses données correspondent (schema.json).');
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATIONS_TABLE,
    migrationLockTableName: `${MIGRATIONS_TABLE}_lock`,
  });
  const result = await migrator.migrateTo(last);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
}

/** The rows of a table file, one per line (the format `exportSite` writes). */
async function* rowsOf(stream: Readable, name: string): AsyncGenerator<{ row: Record<string, unknown>; bytes: number }> {
  stream.setEncoding('utf8');
  let rest = '';
  let line = 0;
  const parse = (text: string) => {
    line++;
    const t = text.trim().replace(/,$/, '');
    if (t === '' || t === '[' || t === ']') return null;
    try {
      return { row: JSON.parse(t) as Record<string, unknown>, bytes: t.length };
    } catch {
      throw new ArchiveError(`${name} : ligne ${line} illisible (JSON attendu, un enregistrement par ligne).`);
    }
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) {
      const row = parse(p);
      if (row) yield row;
    }
  }
  const row = parse(rest);
  if (row) yield row;
}

interface TableWriter {
  write(table: TableInfo, columns: ColumnInfo[], rows: unknown[][]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

function sqliteWriter(s: SQLite.Database): TableWriter {
  s.prepare('BEGIN IMMEDIATE').run();
  // Checked at commit: rows of a table that references itself may come in any order.
  s.pragma('defer_foreign_keys = ON');
  const statements = new Map<string, SQLite.Statement>();
  return {
    async write(table, columns, rows) {
      const key = `${table.name}:${columns.length}`;
      let stmt = statements.get(key);
      if (!stmt) {
        stmt = s.prepare(`INSERT INTO ${quote(table.name)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        statements.set(key, stmt);
      }
      for (const row of rows) stmt.run(row);
    },
    async commit() {
      s.prepare('COMMIT').run();
    },
    async rollback() {
      if (s.inTransaction) s.prepare('ROLLBACK').run();
    },
  };
}

async function postgresWriter(client: pg.PoolClient): Promise<TableWriter> {
  await client.query('BEGIN');
  return {
    async write(table, columns, rows) {
      // Within PostgreSQL's 65,535 parameters per statement.
      const per = Math.max(1, Math.min(1000, Math.floor(60_000 / columns.length)));
      for (let i = 0; i < rows.length; i += per) {
        const slice = rows.slice(i, i + per);
        const values = slice.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${quote(table.name)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES ${values}`, slice.flat());
      }
    },
    async commit() {
      await client.query('COMMIT');
    },
    async rollback() {
      await client.query('ROLLBACK').catch(() => {});
    },
  };
}

async function resetSequences(client: pg.PoolClient, tables: TableInfo[]): Promise<void> {
  for (const t of tables)
    for (const c of t.columns.filter((col) => col.sequence)) {
      await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(COALESCE(MAX(${quote(c.name)}), 0), 1), COALESCE(MAX(${quote(c.name)}), 0) > 0) FROM ${quote(t.name)}`, [
        quote(t.name),
        c.name,
      ]);
    }
}

/** Writes the archive's JSON tables into the target (already at the archive's migrations), in dependency order, in one transaction. */
async function restoreTables(db: Db<unknown>, zip: ZipReader, manifest: ArchiveManifest, onProgress: (p: ArchiveProgress) => void): Promise<Record<string, number>> {
  const client = db.kind === 'postgres' ? await db.pool!.connect() : null;
  try {
    const targetTables = client ? await describePostgres(client) : describeSqlite(db.sqlite!);
    const archived = new Map(manifest.tables.map((t) => [t.name, t]));
    const missing = manifest.tables.filter((t) => t.rows > 0 && !targetTables.some((x) => x.name === t.name));
    if (missing.length) throw new ArchiveError(`Les tables ${missing.map((t) => t.name).join(', ')} de l’archive n’existent pas dans cette version de Palabre.`);
    const writer = client ? await postgresWriter(client) : sqliteWriter(db.sqlite!);
    const counts: Record<string, number> = {};
    try {
      for (const table of dependencyOrder(targetTables)) {
        const source = archived.get(table.name);
        if (!source || !zip.has(source.file)) continue;
        const sourceTypes = new Map(source.columns.map((c) => [c.name, c.type]));
        const columns = table.columns.filter((c) => c.type !== 'derived' && sourceTypes.has(c.name));
        let batch: unknown[][] = [];
        let bytes = 0;
        let done = 0;
        onProgress({ phase: 'tables', table: table.name, done, total: source.rows });
        for await (const { row, bytes: size } of rowsOf(await zip.open(source.file), source.file)) {
          batch.push(columns.map((c) => fromArchive(row[c.name], sourceTypes.get(c.name), c, db.kind)));
          bytes += size;
          // A thousand rows, or fewer long ones (extracted documents, mail bodies): memory stays small.
          if (batch.length === 1000 || bytes > 4 * 1024 * 1024) {
            await writer.write(table, columns, batch);
            done += batch.length;
            batch = [];
            bytes = 0;
            onProgress({ phase: 'tables', table: table.name, done, total: source.rows });
          }
        }
        if (batch.length) await writer.write(table, columns, batch);
        counts[table.name] = done + batch.length;
        onProgress({ phase: 'tables', table: table.name, done: counts[table.name], total: source.rows });
      }
      // Serial columns: the next value comes after the restored ones.
      if (client) await resetSequences(client, targetTables);
      await writer.commit();
    } catch (err) {
      await writer.rollback();
      throw err;
    }
    return counts;
  } finally {
    client?.release();
  }
}

async function matchesKey(stream: Readable, key: string): Promise<boolean> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return key.endsWith(`/${hash.digest('hex')}`);
}

/** Copies one entry of the archive to a temporary file (the native tools read files). */
async function extract(zip: ZipReader, name: string, dir: string): Promise<string> {
  const file = path.join(dir, path.basename(name));
  await pipeline(await zip.open(name), fs.createWriteStream(file));
  return file;
}

/** Uses the backup's own dump when the target runs the same engine (and, for PostgreSQL, a pg_restore that reads it). */
async function restoreNative(config: Config, zip: ZipReader, manifest: ArchiveManifest, work: string): Promise<boolean> {
  const native = manifest.native;
  if (!native || !zip.has(native.file)) return false;
  if (native.kind === 'sqlite' && config.database.kind === 'sqlite') {
    const copy = await extract(zip, native.file, work);
    const source = new SQLite(copy, { readonly: true });
    try {
      // SQLite's backup API writes the target's pages under its own locks: no half-copied file.
      await source.backup(config.database.file);
    } finally {
      source.close();
    }
    return true;
  }
  if (native.kind === 'pg_dump' && config.database.kind === 'postgres') {
    const major = await toolMajor('pg_restore');
    if (major === null || major < Number(native.version)) return false;
    const copy = await extract(zip, native.file, work);
    await pgRestore(config.database.url, copy);
    return true;
  }
  return false;
}

export async function restoreArchive(config: Config, file: string, opts: RestoreOptions, deps: RestoreDeps): Promise<RestoreSummary> {
  const { zip, manifest } = await openArchive(file);
  const onProgress = opts.onProgress ?? (() => {});
  const unknown = manifest.migrations.filter((m) => !(m in deps.migrations));
  if (unknown.length)
    throw new ArchiveError(`Cette archive vient d’une version plus récente de Palabre (migrations inconnues : ${unknown.slice(0, 3).join(', ')}) : mettez Palabre à jour avant de la restaurer.`);

  let db = openDatabase<unknown>(config.database, { poolSize: 2 });
  // The native copy is extracted under DATA_DIR, not in /tmp (often a small tmpfs): it is the size of the database.
  fs.mkdirSync(path.join(config.dataDir, 'tmp'), { recursive: true });
  const work = fs.mkdtempSync(path.join(config.dataDir, 'tmp', 'restore-'));
  let native = false;
  let files = 0;
  let nativeError: string | undefined;
  let tables: Record<string, number> = Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]));
  try {
    const occupied = await occupiedTables(db);
    if (occupied.length && !opts.force)
      throw new ArchiveError(
        `La base cible contient déjà des données (tables ${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? '…' : ''}) : la restauration les remplacerait. Ajoutez --force pour remplacer ce site par l’archive.`,
      );
    // Files first: they are named by their checksum, so writing them harms nothing, and a damaged
    // archive is refused before the target's tables are touched.
    const store = siteFiles(config);
    const names = [...zip.entries.keys()].filter((n) => n.startsWith('files/') && !n.endsWith('/'));
    onProgress({ phase: 'files', done: 0, total: names.length });
    try {
      for (const name of names) {
        const key = name.slice('files/'.length);
        if (!safeKey(key)) throw new ArchiveError(`Nom de fichier refusé dans l’archive : ${name}.`);
        // Named by their checksum: a file already there (a forced restore over a site) is not
        // written again, but the archive's copy is still checked against its name.
        if (!(await store.has(key))) await store.write(key, await zip.open(name));
        else if (!(await matchesKey(await zip.open(name), key))) throw new ArchiveError(damagedFile(key));
        files++;
        onProgress({ phase: 'files', done: files, total: names.length });
      }
    } finally {
      await store.close();
    }
    await dropEverything(db);
    if (!opts.json && manifest.native) {
      onProgress({ phase: 'native', done: 0 });
      if (config.database.kind === 'sqlite') await db.close();
      try {
        native = await restoreNative(config, zip, manifest, work);
      } catch (err) {
        // A dump the tools cannot read: the JSON tables of the same archive say the same.
        native = false;
        nativeError = err instanceof Error ? err.message : String(err);
      }
      if (config.database.kind === 'sqlite') db = openDatabase<unknown>(config.database, { poolSize: 2 });
      if (!native) await dropEverything(db);
    }
    if (!native) {
      await migrateToArchive(db.kysely, deps.migrations, manifest);
      tables = await restoreTables(db, zip, manifest, onProgress);
    }
    await migrateToLatest(db.kysely, deps.migrations);
  } finally {
    await db.close();
    fs.rmSync(work, { recursive: true, force: true });
  }

  if (!native) {
    onProgress({ phase: 'index', done: 0 });
    await deps.rebuild(config);
  }
  return { tables, files, native, ...(nativeError ? { nativeError } : {}) };
}
