import type { Kysely } from 'kysely';
import type { ForumAnnouncementsTable, ForumCorrectionsTable, ForumTables } from './forum.tables.ts';

type Db = Kysely<ForumTables>;

// ---- the facilitator's day: corrections, the room, the roster (0035–0038) -------------

export function insertCorrection(db: Db, row: ForumCorrectionsTable) {
  return db.insertInto('forum_corrections').values(row).execute();
}

export function listCorrections(db: Db, forumId: string, limit = 200) {
  return db.selectFrom('forum_corrections').selectAll().where('forum_id', '=', forumId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function listHiddenThemes(db: Db, forumId: string) {
  return db.selectFrom('forum_themes').select(['id', 'title', 'hidden_at']).where('forum_id', '=', forumId).where('hidden_at', 'is not', null).orderBy('hidden_at', 'desc').execute();
}

/** Every comment of the forum, hidden ones included, for the facilitator's moderation list. */
export function listAllComments(db: Db, forumId: string) {
  return db
    .selectFrom('forum_comments as c')
    .innerJoin('forum_themes as t', 't.id', 'c.theme_id')
    .select(['c.id', 'c.theme_id', 'c.author', 'c.body', 'c.created_at', 'c.hidden_at', 'c.participant_id', 't.title as theme_title'])
    .where('t.forum_id', '=', forumId)
    .orderBy('c.created_at', 'desc')
    .execute();
}

export function findComment(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_comments as c').innerJoin('forum_themes as t', 't.id', 'c.theme_id').selectAll('c').where('t.forum_id', '=', forumId).where('c.id', '=', id).executeTakeFirst();
}

export function updateComment(db: Db, id: string, patch: { body?: string; hidden_at?: string | null; edited_at?: string | null }) {
  return db.updateTable('forum_comments').set(patch).where('id', '=', id).execute();
}

export function listHiddenActions(db: Db, forumId: string) {
  return db.selectFrom('forum_actions').select(['id', 'title', 'hidden_at']).where('forum_id', '=', forumId).where('hidden_at', 'is not', null).execute();
}

export function findParticipant(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_participants').selectAll().where('forum_id', '=', forumId).where('id', '=', id).executeTakeFirst();
}

/** A participant renamed: the names written beside what they wrote follow (the rows keep who wrote them). */
export async function renameParticipant(db: Db, id: string, name: string) {
  await db.updateTable('forum_participants').set({ name }).where('id', '=', id).execute();
  await db.updateTable('forum_comments').set({ author: name }).where('participant_id', '=', id).execute();
  await db.updateTable('forum_action_updates').set({ author: name }).where('participant_id', '=', id).execute();
  await db.updateTable('forum_report_sections').set({ updated_by: name }).where('updated_by_participant_id', '=', id).execute();
  await db.updateTable('forum_actions').set({ owner: name }).where('owner_participant_id', '=', id).execute();
}

export async function removeParticipant(db: Db, forumId: string, id: string, now: string) {
  await db.updateTable('forum_participants').set({ removed_at: now }).where('id', '=', id).execute();
  await db.deleteFrom('forum_group_members').where('forum_id', '=', forumId).where('participant_id', '=', id).execute();
}

export function restoreParticipant(db: Db, id: string) {
  return db.updateTable('forum_participants').set({ removed_at: null }).where('id', '=', id).execute();
}

/** Presence costs one write per person every few minutes, not one per page. */
export function touchParticipant(db: Db, id: string, now: string, olderThan: string) {
  return db
    .updateTable('forum_participants')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', olderThan)]))
    .execute();
}

export function listRoster(db: Db, forumId: string) {
  return db
    .selectFrom('forum_participants as p')
    .leftJoin('forum_group_members as g', 'g.participant_id', 'p.id')
    .leftJoin('forum_themes as t', 't.id', 'g.theme_id')
    .select(['p.id', 'p.name', 'p.organisation', 'p.user_id', 'p.registration_id', 'p.created_at', 'p.last_seen_at', 'p.removed_at', 't.title as group_title'])
    .where('p.forum_id', '=', forumId)
    .orderBy('p.name')
    .orderBy('p.created_at')
    .execute();
}

/** Everyone who took part in each group over the day, by name (the moves history). */
export function groupPresence(db: Db, forumId: string) {
  return db
    .selectFrom('forum_moves as m')
    .innerJoin('forum_participants as p', 'p.id', 'm.participant_id')
    .select(['m.to_theme_id as theme_id', 'p.id', 'p.name', 'p.organisation'])
    .distinct()
    .where('m.forum_id', '=', forumId)
    .where('m.to_theme_id', 'is not', null)
    .where('p.removed_at', 'is', null)
    .orderBy('p.name')
    .execute();
}

// ---- the room --------------------------------------------------------------------

export function insertAnnouncement(db: Db, row: ForumAnnouncementsTable) {
  return db.insertInto('forum_announcements').values(row).execute();
}

export function currentAnnouncement(db: Db, forumId: string) {
  return db
    .selectFrom('forum_announcements')
    .select(['id', 'body', 'created_at'])
    .where('forum_id', '=', forumId)
    .where('withdrawn_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function withdrawAnnouncements(db: Db, forumId: string, now: string) {
  return db.updateTable('forum_announcements').set({ withdrawn_at: now }).where('forum_id', '=', forumId).where('withdrawn_at', 'is', null).execute();
}

// ---- structure edited during the day ----------------------------------------------

export function updateSpace(db: Db, id: string, patch: { name?: string; capacity?: number; position?: number }) {
  return db.updateTable('forum_spaces').set(patch).where('id', '=', id).execute();
}

export function updateSlot(db: Db, id: string, patch: { day?: string; starts_at?: string; ends_at?: string; position?: number }) {
  return db.updateTable('forum_slots').set(patch).where('id', '=', id).execute();
}

export function deleteSpaces(db: Db, ids: string[]) {
  return ids.length ? db.deleteFrom('forum_spaces').where('id', 'in', ids).execute() : Promise.resolve();
}

export function deleteSlots(db: Db, ids: string[]) {
  return ids.length ? db.deleteFrom('forum_slots').where('id', 'in', ids).execute() : Promise.resolve();
}

/** Themes (placed or hidden alike) sitting in these cells: a slot or space that holds one is not deleted. */
export function themesIn(db: Db, forumId: string) {
  return db.selectFrom('forum_themes').select(['id', 'title', 'slot_id', 'space_id']).where('forum_id', '=', forumId).where('slot_id', 'is not', null).execute();
}

// ---- actions carried by someone ----------------------------------------------------

export function setActionOwner(db: Db, id: string, owner: { name: string; participantId: string | null; userId: string | null }, now: string) {
  return db
    .updateTable('forum_actions')
    .set({ owner: owner.name, owner_participant_id: owner.participantId, owner_user_id: owner.userId, owner_since: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function actionsCarriedBy(db: Db, forumId: string, who: { participantId: string | null; userId: string | null }): Promise<Array<{ id: string }>> {
  if (!who.participantId && !who.userId) return [];
  return db
    .selectFrom('forum_actions')
    .select(['id'])
    .where('forum_id', '=', forumId)
    .where('hidden_at', 'is', null)
    .where((eb) => eb.or([...(who.participantId ? [eb('owner_participant_id', '=', who.participantId)] : []), ...(who.userId ? [eb('owner_user_id', '=', who.userId)] : [])]))
    .execute();
}
