import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Search at 100,000 items (issue 3).
 * - On SQLite, members-only text gets its own full-text column: an anonymous search then
 *   matches and ranks members-only items on their public card alone, inside the index, without
 *   a second full-text query per search (PostgreSQL already has `tsv_public` for that).
 * - On SQLite, an index that covers the facet columns by row id, so that reading a search's
 *   window of matches never touches the wide rows.
 * - On PostgreSQL, narrower rows: the body (read for the page only) goes to TOAST.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await sql`CREATE VIRTUAL TABLE catalog_fts_v2 USING fts5(title, summary, body, members_body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`INSERT INTO catalog_fts_v2 (rowid, title, summary, body, members_body)
      SELECT f.rowid, f.title, f.summary,
        CASE WHEN ci.members_only = 1 THEN '' ELSE f.body END,
        CASE WHEN ci.members_only = 1 THEN f.body ELSE '' END
      FROM catalog_fts f JOIN catalog_items ci ON ci.seq = f.rowid`.execute(db);
    await sql`DROP TABLE catalog_fts`.execute(db);
    await sql`ALTER TABLE catalog_fts_v2 RENAME TO catalog_fts`.execute(db);
    await sql`CREATE INDEX catalog_items_facets ON catalog_items (seq, kind, year, format, territory, themes, published_at)`.execute(db);
  } else {
    // A search reads many rows of this table: keep them narrow (about 1 kB instead of 2) so that
    // they stay in shared buffers. The body, read only for the page, moves to TOAST; the vectors stay.
    await sql`ALTER TABLE catalog_items ALTER COLUMN body SET STORAGE EXTERNAL`.execute(db);
    await sql`ALTER TABLE catalog_items SET (toast_tuple_target = 1024)`.execute(db);
  }
}
