import type { ExpressionBuilder, Kysely } from 'kysely';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { Audience } from './newsletter.model.ts';
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

// Slugs are [a-z0-9-]: nothing a LIKE pattern would read as a wildcard. Anything else matches nobody.
const SLUG = /^[a-z0-9-]{1,80}$/;

/**
 * The subscribers an issue reaches: confirmed (so neither unsubscribed nor bounced), following one
 * of the audience's themes when it names any, in one of its territories when it names any.
 * Counting and sending both use it, so the number shown before sending is the number sent.
 */
function inAudience(eb: ExpressionBuilder<NewsletterTables & PlatformTables, 'newsletter_subscribers'>, a: Audience) {
  const conditions = [eb('status', '=', 'confirmed')];
  // `themes` is a JSON array of slugs: '"slug"' with its quotes matches one whole element.
  if (a.themes.length) conditions.push(eb.or(a.themes.map((t) => (SLUG.test(t) ? eb('themes', 'like', `%"${t}"%`) : eb.val(false)))));
  if (a.territories.length) conditions.push(eb('territory', 'in', a.territories));
  return eb.and(conditions);
}

export async function countAudience(db: Db, a: Audience): Promise<number> {
  const row = await db
    .selectFrom('newsletter_subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => inAudience(eb, a))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The next subscribers of the audience after `cursor`, in id order (the sending walk). */
export function nextInAudience(db: Db, a: Audience, cursor: string | null, limit: number) {
  let q = db
    .selectFrom('newsletter_subscribers')
    .select(['id', 'email', 'lang', 'token'])
    .where((eb) => inAudience(eb, a));
  if (cursor) q = q.where('id', '>', cursor);
  return q.orderBy('id').limit(limit).execute();
}

export function listConsented(db: Db) {
  return db
    .selectFrom('newsletter_subscribers')
    .select(['email', 'lang', 'themes', 'territory', 'consent_text', 'consent_source', 'requested_at', 'confirmed_at'])
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

/** Draft → scheduled, only if it is still the draft that was read (`version`); false otherwise. */
export async function markScheduled(db: Db, id: string, version: string, at: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('newsletter_campaigns')
    .set({ status: 'scheduled', scheduled_at: at, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('updated_at', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
