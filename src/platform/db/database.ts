import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type Dialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { GuardedSqliteDialect } from './guard.ts';

export type DatabaseKind = 'sqlite' | 'postgres';
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Db<T> {
  kysely: Kysely<T>;
  kind: DatabaseKind;
  /** Postgres only: the pool, for LISTEN/NOTIFY and advisory locks. */
  pool?: pg.Pool;
  /** SQLite only: the raw handle, for online backups. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// pg returns int8 (count(*)) as strings; our counts always fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenOptions {
  poolSize?: number;
  /** Called after each query with its root node kind ("SelectQueryNode"...) and duration (metrics). */
  onQuery?: (kind: string, ms: number, failed: boolean) => void;
}

export function openDatabase<T>(target: DatabaseTarget, opts: OpenOptions = {}): Db<T> {
  let dialect: Dialect;
  const onQuery = opts.onQuery;
  const log = onQuery ? (e: LogEvent) => onQuery(e.query.query.kind, e.queryDurationMillis, e.level === 'error') : undefined;
  if (target.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MB of page cache instead of SQLite's 2 MB default: the catalogue and its index stay in memory.
    sqlite.pragma('cache_size = -65536');
    // Guarded: a root query inside an open transaction fails at once instead of waiting forever.
    dialect = new GuardedSqliteDialect({ database: sqlite });
    const kysely = new Kysely<T>({ dialect, log });
    return { kysely, kind: 'sqlite', sqlite, close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: opts.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  dialect = new PostgresDialect({ pool });
  const kysely = new Kysely<T>({ dialect, log });
  return { kysely, kind: 'postgres', pool, close: () => kysely.destroy() };
}

/**
 * Another module's transaction, whatever tables its type names: what a module takes when it
 * writes its own rows inside the caller's transaction (the catalogue's entries, a module's
 * personal data erased in the account's deletion). Only `asTables` opens it.
 */
export type ForeignTransaction = Pick<Kysely<object>, 'isTransaction'>;

/** The caller's transaction seen with this module's tables: the same connection, the same database. */
export function asTables<T>(trx: ForeignTransaction): Kysely<T> {
  return trx as unknown as Kysely<T>;
}
