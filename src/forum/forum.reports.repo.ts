import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../platform/db/database.ts';
import { newId } from '../platform/db/ids.ts';
import type { ActionStatus, ForumActionsTable, ForumTables, ReportSection } from './forum.tables.ts';

type Db = Kysely<ForumTables>;

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

export function insertAction(db: Db, row: ForumActionsTable) {
  return db.insertInto('forum_actions').values(row).execute();
}

export function findAction(db: Db, forumId: string, id: string) {
  return db.selectFrom('forum_actions').selectAll().where('forum_id', '=', forumId).where('id', '=', id).executeTakeFirst();
}

export function listActions(db: Db, forumId: string, themeId?: string) {
  let q = db
    .selectFrom('forum_actions as a')
    .innerJoin('forum_themes as t', 't.id', 'a.theme_id')
    .selectAll('a')
    .select('t.title as theme_title')
    .where('a.forum_id', '=', forumId)
    .where('a.hidden_at', 'is', null)
    .where('t.hidden_at', 'is', null);
  if (themeId) q = q.where('a.theme_id', '=', themeId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}

export async function updateActionVersioned(db: Db, id: string, expectedVersion: number, patch: Partial<ForumActionsTable>): Promise<boolean> {
  const res = await db
    .updateTable('forum_actions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function updateAction(db: Db, id: string, patch: Partial<ForumActionsTable>) {
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

/**
 * A follow-up of an action: its new status (and owner, when given) and the dated note that says
 * so, by whom, written together.
 */
export async function recordActionUpdate(
  db: Db,
  actionId: string,
  input: { status: ActionStatus; body: string; owner?: string },
  author: { name: string; participantId: string | null; userId: string | null },
  now: string,
) {
  await updateAction(db, actionId, { status: input.status, ...(input.owner === undefined ? {} : { owner: input.owner }), updated_at: now });
  await insertActionUpdate(db, {
    id: newId(),
    action_id: actionId,
    status: input.status,
    body: input.body,
    author: author.name,
    participant_id: author.participantId,
    user_id: author.userId,
    created_at: now,
  });
}

export function listActionUpdates(db: Db, forumId: string) {
  return db.selectFrom('forum_action_updates as u').innerJoin('forum_actions as a', 'a.id', 'u.action_id').selectAll('u').where('a.forum_id', '=', forumId).orderBy('u.created_at').execute();
}

export function insertComment(db: Db, row: { id: string; theme_id: string; participant_id: string | null; user_id?: string | null; author: string; body: string; created_at: string }) {
  return db.insertInto('forum_comments').values(row).execute();
}

export function listComments(db: Db, themeIds: string[]) {
  if (themeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('forum_comments').selectAll().where('theme_id', 'in', themeIds).where('hidden_at', 'is', null).orderBy('created_at').execute();
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

/** A person's dots, those on a hidden action aside: hiding an action gives its dots back (0035). */
export function votesOf(db: Db, forumId: string, participantId: string) {
  return db
    .selectFrom('forum_votes as v')
    .innerJoin('forum_actions as a', 'a.id', 'v.action_id')
    .select('v.action_id')
    .where('v.forum_id', '=', forumId)
    .where('v.participant_id', '=', participantId)
    .where('a.hidden_at', 'is', null)
    .execute();
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

// ---- reports being written (0032) ----------------------------------------------------

/** Someone is typing in this theme's report: no notice to the walls, only a date for the facilitator's warning. */
export function markReportTyping(db: Db, forumId: string, themeId: string, now: string) {
  return db.updateTable('forum_themes').set({ report_typing_at: now }).where('id', '=', themeId).where('forum_id', '=', forumId).execute();
}

/** The themes whose report was typed in or saved since `since`: closing now would interrupt them. */
export function reportsBeingWritten(db: Db, forumId: string, since: string) {
  return db
    .selectFrom('forum_themes as t')
    .select(['t.id', 't.title'])
    .where('t.forum_id', '=', forumId)
    .where('t.status', '=', 'open')
    .where('t.hidden_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('t.report_typing_at', '>=', since),
        eb.exists(eb.selectFrom('forum_report_sections as s').select('s.theme_id').whereRef('s.theme_id', '=', 't.id').where('s.version', '>', 0).where('s.updated_at', '>=', since)),
      ]),
    )
    .orderBy('t.title')
    .execute();
}
