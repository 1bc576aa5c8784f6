/**
 * Page benchmark (issue 2): requests/s and p99 latency of Palabre's pages under autocannon,
 * against a bare node:http server sending the same bytes, measured in the same run and
 * alternating between the two to cancel out the machine's drift. Writes the "## Pages"
 * section of bench/RESULTS.md.
 *
 *   npm run bench:pages                              # 50 connections, 2 rounds of 10 s per server and page
 *   BENCH_SECONDS=2 BENCH_ROUNDS=1 npm run bench:pages   # smoke run (does not touch RESULTS.md)
 *   BENCH_PAGES=home,agenda npm run bench:pages      # only some pages
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:pages     # and write a CPU profile of Palabre
 *
 * To add a page, add a line to `pages` below: a fixed path, or a function that finds one
 * in the demo data (e.g. the first event linked from /agenda).
 */
import { load, type LoadResult } from './lib/load.ts';
import { loadLine, machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';
import { startBareProcess, startPalabreProcess, type RunningServer } from './lib/servers.ts';

type Fetcher = (path: string) => Promise<{ status: number; body: string }>;

interface PageSpec {
  name: string;
  /** A path, or how to find one from the running site (null when there is none). */
  path: string | ((get: Fetcher) => Promise<string | null>);
  /** The issue's targets are required on this page; elsewhere they are shown for information. */
  required?: boolean;
}

/** The first same-site link on `from` whose path matches `pattern`. */
function firstLink(from: string, pattern: RegExp) {
  return async (get: Fetcher) => {
    const res = await get(from);
    if (res.status !== 200) return null;
    for (const m of res.body.matchAll(/href="([^"]+)"/g)) {
      const href = m[1].replace(/&amp;/g, '&');
      if (pattern.test(href)) return href;
    }
    return null;
  };
}

export const pages: PageSpec[] = [
  { name: 'home', path: '/', required: true },
  { name: 'agenda', path: '/agenda' },
  { name: 'event page', path: firstLink('/agenda', /^\/agenda\/[^/?#.]+$/) },
  { name: 'news', path: '/actualites' },
  { name: 'resources', path: '/ressources' },
  { name: 'resource page', path: firstLink('/ressources', /^\/ressources\/[^/?#.]+$/) },
  { name: 'search', path: '/recherche?q=participation' },
];

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const seconds = num('BENCH_SECONDS', 10);
const rounds = Math.round(num('BENCH_ROUNDS', 2));
const connections = Math.round(num('BENCH_CONNECTIONS', 50));
const warmup = num('BENCH_WARMUP', 2);
const only = process.env.BENCH_PAGES?.split(',').map((s) => s.trim().toLowerCase());
// A smoke run's figures are noise, and a filtered run's table is partial: they only reach
// RESULTS.md when asked for.
const write = process.env.BENCH_WRITE ? process.env.BENCH_WRITE === '1' : seconds >= 10 && !only;

interface Measured {
  name: string;
  path: string;
  bytes: number;
  cached: boolean;
  required: boolean;
  palabre: Run[];
  bare: Run[];
}

/** One autocannon run, with the CPU the server spent on it. */
interface Run extends LoadResult {
  cpuSeconds: number | null;
}

async function measure(server: RunningServer, url: string, duration: number): Promise<Run> {
  const before = server.cpuSeconds();
  const r = await load(url, { connections, duration });
  const after = server.cpuSeconds();
  return { ...r, cpuSeconds: before === null || after === null ? null : after - before };
}

/** Server CPU microseconds per request over several runs. */
function cpuPerRequest(runs: Run[]): number | null {
  if (runs.some((r) => r.cpuSeconds === null)) return null;
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  return requests ? (runs.reduce((n, r) => n + r.cpuSeconds!, 0) / requests) * 1e6 : null;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const worst = (xs: number[]) => Math.max(...xs);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (r: number) => `${(r * 100).toFixed(0)} %`;

function summary(m: Measured) {
  const palabre = mean(m.palabre.map((r) => r.requestsPerSecond));
  const bare = mean(m.bare.map((r) => r.requestsPerSecond));
  const p99 = worst(m.palabre.map((r) => r.p99));
  const bareP99 = worst(m.bare.map((r) => r.p99));
  const ratio = palabre / bare;
  const failures = [...m.palabre, ...m.bare].reduce((n, r) => n + r.errors + r.non2xx, 0);
  const ok = ratio >= TARGET_RATIO && p99 < TARGET_P99_MS && failures === 0;
  const cpuPalabre = cpuPerRequest(m.palabre);
  const cpuBare = cpuPerRequest(m.bare);
  const cpuRatio = cpuPalabre && cpuBare ? cpuBare / cpuPalabre : null;
  return { palabre, bare, p99, bareP99, ratio, failures, ok, cpuPalabre, cpuBare, cpuRatio };
}

async function main() {
  console.log(`bench:pages: ${connections} connections, ${rounds} × ${seconds} s per server and page, ${warmup} s warm-up`);
  console.log(`machine: ${machineLine()}`);
  const loadAtStart = loadLine();
  console.log(loadAtStart);
  const profileDir = process.env.BENCH_CPU_PROF;
  const palabre = await startPalabreProcess({ demo: true, cpuProfileDir: profileDir });
  let bare: RunningServer | undefined;
  try {
    const get: Fetcher = async (p) => {
      const res = await fetch(palabre.baseUrl + p, { redirect: 'manual' });
      return { status: res.status, body: await res.text() };
    };

    // Resolve the pages and take their bytes as an anonymous visitor sees them.
    const found: Array<{ spec: PageSpec; path: string; body: string; type: string; cached: boolean }> = [];
    const notes: string[] = [];
    for (const spec of pages) {
      if (only && !only.includes(spec.name.toLowerCase())) continue;
      const path = typeof spec.path === 'string' ? spec.path : await spec.path(get);
      if (!path) {
        notes.push(`${spec.name}: no such page in the demo data yet, skipped`);
        continue;
      }
      await fetch(palabre.baseUrl + path); // fills the anonymous page cache when the route uses it
      const res = await fetch(palabre.baseUrl + path, { redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) {
        notes.push(`${spec.name} (${path}): answered ${res.status}, skipped`);
        continue;
      }
      found.push({ spec, path, body, type: res.headers.get('content-type') ?? 'text/html; charset=utf-8', cached: res.headers.get('x-cache') === 'hit' });
    }
    for (const n of notes) console.log(`note: ${n}`);
    if (!found.length) throw new Error('no page answered 200: nothing to measure');

    bare = await startBareProcess(Object.fromEntries(found.map((f) => [f.path, { body: f.body, type: f.type }])));
    const check = await fetch(bare.baseUrl + found[0].path).then((r) => r.text());
    if (check !== found[0].body) throw new Error('the bare server does not send the same bytes');

    const results: Measured[] = [];
    for (const f of found) {
      const m: Measured = { name: f.spec.name, path: f.path, bytes: Buffer.byteLength(f.body), cached: f.cached, required: Boolean(f.spec.required), palabre: [], bare: [] };
      const servers = { palabre, bare };
      if (warmup) {
        await load(palabre.baseUrl + f.path, { connections, duration: warmup });
        await load(bare.baseUrl + f.path, { connections, duration: warmup });
      }
      for (let round = 0; round < rounds; round++) {
        const order = (round % 2 === 0 ? ['palabre', 'bare'] : ['bare', 'palabre']) as Array<'palabre' | 'bare'>;
        for (const which of order) {
          const r = await measure(servers[which], servers[which].baseUrl + f.path, seconds);
          m[which].push(r);
          const cpu = r.cpuSeconds === null || !r.requests ? '' : `  ${Math.round((r.cpuSeconds / r.requests) * 1e6)} µs CPU/req`;
          console.log(
            `  ${f.spec.name.padEnd(14)} ${which.padEnd(8)} round ${round + 1}: ${fmt(r.requestsPerSecond).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${cpu}${r.errors || r.non2xx ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ''}`,
          );
        }
      }
      const s = summary(m);
      console.log(
        `${f.spec.name} ${f.path}: Palabre ${fmt(s.palabre)} req/s vs bare ${fmt(s.bare)} req/s = ${(s.ratio * 100).toFixed(0)} %, p99 ${s.p99} ms ${s.ok ? 'meets the target' : 'MISSES THE TARGET'}${s.cpuRatio ? ` (CPU per request: ${pct(s.cpuRatio)} of bare's efficiency)` : ''}`,
      );
      results.push(m);
    }

    const table = [
      '| page | path | bytes | served from | Palabre req/s | bare req/s | ratio | Palabre p99 | bare p99 | CPU µs/req Palabre / bare | CPU ratio | target |',
      '|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
      ...results.map((m) => {
        const s = summary(m);
        const verdict = s.ok ? 'met' : s.failures ? `missed (${s.failures} failed requests)` : 'missed';
        return `| ${m.name}${m.required ? ' (required)' : ''} | \`${m.path}\` | ${fmt(m.bytes)} | ${m.cached ? 'page cache' : 'rendered'} | ${fmt(s.palabre)} | ${fmt(s.bare)} | ${pct(s.ratio)} | ${s.p99} ms | ${s.bareP99} ms | ${s.cpuPalabre && s.cpuBare ? `${Math.round(s.cpuPalabre)} / ${Math.round(s.cpuBare)}` : 'n/a'} | ${s.cpuRatio ? pct(s.cpuRatio) : 'n/a'} | ${verdict} |`;
      }),
    ];
    const body = [
      `Measured ${today()} on ${machineLine()}; ${loadAtStart} at the start, ${loadLine()} at the end (other work on the machine lowers every req/s figure, the bare server's too).`,
      '',
      `autocannon in the benchmark's process, ${connections} connections, ${rounds} rounds of ${seconds} s per server and page after a ${warmup} s warm-up, alternating which server goes first. ` +
        'Palabre: `buildApp` on a temporary SQLite data dir with the demo data loaded, workers running, logging at `info` into /dev/null, in a process of its own. ' +
        'Bare: `node:http` in a process of its own, answering with the exact bytes and content type Palabre sent for that page. ' +
        'req/s is the mean of the rounds, p99 the worst round. ' +
        "CPU µs/req is the server process's user + system time (from /proc) divided by the requests it served; " +
        "the CPU ratio (bare's CPU per request over Palabre's) is what the req/s ratio would be with a core to each server, and is steadier than req/s on a busy machine.",
      '',
      `Target (issue 2): the home page serves at least ${TARGET_RATIO * 100} % of the bare server's requests/s, with a p99 under ${TARGET_P99_MS} ms.`,
      '',
      ...table,
      ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
      '',
      'Re-run with `npm run bench:pages` (add a page in the `pages` list of `bench/pages.ts`).',
    ].join('\n');
    if (write) {
      writeResultsSection('Pages', body);
      console.log('bench/RESULTS.md: "## Pages" section written');
    } else {
      console.log('short or filtered run: bench/RESULTS.md left as it is (BENCH_WRITE=1 to write anyway)\n');
      console.log(body);
    }
    if (profileDir) {
      const loadSeconds = results.length * 2 * (warmup + rounds * seconds);
      console.log(`\nCPU profile of Palabre in ${profileDir} when it stops; summary of the load: npx tsx bench/lib/profile.ts ${profileDir}/CPU.*.cpuprofile --last ${Math.round(loadSeconds)}`);
    }
    const missed = results.filter((m) => m.required && !summary(m).ok);
    if (missed.length) console.log(`\nTARGET MISSED on: ${missed.map((m) => m.name).join(', ')}`);
  } finally {
    await bare?.close();
    await palabre.close();
  }
}

await main();
