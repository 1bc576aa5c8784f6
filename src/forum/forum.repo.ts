import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DatabaseKind } from '../platform/db/database.ts';
import type { ActionStatus, ForumActionsTable, ForumPhase, ForumsTable, ForumTables, ForumThemesTable, ReportSection } from './forum.tables.ts';

type Db = Kysely<ForumTables>;
type Row<T> = { [K in keyof T]: T[K] };

// ---- forums -------------------------------------------------------------

export function insertForum(db: Db, row: Row<ForumsTable>) {
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

export function updateForum(db: Db, id: string, patch: Partial<Row<ForumsTable>>) {
  return db.updateTable('forums').set(patch).where('id', '=', id).execute();
}

/** Moves the phase only if it is still the one the facilitator saw (two facilitators clicking at once). */
export async function setPhase(db: Db, id: string, from: ForumPhase, to: ForumPhase, now: string): Promise<boolean> {
  const res = await db.updateTable('forums').set({ phase: to, updated_at: now }).where('id', '=', id).where('phase', '=', from).executeTakeFirst();
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
  return db.selectFrom('forum_participants').selectAll().where('forum_id', '=', forumId).where('token_hash', '=', tokenHash).executeTakeFirst();
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
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function listParticipantNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('forum_participants').select(['id', 'name', 'organisation']).where('id', 'in', ids).execute();
}

// ---- themes -------------------------------------------------------------

export function insertTheme(db: Db, row: Row<ForumThemesTable>) {
  return db.insertInto('forum_themes').values(row).execute();
}

export function findTheme(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_themes').selectAll().where('forum_id', '=', forumId).where('id', '=', id).executeTakeFirst();
}

export function listThemes(db: Db, forumId: string, ids?: string[]) {
  let q = db.selectFrom('forum_themes').selectAll().where('forum_id', '=', forumId).where('status', '=', 'open');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  return q.orderBy('created_at').orderBy('id').execute();
}

export function updateTheme(db: Db, id: string, patch: Partial<Row<ForumThemesTable>>) {
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
    .where('t.forum_id', '=', forumId);
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
  return db.selectFrom('forum_votes').select('action_id').where('participant_id', '=', participantId).execute();
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
  return db.selectFrom('forum_themes').select(['id', 'slot_id', 'space_id']).where('forum_id', '=', forumId).where('status', '=', 'open').where('slot_id', 'is not', null).execute();
}

export function micQueue(db: Db, forumId: string) {
  return db
    .selectFrom('forum_themes')
    .select(['id', 'title', 'queued_at'])
    .where('forum_id', '=', forumId)
    .where('status', '=', 'open')
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

// ---- reports ------------------------------------------------------------

export function insertSections(db: Db, rows: Array<{ theme_id: string; section: ReportSection; body: string; version: number; updated_at: string; updated_by: string | null }>) {
  return db.insertInto('forum_report_sections').values(rows).execute();
}

export function listSections(db: Db, themeIds: string[]) {
  if (themeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('forum_report_sections').selectAll().where('theme_id', 'in', themeIds).execute();
}

export function findSection(db: Db, themeId: string, section: ReportSection) {
  return db.selectFrom('forum_report_sections').selectAll().where('theme_id', '=', themeId).where('section', '=', section).executeTakeFirst();
}

/** Who wrote something: the name shown, and the participant or account behind it. */
export interface Writer {
  name: string;
  participantId: string | null;
  userId: string | null;
}

/** Saves a section only if nobody saved it since `expectedVersion`; false means a stale save. */
export async function saveSection(db: Db, themeId: string, section: ReportSection, expectedVersion: number, body: string, by: Writer, now: string): Promise<boolean> {
  const res = await db
    .updateTable('forum_report_sections')
    .set((eb) => ({ body, version: eb('version', '+', 1), updated_at: now, updated_by: by.name, updated_by_participant_id: by.participantId, updated_by_user_id: by.userId }))
    .where('theme_id', '=', themeId)
    .where('section', '=', section)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function overwriteSection(db: Db, themeId: string, section: ReportSection, body: string, now: string) {
  return db
    .updateTable('forum_report_sections')
    .set((eb) => ({ body, version: eb('version', '+', 1), updated_at: now }))
    .where('theme_id', '=', themeId)
    .where('section', '=', section)
    .execute();
}

// ---- actions, comments, votes, clusters ----------------------------------

export function insertAction(db: Db, row: Row<ForumActionsTable>) {
  return db.insertInto('forum_actions').values(row).execute();
}

export function findAction(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_actions').selectAll().where('forum_id', '=', forumId).where('id', '=', id).executeTakeFirst();
}

export function listActions(db: Db, forumId: string, themeId?: string) {
  let q = db.selectFrom('forum_actions as a').innerJoin('forum_themes as t', 't.id', 'a.theme_id').selectAll('a').select('t.title as theme_title').where('a.forum_id', '=', forumId);
  if (themeId) q = q.where('a.theme_id', '=', themeId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}

export async function updateActionVersioned(db: Db, id: string, expectedVersion: number, patch: Partial<Row<ForumActionsTable>>): Promise<boolean> {
  const res = await db
    .updateTable('forum_actions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function updateAction(db: Db, id: string, patch: Partial<Row<ForumActionsTable>>) {
  return db
    .updateTable('forum_actions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export function insertActionUpdate(
  db: Db,
  row: { id: string; action_id: string; status: ActionStatus; body: string; author: string; participant_id?: string | null; user_id?: string | null; created_at: string },
) {
  return db.insertInto('forum_action_updates').values(row).execute();
}

export function listActionUpdates(db: Db, forumId: string) {
  return db.selectFrom('forum_action_updates as u').innerJoin('forum_actions as a', 'a.id', 'u.action_id').selectAll('u').where('a.forum_id', '=', forumId).orderBy('u.created_at').execute();
}

export function insertComment(db: Db, row: { id: string; theme_id: string; participant_id: string | null; user_id?: string | null; author: string; body: string; created_at: string }) {
  return db.insertInto('forum_comments').values(row).execute();
}

export function listComments(db: Db, themeIds: string[]) {
  if (themeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('forum_comments').selectAll().where('theme_id', 'in', themeIds).orderBy('created_at').execute();
}

/**
 * Takes the participant's row lock for the rest of the transaction, so a person's votes are
 * counted and added by one transaction at a time (two phones, a double tap). PostgreSQL locks
 * the row; SQLite has a single writer, and a first write takes it at once.
 */
export async function lockParticipant(db: Db, kind: DatabaseKind, id: string): Promise<void> {
  if (kind === 'postgres') await db.selectFrom('forum_participants').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  else await db.updateTable('forum_participants').set({ id: sql`id` }).where('id', '=', id).execute();
}

export function insertVote(db: Db, row: { id: string; forum_id: string; participant_id: string; action_id: string; created_at: string }) {
  return db.insertInto('forum_votes').values(row).execute();
}

export async function removeOneVote(db: Db, participantId: string, actionId: string): Promise<boolean> {
  const one = await db.selectFrom('forum_votes').select('id').where('participant_id', '=', participantId).where('action_id', '=', actionId).limit(1).executeTakeFirst();
  if (!one) return false;
  await db.deleteFrom('forum_votes').where('id', '=', one.id).execute();
  return true;
}

export function votesOf(db: Db, forumId: string, participantId: string) {
  return db.selectFrom('forum_votes').select('action_id').where('forum_id', '=', forumId).where('participant_id', '=', participantId).execute();
}

export function voteCounts(db: Db, forumId: string) {
  return db
    .selectFrom('forum_votes')
    .select(['action_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('forum_id', '=', forumId)
    .groupBy('action_id')
    .execute();
}

export function insertCluster(db: Db, row: { id: string; forum_id: string; name: string; initiator: string; next_steps: string; position: number }) {
  return db.insertInto('forum_clusters').values(row).execute();
}

export function updateCluster(db: Db, forumId: string, id: string, patch: { name?: string; initiator?: string; next_steps?: string }) {
  return db.updateTable('forum_clusters').set(patch).where('forum_id', '=', forumId).where('id', '=', id).execute();
}

export function findCluster(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_clusters').selectAll().where('forum_id', '=', forumId).where('id', '=', id).executeTakeFirst();
}

export function listClusters(db: Db, forumId: string) {
  return db.selectFrom('forum_clusters').selectAll().where('forum_id', '=', forumId).orderBy('position').execute();
}

export function setActionsCluster(db: Db, forumId: string, actionIds: string[], clusterId: string | null) {
  if (actionIds.length === 0) return Promise.resolve();
  return db.updateTable('forum_actions').set({ cluster_id: clusterId }).where('forum_id', '=', forumId).where('id', 'in', actionIds).execute();
}

// ---- proceedings ----------------------------------------------------------

export async function saveProceedings(db: Db, forumId: string, pdf: Buffer, now: string) {
  await db.deleteFrom('forum_proceedings').where('forum_id', '=', forumId).execute();
  await db
    .insertInto('forum_proceedings')
    .values({ forum_id: forumId, pdf_base64: pdf.toString('base64'), generated_at: now })
    .execute();
}

export async function loadProceedings(db: Db, forumId: string): Promise<{ pdf: Buffer; generatedAt: string } | null> {
  const row = await db.selectFrom('forum_proceedings').selectAll().where('forum_id', '=', forumId).executeTakeFirst();
  return row ? { pdf: Buffer.from(row.pdf_base64, 'base64'), generatedAt: row.generated_at } : null;
}

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
  return (eb: ExpressionBuilder<any, any>) =>
    eb.or([
      eb(eb.ref(cols.user), '=', who.userId),
      ...(who.participantIds.length ? [eb(eb.ref(cols.participant), 'in', who.participantIds)] : []),
      ...who.names.map((n) => eb.and([eb(eb.ref(cols.participant), 'is', null), eb(eb.ref(cols.user), 'is', null), eb(eb.ref(cols.name), '=', n.name), forumIn(n.forumId)])),
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
  return { participations, facilitated, themesConvened, interests, comments, reportEdits, actionUpdates, votes };
}

/** Reports, comments and notes stay (they belong to the group); the person's name leaves them. */
export async function anonymiseUser(db: Db, userId: string, replacement: string) {
  const who = await identityOf(db, userId);
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
