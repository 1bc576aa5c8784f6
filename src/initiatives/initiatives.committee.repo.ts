/** Kysely code of the committee session, the tranches and the reports (the follow-up after a file is admissible). */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../database.ts';
import type { InitiativeCommitteesTable, InitiativeDecisionsTable, InitiativeReportsTable, InitiativeTranchesTable, TrancheStatus, VoteChoice } from './initiatives.tables.ts';

type Db = Kysely<Database>;

export const findCommittee = (db: Db, id: string) => db.selectFrom('initiative_committees').selectAll().where('id', '=', id).executeTakeFirst();
export const findCall = (db: Db, id: string) => db.selectFrom('initiative_calls').selectAll().where('id', '=', id).executeTakeFirst();
export const findApplication = (db: Db, id: string) => db.selectFrom('initiative_applications').selectAll().where('id', '=', id).executeTakeFirst();
export const committeesOfCall = (db: Db, callId: string) => db.selectFrom('initiative_committees').selectAll().where('call_id', '=', callId).orderBy('meets_at').execute();

export async function updateCommittee(db: Db, id: string, patch: Updateable<InitiativeCommitteesTable>) {
  await db.updateTable('initiative_committees').set(patch).where('id', '=', id).execute();
}

/** The call's role of a person: chair, committee member or manager (none: null). */
export const callRoles = (db: Db, callId: string, userId: string) => db.selectFrom('initiative_call_people').select('role').where('call_id', '=', callId).where('user_id', '=', userId).execute();

export async function addCallPerson(db: Db, row: { call_id: string; user_id: string; role: 'chair' | 'committee'; created_at: string }) {
  await db.deleteFrom('initiative_call_people').where('call_id', '=', row.call_id).where('user_id', '=', row.user_id).where('role', 'in', ['chair', 'committee']).execute();
  await db.insertInto('initiative_call_people').values(row).execute();
}

/** Chair and committee members of a call (names come from the accounts service), for the attendance list. */
export const committeePeople = (db: Db, callId: string) =>
  db.selectFrom('initiative_call_people').select(['user_id', 'role']).where('call_id', '=', callId).where('role', 'in', ['chair', 'committee']).orderBy('created_at').execute();

export const attendanceOf = (db: Db, committeeId: string) => db.selectFrom('initiative_committee_attendance').selectAll().where('committee_id', '=', committeeId).orderBy('name').execute();

export async function replaceAttendance(db: Db, committeeId: string, rows: Array<{ id: string; user_id: string | null; name: string; role: string; present: number; created_at: string }>) {
  await db.deleteFrom('initiative_committee_attendance').where('committee_id', '=', committeeId).execute();
  if (rows.length)
    await db
      .insertInto('initiative_committee_attendance')
      .values(rows.map((r) => ({ ...r, committee_id: committeeId })))
      .execute();
}

/** The files on the agenda with what the committee needs to see of them. */
export const agendaOf = (db: Db, committeeId: string) =>
  db
    .selectFrom('initiative_agenda_items as i')
    .innerJoin('initiative_applications as a', 'a.id', 'i.application_id')
    .select([
      'i.id',
      'i.application_id',
      'i.position',
      'i.hearing_at',
      'i.heard',
      'a.reference',
      'a.title',
      'a.holder_name',
      'a.state',
      'a.requested_cents',
      'a.expenses_cents',
      'a.commune_code',
      'a.neighbourhood',
    ])
    .where('i.committee_id', '=', committeeId)
    .orderBy('i.position')
    .execute();

export const agendaItem = (db: Db, committeeId: string, applicationId: string) =>
  db.selectFrom('initiative_agenda_items').selectAll().where('committee_id', '=', committeeId).where('application_id', '=', applicationId).executeTakeFirst();

export async function insertAgendaItem(db: Db, row: { id: string; committee_id: string; application_id: string; position: number; hearing_at: string | null; created_at: string }) {
  await db
    .insertInto('initiative_agenda_items')
    .values({ ...row, heard: 0 })
    .execute();
}
export async function setHeard(db: Db, id: string, heard: number) {
  await db.updateTable('initiative_agenda_items').set({ heard }).where('id', '=', id).execute();
}

/** Files of the call the committee may take up: admissible or under review, not yet on another open agenda. */
export const candidatesFor = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_applications')
    .select(['id', 'reference', 'title', 'committee_id'])
    .where('call_id', '=', callId)
    .where('state', 'in', ['admissible', 'under_review'])
    .orderBy('reference')
    .execute();

/** Reviewers of the files who recused themselves: they may not vote on those files. */
export const recusals = (db: Db, applicationIds: string[]) =>
  applicationIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('initiative_reviewers').select(['application_id', 'user_id']).where('application_id', 'in', applicationIds).where('conflict', '=', 'recused').execute();

export const isRecused = async (db: Db, applicationId: string, userId: string) =>
  (await db.selectFrom('initiative_reviewers').select('id').where('application_id', '=', applicationId).where('user_id', '=', userId).where('conflict', '=', 'recused').executeTakeFirst()) !==
  undefined;

export const votesOf = (db: Db, committeeId: string) => db.selectFrom('initiative_votes').selectAll().where('committee_id', '=', committeeId).execute();

export async function castVote(db: Db, row: { committee_id: string; application_id: string; user_id: string; choice: VoteChoice; cast_at: string }) {
  await db
    .insertInto('initiative_votes')
    .values(row)
    .onConflict((oc) => oc.columns(['committee_id', 'application_id', 'user_id']).doUpdateSet({ choice: row.choice, cast_at: row.cast_at }))
    .execute();
}

export const decisionsOf = (db: Db, committeeId: string) => db.selectFrom('initiative_decisions').selectAll().where('committee_id', '=', committeeId).execute();
export const decisionOn = (db: Db, committeeId: string, applicationId: string) =>
  db.selectFrom('initiative_decisions').selectAll().where('committee_id', '=', committeeId).where('application_id', '=', applicationId).executeTakeFirst();
/** False when the committee already decided on the file (a second click, another tab). */
export async function insertDecision(db: Db, row: Insertable<InitiativeDecisionsTable>): Promise<boolean> {
  const r = await db
    .insertInto('initiative_decisions')
    .values(row)
    .onConflict((oc) => oc.columns(['committee_id', 'application_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * What the call's committees granted in a calendar year (by the committee's date), excluding one
 * file: the yearly envelope's consumption.
 */
export async function grantedInYear(db: Db, callId: string, year: string, exceptApplicationId: string): Promise<number> {
  const row = await db
    .selectFrom('initiative_decisions as d')
    .innerJoin('initiative_committees as c', 'c.id', 'd.committee_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('d.amount_cents'), eb.lit(0)).as('total'))
    .where('c.call_id', '=', callId)
    .where('d.outcome', '=', 'granted')
    .where('d.application_id', '!=', exceptApplicationId)
    .where('c.meets_at', '>=', `${year}-01-01`)
    .where('c.meets_at', '<', `${Number(year) + 1}-01-01`)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** The holder already has a grant from this call in that year (a second project has the lower ceiling). */
export async function holderGrantedInYear(db: Db, callId: string, holderUserId: string | null, year: string, exceptApplicationId: string): Promise<boolean> {
  if (!holderUserId) return false;
  const row = await db
    .selectFrom('initiative_decisions as d')
    .innerJoin('initiative_committees as c', 'c.id', 'd.committee_id')
    .innerJoin('initiative_applications as a', 'a.id', 'd.application_id')
    .select('d.id')
    .where('c.call_id', '=', callId)
    .where('d.outcome', '=', 'granted')
    .where('a.holder_user_id', '=', holderUserId)
    .where('a.id', '!=', exceptApplicationId)
    .where('c.meets_at', '>=', `${year}-01-01`)
    .where('c.meets_at', '<', `${Number(year) + 1}-01-01`)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- Tranches ----

export async function insertTranche(db: Db, row: Insertable<InitiativeTranchesTable>) {
  await db.insertInto('initiative_tranches').values(row).execute();
}
export const tranchesOf = (db: Db, applicationId: string) => db.selectFrom('initiative_tranches').selectAll().where('application_id', '=', applicationId).orderBy('position').execute();
export const findTranche = (db: Db, id: string) => db.selectFrom('initiative_tranches').selectAll().where('id', '=', id).executeTakeFirst();
/** Changes a tranche only from the status it was read in: two clicks on "paid" pay once. */
export async function updateTranche(db: Db, id: string, fromStatus: TrancheStatus, patch: Updateable<InitiativeTranchesTable>): Promise<boolean> {
  const r = await db.updateTable('initiative_tranches').set(patch).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function makeReportTranchesDue(db: Db, applicationId: string, condition: 'progress_report' | 'final_report', at: string) {
  await db
    .updateTable('initiative_tranches')
    .set({ status: 'due', updated_at: at })
    .where('application_id', '=', applicationId)
    .where('condition', '=', condition)
    .where('status', '=', 'planned')
    .execute();
}

/** Every tranche of a call's funded files, with the file, for the payments page and the exports. */
export const tranchesOfCall = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_tranches as t')
    .innerJoin('initiative_applications as a', 'a.id', 't.application_id')
    .select([
      't.id',
      't.application_id',
      't.position',
      't.amount_cents',
      't.condition',
      't.status',
      't.paid_on',
      't.reference as payment_reference',
      'a.reference',
      'a.title',
      'a.holder_name',
      'a.commune_code',
      'a.neighbourhood',
      'a.granted_cents',
      'a.decided_at',
      'a.state',
    ])
    .where('a.call_id', '=', callId)
    .orderBy('a.reference')
    .orderBy('t.position')
    .execute();

// ---- Reports ----

export const reportsOf = (db: Db, applicationId: string) => db.selectFrom('initiative_reports').selectAll().where('application_id', '=', applicationId).orderBy('kind', 'desc').execute();
export const findReport = (db: Db, applicationId: string, kind: 'progress' | 'final') =>
  db.selectFrom('initiative_reports').selectAll().where('application_id', '=', applicationId).where('kind', '=', kind).executeTakeFirst();
export async function insertReport(db: Db, row: Insertable<InitiativeReportsTable>) {
  await db.insertInto('initiative_reports').values(row).execute();
}
export async function updateReport(db: Db, id: string, patch: Updateable<InitiativeReportsTable>) {
  await db.updateTable('initiative_reports').set(patch).where('id', '=', id).execute();
}
export const reportLines = (db: Db, reportId: string) => db.selectFrom('initiative_report_lines').selectAll().where('report_id', '=', reportId).execute();
export async function replaceReportLines(db: Db, reportId: string, lines: Array<{ budget_line_id: string; spent_cents: number }>) {
  await db.deleteFrom('initiative_report_lines').where('report_id', '=', reportId).execute();
  if (lines.length)
    await db
      .insertInto('initiative_report_lines')
      .values(lines.map((l) => ({ ...l, report_id: reportId })))
      .execute();
}
export const budgetLines = (db: Db, applicationId: string) =>
  db.selectFrom('initiative_budget_lines').selectAll().where('application_id', '=', applicationId).orderBy('side').orderBy('position').execute();

/** Draft reports due by a day, not reminded yet, with their file: the reminders' sweep. */
export const reportsToRemind = (db: Db, dueBy: string) =>
  db
    .selectFrom('initiative_reports as r')
    .innerJoin('initiative_applications as a', 'a.id', 'r.application_id')
    .select(['r.id', 'r.kind', 'r.status', 'r.due_on', 'r.reminded_at', 'a.id as application_id', 'a.reference', 'a.title', 'a.holder_user_id'])
    .where('r.status', '=', 'draft')
    .where('r.reminded_at', 'is', null)
    .where('r.due_on', '<=', dueBy)
    .where('a.state', 'in', ['granted', 'in_progress'])
    .execute();

/** The reminder is claimed by the instance that writes it, so a mail goes once. */
export async function claimReminder(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('initiative_reports').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Funded files of a call with their final report (participants, self-evaluation): the Région's action sheet. */
export const actionSheetRows = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_applications as a')
    .leftJoin('initiative_reports as r', (j) => j.onRef('r.application_id', '=', 'a.id').on('r.kind', '=', 'final'))
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.holder_name',
      'a.themes',
      'a.commune_code',
      'a.neighbourhood',
      'a.granted_cents',
      'a.expected_participants',
      'a.state',
      'r.participants',
      'r.self_evaluation',
      'r.status as report_status',
      'r.spent_cents',
    ])
    .where('a.call_id', '=', callId)
    .where('a.state', 'in', ['granted', 'in_progress', 'completed'])
    .orderBy('a.reference')
    .execute();

/** Every committee with its call's title, newest first: the sessions list (filtered by role in the service). */
export const allCommittees = (db: Db) =>
  db
    .selectFrom('initiative_committees as c')
    .innerJoin('initiative_calls as k', 'k.id', 'c.call_id')
    .selectAll('c')
    .select('k.title as call_title')
    .where('c.status', '!=', 'cancelled')
    .orderBy('c.meets_at', 'desc')
    .limit(500)
    .execute();

/** Points of the public vote per file of a call, shown to the committee. */
export const publicPoints = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_public_votes')
    .select(['application_id', (eb) => eb.fn.sum<number>('points').as('points')])
    .where('call_id', '=', callId)
    .groupBy('application_id')
    .execute();

export const callTitles = (db: Db) => db.selectFrom('initiative_calls').select(['id', 'title', 'slug']).orderBy('created_at', 'desc').limit(200).execute();

/** The holder's funded files with their reports: what the personal space reminds. */
export const fundedFilesOf = (db: Db, userId: string) =>
  db
    .selectFrom('initiative_applications as a')
    .leftJoin('initiative_reports as r', (j) => j.onRef('r.application_id', '=', 'a.id').on('r.kind', '=', 'final'))
    .select(['a.id', 'a.reference', 'a.title', 'a.state', 'r.status as report_status', 'r.due_on'])
    .where('a.holder_user_id', '=', userId)
    .where('a.state', 'in', ['granted', 'in_progress', 'completed'])
    .orderBy('a.decided_at', 'desc')
    .execute();

/** Calls where a person has a role (manager, chair, committee). */
export const callsOfPerson = async (db: Db, userId: string) => new Set((await db.selectFrom('initiative_call_people').select('call_id').where('user_id', '=', userId).execute()).map((r) => r.call_id));

export const reportAttachments = (db: Db, applicationId: string) =>
  db.selectFrom('initiative_attachments').selectAll().where('application_id', '=', applicationId).where('report_id', 'is not', null).orderBy('created_at').execute();

export async function insertReportAttachment(db: Db, row: Insertable<Database['initiative_attachments']>) {
  await db.insertInto('initiative_attachments').values(row).execute();
}

/** A photo the public may see: consented, in a sent report the holder published, of a public funded project. */
export const publicPhoto = (db: Db, applicationId: string, attachmentId: string) =>
  db
    .selectFrom('initiative_attachments as t')
    .innerJoin('initiative_reports as r', 'r.id', 't.report_id')
    .select(['t.id', 't.file_key', 't.content_type', 't.alt', 't.bytes'])
    .where('t.id', '=', attachmentId)
    .where('t.application_id', '=', applicationId)
    .where('t.kind', '=', 'photo')
    .where('t.consent', '=', 1)
    .where('r.published', '=', 1)
    .where('r.status', '!=', 'draft')
    .executeTakeFirst();

export const publicPhotos = (db: Db, applicationId: string) =>
  db
    .selectFrom('initiative_attachments as t')
    .innerJoin('initiative_reports as r', 'r.id', 't.report_id')
    .select(['t.id', 't.alt'])
    .where('t.application_id', '=', applicationId)
    .where('t.kind', '=', 'photo')
    .where('t.consent', '=', 1)
    .where('r.published', '=', 1)
    .where('r.status', '!=', 'draft')
    .orderBy('t.created_at')
    .execute();

/** Completed grids of reviewers who declared no conflict, with their scores: what the committee's averages are made of. */
export async function gridsOf(db: Db, applicationIds: string[]) {
  if (applicationIds.length === 0) return { reviewers: [], scores: [] };
  const reviewers = await db
    .selectFrom('initiative_reviewers')
    .select(['id', 'application_id'])
    .where('application_id', 'in', applicationIds)
    .where('conflict', '=', 'declared_none')
    .where('completed_at', 'is not', null)
    .execute();
  const scores = reviewers.length
    ? await db
        .selectFrom('initiative_scores')
        .select(['reviewer_id', 'criterion_id', 'score'])
        .where(
          'reviewer_id',
          'in',
          reviewers.map((r) => r.id),
        )
        .execute()
    : [];
  return { reviewers, scores };
}

export const criteriaOf = (db: Db, callId: string) => db.selectFrom('initiative_criteria').select(['id', 'weight', 'max_score']).where('call_id', '=', callId).execute();
