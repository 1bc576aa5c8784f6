/**
 * Scale benchmark (issue 16): pages and registrations through nginx with 1, 2 and 3
 * `palabre serve` processes on one PostgreSQL database, and how throughput grows with instances.
 * Figures are given as ratios to one instance (this machine is shared: absolute numbers move
 * between runs). Writes the "## Scale" section of bench/RESULTS.md.
 *
 *   npm run bench:scale                            # 1, 2, 3 instances; 10 s per page, 400 registrations
 *   BENCH_SECONDS=3 BENCH_PEOPLE=100 npx tsx bench/scale.ts   # smoke run (does not touch RESULTS.md)
 *   BENCH_INSTANCES=1,2 npx tsx bench/scale.ts       # only some counts
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { csrfFrom } from '../test/agent.ts';
import { nginxBinary, startBalancer, startInstance, type Instance } from '../test/cluster.ts';
import { postgresAvailable } from '../test/environment.ts';
import { createTestApp, createTestDatabase } from '../test/harness.ts';
import { eventInput } from '../src/events/events.test-helpers.ts';
import { editor, form } from '../src/content/content.test-helpers.ts';
import { load, type LoadResult } from './lib/load.ts';
import { loadLine, machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = num('BENCH_SECONDS', 10);
const PEOPLE = num('BENCH_PEOPLE', 400);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const COUNTS = (process.env.BENCH_INSTANCES ?? '1,2,3').split(',').map(Number);
const smoke = SECONDS < 5 || PEOPLE < 200;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

if (!nginxBinary()) throw new Error('nginx is not installed (apt-get install nginx-light)');
if (!(await postgresAvailable())) throw new Error('PostgreSQL is not reachable');

interface Run {
  instances: number;
  cached: LoadResult;
  signedIn: LoadResult;
  registrations: { perSecond: number; p50: number; p99: number; failed: number };
  cpuSeconds: number;
}

const db = await createTestDatabase('postgres');
const side = await createTestApp('postgres', { database: db });
// A site with something on its pages: 30 events, 30 news items.
for (let i = 0; i < 30; i++) {
  await side.services.events.service.createEvent(eventInput({ title: `Rencontre ${i} du réseau`, capacity: 100 }));
  const n = await side.services.content.service.create(form({ title: `Actualité ${i} du réseau`, summary: 'Des nouvelles des territoires.' }), editor);
  await side.services.content.service.publish(n.id, editor);
}
const { id: readerId } = await side.services.accounts.service.ensureUser({ email: 'lectrice@bench.test', name: 'Lectrice' });
const readerCookie = `sid=${await side.services.accounts.service.openSession(readerId, 'bench')}`;

/** Registrations through the balancer: each person has the form open (session, CSRF token), then all press the button, CONNECTIONS at a time. */
async function registrations(base: string, run: number) {
  const event = await side.services.events.service.createEvent(eventInput({ title: `Inscriptions à ${run} instances`, capacity: PEOPLE }));
  const url = `${base}/agenda/${event.slug}/inscription`;
  const people: Array<{ cookie: string; token: string; name: string }> = [];
  for (let i = 0; i < PEOPLE; i++) {
    const { id } = await side.services.accounts.service.ensureUser({ email: `p${run}-${i}@bench.test`, name: `Personne ${i}` });
    const sid = await side.services.accounts.service.openSession(id, 'bench');
    const page = await fetch(url, { headers: { cookie: `sid=${sid}` } });
    const csrfCookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    people.push({ cookie: `sid=${sid}; ${csrfCookie}`, token: csrfFrom(await page.text())!, name: `Personne ${i}` });
  }
  const times: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < people.length) {
        const p = people[next++];
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: p.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: p.token, name: p.name }).toString(),
        });
        await res.arrayBuffer();
        times.push(performance.now() - t);
        if (res.status !== 303) failed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: people.length / elapsed, p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)], failed };
}

/** bench/lib/load.ts with a session cookie: the page is rendered for a member every time, never from the cache. */
async function loadSignedIn(url: string): Promise<LoadResult> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, headers: { cookie: readerCookie } });
  return { requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, requests: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** CPU seconds the instances have used so far (user + system), from their own /metrics. */
async function cpuOf(instances: Instance[]): Promise<number> {
  let total = 0;
  for (const i of instances) {
    const text = await fetch(`${i.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
    total += Number(/^process_cpu_seconds_total (\S+)/m.exec(text)?.[1] ?? 0);
  }
  return total;
}
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

const runs: Run[] = [];
for (const count of COUNTS) {
  const env = { ...db.env, SECRET, PUBLIC_URL: 'http://127.0.0.1', DEMO_DATA: 'off', LOG_LEVEL: 'warn', TRUST_PROXY: 'true', METRICS_TOKEN };
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(env)));
  const lb = await startBalancer(instances.map((i) => i.port));
  try {
    // Warm up every instance (JIT, page cache) through the balancer.
    await load(`${lb.url}/agenda`, { connections: 10, duration: 2 });
    await load(`${lb.url}/actualites`, { connections: 10, duration: 2 });
    const cpu0 = await cpuOf(instances);
    const cached = await load(`${lb.url}/agenda`, { connections: CONNECTIONS, duration: SECONDS });
    const signedIn = await loadSignedIn(`${lb.url}/actualites`);
    const regs = await registrations(lb.url, count);
    const cpuSeconds = (await cpuOf(instances)) - cpu0;
    runs.push({ instances: count, cached, signedIn, registrations: regs, cpuSeconds });
    console.log(
      `${count} instance(s): /agenda ${cached.requestsPerSecond.toFixed(0)} req/s, /actualites signed in ${signedIn.requestsPerSecond.toFixed(0)} req/s, registrations ${regs.perSecond.toFixed(0)}/s (${regs.failed} failed)`,
    );
  } finally {
    await lb.close();
    await Promise.all(instances.map((i) => i.stop()));
  }
}
await side.close();
await db.drop();

const base = runs[0];
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const rows = runs.map(
  (r) =>
    `| ${r.instances} | ${r.cached.requestsPerSecond.toFixed(0)} (${ratio(r.cached.requestsPerSecond, base.cached.requestsPerSecond)}) | ${r.cached.p99} ms | ${r.signedIn.requestsPerSecond.toFixed(0)} (${ratio(r.signedIn.requestsPerSecond, base.signedIn.requestsPerSecond)}) | ${r.signedIn.p99} ms | ${r.registrations.perSecond.toFixed(0)} (${ratio(r.registrations.perSecond, base.registrations.perSecond)}) | ${r.registrations.p99.toFixed(0)} ms | ${r.cached.non2xx + r.signedIn.non2xx + r.cached.errors + r.signedIn.errors + r.registrations.failed} |`,
);
const body = `Measured ${today()} on ${machineLine()} with \`npm run bench:scale\`; ${loadLine()} at the end (the machine is shared with other engineers' test runs: compare the ratios, not the absolute figures).

\`palabre serve\` processes (1, 2, 3) on one PostgreSQL database on the same machine, behind nginx (one worker, the configuration of test/cluster.ts), driven through nginx by autocannon (${CONNECTIONS} connections, ${SECONDS} s per page): \`/agenda\` anonymous (served from each instance's page cache), \`/actualites\` signed in (rendered every time); then ${PEOPLE} signed-in people, each with the form already loaded, register for one event, ${CONNECTIONS} at a time. Ratios are to one instance.

| instances | /agenda anonymous, req/s | p99 | /actualites signed in, req/s | p99 | registrations/s | p99 | errors |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Where it stops: nginx, PostgreSQL, the load generator and the instances share these ${os.cpus().length} cores. On an idle machine a second instance can add at most the core the first leaves idle, and a third only adds contention. With the load average above the core count, each process gets a slice of a busy machine and more processes get more slices, so growth beyond the cores measures the scheduler, not Palabre: read the instances' CPU seconds during the runs (${runs.map((r) => `${r.cpuSeconds.toFixed(0)} s at ${r.instances}`).join(', ')}) with the throughput. Signed-in pages (rendered, a few queries each) grow with the CPU the instances get; anonymous pages come from each instance's page cache and are bounded by nginx and the load generator on the same cores; registrations also wait on the event's row lock in PostgreSQL (one seat decided at a time, decision 0007), which no number of instances removes. On separate machines, pages grow with the cores added until PostgreSQL (signed-in pages, registrations) or the balancer is the limit.`;

if (smoke) console.log(`\n(smoke run: RESULTS.md untouched)\n\n${body}`);
else writeResultsSection('Scale', body);
