import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { ForumTables } from './forum.tables.ts';

type Db = Kysely<ForumTables>;

// ---- personal data --------------------------------------------------------------

/**
 * Everything that says who a person was in the forums: their participant rows, their account
 * (as a facilitator), and the names they went by in each forum, for rows written before
 * authorship was recorded (those match by name within the forum).
 */
async function identityOf(db: Db, userId: string) {
  const participants = await db.selectFrom('forum_participants').select(['id', 'forum_id', 'name']).where('user_id', '=', userId).execute();
  const facilitated = await db.selectFrom('forum_facilitators').select(['forum_id', 'name']).where('user_id', '=', userId).execute();
  return { userId, participantIds: participants.map((p) => p.id), names: [...participants, ...facilitated].map((p) => ({ forumId: p.forum_id, name: p.name })) };
}
type Identity = Awaited<ReturnType<typeof identityOf>>;

/**
 * Rows written by the person: linked by participant or account, or, for rows without any link,
 * by their name in that forum. `forumOf` maps the row to its forum id (a subquery on the theme).
 */
function writtenBy(who: Identity, cols: { name: string; participant: string; user: string }, forumIn: (forumId: string) => Expression<SqlBool>) {
  // The same rule on three tables whose columns are named at run time: written with sql.ref, which
  // Kysely does not check, so the builder's own tables do not matter here.
  const ref = (col: string) => sql.ref(col);
  const ids = who.participantIds;
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    eb.or([
      sql<SqlBool>`${ref(cols.user)} = ${who.userId}`,
      ...(ids.length ? [sql<SqlBool>`${ref(cols.participant)} in (${sql.join(ids)})`] : []),
      ...who.names.map((n) => eb.and([sql<SqlBool>`${ref(cols.participant)} is null`, sql<SqlBool>`${ref(cols.user)} is null`, sql<SqlBool>`${ref(cols.name)} = ${n.name}`, forumIn(n.forumId)])),
    ]);
}

function themeInForum(db: Db, themeCol: string) {
  return (forumId: string) => sql<SqlBool>`${sql.ref(themeCol)} in (${db.selectFrom('forum_themes').select('id').where('forum_id', '=', forumId)})`;
}

function actionInForum(db: Db, actionCol: string) {
  return (forumId: string) => sql<SqlBool>`${sql.ref(actionCol)} in (${db.selectFrom('forum_actions').select('id').where('forum_id', '=', forumId)})`;
}

/** RGPD export: the person's participations, the themes they convened, and what they wrote or chose. */
export async function personalDataOfUser(db: Db, userId: string) {
  const who = await identityOf(db, userId);
  const ids = who.participantIds.length ? who.participantIds : [''];
  const participations = await db
    .selectFrom('forum_participants as p')
    .innerJoin('forums as f', 'f.id', 'p.forum_id')
    .select(['f.title as forum', 'p.name', 'p.organisation', 'p.created_at'])
    .where('p.user_id', '=', userId)
    .execute();
  const facilitated = await db.selectFrom('forum_facilitators as x').innerJoin('forums as f', 'f.id', 'x.forum_id').select(['f.title as forum', 'x.name']).where('x.user_id', '=', userId).execute();
  const themesConvened = await db
    .selectFrom('forum_conveners as c')
    .innerJoin('forum_themes as t', 't.id', 'c.theme_id')
    .innerJoin('forums as f', 'f.id', 't.forum_id')
    .select(['f.title as forum', 't.title', 't.description', 't.created_at'])
    .where('c.participant_id', 'in', ids)
    .execute();
  const interests = await db
    .selectFrom('forum_interests as i')
    .innerJoin('forum_themes as t', 't.id', 'i.theme_id')
    .innerJoin('forums as f', 'f.id', 't.forum_id')
    .select(['f.title as forum', 't.title as theme'])
    .where('i.participant_id', 'in', ids)
    .execute();
  const comments = await db
    .selectFrom('forum_comments as c')
    .innerJoin('forum_themes as t', 't.id', 'c.theme_id')
    .innerJoin('forums as f', 'f.id', 't.forum_id')
    .select(['f.title as forum', 't.title as theme', 'c.author', 'c.body', 'c.created_at'])
    .where(writtenBy(who, { name: 'c.author', participant: 'c.participant_id', user: 'c.user_id' }, themeInForum(db, 'c.theme_id')))
    .execute();
  // Only the last edit of a section is kept: the person appears where theirs is the current text.
  const reportEdits = await db
    .selectFrom('forum_report_sections as s')
    .innerJoin('forum_themes as t', 't.id', 's.theme_id')
    .innerJoin('forums as f', 'f.id', 't.forum_id')
    .select(['f.title as forum', 't.title as theme', 's.section', 's.body', 's.updated_by', 's.updated_at'])
    .where(writtenBy(who, { name: 's.updated_by', participant: 's.updated_by_participant_id', user: 's.updated_by_user_id' }, themeInForum(db, 's.theme_id')))
    .execute();
  const actionUpdates = await db
    .selectFrom('forum_action_updates as u')
    .innerJoin('forum_actions as a', 'a.id', 'u.action_id')
    .innerJoin('forums as f', 'f.id', 'a.forum_id')
    .select(['f.title as forum', 'a.title as action', 'u.status', 'u.body', 'u.author', 'u.created_at'])
    .where(writtenBy(who, { name: 'u.author', participant: 'u.participant_id', user: 'u.user_id' }, actionInForum(db, 'u.action_id')))
    .execute();
  const votes = await db
    .selectFrom('forum_votes as v')
    .innerJoin('forum_actions as a', 'a.id', 'v.action_id')
    .innerJoin('forums as f', 'f.id', 'v.forum_id')
    .select(['f.title as forum', 'a.title as action', 'v.created_at'])
    .where('v.participant_id', 'in', ids)
    .execute();
  const corrections = await db
    .selectFrom('forum_corrections as c')
    .innerJoin('forums as f', 'f.id', 'c.forum_id')
    .select(['f.title as forum', 'c.item_kind', 'c.change', 'c.before_text', 'c.after_text', 'c.at'])
    .where((eb) => eb.or([eb('c.by_user_id', '=', userId), eb('c.by_participant_id', 'in', ids)]))
    .execute();
  const announcements = await db
    .selectFrom('forum_announcements as a')
    .innerJoin('forums as f', 'f.id', 'a.forum_id')
    .select(['f.title as forum', 'a.body', 'a.created_at'])
    .where('a.user_id', '=', userId)
    .execute();
  const actionsCarried = await db
    .selectFrom('forum_actions as a')
    .innerJoin('forums as f', 'f.id', 'a.forum_id')
    .select(['f.title as forum', 'a.title', 'a.status', 'a.owner_since'])
    .where((eb) => eb.or([eb('a.owner_user_id', '=', userId), eb('a.owner_participant_id', 'in', ids)]))
    .execute();
  return { participations, facilitated, themesConvened, interests, comments, reportEdits, actionUpdates, votes, corrections, announcements, actionsCarried };
}

/** Reports, comments and notes stay (they belong to the group); the person's name leaves them. */
export async function anonymiseUser(db: Db, userId: string, replacement: string) {
  const who = await identityOf(db, userId);
  // The moderation history (0035) and the announcements keep what was done, not by whom; a renamed
  // person's old and new names leave the history too.
  await db
    .updateTable('forum_corrections')
    .set({ by_name: replacement, by_user_id: null, by_participant_id: null })
    .where((eb) => eb.or([eb('by_user_id', '=', userId), ...(who.participantIds.length ? [eb('by_participant_id', 'in', who.participantIds)] : [])]))
    .execute();
  if (who.participantIds.length) {
    await db.updateTable('forum_corrections').set({ before_text: replacement, after_text: replacement }).where('item_kind', '=', 'participant').where('item_id', 'in', who.participantIds).execute();
  }
  await db.updateTable('forum_announcements').set({ author: replacement, user_id: null }).where('user_id', '=', userId).execute();
  // An action they carried stays carried, by nobody named (0038).
  await db
    .updateTable('forum_actions')
    .set({ owner: replacement, owner_user_id: null })
    .where((eb) => eb.or([eb('owner_user_id', '=', userId), ...(who.participantIds.length ? [eb('owner_participant_id', 'in', who.participantIds)] : [])]))
    .execute();
  if (who.names.length === 0) return;
  await db
    .updateTable('forum_report_sections')
    .set({ updated_by: replacement, updated_by_participant_id: null, updated_by_user_id: null })
    .where(writtenBy(who, { name: 'updated_by', participant: 'updated_by_participant_id', user: 'updated_by_user_id' }, themeInForum(db, 'theme_id')))
    .execute();
  await db
    .updateTable('forum_comments')
    .set({ author: replacement, user_id: null })
    .where(writtenBy(who, { name: 'author', participant: 'participant_id', user: 'user_id' }, themeInForum(db, 'theme_id')))
    .execute();
  await db
    .updateTable('forum_action_updates')
    .set({ author: replacement, user_id: null })
    .where(writtenBy(who, { name: 'author', participant: 'participant_id', user: 'user_id' }, actionInForum(db, 'action_id')))
    .execute();
  if (who.participantIds.length) {
    await db.updateTable('forum_participants').set({ name: replacement, organisation: null, user_id: null }).where('id', 'in', who.participantIds).execute();
  }
  await db.updateTable('forum_facilitators').set({ name: replacement }).where('user_id', '=', userId).execute();
}
