import type { Kysely } from 'kysely';

/**
 * A sign-up for an address not yet confirmed no longer writes its password on the account:
 * the hash waits on the confirmation link and applies only when that link is used, so a
 * stranger who signs up with someone's address first cannot choose the password they keep.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('login_tokens').addColumn('password_hash', 'text').execute();
}
