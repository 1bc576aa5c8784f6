import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CatalogItem } from './catalog.types.ts';
import { ftsMatch, stemText, type ParsedQuery } from './content.text.ts';
import type { CatalogItemsTable } from './content.tables.ts';

/** All SQL of the catalogue and of search; the only place where SQLite and PostgreSQL differ. */
export type Dialect = 'sqlite' | 'postgres';
type Db = Kysely<any>;

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
  const body = item.body.slice(0, MAX_INDEXED);
  const row = {
    kind: item.kind,
    item_id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    body,
    themes: JSON.stringify(item.themes),
    territory: item.territory,
    format: item.format,
    members_only: item.membersOnly ? 1 : 0,
    published_at: item.publishedAt,
    updated_at: item.updatedAt,
    starts_at: item.startsAt,
    year: (item.startsAt ?? item.publishedAt).slice(0, 4),
  };
  const { kind, item_id, ...changes } = row;
  const saved = await db
    .insertInto('catalog_items')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'item_id']).doUpdateSet(changes))
    .returning('seq')
    .executeTakeFirstOrThrow();
  const seq = Number(saved.seq);

  if (backend.dialect === 'sqlite') {
    await sql`DELETE FROM catalog_fts WHERE rowid = ${seq}`.execute(db);
    await sql`INSERT INTO catalog_fts (rowid, title, summary, body) VALUES (${seq}, ${stemText(item.title)}, ${stemText(item.summary)}, ${stemText(body)})`.execute(db);
  } else {
    const t = pgText(backend, item.title, fold);
    const s = pgText(backend, item.summary, fold);
    const b = pgText(backend, body, fold);
    await sql`UPDATE catalog_items SET
        tsv = setweight(to_tsvector('french', ${t}), 'A') || setweight(to_tsvector('french', ${s}), 'B') || setweight(to_tsvector('french', ${b}), 'D'),
        tsv_public = setweight(to_tsvector('french', ${t}), 'A') || setweight(to_tsvector('french', ${s}), 'B')
      WHERE seq = ${seq}`.execute(db);
  }

  await db.deleteFrom('catalog_themes').where('kind', '=', kind).where('item_id', '=', item_id).execute();
  const themes = [...new Set(item.themes)];
  if (themes.length) await db.insertInto('catalog_themes').values(themes.map((theme) => ({ kind, item_id, theme }))).execute();
}

export async function removeItem(db: Db, backend: SearchBackend, kind: string, id: string): Promise<void> {
  const found = await db.selectFrom('catalog_items').select('seq').where('kind', '=', kind).where('item_id', '=', id).executeTakeFirst();
  if (!found) return;
  if (backend.dialect === 'sqlite') await sql`DELETE FROM catalog_fts WHERE rowid = ${Number(found.seq)}`.execute(db);
  await db.deleteFrom('catalog_items').where('seq', '=', found.seq).execute();
  await db.deleteFrom('catalog_themes').where('kind', '=', kind).where('item_id', '=', id).execute();
}

export type CatalogRow = Omit<CatalogItemsTable, 'body'>;
const LIST_COLUMNS = ['seq', 'kind', 'item_id', 'url', 'title', 'summary', 'themes', 'territory', 'format', 'members_only', 'published_at', 'updated_at', 'starts_at', 'year'] as const;

export async function findItem(db: Db, kind: string, id: string): Promise<CatalogItemsTable | undefined> {
  return (await db.selectFrom('catalog_items').selectAll().where('kind', '=', kind).where('item_id', '=', id).executeTakeFirst()) as CatalogItemsTable | undefined;
}

export async function findItems(db: Db, keys: Array<{ kind: string; id: string }>): Promise<CatalogRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('catalog_items')
    .select([...LIST_COLUMNS])
    .where((eb: any) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('item_id', '=', k.id)]))))
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
    q = q.where((eb: any) =>
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
      .select(LIST_COLUMNS.map((c) => `ci.${c}`) as any)
      .orderBy(order, 'desc')
      .orderBy('ci.seq', 'desc')
      .limit(o.limit)
      .offset(o.offset ?? 0)
      .execute(),
    base.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { rows: rows as CatalogRow[], total: Number((count as { n: number } | undefined)?.n ?? 0) };
}

export interface SearchFilters {
  kind?: string;
  theme?: string;
  territory?: string;
  format?: string;
  year?: string;
}

export interface SearchOptions {
  query: ParsedQuery;
  filters: SearchFilters;
  /** Members-only items match on their public card (title, summary) only, unless the reader may open them. */
  canReadMembersOnly: boolean;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
}

export type FacetName = keyof SearchFilters;
export type Facets = Record<FacetName, Array<{ value: string; count: number }>>;
export interface SearchRow extends CatalogRow {
  body: string;
}

/** The FROM and WHERE of a search, shared by the result page, its count and its facets. */
function matchClause(backend: SearchBackend, o: SearchOptions): { from: RawBuilder<unknown>; where: RawBuilder<unknown>; rank: RawBuilder<unknown> } {
  const conditions: RawBuilder<unknown>[] = [];
  let from: RawBuilder<unknown>;
  let rank: RawBuilder<unknown>;
  if (backend.dialect === 'sqlite') {
    from = sql`catalog_fts JOIN catalog_items ci ON ci.seq = catalog_fts.rowid`;
    conditions.push(sql`catalog_fts MATCH ${ftsMatch(o.query)}`);
    if (!o.canReadMembersOnly) {
      conditions.push(sql`(ci.members_only = 0 OR ci.seq IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ${ftsMatch(o.query, ['title', 'summary'])}))`);
    }
    // bm25 is lower for better matches: negate it so both databases sort "desc".
    rank = sql`(-bm25(catalog_fts, 10.0, 4.0, 1.0))`;
  } else {
    const tsq = pgQuery(o.query);
    from = sql`catalog_items ci`;
    conditions.push(sql`ci.tsv @@ ${tsq}`);
    if (!o.canReadMembersOnly) conditions.push(sql`(ci.members_only = 0 OR ci.tsv_public @@ ${tsq})`);
    rank = sql`ts_rank_cd(ci.tsv, ${tsq})`;
  }
  const f = o.filters;
  if (f.kind) conditions.push(sql`ci.kind = ${f.kind}`);
  if (f.territory) conditions.push(sql`ci.territory = ${f.territory}`);
  if (f.format) conditions.push(sql`ci.format = ${f.format}`);
  if (f.year) conditions.push(sql`ci.year = ${f.year}`);
  if (f.theme) {
    conditions.push(sql`EXISTS (SELECT 1 FROM catalog_themes ct WHERE ct.kind = ci.kind AND ct.item_id = ci.item_id AND ct.theme = ${f.theme})`);
  }
  return { from, where: sql.join(conditions, sql` AND `), rank };
}

/** Words were reduced to letters and digits by parseQuery, so they are safe to join; they still go as parameters. */
function pgQuery(q: ParsedQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (q.plain.length) parts.push(sql`plainto_tsquery('french', ${q.plain.join(' ')})`);
  for (const phrase of q.phrasesPlain) parts.push(sql`phraseto_tsquery('french', ${phrase.join(' ')})`);
  return sql`(${sql.join(parts, sql` && `)})`;
}

export async function search(db: Db, backend: SearchBackend, o: SearchOptions): Promise<{ rows: SearchRow[]; total: number; facets: Facets }> {
  const { from, where, rank } = matchClause(backend, o);
  const cols = sql.raw(LIST_COLUMNS.map((c) => `ci.${c}`).join(', '));
  const order = o.sort === 'date' ? sql`ci.published_at DESC, ci.seq DESC` : sql`score DESC, ci.published_at DESC`;
  const page = sql<SearchRow & { score: number }>`SELECT ${cols}, ci.body, ${rank} AS score FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${o.limit} OFFSET ${o.offset}`.execute(db);
  // One pass gives the total and four facets: the groups are few (kinds × territories × formats × years).
  const groups = sql<{ kind: string; territory: string | null; format: string | null; year: string; n: number }>`SELECT ci.kind, ci.territory, ci.format, ci.year, count(*) AS n FROM ${from} WHERE ${where} GROUP BY ci.kind, ci.territory, ci.format, ci.year`.execute(db);
  const themes = sql<{ value: string; n: number }>`SELECT ct.theme AS value, count(*) AS n FROM ${from} JOIN catalog_themes ct ON ct.kind = ci.kind AND ct.item_id = ci.item_id WHERE ${where} GROUP BY ct.theme`.execute(db);
  const [pageRes, groupRes, themeRes] = await Promise.all([page, groups, themes]);

  const counters: Record<Exclude<FacetName, 'theme'>, Map<string, number>> = { kind: new Map(), territory: new Map(), format: new Map(), year: new Map() };
  let total = 0;
  for (const g of groupRes.rows) {
    const n = Number(g.n);
    total += n;
    for (const name of ['kind', 'territory', 'format', 'year'] as const) {
      const value = g[name];
      if (value !== null && value !== undefined) counters[name].set(String(value), (counters[name].get(String(value)) ?? 0) + n);
    }
  }
  const sorted = (entries: Iterable<[string, number]>) => [...entries].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const facets: Facets = {
    kind: sorted(counters.kind),
    territory: sorted(counters.territory),
    format: sorted(counters.format),
    year: sorted(counters.year).sort((a, b) => b.value.localeCompare(a.value)),
    theme: sorted(themeRes.rows.map((r) => [String(r.value), Number(r.n)] as [string, number])),
  };
  return { rows: pageRes.rows, total, facets };
}

/**
 * Candidates for "contenus similaires": items sharing a theme, and items whose text shares
 * words with this one. The caller scores them; this only gathers a bounded set.
 */
export async function relatedCandidates(db: Db, backend: SearchBackend, o: { kind: string; id: string; themes: string[]; words: string[]; stems: string[]; limit: number }): Promise<SearchRow[]> {
  const cols = sql.raw(LIST_COLUMNS.map((c) => `ci.${c}`).join(', '));
  const byTheme = o.themes.length
    ? sql<SearchRow>`SELECT ${cols}, '' AS body FROM catalog_items ci WHERE ci.kind <> 'document' AND EXISTS (SELECT 1 FROM catalog_themes ct WHERE ct.kind = ci.kind AND ct.item_id = ci.item_id AND ct.theme IN (${sql.join(o.themes)})) AND NOT (ci.kind = ${o.kind} AND ci.item_id = ${o.id}) ORDER BY ci.published_at DESC LIMIT ${o.limit}`.execute(db)
    : Promise.resolve({ rows: [] as SearchRow[] });
  let byText: Promise<{ rows: SearchRow[] }> = Promise.resolve({ rows: [] });
  if (o.stems.length) {
    if (backend.dialect === 'sqlite') {
      const expr = o.stems.map((s) => `"${s}"`).join(' OR ');
      byText = sql<SearchRow>`SELECT ${cols}, '' AS body FROM catalog_fts JOIN catalog_items ci ON ci.seq = catalog_fts.rowid WHERE catalog_fts MATCH ${`{title summary} : (${expr})`} AND ci.kind <> 'document' AND NOT (ci.kind = ${o.kind} AND ci.item_id = ${o.id}) ORDER BY bm25(catalog_fts, 10.0, 4.0, 1.0) LIMIT ${o.limit}`.execute(db);
    } else {
      const tsq = sql`to_tsquery('french', ${o.words.join(' | ')})`;
      byText = sql<SearchRow>`SELECT ${cols}, '' AS body FROM catalog_items ci WHERE ci.tsv_public @@ ${tsq} AND ci.kind <> 'document' AND NOT (ci.kind = ${o.kind} AND ci.item_id = ${o.id}) ORDER BY ts_rank_cd(ci.tsv_public, ${tsq}) DESC LIMIT ${o.limit}`.execute(db);
    }
  }
  const [a, b] = await Promise.all([byTheme, byText]);
  const seen = new Map<number, SearchRow>();
  for (const r of [...a.rows, ...b.rows]) seen.set(Number(r.seq), r);
  return [...seen.values()];
}

export async function allThemesOf(db: Db, keys: Array<{ kind: string; id: string }>) {
  if (!keys.length) return [];
  return db
    .selectFrom('catalog_themes')
    .select(['kind', 'item_id', 'theme'])
    .where((eb: any) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('item_id', '=', k.id)]))))
    .execute();
}
