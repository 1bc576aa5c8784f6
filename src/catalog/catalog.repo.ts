import { sql, type Generated, type Kysely, type RawBuilder } from 'kysely';
import type { CatalogItem } from './catalog.types.ts';
import { stemText } from './catalog.query.ts';
import type { CatalogItemsTable, CatalogTables } from './catalog.tables.ts';
import { vocabularyOf } from './catalog.words.ts';
import { addWords } from './catalog.words.repo.ts';

/** The catalogue's index: writes, and the plain reads (lists, cards). Search is in catalog.search.repo.ts. */
export type Dialect = 'sqlite' | 'postgres';
type Db = Kysely<CatalogTables>;
/** The index as written: `seq` is the database's, and PostgreSQL's vectors go in with each row (they are never read back). */
type IndexRow = Omit<CatalogItemsTable, 'seq'> & { tsv?: unknown; tsv_public?: unknown };
type IndexDb = Kysely<{ catalog_items: IndexRow & { seq: Generated<number> } }>;

// Long extracted documents are indexed on their first part: enough to find them, within tsvector's 1 MB.
const MAX_INDEXED = 200_000;

export interface SearchBackend {
  dialect: Dialect;
  /** PostgreSQL only: whether unaccent() exists; otherwise accents are stripped in JS. */
  unaccent: boolean;
}

function pgText(backend: SearchBackend, text: string, fold: (s: string) => string): RawBuilder<unknown> {
  return backend.unaccent ? sql`unaccent(${text})` : sql`${fold(text)}`;
}

export async function detectBackend(db: Db, dialect: Dialect): Promise<SearchBackend> {
  if (dialect === 'sqlite') return { dialect, unaccent: false };
  const { rows } = await sql<{ ok: boolean }>`select exists(select 1 from pg_extension where extname = 'unaccent') as ok`.execute(db);
  return { dialect, unaccent: Boolean(rows[0]?.ok) };
}

export async function upsertItem(db: Db, backend: SearchBackend, item: CatalogItem, fold: (s: string) => string): Promise<void> {
  await upsertItems(db, backend, [item], fold);
}

/** A document attached to an item is shown on that item's page (`/actualites/x#document-y`): search shows the page once. */
function pageOf(item: CatalogItem): string {
  const hash = item.url.indexOf('#');
  return item.kind === 'document' && hash > 0 ? item.url.slice(0, hash) : item.url;
}

// Rows per statement when loading many items: well under both databases' parameter limits.
const BATCH = 500;

/**
 * Puts items in the catalogue, or updates them (`seq`, the full-text row id, stays the same).
 * Many items go in a few multi-row statements: a bulk load of 100,000 items takes seconds, not minutes.
 */
export async function upsertItems(db: Db, backend: SearchBackend, items: CatalogItem[], fold: (s: string) => string): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH) {
    // The last version of an item wins when a batch names it twice.
    const batch = [...new Map(items.slice(start, start + BATCH).map((i) => [`${i.kind}\u0000${i.id}`, i])).values()];
    const rows = batch.map(
      (item): IndexRow => ({
        kind: item.kind,
        item_id: item.id,
        url: item.url,
        title: item.title,
        summary: item.summary,
        body: item.body.slice(0, MAX_INDEXED),
        themes: JSON.stringify(item.themes),
        territory: item.territory,
        format: item.format,
        members_only: item.membersOnly ? 1 : 0,
        published_at: item.publishedAt,
        updated_at: item.updatedAt,
        starts_at: item.startsAt,
        year: (item.startsAt ?? item.publishedAt).slice(0, 4),
        page: pageOf(item),
      }),
    );
    const columns = (Object.keys(rows[0]) as Array<keyof IndexRow>).filter((c) => c !== 'kind' && c !== 'item_id');
    const values: IndexRow[] = rows.map((row) => ({ ...row }));
    if (backend.dialect === 'postgres') {
      // The vectors are computed in the insert itself: a later UPDATE would write every row twice.
      rows.forEach((row, i) => {
        const title = sql`setweight(to_tsvector('french', ${pgText(backend, row.title, fold)}), 'A')`;
        const summary = sql`setweight(to_tsvector('french', ${pgText(backend, row.summary, fold)}), 'B')`;
        const card = sql`${title} || ${summary}`;
        const full = sql`${card} || setweight(to_tsvector('french', ${pgText(backend, row.body, fold)}), 'D')`;
        Object.assign(values[i], { tsv: full, tsv_public: card });
      });
      columns.push('tsv', 'tsv_public');
    }
    const saved = await (db as unknown as IndexDb)
      .insertInto('catalog_items')
      .values(values)
      .onConflict((oc) => oc.columns(['kind', 'item_id']).doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]))))
      .returning(['seq', 'kind', 'item_id'])
      .execute();
    const seqOf = new Map(saved.map((r) => [`${r.kind}\u0000${r.item_id}`, Number(r.seq)]));

    if (backend.dialect === 'sqlite') {
      const seqs = [...seqOf.values()];
      await sql`DELETE FROM catalog_fts WHERE rowid IN (${sql.join(seqs)})`.execute(db);
      // A members-only item's body goes to its own column: anonymous searches leave that column out.
      const fts = rows.map((row) => {
        const body = stemText(row.body);
        return sql`(${seqOf.get(`${row.kind}\u0000${row.item_id}`)}, ${stemText(row.title)}, ${stemText(row.summary)}, ${row.members_only ? '' : body}, ${row.members_only ? body : ''})`;
      });
      await sql`INSERT INTO catalog_fts (rowid, title, summary, body, members_body) VALUES ${sql.join(fts)}`.execute(db);
    }

    await addWords(db, vocabularyOf(rows.map((r) => ({ title: r.title, summary: r.summary, body: r.body, membersOnly: r.members_only === 1 }))));

    await db
      .deleteFrom('catalog_themes')
      .where((eb) => eb.or(batch.map((i) => eb.and([eb('kind', '=', i.kind), eb('item_id', '=', i.id)]))))
      .execute();
    const themes = batch.flatMap((i) => [...new Set(i.themes)].map((theme) => ({ kind: i.kind, item_id: i.id, theme })));
    for (let t = 0; t < themes.length; t += BATCH * 4)
      await db
        .insertInto('catalog_themes')
        .values(themes.slice(t, t + BATCH * 4))
        .execute();
  }
}

/** Refreshes the planner's statistics after a bulk load: PostgreSQL picks its search plans from them. */
export async function analyzeCatalog(db: Db, backend: SearchBackend): Promise<void> {
  // PostgreSQL: VACUUM also merges the GIN indexes' pending lists, which every search would scan.
  await (backend.dialect === 'sqlite' ? sql`ANALYZE catalog_items` : sql`VACUUM (ANALYZE) catalog_items`).execute(db);
}

/** The index's rows after `seq`, in order (a restore rebuilds the full-text index from them). */
export async function itemsAfter(db: Db, seq: number, limit: number): Promise<CatalogItemsTable[]> {
  return (await db.selectFrom('catalog_items').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute()) as CatalogItemsTable[];
}

export function itemOfRow(r: CatalogItemsTable): CatalogItem {
  return {
    kind: r.kind,
    id: r.item_id,
    url: r.url,
    title: r.title,
    summary: r.summary,
    body: r.body,
    themes: JSON.parse(r.themes) as string[],
    territory: r.territory,
    format: r.format,
    membersOnly: r.members_only === 1,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    startsAt: r.starts_at,
  };
}

export async function removeItem(db: Db, backend: SearchBackend, kind: string, id: string): Promise<void> {
  const found = await db.selectFrom('catalog_items').select('seq').where('kind', '=', kind).where('item_id', '=', id).executeTakeFirst();
  if (!found) return;
  if (backend.dialect === 'sqlite') await sql`DELETE FROM catalog_fts WHERE rowid = ${Number(found.seq)}`.execute(db);
  await db.deleteFrom('catalog_items').where('seq', '=', found.seq).execute();
  await db.deleteFrom('catalog_themes').where('kind', '=', kind).where('item_id', '=', id).execute();
}

export type CatalogRow = Omit<CatalogItemsTable, 'body' | 'page'>;
export const LIST_COLUMNS = ['seq', 'kind', 'item_id', 'url', 'title', 'summary', 'themes', 'territory', 'format', 'members_only', 'published_at', 'updated_at', 'starts_at', 'year'] as const;

export async function findItem(db: Db, kind: string, id: string): Promise<CatalogItemsTable | undefined> {
  return (await db.selectFrom('catalog_items').selectAll().where('kind', '=', kind).where('item_id', '=', id).executeTakeFirst()) as CatalogItemsTable | undefined;
}

export async function findItems(db: Db, keys: Array<{ kind: string; id: string }>): Promise<CatalogRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('catalog_items')
    .select([...LIST_COLUMNS])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('item_id', '=', k.id)]))))
    .execute();
}

export interface ListOptions {
  kinds?: string[];
  excludeKinds?: string[];
  theme?: string;
  /** Leave members-only items out entirely (feeds, sitemap, API for non-members). */
  publicOnly?: boolean;
  limit: number;
  offset?: number;
  order?: 'published' | 'updated';
}

function listQuery(db: Db, o: ListOptions) {
  let q = db.selectFrom('catalog_items as ci');
  if (o.kinds?.length) q = q.where('ci.kind', 'in', o.kinds);
  if (o.excludeKinds?.length) q = q.where('ci.kind', 'not in', o.excludeKinds);
  if (o.publicOnly) q = q.where('ci.members_only', '=', 0);
  if (o.theme) {
    const theme = o.theme;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('catalog_themes as ct').select('ct.theme').whereRef('ct.kind', '=', 'ci.kind').whereRef('ct.item_id', '=', 'ci.item_id').where('ct.theme', '=', theme)),
    );
  }
  return q;
}

export async function listItems(db: Db, o: ListOptions): Promise<{ rows: CatalogRow[]; total: number }> {
  const base = listQuery(db, o);
  const order = o.order === 'updated' ? 'ci.updated_at' : 'ci.published_at';
  const [rows, count] = await Promise.all([
    base
      .select(LIST_COLUMNS.map((c) => `ci.${c}` as const))
      .orderBy(order, 'desc')
      .orderBy('ci.seq', 'desc')
      .limit(o.limit)
      .offset(o.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Upcoming items (events) by start, soonest first; then the rest by publication, newest first. */
export async function recentItems(db: Db, o: { kinds?: string[]; limit: number; now: string }): Promise<CatalogRow[]> {
  const base = () => {
    let q = db.selectFrom('catalog_items as ci').select(LIST_COLUMNS.map((c) => `ci.${c}` as const));
    if (o.kinds?.length) q = q.where('ci.kind', 'in', o.kinds);
    return q;
  };
  const upcoming = await base().where('ci.starts_at', '>=', o.now).orderBy('ci.starts_at', 'asc').orderBy('ci.seq', 'asc').limit(o.limit).execute();
  const rest = await base()
    .where((eb) => eb.or([eb('ci.starts_at', 'is', null), eb('ci.starts_at', '<', o.now)]))
    .orderBy('ci.published_at', 'desc')
    .orderBy('ci.seq', 'desc')
    .limit(o.limit)
    .execute();
  return [...upcoming, ...rest].slice(0, o.limit);
}
