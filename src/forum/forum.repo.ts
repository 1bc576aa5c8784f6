import type { Kysely } from 'kysely';
import type { ForumPhase, ForumsTable, ForumTables } from './forum.tables.ts';

type Db = Kysely<ForumTables>;

// ---- forums -------------------------------------------------------------

export function insertForum(db: Db, row: ForumsTable) {
  return db.insertInto('forums').values(row).execute();
}

export function findForumBySlug(db: Db, slug: string) {
  return db.selectFrom('forums').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The forum of an agenda event; the latest if an event were ever given several. */
export function findForumByEvent(db: Db, eventId: string) {
  return db.selectFrom('forums').selectAll().where('event_id', '=', eventId).orderBy('created_at', 'desc').executeTakeFirst();
}

export function findForumById(db: Db, id: string) {
  return db.selectFrom('forums').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findForumByJoinCode(db: Db, code: string) {
  return db.selectFrom('forums').selectAll().where('join_code', '=', code).executeTakeFirst();
}

export function listForums(db: Db) {
  return db.selectFrom('forums').selectAll().orderBy('starts_on', 'desc').execute();
}

export function updateForum(db: Db, id: string, patch: Partial<ForumsTable>) {
  return db.updateTable('forums').set(patch).where('id', '=', id).execute();
}

/** Moves the phase only if it is still the one the facilitator saw (two facilitators clicking at once). */
export async function setPhase(db: Db, id: string, from: ForumPhase, to: ForumPhase, now: string): Promise<boolean> {
  const res = await db.updateTable('forums').set({ phase: to, updated_at: now, phase_changed_at: now }).where('id', '=', id).where('phase', '=', from).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function insertFacilitator(db: Db, forumId: string, userId: string, name: string) {
  return db
    .insertInto('forum_facilitators')
    .values({ forum_id: forumId, user_id: userId, name })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function listFacilitators(db: Db, forumId: string) {
  return db.selectFrom('forum_facilitators').select(['user_id', 'name']).where('forum_id', '=', forumId).orderBy('name').execute();
}

export function insertSpaces(db: Db, rows: Array<{ id: string; forum_id: string; name: string; capacity: number; position: number }>) {
  return rows.length ? db.insertInto('forum_spaces').values(rows).execute() : Promise.resolve();
}

export function insertSlots(db: Db, rows: Array<{ id: string; forum_id: string; day: string; starts_at: string; ends_at: string; position: number }>) {
  return rows.length ? db.insertInto('forum_slots').values(rows).execute() : Promise.resolve();
}

export function listSpaces(db: Db, forumId: string) {
  return db.selectFrom('forum_spaces').selectAll().where('forum_id', '=', forumId).orderBy('position').execute();
}

export function listSlots(db: Db, forumId: string) {
  return db.selectFrom('forum_slots').selectAll().where('forum_id', '=', forumId).orderBy('day').orderBy('position').execute();
}

// ---- participants -------------------------------------------------------

export function insertParticipant(
  db: Db,
  row: { id: string; forum_id: string; name: string; organisation: string | null; user_id: string | null; registration_id: string | null; token_hash: string; created_at: string },
) {
  return db.insertInto('forum_participants').values(row).execute();
}

export function findParticipantByTokenHash(db: Db, forumId: string, tokenHash: string) {
  return db.selectFrom('forum_participants').selectAll().where('forum_id', '=', forumId).where('token_hash', '=', tokenHash).where('removed_at', 'is', null).executeTakeFirst();
}

export function findParticipantByRegistration(db: Db, forumId: string, registrationId: string) {
  return db.selectFrom('forum_participants').selectAll().where('forum_id', '=', forumId).where('registration_id', '=', registrationId).executeTakeFirst();
}

export function updateParticipantToken(db: Db, id: string, tokenHash: string) {
  return db.updateTable('forum_participants').set({ token_hash: tokenHash }).where('id', '=', id).execute();
}

export async function countParticipants(db: Db, forumId: string): Promise<number> {
  const r = await db
    .selectFrom('forum_participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('forum_id', '=', forumId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function listParticipantNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('forum_participants').select(['id', 'name', 'organisation']).where('id', 'in', ids).execute();
}

// The rest of the forum's SQL, by concept; callers use them all through this one namespace.
export * from './forum.themes.repo.ts';
export * from './forum.reports.repo.ts';
export * from './forum.privacy.repo.ts';
export * from './forum.day.repo.ts';
