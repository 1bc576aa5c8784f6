import { parisDay, parisToIso } from '../format.ts';

/** Past this many query-string variants of one path, further ones are rendered but not kept. */
const VARIANTS_PER_PATH = 24;

/**
 * A cache of anonymous pages. It only ever holds pages rendered for a visitor
 * without a session and without a cookie being set, and it is emptied by every
 * change notice, so a page is never stale once a write has returned.
 *
 * Least recently used pages go first. Query strings are the visitor's to invent: each path keeps
 * at most VARIANTS_PER_PATH of them, so `/?x=1`, `/?x=2`… cannot push the pages people read out.
 * Pages that say "today" (the agenda's month) would be a day old after midnight: the cache is
 * emptied when the day changes in Paris.
 */
export class PageCache {
  // Kept as bytes: a hit then skips measuring and encoding the string again (bench/pages.ts).
  private readonly pages = new Map<string, { body: Buffer; type: string; variantOf: string | null }>();
  private readonly variants = new Map<string, number>();
  /** When the day changes in Paris (ms): checked on every lookup, so kept as one number. */
  private nextDay = 0;
  constructor(
    private readonly maxEntries = 1000,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.newDay();
  }

  /** Lookups since start, read by /metrics. */
  hits = 0;
  misses = 0;

  get(key: string) {
    this.newDay();
    const page = this.pages.get(key);
    if (page) {
      this.hits++;
      // Read again: it becomes the most recently used.
      this.pages.delete(key);
      this.pages.set(key, page);
    } else this.misses++;
    return page;
  }

  /** `url`: the request's path and query string; the key adds what else the page depends on (language). */
  set(key: string, url: string, body: string, type: string) {
    this.newDay();
    const variantOf = url.includes('?') ? url.split('?')[0] : null;
    const known = this.pages.has(key);
    if (!known && variantOf !== null && (this.variants.get(variantOf) ?? 0) >= VARIANTS_PER_PATH) return;
    if (!known && this.pages.size >= this.maxEntries) this.evict(this.pages.keys().next().value!);
    if (!known && variantOf !== null) this.variants.set(variantOf, (this.variants.get(variantOf) ?? 0) + 1);
    this.pages.set(key, { body: Buffer.from(body, 'utf8'), type, variantOf });
  }

  clear() {
    this.pages.clear();
    this.variants.clear();
  }

  get size() {
    return this.pages.size;
  }

  private evict(key: string) {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    if (page.variantOf === null) return;
    const n = (this.variants.get(page.variantOf) ?? 1) - 1;
    if (n > 0) this.variants.set(page.variantOf, n);
    else this.variants.delete(page.variantOf);
  }

  private newDay() {
    const now = this.now();
    if (now.getTime() < this.nextDay) return;
    const tomorrow = new Date(Date.parse(`${parisDay(now)}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    this.nextDay = Date.parse(parisToIso(tomorrow, '00:00'));
    this.clear();
  }
}
