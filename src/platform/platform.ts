import crypto from 'node:crypto';
import pino from 'pino';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { createMemoryBus, createPostgresBus, type ChangeBus } from './live/bus.ts';
import { enqueueMail, type OutgoingMail } from './mail/outbox.ts';
import { createMailSender, type MailSender } from './mail/sender.ts';
import { cancelJob, createJobRunner, enqueueJob, type JobOptions, type JobRunner } from './jobs/jobs.ts';
import { housekeeping, HOUSEKEEPING_EVERY_MS, HOUSEKEEPING_JOB } from './jobs/housekeeping.ts';
import { createEventStreams, type EventStreams } from './live/sse.ts';
import type { PlatformTables } from './platform.tables.ts';
import { loggerOptions } from './logger.ts';
import { createStorage, type Storage } from './storage/index.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';

/** The shared machinery every module receives: database, change bus, mail outbox, jobs. */
export interface Platform<DB = PlatformTables> {
  config: Config;
  db: Kysely<DB>;
  dbKind: Db<DB>['kind'];
  raw: Db<DB>;
  bus: ChangeBus;
  /** Server-Sent Events fed by the bus: `platform.live.open(req, reply, { channels, snapshot, toEvent })`. */
  live: EventStreams;
  instanceId: string;
  log: pino.Logger;
  /** Uploaded files (documents, pictures): DATA_DIR/files, or the S3 bucket when S3_BUCKET is set. */
  storage: Storage;
  /** Modules declare and increment counters here (`metrics.counter(...)`); served on /metrics. */
  metrics: Metrics;
  mail: {
    /** Inside the caller's transaction (typed on any module's tables: the platform's are in every database); call `wake()` after commit to send at once. */
    enqueue<D>(db: Kysely<D>, mail: OutgoingMail): Promise<string>;
    wake(): void;
    /** Null when SMTP_URL is not set: messages stay readable at /admin/courriels. */
    sender: MailSender | null;
  };
  jobs: {
    /** False when a job with the same uniqueKey already exists. Call `runner.wake()` after commit to run it at once. */
    enqueue<D>(db: Kysely<D>, kind: string, payload: unknown, opts?: JobOptions): Promise<boolean>;
    /** Drops a job not yet started, by its uniqueKey, in the caller's transaction. */
    cancel<D>(db: Kysely<D>, uniqueKey: string): Promise<boolean>;
    runner: JobRunner;
  };
  close(): Promise<void>;
}

export async function createPlatform<DB>(config: Config): Promise<Platform<DB>> {
  const log = pino(loggerOptions(config.logLevel) as pino.LoggerOptions);
  const metrics = createMetrics();
  const raw = openDatabase<DB>(config.database, { poolSize: config.poolSize, onQuery: metrics.observeQuery });
  const db = raw.kysely;
  const instanceId = crypto.randomBytes(6).toString('hex');
  const bus = raw.kind === 'postgres' ? await createPostgresBus(raw.pool!, (err) => log.warn({ err }, 'change bus')) : createMemoryBus();
  const platformDb = db as unknown as Kysely<PlatformTables>;
  const domain = new URL(config.publicUrl).hostname || 'palabre.local';
  const outboxChanged = throttle(() => void bus.publish('outbox', {}), 1000);
  const mails = metrics.counter('palabre_mails_total', 'Messages accepted by the SMTP server (sent), to be tried again (retry) or given up (failed)', ['outcome']);
  const sender = config.smtpUrl
    ? createMailSender({
        db: platformDb,
        dbKind: raw.kind,
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        log,
        instanceId,
        onChange: outboxChanged,
        onOutcome: (outcome) => mails.inc({ outcome }),
        leaseMs: config.leaseMs,
      })
    : null;
  const runner = createJobRunner({ db: platformDb, dbKind: raw.kind, log, instanceId, leaseMs: config.leaseMs });
  runner.register(HOUSEKEEPING_JOB, () => housekeeping(platformDb));
  runner.every(HOUSEKEEPING_JOB, HOUSEKEEPING_EVERY_MS);
  const live = createEventStreams(bus);
  const storage = createStorage(config);
  return {
    config,
    db,
    dbKind: raw.kind,
    raw,
    bus,
    live,
    instanceId,
    log,
    storage,
    metrics,
    mail: {
      enqueue: (trx, mail) => enqueueMail(trx as unknown as Kysely<PlatformTables>, mail, domain),
      wake: () => {
        sender?.wake();
        outboxChanged();
      },
      sender,
    },
    jobs: {
      enqueue: (trx, kind, payload, opts) => enqueueJob(trx as unknown as Kysely<PlatformTables>, kind, payload, opts),
      cancel: (trx, uniqueKey) => cancelJob(trx as unknown as Kysely<PlatformTables>, uniqueKey),
      runner,
    },
    async close() {
      live.closeAll();
      await runner.stop();
      await sender?.stop();
      await bus.close();
      await raw.close();
      await storage.close();
    },
  };
}

/** Calls `fn` at most once per `ms`, and once more after the last call of a burst. */
function throttle(fn: () => void, ms: number): () => void {
  let last = 0;
  let pending: NodeJS.Timeout | null = null;
  return () => {
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn();
    } else if (!pending) {
      pending = setTimeout(() => {
        pending = null;
        last = Date.now();
        fn();
      }, wait);
      pending.unref();
    }
  };
}
