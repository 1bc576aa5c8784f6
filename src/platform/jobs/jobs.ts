import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { newId, nowIso } from '../db/ids.ts';
import type { JobsTable, PlatformTables } from '../platform.tables.ts';

export interface JobOptions {
  runAt?: string;
  /** At most one job with this key is ever stored (a reminder per event, a digest per day). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** Stores a job inside the caller's transaction; it runs after commit, once, on one instance. */
export async function enqueueJob(db: Kysely<PlatformTables>, kind: string, payload: unknown, opts: JobOptions = {}): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: newId(),
      kind,
      unique_key: opts.uniqueKey ?? null,
      payload: JSON.stringify(payload ?? {}),
      status: 'pending',
      run_at: opts.runAt ?? nowIso(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 8,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

export type JobHandler = (payload: any, job: JobsTable) => Promise<void>;

export interface JobRunnerOptions {
  db: Kysely<PlatformTables>;
  log: FastifyBaseLogger;
  instanceId: string;
  pollMs?: number;
  leaseMs?: number;
}

const retryDelayMs = (attempts: number) => Math.min(10_000 * 2 ** (attempts - 1), 3600_000);

export function createJobRunner(opts: JobRunnerOptions) {
  const handlers = new Map<string, JobHandler>();
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let again = false;

  const due = (now: string) => (eb: any) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
      eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
    ]);

  async function claimOne(): Promise<JobsTable | null> {
    const now = nowIso();
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return null;
    const candidates = await opts.db.selectFrom('jobs').select('id').where(due(now)).where('kind', 'in', kinds).orderBy('run_at').limit(5).execute();
    for (const { id } of candidates) {
      const res = await opts.db
        .updateTable('jobs')
        .set((eb) => ({ status: 'running', locked_by: opts.instanceId, locked_until: new Date(Date.now() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where(due(now))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return opts.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    }
    return null;
  }

  async function runOne(job: JobsTable) {
    try {
      await handlers.get(job.kind)!(JSON.parse(job.payload), job);
      await opts.db.updateTable('jobs').set({ status: 'done', finished_at: nowIso(), locked_by: null, locked_until: null }).where('id', '=', job.id).execute();
    } catch (err) {
      const giveUp = job.attempts >= job.max_attempts;
      opts.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, giveUp, err }, 'job failed');
      await opts.db
        .updateTable('jobs')
        .set({
          status: giveUp ? 'failed' : 'pending',
          run_at: new Date(Date.now() + retryDelayMs(job.attempts)).toISOString(),
          locked_by: null,
          locked_until: null,
          last_error: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          finished_at: giveUp ? nowIso() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  async function drain() {
    do {
      again = false;
      for (let job = await claimOne(); job; job = stopped ? null : await claimOne()) await runOne(job);
    } while (again && !stopped);
  }

  function run() {
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err) => opts.log.error({ err }, 'job runner failed'))
      .finally(() => {
        running = null;
        if (!stopped) {
          timer = setTimeout(run, opts.pollMs ?? 2000);
          timer.unref();
        }
      });
  }

  return {
    register(kind: string, handler: JobHandler) {
      handlers.set(kind, handler);
    },
    start() {
      stopped = false;
      run();
    },
    wake() {
      if (!stopped) run();
    },
    /** Runs every due job now and waits (tests, CLI). */
    async drain() {
      while (running) await running;
      await drain();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await running;
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
