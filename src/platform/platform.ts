import crypto from 'node:crypto';
import pino from 'pino';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { createMemoryBus, createPostgresBus, type ChangeBus } from './live/bus.ts';
import { enqueueMail, type OutgoingMail } from './mail/outbox.ts';
import { createMailSender, type MailSender } from './mail/sender.ts';
import { createJobRunner, enqueueJob, type JobOptions, type JobRunner } from './jobs/jobs.ts';
import type { PlatformTables } from './platform.tables.ts';
import { loggerOptions } from './logger.ts';

/** The shared machinery every module receives: database, change bus, mail outbox, jobs. */
export interface Platform<DB = any> {
  config: Config;
  db: Kysely<DB>;
  dbKind: Db<DB>['kind'];
  raw: Db<DB>;
  bus: ChangeBus;
  instanceId: string;
  log: pino.Logger;
  mail: {
    /** Inside the caller's transaction; call `wake()` after commit to send at once. */
    enqueue(db: Kysely<any>, mail: OutgoingMail): Promise<string>;
    wake(): void;
    /** Null when SMTP_URL is not set: messages stay readable at /admin/courriels. */
    sender: MailSender | null;
  };
  jobs: {
    enqueue(db: Kysely<any>, kind: string, payload: unknown, opts?: JobOptions): Promise<void>;
    runner: JobRunner;
  };
  close(): Promise<void>;
}

export async function createPlatform<DB>(config: Config): Promise<Platform<DB>> {
  const log = pino(loggerOptions(config.logLevel) as pino.LoggerOptions);
  const raw = openDatabase<DB>(config.database);
  const db = raw.kysely;
  const instanceId = crypto.randomBytes(6).toString('hex');
  const bus = raw.kind === 'postgres' ? await createPostgresBus(raw.pool!, (err) => log.warn({ err }, 'change bus')) : createMemoryBus();
  const platformDb = db as unknown as Kysely<PlatformTables>;
  const domain = new URL(config.publicUrl).hostname || 'palabre.local';
  const sender = config.smtpUrl ? createMailSender({ db: platformDb, smtpUrl: config.smtpUrl, from: config.mailFrom, log, instanceId }) : null;
  const runner = createJobRunner({ db: platformDb, log, instanceId });
  return {
    config,
    db,
    dbKind: raw.kind,
    raw,
    bus,
    instanceId,
    log,
    mail: {
      enqueue: (trx, mail) => enqueueMail(trx as Kysely<PlatformTables>, mail, domain),
      wake: () => sender?.wake(),
      sender,
    },
    jobs: {
      enqueue: (trx, kind, payload, opts) => enqueueJob(trx as Kysely<PlatformTables>, kind, payload, opts),
      runner,
    },
    async close() {
      await runner.stop();
      await sender?.stop();
      await bus.close();
      await raw.close();
    },
  };
}
