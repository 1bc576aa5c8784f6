import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The page an entry of the catalogue is shown on (issue 13): a document attached to a news item or
 * a resource lives on that item's page (`/actualites/x#document-y`), so a search that finds both
 * shows that page once. Search reads it from its window of matches, hence, on SQLite, in the
 * index that covers the window's columns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .alterTable('catalog_items')
    .addColumn('page', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const hash = sqlite ? sql`instr(url, '#')` : sql`strpos(url, '#')`;
  await sql`UPDATE catalog_items SET page = CASE WHEN kind = 'document' AND ${hash} > 0 THEN substr(url, 1, ${hash} - 1) ELSE url END`.execute(db);
  if (sqlite) {
    await sql`DROP INDEX catalog_items_facets`.execute(db);
    await sql`CREATE INDEX catalog_items_facets ON catalog_items (seq, kind, year, format, territory, themes, published_at, page)`.execute(db);
  }
}
