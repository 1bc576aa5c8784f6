import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import { newId, nowIso } from '../db/ids.ts';
import { detached } from '../db/guard.ts';
import { createLeaseQueue } from '../db/lease-queue.ts';
import type { JobsTable, PlatformTables } from '../platform.tables.ts';

export interface JobOptions {
  runAt?: string;
  /** At most one job with this key is ever stored (a reminder per event, a digest per day). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/**
 * Stores a job inside the caller's transaction; it runs after commit, once, on one instance.
 * Returns false when a job with the same `uniqueKey` already exists.
 */
export async function enqueueJob(db: Kysely<PlatformTables>, kind: string, payload: unknown, opts: JobOptions = {}): Promise<boolean> {
  const res = await db
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
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 1) > 0;
}

/**
 * Drops a job that has not started, by its `uniqueKey`, inside the caller's transaction (a
 * cancelled schedule). A job already running finishes; false when there was nothing to drop.
 */
export async function cancelJob(db: Kysely<PlatformTables>, uniqueKey: string): Promise<boolean> {
  const res = await db.deleteFrom('jobs').where('unique_key', '=', uniqueKey).where('status', '=', 'pending').executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/**
 * Runs a job. Throwing schedules a retry (with back-off) until the job's attempts are used up.
 * The payload is what JSON.parse gave back: a handler that reads one checks its shape with
 * `withPayload()` (a job may outlive the code that enqueued it).
 */
export type JobHandler = (payload: unknown, job: JobsTable) => Promise<void>;

/**
 * A handler whose payload is checked against `schema` first. A payload of the wrong shape (written
 * by an older version, or by hand) fails the job with a message naming its kind, never reaching `run`.
 */
export function withPayload<S extends z.ZodType>(schema: S, run: (payload: z.infer<S>, job: JobsTable) => Promise<unknown>): JobHandler {
  return async (payload, job) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new Error(`job ${job.kind}: payload of an unexpected shape (${parsed.error.issues.map((i) => i.path.join('.') || 'payload').join(', ')})`);
    await run(parsed.data, job);
  };
}

export interface JobRunnerOptions {
  db: Kysely<PlatformTables>;
  dbKind: 'sqlite' | 'postgres';
  log: FastifyBaseLogger;
  instanceId: string;
  pollMs?: number;
  /** A running job is leased this long and the lease renewed while it runs; a dead worker's lease expires and another instance takes the job over. */
  leaseMs?: number;
  /** First retry delay; doubled on each attempt, capped at one hour. */
  retryBaseMs?: number;
}

export function createJobRunner(opts: JobRunnerOptions) {
  const handlers = new Map<string, JobHandler>();
  const schedules = new Map<string, { everyMs: number; lastSlot: number }>();
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const retryBaseMs = opts.retryBaseMs ?? 10_000;
  const retryDelayMs = (attempts: number) => Math.min(retryBaseMs * 2 ** (attempts - 1), 3600_000);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let again = false;

  const queue = createLeaseQueue({ db: opts.db, dbKind: opts.dbKind, instanceId: opts.instanceId, leaseMs, table: 'jobs', leasedStatus: 'running', dueColumn: 'run_at' });

  /** Claims one due job, of a kind this instance knows: an instance running older code leaves newer jobs alone. */
  async function claimOne(): Promise<JobsTable | null> {
    return (await queue.claim(1, [...handlers.keys()]))[0] ?? null;
  }

  async function runOne(job: JobsTable) {
    const renew = setInterval(() => {
      queue.renew([job.id]).catch((err) => opts.log.warn({ jobId: job.id, err }, 'job lease renewal failed'));
    }, leaseMs / 3);
    try {
      await handlers.get(job.kind)!(JSON.parse(job.payload), job);
      clearInterval(renew);
      await queue.settle(job.id, { status: 'done', finished_at: nowIso(), locked_by: null, locked_until: null, last_error: null });
    } catch (err) {
      clearInterval(renew);
      const giveUp = job.attempts >= job.max_attempts;
      opts.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, giveUp, err }, 'job failed');
      await queue.settle(job.id, {
        status: giveUp ? 'failed' : 'pending',
        run_at: new Date(Date.now() + retryDelayMs(job.attempts)).toISOString(),
        locked_by: null,
        locked_until: null,
        last_error: (err instanceof Error ? err.message : String(err)).slice(0, 500),
        finished_at: giveUp ? nowIso() : null,
      });
    }
  }

  /**
   * A periodic job is an ordinary job whose unique key names its time slot
   * ("every:platform.housekeeping:482113"): every instance may enqueue it, one row is stored,
   * one instance runs it.
   */
  async function enqueueScheduled() {
    const now = Date.now();
    for (const [kind, s] of schedules) {
      const slot = Math.floor(now / s.everyMs);
      if (slot === s.lastSlot) continue;
      await enqueueJob(opts.db, kind, {}, { uniqueKey: `every:${kind}:${slot}`, maxAttempts: 3 });
      s.lastSlot = slot;
    }
  }

  async function drain(untilEmpty = false) {
    do {
      again = false;
      await enqueueScheduled();
      for (let job = await claimOne(); job; job = stopped && !untilEmpty ? null : await claimOne()) await runOne(job);
    } while (again && !stopped);
  }

  function run() {
    if (running !== null) {
      again = true;
      return;
    }
    // Woken from inside a transaction, the runner still works on its own, not as part of it.
    running = detached(drain)
      .catch((err) => opts.log.error({ err }, 'job runner failed'))
      .finally(() => {
        running = null;
        if (!stopped) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(run, opts.pollMs ?? 2000);
          timer.unref();
        }
      });
  }

  return {
    register(kind: string, handler: JobHandler) {
      handlers.set(kind, handler);
    },
    /** Runs `kind` (registered with `register`) once per period, on one instance. */
    every(kind: string, everyMs: number) {
      schedules.set(kind, { everyMs, lastSlot: -1 });
    },
    start() {
      stopped = false;
      run();
    },
    /** After a transaction that enqueued a job committed, to run it without waiting for the next poll. */
    wake() {
      if (!stopped) run();
    },
    /** Runs every due job now and waits (tests, CLI); works on a stopped runner too. */
    async drain() {
      while (running !== null) await running;
      const p = drain(true);
      running = p.catch(() => undefined);
      try {
        await p;
      } finally {
        running = null;
      }
    },
    /** Stops polling; resolves once the job in flight has finished and been recorded. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running !== null) await running;
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
