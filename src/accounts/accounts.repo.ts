import type { Kysely } from 'kysely';
import type { AccountsTables } from './accounts.tables.ts';

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

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).where('deleted_at', 'is', null).executeTakeFirst();
}

export function insertUser(db: Db, row: AccountsTables['users']) {
  return db.insertInto('users').values(row).execute();
}

export function updateUser(db: Db, id: string, patch: Partial<AccountsTables['users']>) {
  return db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export function countUsers(db: Db) {
  return db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
}
