import { sql, type Kysely } from 'kysely';
import type { AccountRole, Membership } from '../platform/http/access.ts';
import type { AccountsTables, LoginTokensTable, UsersTable } from './accounts.tables.ts';

type Db = Kysely<AccountsTables>;

export function findSessionWithUser(db: Db, sessionId: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.last_seen_at', 'users.id', 'users.name', 'users.email', 'users.role', 'users.membership', 'users.lang'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

export function touchSession(db: Db, sessionId: string, now: string, expiresAt: string) {
  return db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export function insertSession(db: Db, row: AccountsTables['sessions']) {
  return db.insertInto('sessions').values(row).execute();
}

export function deleteSession(db: Db, sessionId: string) {
  return db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export function deleteSessionsOfUser(db: Db, userId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function deleteOtherSessions(db: Db, userId: string, keepSessionId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}

export function findSession(db: Db, sessionId: string) {
  return db.selectFrom('sessions').select(['id', 'user_id', 'created_at']).where('id', '=', sessionId).executeTakeFirst();
}

export function listSessionsOfUser(db: Db, userId: string) {
  return db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'expires_at', 'user_agent']).where('user_id', '=', userId).orderBy('created_at').execute();
}

export function findUserById(db: Db, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findUsersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'name', 'deleted_at']).where('id', 'in', ids).execute();
}

export function insertUser(db: Db, row: UsersTable) {
  return db.insertInto('users').values(row).execute();
}

/** Inserts unless the address is taken; true when this call created the row. */
export async function insertUserIfAbsent(db: Db, row: UsersTable): Promise<boolean> {
  const res = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return res !== undefined;
}

export function updateUser(db: Db, id: string, patch: Partial<UsersTable>) {
  return db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export function setMembership(db: Db, id: string, membership: Membership, now: string) {
  return db.updateTable('users').set({ membership, updated_at: now }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

export function setRole(db: Db, id: string, role: AccountRole, now: string) {
  return db.updateTable('users').set({ role, updated_at: now }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

export function countUsers(db: Db) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}

export function countAdmins(db: Db) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
}

/** The admin list: live accounts, optionally filtered by a piece of name or address. */
export function listUsers(db: Db, opts: { q?: string; limit: number; offset: number }) {
  let query = db.selectFrom('users').select(['id', 'name', 'email', 'role', 'membership', 'email_verified_at', 'created_at']).where('deleted_at', 'is', null);
  if (opts.q) {
    // lower() on both sides: SQLite's LIKE is case-insensitive for ASCII only, PostgreSQL's not at all.
    const pattern = `%${opts.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`), eb(sql`lower(email)`, 'like', sql`${pattern} escape '\\'`)]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
}

/** Live animators and admins with an address: who decides on membership requests. */
export function listStaff(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'lang'])
    .where('role', '!=', 'user')
    .where('deleted_at', 'is', null)
    .where('email', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function insertLoginToken(db: Db, row: LoginTokensTable) {
  return db.insertInto('login_tokens').values(row).execute();
}

export function findLoginToken(db: Db, id: string) {
  return db.selectFrom('login_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Marks a token used if it still can be; the single UPDATE makes two concurrent uses impossible.
 * The pending password it carried is no use afterwards: it is cleared.
 */
export async function consumeLoginToken(db: Db, id: string, now: string): Promise<boolean> {
  const res = await db.updateTable('login_tokens').set({ used_at: now, password_hash: null }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function deleteLoginTokensOfUser(db: Db, userId: string) {
  return db.deleteFrom('login_tokens').where('user_id', '=', userId).execute();
}

export function pruneLoginTokens(db: Db, before: string) {
  return db.deleteFrom('login_tokens').where('expires_at', '<', before).execute();
}
