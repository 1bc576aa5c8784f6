/**
 * Archive benchmark (issues 14 and 16): export, backup and restore of a site larger than memory
 * would like — many rows with long texts, many files — and how much memory each takes beyond the
 * process at rest (the rows and files are streamed, so it must not grow with the site). Writes the
 * "## Archive" section of bench/RESULTS.md.
 *
 *   npx tsx bench/archive.ts                 # full run (a few minutes)
 *   BENCH_QUICK=1 npx tsx bench/archive.ts   # smoke run (does not touch RESULTS.md)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, createTestDatabase, databaseKinds, type TestDatabase } from '../test/harness.ts';
import { loadConfig } from '../src/platform/config.ts';
import { exportSite, restoreSiteArchive } from '../src/platform/archive/index.ts';
import { loadLine, machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const MAILS = QUICK ? 2_000 : 60_000;
const BODY = 4096;
const FILES = QUICK ? 20 : 300;
const FILE_SIZE = 1024 * 1024;
const ENV = { DEMO_DATA: 'off', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://palabre.test', SECRET: 'bench-secret-bench-secret-bench-secret-01' };
const MiB = 1024 * 1024;

/** Runs `fn`, sampling the resident memory: the peak above what the process held before. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakMiB: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - start) / 1000, peakMiB: (peak - base) / MiB };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-archive-'));
  const source = await createTestApp('sqlite');
  const databases: TestDatabase[] = [];
  try {
    // Mail bodies stand for every long text of a site (documents' extracted text, pages, messages).
    const s = source.platform.raw.sqlite!;
    const insert = s.prepare(
      `INSERT INTO mail_outbox (id, to_address, lang, subject, text_body, html_body, status, attempts, next_attempt_at, message_id, created_at) VALUES (?, ?, 'fr', ?, ?, ?, 'sent', 1, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    s.transaction(() => {
      for (let i = 0; i < MAILS; i++) {
        const text = crypto.randomBytes(BODY / 2).toString('base64');
        insert.run(`m${i}`, `personne${i}@exemple.fr`, `Lettre ${i}`, text, `<p>${text}</p>`, now, `<${i}@palabre.test>`, now);
      }
    })();
    for (let i = 0; i < FILES; i++) await source.platform.storage.put(crypto.randomBytes(FILE_SIZE));
    const dbBytes = fs.statSync(source.platform.config.database.kind === 'sqlite' ? source.platform.config.database.file : '').size;

    const rows: string[] = [];
    const exported = await measured(() => exportSite(source.platform.config, path.join(work, 'export.zip')));
    const exportBytes = fs.statSync(path.join(work, 'export.zip')).size;
    rows.push(`| export (SQLite) | ${exported.seconds.toFixed(1)} s | ${(exportBytes / MiB).toFixed(0)} MiB | ${exported.peakMiB.toFixed(0)} MiB |`);
    const backup = await measured(() => exportSite(source.platform.config, path.join(work, 'backup.zip'), { native: true }));
    const backupBytes = fs.statSync(path.join(work, 'backup.zip')).size;
    rows.push(`| backup (SQLite: online copy + JSON) | ${backup.seconds.toFixed(1)} s | ${(backupBytes / MiB).toFixed(0)} MiB | ${backup.peakMiB.toFixed(0)} MiB |`);

    for (const [label, kind, file, json] of [
      ['restore the backup on SQLite (native copy)', 'sqlite', 'backup.zip', false],
      ['restore the export on SQLite (JSON)', 'sqlite', 'export.zip', true],
      ['restore the export on PostgreSQL (JSON)', 'postgres', 'export.zip', true],
    ] as const) {
      if (!databaseKinds().includes(kind)) continue;
      const target = await createTestDatabase(kind);
      databases.push(target);
      const restored = await measured(() => restoreSiteArchive(loadConfig({ ...ENV, ...target.env }), path.join(work, file), { json }));
      rows.push(`| ${label} | ${restored.seconds.toFixed(1)} s | | ${restored.peakMiB.toFixed(0)} MiB |`);
    }

    const body = `Measured ${today()} on ${machineLine()} with \`npx tsx bench/archive.ts\`; ${loadLine()}.

A site of ${MAILS.toLocaleString('en')} rows of ${BODY / 1024} KiB of text (the SQLite file: ${(dbBytes / MiB).toFixed(0)} MiB) and ${FILES} files of 1 MiB (random bytes: stored as they are), beside the empty tables of every module. Memory: the resident set's peak above the process at rest, sampled every 20 ms; it should not grow with the site (rows go in batches of at most 1,000 or about 4 MiB, files are streamed).

| operation | time | archive | memory peak |
|---|---|---|---|
${rows.join('\n')}

To check that memory does not grow with the site, run it again with the JavaScript heap capped
below the site's size: \`BENCH_NO_RESULTS=1 NODE_OPTIONS=--max-old-space-size=96 npx tsx bench/archive.ts\`.
`;
    console.log(body);
    // BENCH_NO_RESULTS=1: a run under a small heap (--max-old-space-size) to show memory does not grow with the site.
    if (!QUICK && process.env.BENCH_NO_RESULTS !== '1') writeResultsSection('Archive', body);
  } finally {
    await source.destroy();
    for (const d of databases) await d.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
