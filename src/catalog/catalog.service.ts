import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Platform } from '../platform/platform.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { nowIso } from '../platform/db/ids.ts';
import { asTables, type ForeignTransaction } from '../platform/db/database.ts';
import type { CatalogItem } from './catalog.types.ts';
import type { CatalogTables } from './catalog.tables.ts';
import * as repo from './catalog.repo.ts';
import * as searchRepo from './catalog.search.repo.ts';
import { fold, isEmptyQuery, lastWord, parseQuery, stem, withCompletions, words, type ParsedQuery } from './catalog.query.ts';
import * as wordsRepo from './catalog.words.repo.ts';
import { allowedTypos, closestWord, replaceWords } from './catalog.words.ts';
import { createThemes } from './catalog.themes.ts';
import { createBookmarks } from './catalog.bookmarks.ts';
import { runTransaction } from '../platform/db/guard.ts';

/** An entry of `recent()`: what another module may offer to link to. */
export interface RecentItem {
  kind: string;
  id: string;
  url: string;
  title: string;
  summary: string;
  publishedAt: string;
  startsAt: string | null;
  membersOnly: boolean;
}

/** A catalogue row as one reader may see it: a members-only item they may not open keeps its card, never its body. */
export type ReaderRow<R extends repo.CatalogRow> = R & { locked: boolean };

/**
 * The site-wide catalogue: every module that publishes something upserts it here, inside its own
 * transaction (`trx` is the caller's, whatever its tables); theme pages, search, related items,
 * bookmarks, feeds and the API read it.
 */
export function createCatalogService(platform: Platform<Database>) {
  const db = platform.db as Kysely<CatalogTables>;
  let backendPromise: Promise<repo.SearchBackend> | null = null;
  const backend = () => (backendPromise ??= repo.detectBackend(db, platform.dbKind));
  const notify = (data: Record<string, unknown>) => platform.bus.publish('catalog', data);

  /**
   * One search as typed; when it finds nothing, once more with its last word read as the beginning
   * of words of the catalogue ("forum ouver"). A search that finds something costs no more than before.
   */
  async function searchOnce(q: string, filters: searchRepo.SearchFilters, opts: { sort: 'relevance' | 'date'; page: number; perPage: number }, publicOnly: boolean) {
    const query = parseQuery(q);
    if (isEmptyQuery(query)) return { query, rows: [], total: 0, capped: false, facets: null };
    const run = async (query: ParsedQuery) => ({
      query,
      ...(await searchRepo.search(db, await backend(), { query, filters, canReadMembersOnly: !publicOnly, sort: opts.sort, limit: opts.perPage, offset: (opts.page - 1) * opts.perPage })),
    });
    const asTyped = await run(query);
    const last = lastWord(q, query);
    if (asTyped.total > 0 || !last || last.length < 3) return asTyped;
    const completions = await wordsRepo.completions(db, last, publicOnly, 20);
    return completions.length ? run(withCompletions(query, last, completions)) : asTyped;
  }

  return {
    /** Inside the caller's transaction: the entry changes with the item, or not at all. */
    async upsert(trx: ForeignTransaction, item: CatalogItem) {
      await repo.upsertItem(asTables(trx), await backend(), item, fold);
    },
    /** Many items in a few statements (imports, the search benchmark). */
    async upsertMany(trx: ForeignTransaction, items: CatalogItem[]) {
      await repo.upsertItems(asTables(trx), await backend(), items, fold);
    },
    async remove(trx: ForeignTransaction, kind: string, id: string) {
      await repo.removeItem(asTables(trx), await backend(), kind, id);
    },
    /**
     * After a site archive is restored: the full-text index (SQLite's catalog_fts, PostgreSQL's
     * vectors), which archives leave out, is written again from the restored rows.
     */
    async reindex() {
      const b = await backend();
      for (let after = 0; ; ) {
        const rows = await repo.itemsAfter(db, after, 500);
        if (rows.length === 0) break;
        await runTransaction(db, (trx) => repo.upsertItems(trx, b, rows.map(repo.itemOfRow), fold));
        after = Number(rows[rows.length - 1].seq);
      }
      await repo.analyzeCatalog(db, await backend());
    },
    /** After a bulk load: fresh statistics for the query planner. */
    async analyze() {
      await repo.analyzeCatalog(db, await backend());
    },

    /**
     * What was published lately, for the newsletter composer: upcoming events first (the soonest
     * first), then everything else newest first. Members-only items come with their mark.
     */
    async recent(opts: { kinds?: string[]; limit?: number } = {}): Promise<RecentItem[]> {
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
      const rows = await repo.recentItems(db, { kinds: opts.kinds, limit, now: nowIso() });
      return rows.map((r) => ({
        kind: r.kind,
        id: r.item_id,
        url: r.url,
        title: r.title,
        summary: r.summary,
        publishedAt: r.published_at,
        startsAt: r.starts_at,
        membersOnly: r.members_only === 1,
      }));
    },

    list: (o: repo.ListOptions) => repo.listItems(db, o),
    findItem: (kind: string, id: string) => repo.findItem(db, kind, id),
    findItems: (keys: Array<{ kind: string; id: string }>) => repo.findItems(db, keys),

    /** Whether this reader may open members-only items (their body, their files). */
    canReadMembersOnly: (user: CurrentUser | null) => can.readMembersOnly(user),

    /** Marks the rows this reader may not open, and empties their body: a locked item shows its card only (decision 0012). */
    forReader<R extends repo.CatalogRow>(rows: R[], user: CurrentUser | null): Array<ReaderRow<R>> {
      const member = can.readMembersOnly(user);
      return rows.map((r) => {
        const locked = r.members_only === 1 && !member;
        return locked && 'body' in r ? { ...r, body: '', locked } : { ...r, locked };
      });
    },

    /**
     * A search for one reader: members-only items match on their card unless the reader may open
     * them (decision 0012). It forgives: when nothing matches, the last word is read as the
     * beginning of words of the catalogue ("forum ouver"); if still nothing, misspelt words are corrected
     * against the vocabulary the reader may search, and if the corrected search finds something,
     * its results come back with the corrected query as `suggestion` ("Vouliez-vous dire … ?").
     */
    async search(q: string, filters: searchRepo.SearchFilters, opts: { user: CurrentUser | null; sort: 'relevance' | 'date'; page: number; perPage: number }) {
      const publicOnly = !can.readMembersOnly(opts.user);
      const first = await searchOnce(q, filters, opts, publicOnly);
      if (first.total > 0) return { ...first, suggestion: null };
      const typed = parseQuery(q);
      const candidates = [...new Set([...typed.plain, ...typed.phrasesPlain.flat()])].filter((w) => allowedTypos(w) > 0);
      const known = await wordsRepo.knownWords(db, candidates, publicOnly);
      const replacements = new Map<string, string>();
      for (const word of candidates) {
        if (known.has(word)) continue;
        const best = closestWord(word, await wordsRepo.wordsNear(db, word, allowedTypos(word), publicOnly));
        if (best) replacements.set(word, best.display);
      }
      if (replacements.size === 0) return { ...first, suggestion: null };
      const suggestion = replaceWords(q.slice(0, 500), replacements);
      const second = await searchOnce(suggestion, filters, opts, publicOnly);
      // A word is only suggested through what it finds for this reader: never a word of hidden text.
      return second.total > 0 ? { ...second, suggestion } : { ...first, suggestion: null };
    },

    /**
     * "Contenus similaires": 3 to 6 items ranked by shared themes, shared words and recency;
     * never the item itself. Members-only items come with their mark (the caller shows it).
     */
    async related(item: { kind: string; id: string; title: string; summary: string; themes: string[] }, limit = 6) {
      const ws = [...new Set(words(`${item.title} ${item.summary}`).filter((w) => w.length > 3))].slice(0, 12);
      const stems = [...new Set(ws.map(stem))];
      const candidates = await searchRepo.relatedCandidates(db, await backend(), { kind: item.kind, id: item.id, themes: item.themes, words: ws, stems, limit: 40 });
      const mine = new Set(stems);
      const now = Date.now();
      const scored = candidates.map((c) => {
        const theirThemes = JSON.parse(c.themes) as string[];
        const sharedThemes = theirThemes.filter((t) => item.themes.includes(t)).length;
        const theirStems = new Set(
          words(`${c.title} ${c.summary}`)
            .filter((w) => w.length > 3)
            .map(stem),
        );
        const sharedWords = [...theirStems].filter((s) => mine.has(s)).length;
        const ageYears = Math.max(0, (now - Date.parse(c.published_at)) / (365 * 86400_000));
        return { row: c, score: sharedThemes * 3 + sharedWords * 1.5 + 2 / (1 + ageYears) };
      });
      scored.sort((a, b) => b.score - a.score);
      return scored.slice(0, limit).map((s) => s.row);
    },

    themes: createThemes(db, notify),
    bookmarks: createBookmarks(db),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
export type { CatalogItem };
