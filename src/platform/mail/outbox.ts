import type { Kysely } from 'kysely';
import { newId, nowIso } from '../db/ids.ts';
import type { PlatformTables } from '../platform.tables.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutgoingMail {
  to: string;
  lang: 'fr' | 'en';
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  category?: string;
  /** Enqueueing the same key twice stores one message (retried requests, replayed jobs). */
  dedupeKey?: string;
  /** Send no earlier than this (ISO). */
  notBefore?: string;
}

/**
 * Puts a message in the durable outbox, inside the caller's transaction: the message
 * exists if and only if the business change that caused it was committed.
 */
export async function enqueueMail(db: Kysely<PlatformTables>, mail: OutgoingMail, domain = 'palabre.local'): Promise<string> {
  const id = newId();
  await db
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
    .execute();
  return id;
}
