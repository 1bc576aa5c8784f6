import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { nowIso } from '../db/ids.ts';
import { detached } from '../db/guard.ts';
import { createLeaseQueue } from '../db/lease-queue.ts';
import type { MailOutboxTable, PlatformTables } from '../platform.tables.ts';
import { redactText } from '../logger.ts';

export interface MailSenderOptions {
  db: Kysely<PlatformTables>;
  dbKind: 'sqlite' | 'postgres';
  smtpUrl: string;
  from: string;
  log: FastifyBaseLogger;
  instanceId: string;
  batchSize?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** A message being sent is leased this long (and the lease renewed while it is); a dead sender's lease expires and another takes over. */
  leaseMs?: number;
  /** First retry delay after a temporary failure; doubled on each attempt, capped at 6 hours. */
  retryBaseMs?: number;
  /** Called after a batch changed the outbox (live counters in /admin/courriels). */
  onChange?: () => void;
  /** Called once per delivery attempt with its outcome (metrics). */
  onOutcome?: (outcome: 'sent' | 'retry' | 'failed') => void;
}

/** What the server or the network said, in the terms the sender acts on. */
export function classifySmtpError(err: unknown): 'temporary' | 'permanent' {
  const e = err as { responseCode?: number; code?: string } | null;
  if (typeof e?.responseCode === 'number') return e.responseCode >= 500 ? 'permanent' : 'temporary';
  // No recipient, a malformed message: sending again cannot help.
  if (e?.code === 'EENVELOPE' || e?.code === 'EMESSAGE') return 'permanent';
  // Connection refused, timeouts, TLS and DNS problems, wrong credentials: the server or
  // its configuration may come back; the attempt limit ends it.
  return 'temporary';
}

/**
 * Delivers the outbox over SMTP, at least once and in practice exactly once:
 *
 * - a message is claimed with a lease (one UPDATE; on PostgreSQL with FOR UPDATE SKIP LOCKED),
 *   so two senders, on one instance or several, never hold it at the same time;
 * - the lease is renewed while the batch is in flight and the SMTP timeouts are far shorter
 *   than it, so a live sender never loses a message it is sending;
 * - it is marked sent as soon as the server accepted it; a failure is recorded only while
 *   this sender still holds the lease, so a late failure never puts a sent message back.
 *
 * The one window left: the server accepted the message and the process died before the row
 * was marked sent. The lease then expires and the message goes out a second time, with the
 * same Message-ID, which mail clients use to fold duplicates (docs/decisions/0006).
 */
export function createMailSender(opts: MailSenderOptions) {
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const transport = nodemailer.createTransport(opts.smtpUrl, {
    pool: true,
    maxConnections: 4,
    // Well inside the lease: a stuck connection fails the attempt long before the lease ends.
    connectionTimeout: Math.min(30_000, leaseMs / 4),
    greetingTimeout: Math.min(30_000, leaseMs / 4),
    socketTimeout: Math.min(60_000, leaseMs / 4),
  } as never);
  const batchSize = opts.batchSize ?? 50;
  const maxAttempts = opts.maxAttempts ?? 10;
  const retryBaseMs = opts.retryBaseMs ?? 30_000;
  const backoffMs = (attempts: number) => Math.min(retryBaseMs * 2 ** (attempts - 1), 6 * 3600_000);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let wakeRequested = false;

  const queue = createLeaseQueue({ db: opts.db, dbKind: opts.dbKind, instanceId: opts.instanceId, leaseMs, table: 'mail_outbox', leasedStatus: 'sending', dueColumn: 'next_attempt_at' });

  async function markSent(id: string) {
    // The server has the message: this write must not be lost to a passing database hiccup,
    // or the message would be sent again when the lease ends.
    for (let attempt = 1; ; attempt++) {
      try {
        await opts.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: nowIso(), locked_by: null, locked_until: null, last_error: null }).where('id', '=', id).execute();
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
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
        // RFC 3834: no out-of-office replies to automated messages; the language for screen readers and filters.
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': m.lang, ...(JSON.parse(m.headers) as Record<string, string>) },
        attachments,
        messageId: m.message_id,
        date: new Date(m.created_at),
      });
    } catch (err) {
      await recordFailure(m, err);
      return;
    }
    opts.onOutcome?.('sent');
    try {
      await markSent(m.id);
    } catch (err) {
      opts.log.error({ mailId: m.id, err }, 'mail sent but not marked as sent; it may be sent again when its lease expires');
    }
  }

  async function recordFailure(m: MailOutboxTable, err: unknown) {
    const message = redactText(err instanceof Error ? err.message : String(err)).slice(0, 500);
    const giveUp = classifySmtpError(err) === 'permanent' || m.attempts >= maxAttempts;
    opts.log.warn({ mailId: m.id, attempts: m.attempts, giveUp, error: message }, 'mail delivery failed');
    opts.onOutcome?.(giveUp ? 'failed' : 'retry');
    // Only while this sender holds the lease: a late failure never puts a sent message back.
    await queue.settle(m.id, {
      status: giveUp ? 'failed' : 'pending',
      next_attempt_at: new Date(Date.now() + backoffMs(m.attempts)).toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: message,
    });
  }

  /** Sends batches until nothing is due (or the sender is stopping); returns how many it handled. */
  async function tick(untilEmpty = false): Promise<number> {
    let handled = 0;
    do {
      wakeRequested = false;
      let batch: MailOutboxTable[];
      do {
        batch = await queue.claim(batchSize);
        if (batch.length === 0) break;
        handled += batch.length;
        const ids = batch.map((m) => m.id);
        const renew = setInterval(() => void queue.renew(ids).catch((err) => opts.log.warn({ err }, 'mail lease renewal failed')), leaseMs / 3);
        try {
          await Promise.all(batch.map(deliver));
        } finally {
          clearInterval(renew);
        }
        opts.onChange?.();
      } while (batch.length === batchSize && (untilEmpty || !stopped));
    } while (wakeRequested && !stopped);
    return handled;
  }

  /** One loop at a time per sender; a wake during a loop makes it go round once more. */
  function run() {
    if (running !== null) {
      wakeRequested = true;
      return;
    }
    // Woken from inside a transaction, the sender still works on its own, not as part of it.
    running = detached(tick)
      .then(() => undefined)
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
    wake() {
      if (!stopped) run();
    },
    /** Sends everything due now and resolves when nothing is due (tests, CLI); works on a stopped sender too. */
    async flush(): Promise<number> {
      while (running !== null) await running;
      const p = tick(true);
      running = p.then(
        () => undefined,
        () => undefined,
      );
      try {
        return await p;
      } finally {
        running = null;
      }
    },
    /** Stops polling; resolves once the batch in flight is delivered and recorded. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running !== null) await running;
      transport.close();
    },
  };
}
export type MailSender = ReturnType<typeof createMailSender>;
