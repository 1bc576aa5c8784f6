import type { Kysely } from 'kysely';
import type { ForumTables, ForumThemesTable } from './forum.tables.ts';

type Db = Kysely<ForumTables>;

// ---- themes -------------------------------------------------------------

export function insertTheme(db: Db, row: ForumThemesTable) {
  return db.insertInto('forum_themes').values(row).execute();
}

export function findTheme(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_themes').selectAll().where('forum_id', '=', forumId).where('id', '=', id).executeTakeFirst();
}

export function listThemes(db: Db, forumId: string, ids?: string[]) {
  let q = db.selectFrom('forum_themes').selectAll().where('forum_id', '=', forumId).where('status', '=', 'open').where('hidden_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  return q.orderBy('created_at').orderBy('id').execute();
}

export function updateTheme(db: Db, id: string, patch: Partial<ForumThemesTable>) {
  return db.updateTable('forum_themes').set(patch).where('id', '=', id).execute();
}

export function addConvener(db: Db, themeId: string, participantId: string) {
  return db
    .insertInto('forum_conveners')
    .values({ theme_id: themeId, participant_id: participantId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Conveners of the forum's open themes, with their names. */
export function listConveners(db: Db, forumId: string, themeIds?: string[]) {
  let q = db
    .selectFrom('forum_conveners as c')
    .innerJoin('forum_themes as t', 't.id', 'c.theme_id')
    .innerJoin('forum_participants as p', 'p.id', 'c.participant_id')
    .select(['c.theme_id', 'c.participant_id', 'p.name'])
    .where('t.forum_id', '=', forumId)
    .where('p.removed_at', 'is', null);
  if (themeIds) q = q.where('c.theme_id', 'in', themeIds.length ? themeIds : ['']);
  return q.orderBy('p.name').execute();
}

export async function toggleInterest(db: Db, themeId: string, participantId: string): Promise<boolean> {
  const del = await db.deleteFrom('forum_interests').where('theme_id', '=', themeId).where('participant_id', '=', participantId).executeTakeFirst();
  if (Number(del.numDeletedRows) > 0) return false;
  await db.insertInto('forum_interests').values({ theme_id: themeId, participant_id: participantId }).execute();
  return true;
}

export function interestCounts(db: Db, forumId: string, themeIds?: string[]) {
  let q = db
    .selectFrom('forum_interests as i')
    .innerJoin('forum_themes as t', 't.id', 'i.theme_id')
    .select(['i.theme_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.forum_id', '=', forumId);
  if (themeIds) q = q.where('i.theme_id', 'in', themeIds.length ? themeIds : ['']);
  return q.groupBy('i.theme_id').execute();
}

export function groupOf(db: Db, participantId: string) {
  return db.selectFrom('forum_group_members').select('theme_id').where('participant_id', '=', participantId).executeTakeFirst();
}

export function mergedInto(db: Db, forumId: string, themeId: string) {
  return db.selectFrom('forum_themes').select('merged_into').where('id', '=', themeId).where('forum_id', '=', forumId).executeTakeFirst();
}

export function participantVotes(db: Db, participantId: string) {
  return db
    .selectFrom('forum_votes as v')
    .innerJoin('forum_actions as a', 'a.id', 'v.action_id')
    .select('v.action_id')
    .where('v.participant_id', '=', participantId)
    .where('a.hidden_at', 'is', null)
    .execute();
}

export function interestsOf(db: Db, participantId: string) {
  return db.selectFrom('forum_interests').select('theme_id').where('participant_id', '=', participantId).execute();
}

export function groupSizes(db: Db, forumId: string, themeIds?: string[]) {
  let q = db
    .selectFrom('forum_group_members')
    .select(['theme_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('forum_id', '=', forumId);
  if (themeIds) q = q.where('theme_id', 'in', themeIds.length ? themeIds : ['']);
  return q.groupBy('theme_id').execute();
}

export function groupMemberNames(db: Db, themeId: string) {
  return db
    .selectFrom('forum_group_members as g')
    .innerJoin('forum_participants as p', 'p.id', 'g.participant_id')
    .select(['p.name', 'p.organisation'])
    .where('g.theme_id', '=', themeId)
    .orderBy('p.name')
    .execute();
}

export function currentGroup(db: Db, participantId: string) {
  return db.selectFrom('forum_group_members').selectAll().where('participant_id', '=', participantId).executeTakeFirst();
}

export async function setGroup(db: Db, forumId: string, participantId: string, themeId: string | null, now: string, moveId: string) {
  const current = await currentGroup(db, participantId);
  const from = current?.theme_id ?? null;
  if (from === themeId) return false;
  await db.deleteFrom('forum_group_members').where('participant_id', '=', participantId).execute();
  if (themeId) await db.insertInto('forum_group_members').values({ participant_id: participantId, forum_id: forumId, theme_id: themeId, joined_at: now }).execute();
  await db.insertInto('forum_moves').values({ id: moveId, forum_id: forumId, participant_id: participantId, from_theme_id: from, to_theme_id: themeId, at: now }).execute();
  return true;
}

/** How many different people took part in each group over the day (the moves history). */
export function groupAttendance(db: Db, forumId: string) {
  return db
    .selectFrom('forum_moves as m')
    .innerJoin('forum_themes as t', 't.id', 'm.to_theme_id')
    .select(['m.to_theme_id as theme_id', (eb) => eb.fn.count<number>('m.participant_id').distinct().as('n')])
    .where('m.forum_id', '=', forumId)
    .where('t.status', '=', 'open')
    .where('t.hidden_at', 'is', null)
    .groupBy('m.to_theme_id')
    .execute();
}

export async function countMoves(db: Db, forumId: string): Promise<number> {
  const r = await db
    .selectFrom('forum_moves')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('forum_id', '=', forumId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Themes placed in a slot with a given space, for conflict checks. */
export function placedThemes(db: Db, forumId: string) {
  return db
    .selectFrom('forum_themes')
    .select(['id', 'slot_id', 'space_id'])
    .where('forum_id', '=', forumId)
    .where('status', '=', 'open')
    .where('hidden_at', 'is', null)
    .where('slot_id', 'is not', null)
    .execute();
}

export function micQueue(db: Db, forumId: string) {
  return db
    .selectFrom('forum_themes')
    .select(['id', 'title', 'queued_at'])
    .where('forum_id', '=', forumId)
    .where('status', '=', 'open')
    .where('hidden_at', 'is', null)
    .where('queued_at', 'is not', null)
    .orderBy('queued_at')
    .execute();
}

/** Moves everything attached to theme `from` onto theme `into` (merge). */
export async function reattachTheme(db: Db, forumId: string, from: string, into: string) {
  for (const table of ['forum_conveners', 'forum_interests'] as const) {
    // Someone attached to both keeps one row: drop the duplicates before moving the rest.
    await db
      .deleteFrom(table)
      .where('theme_id', '=', from)
      .where('participant_id', 'in', db.selectFrom(table).select('participant_id').where('theme_id', '=', into))
      .execute();
    await db.updateTable(table).set({ theme_id: into }).where('theme_id', '=', from).execute();
  }
  await db.updateTable('forum_group_members').set({ theme_id: into }).where('theme_id', '=', from).execute();
  await db.updateTable('forum_moves').set({ to_theme_id: into }).where('forum_id', '=', forumId).where('to_theme_id', '=', from).execute();
  await db.updateTable('forum_moves').set({ from_theme_id: into }).where('forum_id', '=', forumId).where('from_theme_id', '=', from).execute();
  await db.updateTable('forum_actions').set({ theme_id: into }).where('theme_id', '=', from).execute();
  await db.updateTable('forum_comments').set({ theme_id: into }).where('theme_id', '=', from).execute();
}
