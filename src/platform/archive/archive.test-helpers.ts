import crypto from 'node:crypto';
import type { TestApp } from '../../../test/harness.ts';
import { dependencyOrder, describePostgres, describeSqlite, quote, type TableInfo } from './schema.ts';
import { toArchive } from './values.ts';

/** What a visitor can tell of a site: its public pages, found by following links from the home page. */
export async function publicPages(app: TestApp, limit = 60): Promise<string[]> {
  const seen = new Set<string>();
  const queue = ['/', '/actualites', '/agenda', '/ressources', '/recherche?q=forum', '/recherche?q=energie'];
  const pages: string[] = [];
  while (queue.length && pages.length < limit) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await app.server.inject({ method: 'GET', url });
    if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
    pages.push(url);
    for (const m of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = m[1]!.replace(/&amp;/g, '&');
      if (!link.startsWith('/static/') && !link.startsWith('//') && !seen.has(link)) queue.push(link);
    }
  }
  return pages;
}

/** A page as two renderings of the same site must agree on: without per-response tokens. */
export function normalisePage(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""').replace(/nonce="[^"]*"/g, 'nonce=""');
}

export async function render(app: TestApp, url: string, cookie?: string): Promise<{ status: number; body: string }> {
  const res = await app.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { status: res.statusCode, body: normalisePage(res.body) };
}

/** Every stored file, by key, with its SHA-256. */
export async function fileDigests(app: TestApp): Promise<Map<string, string>> {
  const store = app.platform.storage;
  const out = new Map<string, string>();
  for await (const key of store.list()) {
    const hash = crypto.createHash('sha256');
    for await (const chunk of (await store.get(key))!.stream) hash.update(chunk as Buffer);
    out.set(key, hash.digest('hex'));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function tablesOf(app: TestApp): Promise<TableInfo[]> {
  const raw = app.platform.raw;
  if (raw.kind === 'sqlite') return describeSqlite(raw.sqlite!);
  const client = await raw.pool!.connect();
  try {
    return await describePostgres(client);
  } finally {
    client.release();
  }
}

/** Every row of every table, as the archive writes values (so SQLite and PostgreSQL compare), sorted (collations differ). */
export async function allRows(app: TestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const raw = app.platform.raw;
  for (const t of dependencyOrder(await tablesOf(app))) {
    const cols = t.columns.filter((c) => c.type !== 'derived');
    const sql = `SELECT ${cols.map((c) => quote(c.name)).join(', ')} FROM ${quote(t.name)}`;
    const rows = raw.kind === 'sqlite' ? (raw.sqlite!.prepare(sql).all() as Record<string, unknown>[]) : (await raw.pool!.query(sql)).rows;
    out[t.name] = rows.map((r) => JSON.stringify(Object.fromEntries(cols.map((c) => [c.name, toArchive(r[c.name], c.type)])))).sort();
  }
  return out;
}
