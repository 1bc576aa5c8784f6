/**
 * Every kind of page passes the W3C Nu HTML checker (node_modules/vnu-jar, on the machine's Java).
 * The pages are found by following links from the home page, as a visitor, a member, an animator and
 * an admin would; each route of the site (its pattern, and which query parameters it was given) is
 * checked once per role, as served over HTTP. Seeds cover the pages no link leads to.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javaAvailable } from '../test/environment.ts';
import { describeBrowser, signInAs, startSite, type Site } from './browser.ts';
import type { BrowserContext } from 'playwright-core';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const VNU = path.join(root, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const hasJava = javaAvailable();

/** Pages no link leads to (forms' results, typed searches), added to the crawl. */
const SEEDS = ['/', '/agenda?vue=mois', '/recherche?q=participation', '/recherche?q=partcipation', '/recherche?q=xylophonique', '/connexion', '/compte/creer', '/reseau/charte', '/thematiques'];
/** Not pages of ours: language switch (a cookie and a redirect), a mail's own HTML, streams, files. */
const SKIP = [/^\/langue\//, /^\/admin\/courriels\/[^/]+\/apercu$/, /\/(flux|direct)$/, /^\/static\//, /^\/(documents|images)\//];
/** Enough to reach every kind of page from the demo data; the crawl stops there. */
const MAX_PAGES_PER_ROLE = 120;
/** Search and the agenda take many filters: a few of their combinations are enough. */
const MAX_VARIANTS_PER_ROUTE = 3;

interface Fetched {
  role: string;
  url: string;
  html: string;
}

/** `/agenda/:slug` and the like, as regular expressions, from the routes the server declared. */
function routePatterns(site: Site) {
  const seen = new Set<string>();
  return site.app.server.routeTable
    .filter((r) => r.method === 'GET' && !seen.has(r.url) && seen.add(r.url))
    .map((r) => ({
      url: r.url,
      re: new RegExp(
        `^${r.url
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/:[A-Za-z_]+/g, '[^/]+')
          .replace(/\*/g, '.*')}$`,
      ),
    }));
}

function linksIn(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\s[^>]*href="([^"#]+)[^"]*"/g)) {
    const href = m[1]!.replace(/&amp;/g, '&');
    const url = new URL(href, base);
    if (url.origin === new URL(base).origin) out.push(url.pathname + url.search);
  }
  return out;
}

/** One page as served to this role: its HTML when it is an HTML page, with `status` when asked for. */
async function fetchHtml(site: Site, url: string, cookie: string, status = 200): Promise<string | null> {
  const res = await fetch(site.url(url), { headers: { cookie, 'accept-language': 'fr-FR' }, redirect: 'manual' });
  if (!String(res.headers.get('content-type')).startsWith('text/html') || res.status !== status) {
    await res.body?.cancel();
    return null;
  }
  return res.text();
}

/**
 * Follows links breadth-first with this role's cookies; keeps one HTML page per route and set of
 * query parameters, plus `extra` pages of a kind the route alone does not tell (a past event, an error page).
 */
async function crawl(site: Site, role: string, context: BrowserContext | null, extra: Array<{ url: string; status: number }> = []): Promise<Fetched[]> {
  const patterns = routePatterns(site);
  const cookie = context ? (await context.cookies(site.baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ') : '';
  const pages: Fetched[] = [];
  for (const e of extra) {
    const html = await fetchHtml(site, e.url, cookie, e.status);
    if (html === null) throw new Error(`${role} ${e.url}: not an HTML page answering ${e.status}`);
    pages.push({ role, url: e.url, html });
  }
  const kinds = new Map<string, Set<string>>();
  const visited = new Set<string>();
  const queue = [...SEEDS];
  while (queue.length && pages.length < MAX_PAGES_PER_ROLE) {
    const url = queue.shift()!;
    if (visited.has(url) || SKIP.some((re) => re.test(url))) continue;
    visited.add(url);
    const { pathname, searchParams } = new URL(url, site.baseUrl);
    const route = patterns.find((p) => p.re.test(pathname));
    if (!route) continue;
    const variant = [...new Set(searchParams.keys())].sort().join('&');
    const variants = kinds.get(route.url) ?? new Set<string>();
    if (variants.has(variant) || variants.size >= MAX_VARIANTS_PER_ROUTE) continue;
    const html = await fetchHtml(site, url, cookie);
    if (html === null) continue;
    kinds.set(route.url, variants.add(variant));
    pages.push({ role, url, html });
    queue.push(...linksIn(html, site.url(url)));
  }
  return pages;
}

interface NuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Runs the checker once over all the pages (one Java start); returns its errors by page. */
async function nuErrors(pages: Fetched[]): Promise<Array<NuMessage & { page: string }>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-vnu-'));
  try {
    const files = pages.map((p, i) => {
      const file = path.join(dir, `${String(i).padStart(4, '0')}.html`);
      fs.writeFileSync(file, p.html);
      return file;
    });
    const { stderr } = await promisify(execFile)('java', ['-Xss8m', '-jar', VNU, '--format', 'json', '--exit-zero-always', '--errors-only', ...files], { maxBuffer: 64 * 1024 * 1024 });
    const { messages } = JSON.parse(stderr) as { messages: NuMessage[] };
    return messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => {
        const index = Number(/(\d{4})\.html$/.exec(m.url)?.[1]);
        const page = pages[index];
        return { ...m, page: page ? `${page.role} ${page.url}` : m.url };
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (!hasJava) console.warn('!!! SKIPPED HTML validity suite: no Java for the Nu checker (apt-get install default-jre-headless)');

describe.skipIf(!hasJava)('valid HTML', () => {
  describeBrowser('every kind of page passes the W3C Nu checker', () => {
    let site: Site;
    beforeAll(async () => {
      site = await startSite({ demo: true });
    });
    afterAll(() => site?.close());

    it('finds no error on any kind of page, for a visitor, a member, an animator and an admin', async () => {
      // A past event's page shows what happened instead of the registration box: a kind of its own.
      const past = linksIn((await fetchHtml(site, '/agenda?periode=passees', ''))!, site.baseUrl).find((u) => /^\/agenda\/[^/?]+$/.test(u))!;
      const pages = await crawl(site, 'visitor', null, [
        { url: past, status: 200 },
        { url: '/nulle-part', status: 404 },
      ]);
      for (const [role, who] of [
        ['member', { email: 'membre@palabre.test' }],
        ['animator', { email: 'animation@palabre.test', role: 'animator' as const }],
        ['admin', { email: 'admin@palabre.test', role: 'admin' as const }],
      ] as const) {
        const context = await site.newContext();
        await signInAs(site, context, who);
        pages.push(...(await crawl(site, role, context, role === 'member' ? [{ url: '/admin', status: 403 }] : [])));
      }
      const urls = pages.map((p) => p.url);
      // The crawl reached the kinds of pages the issue lists (and is not checking an empty site).
      for (const expected of [
        /^\/$/,
        /^\/actualites\/[^/?]+$/,
        /^\/ressources\/[^/?]+$/,
        /^\/agenda\/[^/?]+$/,
        /^\/agenda\/[^/]+\/inscription$/,
        /^\/recherche\?q=/,
        /^\/reseau\/liste\/[0-9a-z]+$/,
        /^\/lettre$/,
        /^\/compte$/,
        /^\/admin\/rencontres\/[^/]+$/,
        /^\/admin\/contenus\/[^/]+$/,
        /^\/forums\/[^/]+$/,
        /^\/forums\/[^/]+\/mur$/,
      ]) {
        expect(
          urls.some((u) => expected.test(u)),
          `no page matching ${expected} among:\n${urls.join('\n')}`,
        ).toBe(true);
      }
      const errors = await nuErrors(pages);
      if (errors.length) {
        const report = errors.map((e) => `${e.page} (line ${e.lastLine}): ${e.message}\n    ${(e.extract ?? '').replace(/\n/g, ' ')}`).join('\n');
        // Vitest shows only the first line of a thrown message: the list goes to the console too.
        console.error(report);
        throw new Error(`${errors.length} Nu checker error(s) on ${pages.length} pages:\n${report}`);
      }
    });

    it('catches an error when there is one (the check is not vacuous)', async () => {
      const errors = await nuErrors([
        { role: 'test', url: '/faux', html: '<!doctype html><html lang="fr"><title>x</title><script type="module" src="/x.js" defer></script><input type="date" placeholder="jj/mm/aaaa">' },
      ]);
      expect(errors.map((e) => e.message).join('\n')).toMatch(/defer/);
      expect(errors.map((e) => e.message).join('\n')).toMatch(/placeholder/);
    });
  });
});
