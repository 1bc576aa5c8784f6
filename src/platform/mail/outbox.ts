import type { Kysely } from 'kysely';
import { newId, nowIso } from '../db/ids.ts';
import type { MailOutboxTable, PlatformTables } from '../platform.tables.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutgoingMail {
  to: string;
  /** The recipient's language: the subject and both bodies are written in it. */
  lang: 'fr' | 'en';
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /**
   * What kind of message this is ("events.reminder", "newsletter"...). Messages carrying a
   * credential (magic link, password reset) MUST use a category starting with "auth": their
   * bodies are hidden in /admin/courriels once a real SMTP server delivers them, so that an
   * animator cannot sign in as someone else.
   */
  category?: string;
  /** Enqueueing the same key twice stores one message (retried requests, replayed jobs). */
  dedupeKey?: string;
  /** Send no earlier than this (ISO). */
  notBefore?: string;
}

export type OutboxStatus = MailOutboxTable['status'];
export const OUTBOX_STATUSES: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed'];

export function isCredentialMail(category: string): boolean {
  return category === 'auth' || category.startsWith('auth.') || category.startsWith('auth:');
}

/**
 * Puts a message in the durable outbox, inside the caller's transaction: the message
 * exists if and only if the business change that caused it was committed.
 * Returns the id of the stored message (the earlier one when `dedupeKey` was seen before).
 */
export async function enqueueMail(db: Kysely<PlatformTables>, mail: OutgoingMail, domain = 'palabre.local'): Promise<string> {
  const id = newId();
  const res = await db
    .insertInto('mail_outbox')
    .values({
      id,
      dedupe_key: mail.dedupeKey ?? null,
      to_address: mail.to.trim().toLowerCase(),
      lang: mail.lang,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: JSON.stringify(mail.headers ?? {}),
      attachments: JSON.stringify(mail.attachments ?? []),
      category: mail.category ?? 'general',
      status: 'pending',
      attempts: 0,
      next_attempt_at: mail.notBefore ?? nowIso(),
      message_id: `<${id}@${domain}>`,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 1) === 0 && mail.dedupeKey) {
    const existing = await db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', mail.dedupeKey).executeTakeFirst();
    if (existing) return existing.id;
  }
  return id;
}

// The queries below serve the outbox viewer (/admin/courriels); the sender has its own.

export type OutboxSummary = Pick<MailOutboxTable, 'id' | 'to_address' | 'subject' | 'status' | 'attempts' | 'created_at' | 'sent_at' | 'category' | 'lang'>;

export async function listOutbox(db: Kysely<PlatformTables>, opts: { status?: OutboxStatus; limit: number; offset: number }): Promise<{ rows: OutboxSummary[]; total: number }> {
  let q = db.selectFrom('mail_outbox');
  if (opts.status) q = q.where('status', '=', opts.status);
  const [rows, total] = await Promise.all([
    q
      .select(['id', 'to_address', 'subject', 'status', 'attempts', 'created_at', 'sent_at', 'category', 'lang'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function getOutboxMessage(db: Kysely<PlatformTables>, id: string): Promise<MailOutboxTable | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countOutbox(db: Kysely<PlatformTables>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as OutboxStatus] = Number(r.n);
  return counts;
}

/** Puts a failed message back in the queue (an animator fixed the address or the server). */
export async function retryOutboxMessage(db: Kysely<PlatformTables>, id: string): Promise<boolean> {
  const res = await db
    .updateTable('mail_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: nowIso(), last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
