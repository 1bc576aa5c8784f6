/**
 * Forum ouvert benchmark (issue 5). Not a test.
 *
 * A forum of 2,000 participants and 200 themes on 15 slots × 60 spaces, on PostgreSQL, served by
 * two instances of Palabre (as behind a load balancer: the change bus crosses them through
 * LISTEN/NOTIFY). 2,000 SSE clients, half on each instance, follow the wall stream (the same
 * stream feeds the wall and the participant pages) while themes and reports are written on
 * both instances. Measured: delay from the start of a write to its arrival at every client
 * (p50/p99), server memory per connection, and the time to build the proceedings PDF of the
 * 200 reports. Writes the "## Forum" section of bench/RESULTS.md.
 *
 *   npx tsx bench/forum.ts                                   # full run
 *   BENCH_CLIENTS=200 BENCH_WRITES=10 npx tsx bench/forum.ts  # smoke run (does not touch RESULTS.md)
 */
import { spawn } from 'node:child_process';
import type { Kysely } from 'kysely';
import { createTestApp, createTestDatabase } from '../test/harness.ts';
import { postgresAvailable } from '../test/environment.ts';
import { transact } from '../src/platform/db/transaction.ts';
import { newId, randomToken, sha256 } from '../src/platform/db/ids.ts';
import * as repo from '../src/forum/forum.repo.ts';
import { buildProceedingsPdf } from '../src/forum/forum.pdf.ts';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { platformCatalogue } from '../src/platform/i18n/platform.i18n.ts';
import { forumCatalogue } from '../src/forum/forum.i18n.ts';
import type { ForumTables, ReportSection } from '../src/forum/forum.tables.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import { machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const WRITES = Number(process.env.BENCH_WRITES ?? 40);
const PARTICIPANTS = 2000;
const THEMES = 200;
const full = CLIENTS === 2000 && WRITES >= 40;

const facilitator: CurrentUser = { id: 'bench', sessionId: 'bench', name: 'Bench', email: 'bench@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };

const words =
  'coopération territoire climat énergie habitants élus services mobilité rénovation agriculture alimentation eau biodiversité entreprises associations jeunes données budget formation communication'.split(
    ' ',
  );
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const phrase = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
const para = (sentences: number) => Array.from({ length: sentences }, () => `${phrase(12).replace(/^./, (c) => c.toUpperCase())}.`).join(' ');

// The SSE clients live in a child process, so the servers' memory is measured alone.
const CLIENT_SCRIPT = `
import http from 'node:http';
const [urls, count] = [JSON.parse(process.argv[1]), Number(process.argv[2])];
let ready = 0;
// Arrivals are kept here and sent once at the end, so that reporting them does not load the servers.
const arrivals = {};
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const re = /bench-marker-(\\d+)-/g;
function connect(i) {
  return new Promise((resolve) => {
    const req = http.get(urls[i % urls.length], { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      const seen = new Set();
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const now = Date.now();
        if (first && chunk.includes('event: snapshot')) { first = false; ready++; resolve(); }
        for (const m of chunk.matchAll(re)) if (!seen.has(m[1])) { seen.add(m[1]); (arrivals[m[1]] ??= []).push(now); }
      });
    });
    req.on('error', (e) => { out({ error: String(e) }); resolve(); });
  });
}
for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => connect(i + k)));
out({ ready });
process.stdin.on('data', () => process.stdout.write(JSON.stringify({ arrivals }) + '\\n', () => process.exit(0)));
`;

async function main() {
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is needed for this benchmark');
  const database = await createTestDatabase('postgres');
  const a = await createTestApp('postgres', { database });
  const b = await createTestApp('postgres', { database, env: {} });
  try {
    await a.server.listen({ port: 0, host: '127.0.0.1' });
    await b.server.listen({ port: 0, host: '127.0.0.1' });
    const svc = a.services.forum.service;
    const db = a.platform.db as unknown as Kysely<ForumTables>;
    console.log('seeding…');
    const forum = await svc.create(
      {
        title: 'Forum de charge',
        slug: 'forum-de-charge',
        question: 'Combien de participant·e·s un mur peut-il suivre ?',
        place: 'Banc d’essai',
        starts_on: '2027-06-01',
        event: '',
        slots: Array.from({ length: 15 }, (_, i) => `2027-06-0${1 + Math.floor(i / 5)} ${8 + (i % 5) * 2}h-${9 + (i % 5) * 2}h30`).join('\n'),
        spaces: Array.from({ length: 60 }, (_, i) => `Espace ${i + 1} (${10 + (i % 7) * 5})`).join('\n'),
        votes: 5,
        phase: 'sessions',
      },
      facilitator,
    );
    const people: string[] = [];
    await transact(db, async (trx) => {
      for (let i = 0; i < PARTICIPANTS; i += 500) {
        const rows = Array.from({ length: 500 }, (_, k) => ({
          id: newId(),
          forum_id: forum.id,
          name: `Participant ${i + k}`,
          organisation: `Structure ${(i + k) % 90}`,
          user_id: null,
          registration_id: null,
          token_hash: sha256(randomToken(24)),
          created_at: new Date().toISOString(),
        }));
        people.push(...rows.map((r) => r.id));
        await trx.insertInto('forum_participants').values(rows).execute();
      }
    });
    const actor = { participant: null, user: facilitator };
    const themeIds: string[] = [];
    for (let i = 0; i < THEMES; i++) themeIds.push(await svc.proposeTheme(forum, actor, { title: `${phrase(5)} ${i}`, description: phrase(15), convener: '', queue: false }));
    await transact(db, async (trx) => {
      for (const [i, id] of themeIds.entries()) {
        await repo.addConvener(trx, id, people[i]);
        for (const [k, section] of (['participants', 'key_points', 'proposals', 'questions', 'resources'] as ReportSection[]).entries())
          await repo.overwriteSection(trx, id, section, para(k === 1 ? 7 : 3), new Date().toISOString());
      }
      // Everyone is in a group: sizes of 10 on average.
      for (const [i, p] of people.entries()) await repo.setGroup(trx, forum.id, p, themeIds[i % THEMES], new Date().toISOString(), newId());
    });
    for (const [i, id] of themeIds.entries()) {
      await svc.addAction(forum, actor, id, { kind: 'action', title: phrase(8), carrier: `Structure ${i % 90}`, partners: 'Région, ADEME', due: 'fin 2027' });
      await svc.addAction(forum, actor, id, { kind: 'proposal', title: phrase(10), carrier: '', partners: '', due: '' });
    }
    await svc.placeAutomatically(forum, facilitator);

    const urls = [a, b].map((app) => `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}/forums/${forum.slug}/flux`);
    (globalThis as { gc?: () => void }).gc?.();
    const memBefore = process.memoryUsage();
    console.log(`connecting ${CLIENTS} SSE clients across two instances…`);
    const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT_SCRIPT, JSON.stringify(urls), String(CLIENTS)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const arrivals = new Map<number, number[]>();
    const writeMs: number[] = [];
    let ready = -1;
    let errors = 0;
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const msg = JSON.parse(line) as { arrivals?: Record<string, number[]>; ready?: number; error?: string };
        if (msg.ready !== undefined) ready = msg.ready;
        else if (msg.error) errors++;
        else if (msg.arrivals) for (const [m, times] of Object.entries(msg.arrivals)) arrivals.set(Number(m), times);
      }
    });
    const connectStart = Date.now();
    while (ready < 0) await new Promise((r) => setTimeout(r, 100));
    const connectSeconds = (Date.now() - connectStart) / 1000;
    console.log(`${ready} clients ready in ${connectSeconds.toFixed(1)} s (${errors} errors)`);

    // Writes alternate between the instances: half the clients hear each write through NOTIFY.
    const started = new Map<number, number>();
    for (let w = 0; w < WRITES; w++) {
      const app = w % 2 === 0 ? a : b;
      const s = app.services.forum.service;
      const f = await s.byId(forum.id);
      started.set(w, Date.now());
      if (w % 2 === 0 || w % 4 === 1) {
        await s.proposeTheme(f, actor, { title: `bench-marker-${w}- nouveau thème`, description: phrase(10), convener: '', queue: false });
      } else {
        const id = themeIds[w % THEMES];
        const current = await app.services.forum.reader.report(f, id);
        const v = current.sections.find((x) => x.section === 'key_points')!.version;
        await s.saveSection(f, { participant: null, user: facilitator }, id, 'key_points', v, `bench-marker-${w}- ${para(3)}`);
      }
      writeMs.push(Date.now() - started.get(w)!);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 3000));
    (globalThis as { gc?: () => void }).gc?.();
    const memAfter = process.memoryUsage();
    child.stdin.write('x');
    await new Promise((r) => child.once('close', r));
    const delays: number[] = [];
    let missing = 0;
    for (let w = 0; w < WRITES; w++) {
      const got = arrivals.get(w) ?? [];
      missing += ready - got.length;
      for (const t of got) delays.push(t - started.get(w)!);
    }
    delays.sort((x, y) => x - y);
    const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))] ?? NaN;
    const perConnection = (memAfter.rss - memBefore.rss) / Math.max(1, ready);
    const heapPerConnection = (memAfter.heapUsed + memAfter.external - memBefore.heapUsed - memBefore.external) / Math.max(1, ready);

    console.log('building the proceedings…');
    const closed = await svc.byId(forum.id);
    const t = createI18n([platformCatalogue, forumCatalogue]).t('fr');
    const pdfStart = Date.now();
    const model = await a.services.forum.reader.proceedings(closed, t, 'fr');
    const modelSeconds = (Date.now() - pdfStart) / 1000;
    const pdf = await buildProceedingsPdf(model);
    const pdfSeconds = (Date.now() - pdfStart) / 1000;
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

    const rows = [
      `Measured ${today()} on ${machineLine()}; PostgreSQL on the same machine, two Palabre instances in one process, the SSE clients in another.`,
      '',
      `Forum: ${PARTICIPANTS} participants, ${THEMES + WRITES} themes on 15 slots × 60 spaces, 400 action-plan items. ${ready} SSE clients (half per instance) connected in ${connectSeconds.toFixed(1)} s (${errors} errors); ${WRITES} writes, alternately on each instance, 250 ms apart (new themes and report sections).`,
      '',
      '| figure | value | target |',
      '|---|---|---|',
      `| write → arrival at every client, p50 | ${pct(50)} ms | |`,
      `| write → arrival at every client, p99 | ${pct(99)} ms | < 1,000 ms |`,
      `| write → arrival, max | ${delays[delays.length - 1]} ms | |`,
      `| the write itself (transaction + commit), median | ${[...writeMs].sort((x, y) => x - y)[Math.floor(writeMs.length / 2)]} ms | |`,
      `| deliveries missing | ${missing} of ${ready * WRITES} | 0 |`,
      `| server memory per connection (RSS / JS heap + buffers) | ${(perConnection / 1024).toFixed(1)} KiB / ${(heapPerConnection / 1024).toFixed(1)} KiB | |`,
      `| proceedings of ${model.reports.length} reports: data ${modelSeconds.toFixed(1)} s, PDF ${pdfSeconds.toFixed(1)} s total | ${pages} pages, ${(pdf.length / 1e6).toFixed(2)} MB | < 30 s |`,
      '',
      'Each notice is turned into a wall patch once per instance and shared by every stream of that instance (src/forum/forum.live.ts); a reconnecting client gets a full snapshot.',
    ];
    console.log(rows.join('\n'));
    if (full) writeResultsSection('Forum', rows.join('\n'));
    else console.log('(smoke run: RESULTS.md not touched)');
  } finally {
    await b.close();
    await a.destroy();
  }
}

await main();
process.exit(0);
