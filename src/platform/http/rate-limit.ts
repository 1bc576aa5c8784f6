import type { Kysely } from 'kysely';
import type { PlatformTables } from '../platform.tables.ts';

/**
 * A sliding-window counter kept in the database, so that every instance behind a load
 * balancer sees the same attempts (sign-in per IP and per address, contact forms...).
 */
export async function hit(db: Kysely<PlatformTables>, bucket: string, opts: { limit: number; windowMs: number }): Promise<boolean> {
  const now = Date.now();
  const since = new Date(now - opts.windowMs).toISOString();
  const row = await db
    .selectFrom('rate_limits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= opts.limit) return false;
  await db.insertInto('rate_limits').values({ bucket, at: new Date(now).toISOString() }).execute();
  return true;
}

export async function pruneRateLimits(db: Kysely<PlatformTables>, olderThanMs = 24 * 3600 * 1000): Promise<void> {
  await db.deleteFrom('rate_limits').where('at', '<', new Date(Date.now() - olderThanMs).toISOString()).execute();
}
