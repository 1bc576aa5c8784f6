/** All the Kysely code of the initiatives module; functions take the database or the transaction first. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../database.ts';
import type {
  ApplicationState,
  InitiativeApplicationsTable,
  InitiativeAttachmentsTable,
  InitiativeBudgetLinesTable,
  InitiativeCallsTable,
  InitiativeCommitteesTable,
  InitiativeReviewersTable,
} from './initiatives.tables.ts';

type Db = Kysely<Database>;

// ---- Calls ----

export const findCall = (db: Db, id: string) => db.selectFrom('initiative_calls').selectAll().where('id', '=', id).executeTakeFirst();
export const findCallBySlug = (db: Db, slug: string) => db.selectFrom('initiative_calls').selectAll().where('slug', '=', slug).executeTakeFirst();
export const listCalls = (db: Db) => db.selectFrom('initiative_calls').selectAll().orderBy('created_at', 'desc').execute();
export const listPublishedCalls = (db: Db) => db.selectFrom('initiative_calls').selectAll().where('status', '!=', 'draft').orderBy('opens_at', 'desc').execute();

export async function insertCall(db: Db, row: Insertable<InitiativeCallsTable>) {
  await db.insertInto('initiative_calls').values(row).execute();
}
export async function updateCall(db: Db, id: string, patch: Updateable<InitiativeCallsTable>) {
  await db.updateTable('initiative_calls').set(patch).where('id', '=', id).execute();
}
export const slugTaken = async (db: Db, slug: string, exceptId: string | null) =>
  (await db
    .selectFrom('initiative_calls')
    .select('id')
    .where('slug', '=', slug)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst()) !== undefined;

export const callManagers = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_call_people as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id as userId', 'u.name', 'u.email'])
    .where('p.call_id', '=', callId)
    .where('p.role', '=', 'manager')
    .orderBy('p.created_at')
    .execute();
export const callsManagedBy = async (db: Db, userId: string) =>
  (await db.selectFrom('initiative_call_people').select('call_id').where('user_id', '=', userId).where('role', '=', 'manager').execute()).map((r) => r.call_id);
/** One role per person and call: a committee member made manager runs the call instead of sitting on its committee. */
export async function addCallPerson(db: Db, row: { call_id: string; user_id: string; role: 'manager'; created_at: string }) {
  await db
    .insertInto('initiative_call_people')
    .values(row)
    .onConflict((oc) => oc.columns(['call_id', 'user_id']).doUpdateSet({ role: row.role }))
    .execute();
}
export async function removeCallManager(db: Db, callId: string, userId: string) {
  await db.deleteFrom('initiative_call_people').where('call_id', '=', callId).where('user_id', '=', userId).where('role', '=', 'manager').execute();
}
export const isCallManager = async (db: Db, callId: string, userId: string) =>
  (await db.selectFrom('initiative_call_people').select('role').where('call_id', '=', callId).where('user_id', '=', userId).where('role', '=', 'manager').executeTakeFirst()) !== undefined;

export const listChecklist = (db: Db, callId: string) => db.selectFrom('initiative_checklist_items').selectAll().where('call_id', '=', callId).orderBy('position').execute();
export const listCriteria = (db: Db, callId: string) => db.selectFrom('initiative_criteria').selectAll().where('call_id', '=', callId).orderBy('position').execute();

/** Replaces the labels of a call's list (checklist, grid) keeping the ids of rows whose label is unchanged, so answers and scores survive an edit. */
export async function syncChecklist(db: Db, callId: string, labels: string[], newId: () => string) {
  const existing = await listChecklist(db, callId);
  const keep = new Map(existing.map((r) => [r.label, r.id]));
  for (const r of existing) if (!labels.includes(r.label)) await db.deleteFrom('initiative_checklist_items').where('id', '=', r.id).execute();
  for (const [position, label] of labels.entries()) {
    const id = keep.get(label);
    if (id) await db.updateTable('initiative_checklist_items').set({ position }).where('id', '=', id).execute();
    else await db.insertInto('initiative_checklist_items').values({ id: newId(), call_id: callId, label, position }).execute();
  }
}

export async function syncCriteria(db: Db, callId: string, criteria: Array<{ label: string; weight: number; max_score: number; description: string }>, newId: () => string) {
  const existing = await listCriteria(db, callId);
  const keep = new Map(existing.map((r) => [r.label, r.id]));
  const labels = criteria.map((c) => c.label);
  for (const r of existing) if (!labels.includes(r.label)) await db.deleteFrom('initiative_criteria').where('id', '=', r.id).execute();
  for (const [position, c] of criteria.entries()) {
    const id = keep.get(c.label);
    if (id) await db.updateTable('initiative_criteria').set({ position, weight: c.weight, max_score: c.max_score, description: c.description }).where('id', '=', id).execute();
    else
      await db
        .insertInto('initiative_criteria')
        .values({ id: newId(), call_id: callId, position, ...c })
        .execute();
  }
}

// ---- Committees ----

export const listCommittees = (db: Db, callId: string) => db.selectFrom('initiative_committees').selectAll().where('call_id', '=', callId).orderBy('meets_at').execute();
export const findCommittee = (db: Db, id: string) => db.selectFrom('initiative_committees').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertCommittee(db: Db, row: Insertable<InitiativeCommitteesTable>) {
  await db.insertInto('initiative_committees').values(row).execute();
}
export async function deleteCommittee(db: Db, callId: string, id: string) {
  await db.deleteFrom('initiative_committees').where('id', '=', id).where('call_id', '=', callId).where('status', '=', 'planned').execute();
}
/** The first planned committee of the call whose filing deadline is still ahead. */
export const nextCommittee = (db: Db, callId: string, now: string) =>
  db
    .selectFrom('initiative_committees')
    .selectAll()
    .where('call_id', '=', callId)
    .where('status', '=', 'planned')
    .where('filing_deadline', '>', now)
    .orderBy('filing_deadline')
    .limit(1)
    .executeTakeFirst();
/** The last filing deadline that has passed, to tell a late holder when it was. */
export const lastDeadline = async (db: Db, callId: string, now: string) =>
  (
    await db
      .selectFrom('initiative_committees')
      .select('filing_deadline')
      .where('call_id', '=', callId)
      .where('filing_deadline', '<=', now)
      .orderBy('filing_deadline', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.filing_deadline ?? null;

// ---- Events linked to a call ----

export const listCallEvents = (db: Db, callId: string) => db.selectFrom('initiative_call_events').select(['event_id', 'position']).where('call_id', '=', callId).orderBy('position').execute();
export async function replaceCallEvents(db: Db, callId: string, eventIds: string[]) {
  await db.deleteFrom('initiative_call_events').where('call_id', '=', callId).execute();
  for (const [position, eventId] of eventIds.entries()) await db.insertInto('initiative_call_events').values({ call_id: callId, event_id: eventId, position }).execute();
}
export async function linkEvent(db: Db, callId: string, eventId: string, position: number) {
  await db.deleteFrom('initiative_call_events').where('call_id', '=', callId).where('event_id', '=', eventId).execute();
  await db.insertInto('initiative_call_events').values({ call_id: callId, event_id: eventId, position }).execute();
}

// ---- Applications ----

export const findApplication = (db: Db, id: string) => db.selectFrom('initiative_applications').selectAll().where('id', '=', id).executeTakeFirst();
export const applicationsOfHolder = (db: Db, userId: string) =>
  db
    .selectFrom('initiative_applications')
    .innerJoin('initiative_calls', 'initiative_calls.id', 'initiative_applications.call_id')
    .selectAll('initiative_applications')
    .select(['initiative_calls.title as call_title', 'initiative_calls.slug as call_slug'])
    .where('holder_user_id', '=', userId)
    .orderBy('initiative_applications.created_at', 'desc')
    .execute();
/** How many files of this holder were funded on this call this year (a second action has a lower ceiling). */
export const fundedThisYear = async (db: Db, callId: string, userId: string, yearStart: string) =>
  Number(
    (
      await db
        .selectFrom('initiative_applications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('call_id', '=', callId)
        .where('holder_user_id', '=', userId)
        .where('state', 'in', ['granted', 'in_progress', 'completed'])
        .where('decided_at', '>=', yearStart)
        .executeTakeFirstOrThrow()
    ).n,
  );
export const applicationsOfCall = (db: Db, callId: string) => db.selectFrom('initiative_applications').selectAll().where('call_id', '=', callId).orderBy('reference').execute();

/** How many files a call has, to number the next one (taken inside the transaction that inserts it; the unique index settles a race). */
export const countApplications = async (db: Db, callId: string) =>
  Number(
    (
      await db
        .selectFrom('initiative_applications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('call_id', '=', callId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function insertApplication(db: Db, row: Insertable<InitiativeApplicationsTable>) {
  await db.insertInto('initiative_applications').values(row).execute();
}
export async function updateApplication(db: Db, id: string, patch: Updateable<InitiativeApplicationsTable>) {
  await db.updateTable('initiative_applications').set(patch).where('id', '=', id).execute();
}
/** Moves a file only if it is still in `from`: two staff clicking at once move it once. */
export async function moveApplication(db: Db, id: string, from: ApplicationState, patch: Updateable<InitiativeApplicationsTable>): Promise<boolean> {
  const r = await db.updateTable('initiative_applications').set(patch).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const budgetLines = (db: Db, applicationId: string) =>
  db.selectFrom('initiative_budget_lines').selectAll().where('application_id', '=', applicationId).orderBy('side').orderBy('position').execute();
export async function replaceBudget(db: Db, applicationId: string, lines: Array<Insertable<InitiativeBudgetLinesTable>>) {
  await db.deleteFrom('initiative_budget_lines').where('application_id', '=', applicationId).execute();
  if (lines.length) await db.insertInto('initiative_budget_lines').values(lines).execute();
}

export async function insertHistory(db: Db, row: { id: string; application_id: string; at: string; actor_user_id: string | null; from_state: string | null; to_state: string; note: string }) {
  await db.insertInto('initiative_history').values(row).execute();
}
export const history = (db: Db, applicationId: string) => db.selectFrom('initiative_history').selectAll().where('application_id', '=', applicationId).orderBy('at').orderBy('id').execute();

// ---- Attachments ----

export const attachmentsOf = (db: Db, applicationId: string) =>
  db.selectFrom('initiative_attachments').selectAll().where('application_id', '=', applicationId).where('report_id', 'is', null).orderBy('created_at').execute();
export const findAttachment = (db: Db, id: string) => db.selectFrom('initiative_attachments').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertAttachment(db: Db, row: Insertable<InitiativeAttachmentsTable>) {
  await db.insertInto('initiative_attachments').values(row).execute();
}
export async function deleteAttachment(db: Db, id: string) {
  await db.deleteFrom('initiative_attachments').where('id', '=', id).execute();
}
/** Whether another row still names these bytes (the store keeps one copy of identical files). */
export const fileKeyUsed = async (db: Db, key: string) => (await db.selectFrom('initiative_attachments').select('id').where('file_key', '=', key).limit(1).executeTakeFirst()) !== undefined;

// ---- Admissibility ----

export const checklistAnswers = (db: Db, applicationId: string) => db.selectFrom('initiative_checklist_answers').selectAll().where('application_id', '=', applicationId).execute();
export async function saveChecklistAnswer(db: Db, row: { application_id: string; item_id: string; answer: string; note: string; checked_by: string | null; checked_at: string }) {
  await db.deleteFrom('initiative_checklist_answers').where('application_id', '=', row.application_id).where('item_id', '=', row.item_id).execute();
  await db.insertInto('initiative_checklist_answers').values(row).execute();
}

// ---- Review ----

export const reviewersOf = (db: Db, applicationId: string) => db.selectFrom('initiative_reviewers').selectAll().where('application_id', '=', applicationId).orderBy('assigned_at').execute();
export const findReviewer = (db: Db, id: string) => db.selectFrom('initiative_reviewers').selectAll().where('id', '=', id).executeTakeFirst();
export const reviewerOn = (db: Db, applicationId: string, userId: string) =>
  db.selectFrom('initiative_reviewers').selectAll().where('application_id', '=', applicationId).where('user_id', '=', userId).executeTakeFirst();
export const assignmentsOf = (db: Db, userId: string) =>
  db
    .selectFrom('initiative_reviewers')
    .innerJoin('initiative_applications', 'initiative_applications.id', 'initiative_reviewers.application_id')
    .innerJoin('initiative_calls', 'initiative_calls.id', 'initiative_applications.call_id')
    .select([
      'initiative_reviewers.id',
      'initiative_reviewers.conflict',
      'initiative_reviewers.completed_at',
      'initiative_reviewers.application_id',
      'initiative_applications.reference',
      'initiative_applications.title',
      'initiative_applications.state',
      'initiative_calls.title as call_title',
    ])
    .where('initiative_reviewers.user_id', '=', userId)
    .orderBy('initiative_reviewers.assigned_at', 'desc')
    .execute();
export async function insertReviewer(db: Db, row: Insertable<InitiativeReviewersTable>) {
  await db.insertInto('initiative_reviewers').values(row).execute();
}
export async function updateReviewer(db: Db, id: string, patch: Updateable<InitiativeReviewersTable>) {
  await db.updateTable('initiative_reviewers').set(patch).where('id', '=', id).execute();
}
export const scoresOfReviewers = (db: Db, reviewerIds: string[]) =>
  reviewerIds.length === 0 ? Promise.resolve([]) : db.selectFrom('initiative_scores').selectAll().where('reviewer_id', 'in', reviewerIds).execute();
export async function saveScore(db: Db, row: { reviewer_id: string; criterion_id: string; score: number; comment: string; updated_at: string }) {
  await db.deleteFrom('initiative_scores').where('reviewer_id', '=', row.reviewer_id).where('criterion_id', '=', row.criterion_id).execute();
  await db.insertInto('initiative_scores').values(row).execute();
}
