/**
 * A cache of anonymous pages. It only ever holds pages rendered for a visitor
 * without a session and without a cookie being set, and it is emptied by every
 * change notice, so a page is never stale once a write has returned.
 */
export class PageCache {
  // Kept as bytes: a hit then skips measuring and encoding the string again (bench/pages.ts).
  private readonly pages = new Map<string, { body: Buffer; type: string }>();
  constructor(private readonly maxEntries = 1000) {}

  /** Lookups since start, read by /metrics. */
  hits = 0;
  misses = 0;

  get(key: string) {
    const page = this.pages.get(key);
    if (page) this.hits++;
    else this.misses++;
    return page;
  }

  set(key: string, body: string, type: string) {
    if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, { body: Buffer.from(body, 'utf8'), type });
  }

  clear() {
    this.pages.clear();
  }

  get size() {
    return this.pages.size;
  }
}
