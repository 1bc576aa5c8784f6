import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PlatformTables } from '../platform.tables.ts';

/** What the platform reads at each scrape; nothing here costs anything between scrapes. */
export interface MetricSources {
  db: Kysely<PlatformTables>;
  /** PostgreSQL only: the connection pool. */
  pool?: pg.Pool;
  /** Open Server-Sent Events streams on this instance. */
  liveStreams(): number;
  pageCache: { readonly hits: number; readonly misses: number; readonly size: number };
  onError(err: unknown): void;
}

interface QueueState {
  depth: Record<'due' | 'scheduled' | 'leased' | 'failed', number>;
  /** Seconds since the oldest due row fell due (0 when nothing waits). */
  oldestDueAge: number;
}

const QUEUES = [
  { name: 'mail', table: 'mail_outbox', due: 'next_attempt_at', leased: 'sending' },
  { name: 'jobs', table: 'jobs', due: 'run_at', leased: 'running' },
] as const;

/** One grouped count per queue table, on its (status, due) index. */
async function readQueue(db: Kysely<PlatformTables>, q: (typeof QUEUES)[number]): Promise<QueueState> {
  const now = new Date().toISOString();
  const due = sql.ref(q.due);
  const { rows } = await sql<{ status: string; n: number | string; due_n: number | string | null; oldest: string | null }>`
    select status, count(*) as n,
      sum(case when ${due} <= ${now} then 1 else 0 end) as due_n,
      min(case when ${due} <= ${now} then ${due} end) as oldest
    from ${sql.table(q.table)}
    where status in ('pending', ${q.leased}, 'failed')
    group by status`.execute(db);
  const state: QueueState = { depth: { due: 0, scheduled: 0, leased: 0, failed: 0 }, oldestDueAge: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'pending') {
      state.depth.due = Number(r.due_n ?? 0);
      state.depth.scheduled = n - state.depth.due;
      if (r.oldest) state.oldestDueAge = Math.max(0, (Date.parse(now) - Date.parse(r.oldest)) / 1000);
    } else if (r.status === 'failed') state.depth.failed = n;
    else state.depth.leased = n;
  }
  return state;
}

/** The gauges read at scrape time: queues, connection pool, live streams, page cache. Call `beforeScrape` before each. */
export function registerCollectors(registry: Registry, src: MetricSources) {
  // prom-client collects every metric at once: the queue gauges share one read per scrape.
  let snapshot: Promise<Map<string, QueueState>> | null = null;
  const queues = () => (snapshot ??= Promise.all(QUEUES.map(async (q) => [q.name, await readQueue(src.db, q)] as const)).then((e) => new Map(e)));

  new Gauge({
    name: 'palabre_queue_depth',
    help: 'Rows in the mail outbox and the job queue: due now, scheduled later, leased by a worker, failed for good',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const [queue, s] of await queues()) for (const [state, n] of Object.entries(s.depth)) this.set({ queue, state }, n);
      } catch (err) {
        src.onError(err);
      }
    },
  });
  new Gauge({
    name: 'palabre_queue_oldest_due_seconds',
    help: 'How long the oldest due row of each queue has waited (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const [queue, s] of await queues()) this.set({ queue }, s.oldestDueAge);
      } catch (err) {
        src.onError(err);
      }
    },
  });
  if (src.pool) {
    const pool = src.pool;
    new Gauge({
      name: 'palabre_db_pool_connections',
      help: 'PostgreSQL connections of this instance: open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  new Gauge({
    name: 'palabre_sse_connections',
    help: 'Open Server-Sent Events streams (live pages) on this instance',
    registers: [registry],
    collect() {
      this.set(src.liveStreams());
    },
  });
  new Counter({
    name: 'palabre_page_cache_lookups_total',
    help: 'Anonymous page requests answered from the page cache (hit) or rendered (miss)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      // The cache counts its own lookups (no call per request from here): copied at each scrape.
      this.reset();
      this.inc({ result: 'hit' }, src.pageCache.hits);
      this.inc({ result: 'miss' }, src.pageCache.misses);
    },
  });
  new Gauge({
    name: 'palabre_page_cache_entries',
    help: 'Pages held by the anonymous page cache',
    registers: [registry],
    collect() {
      this.set(src.pageCache.size);
    },
  });
  return {
    beforeScrape() {
      snapshot = null;
    },
  };
}
