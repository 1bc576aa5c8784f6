import type { Kysely } from 'kysely';
import type { PlatformTables } from '../platform.tables.ts';
import { pruneRateLimits } from '../http/rate-limit.ts';

export const HOUSEKEEPING_JOB = 'platform.housekeeping';
export const HOUSEKEEPING_EVERY_MS = 3600_000;

const DAY = 86400_000;

/**
 * Keeps the platform tables small: rate-limit hits older than a day, finished jobs after a
 * month, delivered mail after three months (the outbox holds addresses and message bodies,
 * which are personal data we have no reason to keep). Failed mail stays until an animator
 * has seen it. Expired sessions belong to accounts.
 */
export async function housekeeping(db: Kysely<PlatformTables>, now = Date.now()): Promise<void> {
  await pruneRateLimits(db, DAY);
  await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', new Date(now - 30 * DAY).toISOString())
    .execute();
  await db
    .deleteFrom('mail_outbox')
    .where('status', '=', 'sent')
    .where('sent_at', '<', new Date(now - 90 * DAY).toISOString())
    .execute();
}
