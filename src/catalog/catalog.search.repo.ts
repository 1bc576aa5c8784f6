import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ftsMatch, type ParsedQuery } from './catalog.query.ts';
import type { CatalogTables } from './catalog.tables.ts';
import { LIST_COLUMNS, type CatalogRow, type SearchBackend } from './catalog.repo.ts';
import { runTransaction } from '../platform/db/guard.ts';

/** All SQL of search and related items; with the index writes, the only place where SQLite and PostgreSQL differ. */
type Db = Kysely<CatalogTables>;

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
  /** PostgreSQL: how many of the newest rows are searched first (tests use a small number). */
  firstSpan?: number;
}

export type FacetName = keyof SearchFilters;
export type Facets = Record<FacetName, Array<{ value: string; count: number }>>;
export interface SearchRow extends CatalogRow {
  body: string;
}
export interface SearchResult {
  rows: SearchRow[];
  /** Matches, up to SEARCH_WINDOW; an item and the documents attached to it count once. */
  total: number;
  /** More than SEARCH_WINDOW matches: the total, the facets and the relevance order are those of the window. */
  capped: boolean;
  facets: Facets;
}

/**
 * How many matches a search reads: all of them up to this number, so that counts, facets and
 * both orders are exact; past it, the most recently catalogued ones. Ranking, counting and
 * grouping every match of a broad word costs hundreds of milliseconds at 100,000 items; the
 * window keeps every search in a few. docs/decisions/0010-search-window.md.
 */
export const SEARCH_WINDOW = 1000;

// PostgreSQL looks for the window among the newest 10,000 rows first.
const FIRST_SPAN = 10_000;

const WINDOW_COLUMNS = sql.raw('ci.seq, ci.published_at, ci.kind, ci.territory, ci.format, ci.year, ci.themes, ci.page');

function filterConditions(backend: SearchBackend, f: SearchFilters): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (f.kind) conditions.push(sql`ci.kind = ${f.kind}`);
  if (f.territory) conditions.push(sql`ci.territory = ${f.territory}`);
  if (f.format) conditions.push(sql`ci.format = ${f.format}`);
  if (f.year) conditions.push(sql`ci.year = ${f.year}`);
  // `themes` is the JSON array as written by upsertItems: a slug is there exactly when its JSON string is.
  if (f.theme) {
    const needle = JSON.stringify(f.theme);
    conditions.push(backend.dialect === 'sqlite' ? sql`instr(ci.themes, ${needle}) > 0` : sql`strpos(ci.themes, ${needle}) > 0`);
  }
  return conditions;
}

/**
 * The SELECT of the window: the SEARCH_WINDOW + 1 most recently catalogued matches, with their
 * facet columns and their rank. `fromSeq` (PostgreSQL) keeps to the rows catalogued after it.
 */
function windowQuery(backend: SearchBackend, o: SearchOptions, fromSeq?: number): RawBuilder<unknown> {
  const filters = filterConditions(backend, o.filters);
  const and = (first: RawBuilder<unknown>) => sql.join([first, ...filters], sql` AND `);
  const n = SEARCH_WINDOW + 1;
  if (backend.dialect === 'sqlite') {
    // Anonymous readers search every column but the body of members-only items.
    const match = ftsMatch(o.query, o.canReadMembersOnly ? undefined : ['title', 'summary', 'body']);
    // FTS5 walks its matches newest first and stops at the window: bm25 is computed for those rows only.
    return sql`SELECT ${WINDOW_COLUMNS}, -bm25(catalog_fts, 10.0, 4.0, 1.0, 1.0) AS score
      FROM catalog_fts JOIN catalog_items ci INDEXED BY catalog_items_facets ON ci.seq = catalog_fts.rowid
      WHERE ${and(sql`catalog_fts MATCH ${match}`)} ORDER BY catalog_fts.rowid DESC LIMIT ${n}`;
  }
  const tsq = pgQuery(o.query);
  // Anonymous readers find a members-only item by its card (tsv_public) only, and it is ranked on it.
  const conditions = [o.canReadMembersOnly ? sql`ci.tsv @@ ${tsq}` : sql`ci.tsv @@ ${tsq} AND (ci.members_only = 0 OR ci.tsv_public @@ ${tsq})`];
  if (fromSeq !== undefined) conditions.push(sql`ci.seq > ${fromSeq}`);
  const vector = o.canReadMembersOnly ? sql`ci.tsv` : sql`CASE WHEN ci.members_only = 1 THEN ci.tsv_public ELSE ci.tsv END`;
  // The rank is computed outside the LIMIT, so only for the rows of the window.
  return sql`SELECT x.seq, x.published_at, x.kind, x.territory, x.format, x.year, x.themes, x.page, ts_rank_cd(x.v, ${tsq}) AS score
    FROM (SELECT ${WINDOW_COLUMNS}, ${vector} AS v FROM catalog_items ci WHERE ${and(sql.join(conditions, sql` AND `))} ORDER BY ci.seq DESC LIMIT ${n}) x`;
}

/** Words were reduced to letters and digits by parseQuery, so they are safe to join; they still go as parameters. */
function pgQuery(q: ParsedQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (q.plain.length) parts.push(sql`plainto_tsquery('french', ${q.plain.join(' ')})`);
  for (const phrase of q.phrasesPlain) parts.push(sql`phraseto_tsquery('french', ${phrase.join(' ')})`);
  for (const group of q.anyOf)
    parts.push(
      sql`(${sql.join(
        group.plain.map((w) => sql`plainto_tsquery('french', ${w})`),
        sql` || `,
      )})`,
    );
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * A search in one statement: the window of matches is read once, then counted, grouped by facet
 * and sorted for the page inside the database; only the page's rows come back whole. A page
 * found both through itself and through a document attached to it is counted and shown once, as
 * itself (the document is on it): a NOT IN over the window's pages, which costs about 1 ms where
 * keeping the best-ranked entry of each page (a window function) cost 5 on PostgreSQL.
 */
export async function search(db: Db, backend: SearchBackend, o: SearchOptions): Promise<SearchResult> {
  const pageOrder = o.sort === 'relevance' ? sql`score DESC, published_at DESC, seq DESC` : sql`published_at DESC, seq DESC`;
  const facet = (name: FacetName, column: string) =>
    sql`SELECT ${sql.lit(name)} AS facet, ${sql.ref(column)} AS value, count(*) AS n FROM d WHERE ${sql.ref(column)} IS NOT NULL GROUP BY ${sql.ref(column)}`;
  const statement = (select: RawBuilder<unknown>) => sql<{ facet: string; value: string | null; n: number | string }>`
    WITH w AS MATERIALIZED (${select}),
    k AS MATERIALIZED (SELECT * FROM w ORDER BY seq DESC LIMIT ${SEARCH_WINDOW}),
    d AS MATERIALIZED (SELECT * FROM k WHERE kind <> 'document' OR page NOT IN (SELECT page FROM k WHERE kind <> 'document'))
    SELECT 'read' AS facet, NULL AS value, count(*) AS n FROM w
    UNION ALL SELECT 'shown' AS facet, NULL AS value, count(*) AS n FROM d
    UNION ALL ${facet('kind', 'kind')}
    UNION ALL ${facet('territory', 'territory')}
    UNION ALL ${facet('format', 'format')}
    UNION ALL ${facet('year', 'year')}
    UNION ALL SELECT 'themes' AS facet, themes AS value, count(*) AS n FROM d GROUP BY themes
    UNION ALL SELECT 'page' AS facet, CAST(p.seq AS TEXT) AS value, p.pos AS n
      FROM (SELECT seq, row_number() OVER (ORDER BY ${pageOrder}) AS pos FROM d ORDER BY ${pageOrder} LIMIT ${o.limit} OFFSET ${o.offset}) p`;

  let parts: Array<{ facet: string; value: string | null; n: number | string }>;
  if (backend.dialect === 'sqlite') {
    parts = (await statement(windowQuery(backend, o)).execute(db)).rows;
  } else {
    parts = await runTransaction(db, async (trx) => {
      // A LIMIT makes a full scan look cheap to the planner; words that match nothing would then
      // read the whole table. And with the full-text index alone, a broad word reads all its
      // matches to keep the newest: look among the newest rows first, widening until the window
      // is full or the whole catalogue has been searched. Each step reads only matching rows.
      const { rows: last } = await sql<{ n: string | null }>`SELECT set_config('enable_seqscan', 'off', true), max(seq) AS n FROM catalog_items`.execute(trx);
      const top = Number(last[0]?.n ?? 0);
      let span = o.firstSpan ?? FIRST_SPAN;
      for (let attempt = 0; attempt < 3 && span < top; attempt++) {
        const rows = (await statement(windowQuery(backend, o, top - span)).execute(trx)).rows;
        const read = Number(rows.find((p) => p.facet === 'read')?.n ?? 0);
        if (read > SEARCH_WINDOW) return rows;
        // The matches found so far tell how far back the window should reach.
        span = read > 0 ? Math.ceil(((span * (SEARCH_WINDOW + 1)) / read) * 1.25) : span * 4;
      }
      return (await statement(windowQuery(backend, o)).execute(trx)).rows;
    });
  }

  const facets: Facets = { kind: [], theme: [], territory: [], format: [], year: [] };
  const page: Array<{ seq: number; pos: number }> = [];
  let read = 0;
  let shown = 0;
  const themeCounts = new Map<string, number>();
  for (const p of parts) {
    if (p.facet === 'read') read = Number(p.n);
    else if (p.facet === 'shown') shown = Number(p.n);
    else if (p.facet === 'page') page.push({ seq: Number(p.value), pos: Number(p.n) });
    // Items are grouped by their list of themes (few distinct lists): each list counts for each of its themes.
    else if (p.facet === 'themes') for (const theme of new Set(JSON.parse(String(p.value)) as string[])) themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + Number(p.n));
    else if (p.value !== null && p.value !== '') facets[p.facet as FacetName].push({ value: String(p.value), count: Number(p.n) });
  }
  facets.theme = [...themeCounts].map(([value, count]) => ({ value, count }));
  for (const name of Object.keys(facets) as FacetName[]) {
    facets[name].sort((a, b) => (name === 'year' ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value)));
  }
  page.sort((a, b) => a.pos - b.pos);

  let rows: SearchRow[] = [];
  if (page.length) {
    const cols = sql.raw(LIST_COLUMNS.map((c) => `ci.${c}`).join(', '));
    const full = await sql<SearchRow>`SELECT ${cols}, ci.body FROM catalog_items ci WHERE ci.seq IN (${sql.join(page.map((r) => r.seq))})`.execute(db);
    const bySeq = new Map(full.rows.map((r) => [Number(r.seq), r]));
    rows = page.flatMap((r) => (bySeq.has(r.seq) ? [bySeq.get(r.seq)!] : []));
  }
  return { rows, total: read > SEARCH_WINDOW ? SEARCH_WINDOW : shown, capped: read > SEARCH_WINDOW, facets };
}

/**
 * Candidates for "contenus similaires": items sharing a theme, and items whose text shares
 * words with this one. The caller scores them; this only gathers a bounded set.
 */
export async function relatedCandidates(db: Db, backend: SearchBackend, o: { kind: string; id: string; themes: string[]; words: string[]; stems: string[]; limit: number }): Promise<SearchRow[]> {
  const cols = sql.raw(LIST_COLUMNS.map((c) => `ci.${c}`).join(', '));
  const byTheme = o.themes.length
    ? sql<SearchRow>`SELECT ${cols}, '' AS body FROM catalog_items ci WHERE ci.kind <> 'document' AND EXISTS (SELECT 1 FROM catalog_themes ct WHERE ct.kind = ci.kind AND ct.item_id = ci.item_id AND ct.theme IN (${sql.join(o.themes)})) AND NOT (ci.kind = ${o.kind} AND ci.item_id = ${o.id}) ORDER BY ci.published_at DESC LIMIT ${o.limit}`.execute(
        db,
      )
    : Promise.resolve({ rows: [] as SearchRow[] });
  let byText: Promise<{ rows: SearchRow[] }> = Promise.resolve({ rows: [] });
  if (o.stems.length) {
    if (backend.dialect === 'sqlite') {
      const expr = o.stems.map((s) => `"${s}"`).join(' OR ');
      byText =
        sql<SearchRow>`SELECT ${cols}, '' AS body FROM catalog_fts JOIN catalog_items ci ON ci.seq = catalog_fts.rowid WHERE catalog_fts MATCH ${`{title summary} : (${expr})`} AND ci.kind <> 'document' AND NOT (ci.kind = ${o.kind} AND ci.item_id = ${o.id}) ORDER BY bm25(catalog_fts, 10.0, 4.0, 1.0) LIMIT ${o.limit}`.execute(
          db,
        );
    } else {
      const tsq = sql`to_tsquery('french', ${o.words.join(' | ')})`;
      byText =
        sql<SearchRow>`SELECT ${cols}, '' AS body FROM catalog_items ci WHERE ci.tsv_public @@ ${tsq} AND ci.kind <> 'document' AND NOT (ci.kind = ${o.kind} AND ci.item_id = ${o.id}) ORDER BY ts_rank_cd(ci.tsv_public, ${tsq}) DESC LIMIT ${o.limit}`.execute(
          db,
        );
    }
  }
  const [a, b] = await Promise.all([byTheme, byText]);
  const seen = new Map<number, SearchRow>();
  for (const r of [...a.rows, ...b.rows]) seen.set(Number(r.seq), r);
  return [...seen.values()];
}
