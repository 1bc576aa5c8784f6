import type { Kysely } from 'kysely';
import { randomToken } from './ids.ts';
import type { PlatformTables } from '../platform.tables.ts';

/**
 * Returns a setting, creating it with `create()` the first time. Several instances
 * starting together agree on one value: the first insert wins, the others read it.
 */
export async function getOrCreateSetting(db: Kysely<PlatformTables>, key: string, create: () => string): Promise<string> {
  const found = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('settings')
    .values({ key, value: create() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

/** The secret that signs cookies: SECRET if given, else one generated once and kept in the database. */
export function loadSecret(db: Kysely<PlatformTables>, configured: string | undefined): Promise<string> {
  if (configured) return Promise.resolve(configured);
  return getOrCreateSetting(db, 'cookie_secret', () => randomToken(48));
}
