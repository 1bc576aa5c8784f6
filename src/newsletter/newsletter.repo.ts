import type { Kysely } from 'kysely';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { NewsletterCampaignsTable, NewsletterSubscribersTable, NewsletterTables, SubscriberStatus } from './newsletter.tables.ts';

// The outbox is the platform's table: unsubscribing withdraws this module's messages still waiting in it.
export type NewsletterDb = Kysely<NewsletterTables & PlatformTables>;
type Db = NewsletterDb;

export function findSubscriberByEmail(db: Db, email: string) {
  return db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findSubscriberByToken(db: Db, token: string) {
  return db.selectFrom('newsletter_subscribers').selectAll().where('token', '=', token).executeTakeFirst();
}

export function findSubscriberByConfirmHash(db: Db, hash: string) {
  return db.selectFrom('newsletter_subscribers').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst();
}

export function insertSubscriber(db: Db, row: NewsletterSubscribersTable) {
  return db.insertInto('newsletter_subscribers').values(row).execute();
}

export function updateSubscriber(db: Db, id: string, patch: Partial<NewsletterSubscribersTable>) {
  return db.updateTable('newsletter_subscribers').set(patch).where('id', '=', id).execute();
}

export function deleteSubscriber(db: Db, id: string) {
  return db.deleteFrom('newsletter_subscribers').where('id', '=', id).execute();
}

/** Marks the listed addresses as bounced; returns how many subscribers it stopped. */
export async function markBounced(db: Db, emails: string[], now: string): Promise<number> {
  if (emails.length === 0) return 0;
  let n = 0;
  // In chunks: PostgreSQL and SQLite both cap the number of bound parameters.
  for (let i = 0; i < emails.length; i += 500) {
    const res = await db
      .updateTable('newsletter_subscribers')
      .set({ status: 'bounced', bounced_at: now, updated_at: now })
      .where('email', 'in', emails.slice(i, i + 500))
      .where('status', '!=', 'bounced')
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}

export function countByStatus(db: Db) {
  return db
    .selectFrom('newsletter_subscribers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}

/** The next confirmed subscribers after `cursor`, in id order (the sending walk). */
export function nextConfirmed(db: Db, cursor: string | null, limit: number) {
  let q = db.selectFrom('newsletter_subscribers').select(['id', 'email', 'lang', 'token']).where('status', '=', 'confirmed');
  if (cursor) q = q.where('id', '>', cursor);
  return q.orderBy('id').limit(limit).execute();
}

export function listConsented(db: Db) {
  return db
    .selectFrom('newsletter_subscribers')
    .select(['email', 'lang', 'themes', 'consent_text', 'consent_source', 'requested_at', 'confirmed_at'])
    .where('status', '=', 'confirmed')
    .orderBy('confirmed_at')
    .execute();
}

export function insertCampaign(db: Db, row: NewsletterCampaignsTable) {
  return db.insertInto('newsletter_campaigns').values(row).execute();
}

export function updateCampaign(db: Db, id: string, patch: Partial<NewsletterCampaignsTable>) {
  return db.updateTable('newsletter_campaigns').set(patch).where('id', '=', id).execute();
}

export function getCampaign(db: Db, id: string) {
  return db.selectFrom('newsletter_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaigns(db: Db) {
  return db.selectFrom('newsletter_campaigns').selectAll().orderBy('created_at', 'desc').limit(200).execute();
}

export function listSentCampaigns(db: Db) {
  return db.selectFrom('newsletter_campaigns').selectAll().where('status', '=', 'sent').orderBy('number', 'desc').execute();
}

export function getSentByNumber(db: Db, number: number) {
  return db.selectFrom('newsletter_campaigns').selectAll().where('status', '=', 'sent').where('number', '=', number).executeTakeFirst();
}

export async function nextCampaignNumber(db: Db): Promise<number> {
  const row = await db
    .selectFrom('newsletter_campaigns')
    .select((eb) => eb.fn.max<number | null>('number').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/**
 * Unsubscribing is immediate: messages of a campaign still waiting in the outbox for this
 * person are withdrawn. The dedupe keys are this module's (`newsletter:<campaign>:<subscriber>`).
 */
export async function withdrawQueuedMail(db: Db, subscriberId: string): Promise<number> {
  const res = await db.deleteFrom('mail_outbox').where('status', '=', 'pending').where('dedupe_key', 'like', `newsletter:%:${subscriberId}`).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export type { SubscriberStatus };
