import type { Kysely } from 'kysely';
import type { PlatformTables } from '../platform.tables.ts';

/**
 * A sliding-window counter kept in the database, so that every instance behind a load
 * balancer sees the same attempts (sign-in per IP and per address, contact forms...).
 * Counts the attempt and says whether it is within the limit.
 */
export async function hit(db: Kysely<PlatformTables>, bucket: string, opts: { limit: number; windowMs: number }): Promise<boolean> {
  if ((await countHits(db, bucket, opts.windowMs)) >= opts.limit) return false;
  await recordHit(db, bucket);
  return true;
}

/**
 * How many attempts a bucket holds within the window, without adding one: for limits on what
 * went wrong only (failed sign-ins), where the outcome is known after the check.
 */
export async function countHits(db: Kysely<PlatformTables>, bucket: string, windowMs: number): Promise<number> {
  const since = new Date(Date.now() - windowMs).toISOString();
  const row = await db
    .selectFrom('rate_limits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordHit(db: Kysely<PlatformTables>, bucket: string): Promise<void> {
  await db.insertInto('rate_limits').values({ bucket, at: new Date().toISOString() }).execute();
}

export async function pruneRateLimits(db: Kysely<PlatformTables>, olderThanMs = 24 * 3600 * 1000): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('at', '<', new Date(Date.now() - olderThanMs).toISOString())
    .execute();
}
