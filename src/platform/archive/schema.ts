import type SQLite from 'better-sqlite3';
import type pg from 'pg';

/**
 * The tables of a database as the database itself describes them (never a hand-kept list): a
 * module added tomorrow is archived and restored without a line here.
 */

/**
 * Engine-neutral column types of the archive. `derived` columns (PostgreSQL's search vectors) are
 * computed from other columns and rebuilt after a restore: they are neither written nor read.
 */
export type PortableType = 'text' | 'integer' | 'real' | 'boolean' | 'timestamp' | 'json' | 'blob' | 'derived';

export interface ColumnInfo {
  name: string;
  type: PortableType;
  /** The engine's own name for the type (`text`, `integer`, `timestamp with time zone`...). */
  declared: string;
  nullable: boolean;
  /** PostgreSQL: filled by a sequence (serial), to be moved past the restored values. */
  sequence?: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this one references (foreign keys): restored before it. */
  references: string[];
}

/** Tables of the machinery that are not the site: the migrator's own (listed apart), its lock. */
export const MIGRATIONS_TABLE = 'palabre_migrations';
const NOT_SITE = new Set([MIGRATIONS_TABLE, 'palabre_migrations_lock']);

export function sqliteType(declared: string): PortableType {
  const t = declared.toLowerCase();
  if (t.includes('int')) return 'integer';
  if (t.includes('bool')) return 'boolean';
  if (t.includes('json')) return 'json';
  if (t.includes('char') || t.includes('clob') || t.includes('text')) return 'text';
  if (t.includes('real') || t.includes('floa') || t.includes('doub') || t.includes('numeric') || t.includes('decimal')) return 'real';
  if (t.includes('date') || t.includes('time')) return 'timestamp';
  if (t === '' || t.includes('blob')) return 'blob';
  return 'text';
}

export function postgresType(dataType: string): PortableType {
  if (['integer', 'bigint', 'smallint'].includes(dataType)) return 'integer';
  if (['real', 'double precision', 'numeric'].includes(dataType)) return 'real';
  if (dataType === 'boolean') return 'boolean';
  if (dataType.startsWith('timestamp') || dataType === 'date') return 'timestamp';
  if (dataType === 'json' || dataType === 'jsonb') return 'json';
  if (dataType === 'bytea') return 'blob';
  if (dataType === 'tsvector' || dataType === 'tsquery') return 'derived';
  return 'text';
}

export function describeSqlite(db: SQLite.Database): TableInfo[] {
  // `table_list` types virtual tables (full-text indexes) and their shadow tables apart: both are derived.
  const tables = (db.prepare(`PRAGMA table_list`).all() as Array<{ schema: string; name: string; type: string }>).filter(
    (t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && !NOT_SITE.has(t.name),
  );
  return tables
    .map((t) => {
      const cols = db.prepare(`PRAGMA table_info(${quote(t.name)})`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
      const fks = db.prepare(`PRAGMA foreign_key_list(${quote(t.name)})`).all() as Array<{ table: string }>;
      return {
        name: t.name,
        columns: cols.map((c) => ({ name: c.name, type: sqliteType(c.type), declared: c.type.toLowerCase(), nullable: !c.notnull && !c.pk })),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        references: [...new Set(fks.map((f) => f.table))].filter((r) => r !== t.name),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function describePostgres(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const { rows: cols } = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const { rows: keys } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.ord`,
  );
  const { rows: fks } = await client.query<{ table_name: string; referenced: string }>(
    `SELECT c.relname AS table_name, r.relname AS referenced
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  return tables
    .filter((t) => !NOT_SITE.has(t.name))
    .map((t) => ({
      name: t.name,
      columns: cols
        .filter((c) => c.table_name === t.name)
        .map((c) => ({
          name: c.column_name,
          type: postgresType(c.data_type),
          declared: c.data_type,
          nullable: c.is_nullable === 'YES',
          ...(c.column_default?.startsWith('nextval(') || c.is_identity === 'YES' ? { sequence: true } : {}),
        })),
      primaryKey: keys.filter((k) => k.table_name === t.name).map((k) => k.column_name),
      references: [...new Set(fks.filter((f) => f.table_name === t.name).map((f) => f.referenced))].filter((r) => r !== t.name),
    }));
}

/** Tables in an order where every table comes after those it references (cycles, if any, keep name order). */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: TableInfo[] = [];
  const visit = (t: TableInfo) => {
    if (done.has(t.name) || visiting.has(t.name)) return;
    visiting.add(t.name);
    for (const r of t.references) {
      const ref = byName.get(r);
      if (ref) visit(ref);
    }
    visiting.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

/** A quoted identifier, the same on both engines. */
export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
