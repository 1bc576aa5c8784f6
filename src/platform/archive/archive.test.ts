/**
 * The restore drill (issue 16) and reversibility (issue 14): the demo site is backed up or
 * exported, restored into an empty Palabre on the same engine or the other one, and the restored
 * site is the same: every row of every table, every file byte for byte, the public pages a visitor
 * reaches from the home page rendered identically, a member's own space with the same session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, databaseKinds, describeEachDatabase, type TestApp, type TestDatabase } from '../../../test/harness.ts';
import { loadDemo } from '../../demo/demo.ts';
import { SESSION_COOKIE } from '../http/server.ts';
import { loadConfig } from '../config.ts';
import { allRows, fileDigests, publicPages, render } from './archive.test-helpers.ts';
import { ArchiveError, exportSite, openArchive, restoreSiteArchive } from './index.ts';

const ENV = { DEMO_DATA: 'off', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://palabre.test', SECRET: 'test-secret-test-secret-test-secret-0123' };
const configOf = (db: TestDatabase) => loadConfig({ ...ENV, ...db.env });

/** What a search page found: its count and the items it links to, in any order. */
function found(html: string): { count: string | undefined; links: string[] } {
  const results = html.slice(html.indexOf('id="results-count"'));
  return {
    count: /id="results-count">([^<]*)</.exec(html)?.[1],
    links: [...results.matchAll(/<h3><a href="([^"]+)"/g)].map((m) => m[1]!).sort(),
  };
}

/**
 * A page without its related items, and the items it relates (in any order): items of equal rank
 * come in the order the engine meets them, which a restore may change (PostgreSQL's related items
 * have no tie-breaker).
 */
function withoutRelated(html: string): { page: string; related: string[] } {
  const section = /<section aria-labelledby="related-title" class="related">.*?<\/section>/s;
  const found = section.exec(html)?.[0] ?? '';
  return { page: html.replace(section, ''), related: [...found.matchAll(/<h3><a href="([^"]+)"/g)].map((m) => m[1]!).sort() };
}

/** Where two pages part, with some context (a whole page in a failure message is unreadable). */
function firstDifference(got: string, want: string): string {
  if (got === want) return '';
  let i = 0;
  while (got[i] === want[i]) i++;
  return `got …${got.slice(Math.max(0, i - 150), i + 150)}…\nwant …${want.slice(Math.max(0, i - 150), i + 150)}…`;
}

describeEachDatabase('site archive', (kind) => {
  let source: TestApp;
  let pages: string[];
  let member: string;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-archive-'));
  const cleanup: Array<() => Promise<void>> = [];

  /** A new empty Palabre of `k`, with the archive restored into it, then opened as an app. */
  async function restoredInto(k: typeof kind, file: string, opts: { json?: boolean } = {}) {
    const database = await createTestDatabase(k);
    const summary = await restoreSiteArchive(configOf(database), file, opts);
    const app = await createTestApp(k, { database });
    cleanup.push(async () => {
      await app.close();
      await database.drop();
    });
    return { app, database, summary };
  }

  /**
   * `crossEngine`: search results and an item's related items are ranked by each engine's own
   * full-text search, so their order may differ; the rest of every page is the same.
   */
  async function expectSameSite(target: TestApp, crossEngine = false) {
    const [want, got] = [await allRows(source), await allRows(target)];
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
    expect(await fileDigests(target)).toEqual(await fileDigests(source));
    for (const url of pages) {
      const [a, b] = [await render(source, url), await render(target, url)];
      expect(b.status, url).toBe(a.status);
      if (crossEngine && url.startsWith('/recherche')) {
        // The other engine's search finds the same items, in its own order.
        expect(found(b.body), url).toEqual(found(a.body));
        continue;
      }
      const [pa, pb] = [withoutRelated(a.body), withoutRelated(b.body)];
      expect(firstDifference(pb.page, pa.page), url).toBe('');
      if (!crossEngine) expect(pb.related, url).toEqual(pa.related);
    }
    // The member's session came along: their own space, with their registrations and subscriptions.
    const mine = await render(target, '/compte', member);
    expect(mine.status).toBe(200);
    expect(firstDifference(mine.body, (await render(source, '/compte', member)).body)).toBe('');
  }

  beforeAll(async () => {
    source = await createTestApp(kind);
    await loadDemo(source);
    pages = await publicPages(source);
    const user = await source.services.accounts.service.findUserByEmail('membre@palabre.test');
    member = `${SESSION_COOKIE}=${await source.services.accounts.service.openSession(user!.id, 'test')}`;
  }, 600_000);

  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await source?.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('finds enough of the demo site to compare', async () => {
    expect(pages.length).toBeGreaterThan(20);
    let related = 0;
    for (const url of pages) related += withoutRelated((await render(source, url)).body).related.length;
    expect(related).toBeGreaterThan(0);
  });

  /** The demo site's backup, written once for the tests that read it. */
  let written: Awaited<ReturnType<typeof exportSite>> | null = null;
  async function backupFile() {
    const file = path.join(work, `backup-${kind}.zip`);
    written ??= await exportSite(source.platform.config, file, { native: true });
    return { file, written };
  }

  it('restores a backup into an empty database: the same site, from the engine’s own copy', async () => {
    const { file, written } = await backupFile();
    expect(written.files).toBeGreaterThan(0);
    expect(written.native?.kind).toBe(kind === 'sqlite' ? 'sqlite' : 'pg_dump');
    const { app, summary } = await restoredInto(kind, file);
    expect(summary.native).toBe(true);
    expect(summary.files).toBe(written.files);
    await expectSameSite(app);

    // Not empty any more: refused, and said so; --force replaces it.
    const again = configOf((await restoredInto(kind, file)).database);
    await expect(restoreSiteArchive(again, file)).rejects.toThrow(ArchiveError);
    await expect(restoreSiteArchive(again, file)).rejects.toThrow(/--force/);
    await expect(restoreSiteArchive(again, file, { force: true })).resolves.toMatchObject({ native: true });
  }, 600_000);

  it('restores the same backup from its JSON tables: the same site', async () => {
    const { file } = await backupFile();
    const { app, summary } = await restoredInto(kind, file, { json: true });
    expect(summary.native).toBe(false);
    await expectSameSite(app);
  }, 600_000);

  it('writes an archive that documents itself', async () => {
    const { zip, manifest } = await openArchive((await backupFile()).file);
    expect(manifest.engine).toBe(kind);
    expect(manifest.migrations.length).toBeGreaterThan(5);
    const users = manifest.tables.find((t) => t.name === 'users')!;
    expect(users.columns.map((c) => c.name)).toContain('email');
    expect(users.rows).toBeGreaterThan(3);
    // Tables are found in the database: every one the site has is there, none is listed by hand.
    expect(manifest.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'events', 'event_registrations', 'newsletter_subscribers', 'forums', 'settings']));
    const lines = (await zip.buffer('tables/users.json')).toString('utf8').trim().split('\n');
    expect(lines.length).toBe(users.rows + 2);
    expect(JSON.parse((await zip.buffer('tables/users.json')).toString('utf8'))).toHaveLength(users.rows);
  });

  for (const other of databaseKinds().filter((k) => k !== kind)) {
    it(`exports the site and restores it on ${other}: the same site`, async () => {
      const file = path.join(work, `export-${kind}.zip`);
      const written = await exportSite(source.platform.config, file);
      expect(written.native).toBeNull();
      const { app, summary } = await restoredInto(other, file);
      expect(summary.native).toBe(false);
      await expectSameSite(app, true);
    }, 600_000);
  }
});
