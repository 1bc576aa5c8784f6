import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { nowIso } from '../db/ids.ts';
import type { MailOutboxTable, PlatformTables } from '../platform.tables.ts';
import { redactText } from '../logger.ts';

export interface MailSenderOptions {
  db: Kysely<PlatformTables>;
  smtpUrl: string;
  from: string;
  log: FastifyBaseLogger;
  instanceId: string;
  batchSize?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** A message being sent is leased this long; a crashed sender's lease expires and another takes over. */
  leaseMs?: number;
}

const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 6 * 3600_000);

/**
 * Delivers the outbox over SMTP. A message is claimed with a lease before it is sent and
 * marked sent right after the server accepted it; a message is never claimed twice at once,
 * on one instance or several.
 */
export function createMailSender(opts: MailSenderOptions) {
  const transport = nodemailer.createTransport(opts.smtpUrl, { pool: true, maxConnections: 4 } as never);
  const batchSize = opts.batchSize ?? 50;
  const leaseMs = opts.leaseMs ?? 120_000;
  const maxAttempts = opts.maxAttempts ?? 10;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let wakeRequested = false;

  async function claim(): Promise<MailOutboxTable[]> {
    const now = nowIso();
    const candidates = await opts.db
      .selectFrom('mail_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(batchSize)
      .execute();
    const claimed: MailOutboxTable[] = [];
    const until = new Date(Date.now() + leaseMs).toISOString();
    for (const { id } of candidates) {
      const res = await opts.db
        .updateTable('mail_outbox')
        .set((eb) => ({ status: 'sending', locked_by: opts.instanceId, locked_until: until, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
          ]),
        )
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) {
        claimed.push(await opts.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      }
    }
    return claimed;
  }

  async function deliver(m: MailOutboxTable) {
    try {
      const attachments = (JSON.parse(m.attachments) as Array<{ filename: string; contentType: string; content: string }>).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, 'base64'),
      }));
      await transport.sendMail({
        from: opts.from,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        headers: JSON.parse(m.headers) as Record<string, string>,
        attachments,
        messageId: m.message_id,
      });
      await opts.db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: nowIso(), locked_by: null, locked_until: null, last_error: null })
        .where('id', '=', m.id)
        .execute();
    } catch (err) {
      const message = redactText(err instanceof Error ? err.message : String(err)).slice(0, 500);
      const permanent = typeof (err as { responseCode?: number }).responseCode === 'number' && (err as { responseCode: number }).responseCode >= 500;
      const giveUp = permanent || m.attempts >= maxAttempts;
      opts.log.warn({ mailId: m.id, attempts: m.attempts, giveUp, error: message }, 'mail delivery failed');
      await opts.db
        .updateTable('mail_outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          next_attempt_at: new Date(Date.now() + backoffMs(m.attempts)).toISOString(),
          locked_by: null,
          locked_until: null,
          last_error: message,
        })
        .where('id', '=', m.id)
        .execute();
    }
  }

  async function tick() {
    do {
      wakeRequested = false;
      let batch: MailOutboxTable[];
      do {
        batch = await claim();
        await Promise.all(batch.map(deliver));
      } while (batch.length === batchSize && !stopped);
    } while (wakeRequested && !stopped);
  }

  function run() {
    if (stopped) return;
    if (running) {
      wakeRequested = true;
      return;
    }
    running = tick()
      .catch((err) => opts.log.error({ err }, 'mail sender failed'))
      .finally(() => {
        running = null;
        schedule();
      });
  }

  function schedule() {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, opts.pollMs ?? 1000);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      run();
    },
    /** Called after a transaction that enqueued mail committed, to send without waiting for the next poll. */
    wake: run,
    /** Sends everything due now; resolves when the outbox has nothing due (tests, CLI). */
    async flush() {
      while (running) await running;
      await tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await running;
      transport.close();
    },
  };
}
export type MailSender = ReturnType<typeof createMailSender>;
