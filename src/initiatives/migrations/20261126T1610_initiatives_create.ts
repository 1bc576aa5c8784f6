import type { Kysely } from 'kysely';

/**
 * Calls for citizen-initiative projects and everything a file goes through: the call and its committees,
 * the application with its budget lines and private attachments, admissibility, review with conflict
 * declarations and a weighted grid, committee sessions (attendance, agenda, decisions, votes), tranches,
 * reports and the optional public vote. Money in integer cents.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiative_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('reference_prefix', 'text', (c) => c.notNull().defaultTo('PIC'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fund_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('funders', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('operator_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('operator_contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('eligible_holders', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commune_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('neighbourhoods', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('project_ceiling_cents', 'integer', (c) => c.notNull())
    .addColumn('repeat_project_ceiling_cents', 'integer')
    .addColumn('yearly_envelope_cents', 'integer', (c) => c.notNull())
    .addColumn('eligible_costs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ineligible_costs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('deadline_days_before', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('quorum', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('documents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tranche_plan', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('report_due_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('vote_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vote_opens_at', 'text')
    .addColumn('vote_closes_at', 'text')
    .addColumn('vote_points', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('initiative_calls_status').on('initiative_calls').columns(['status', 'closes_at']).execute();

  await db.schema
    .createTable('initiative_call_people')
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_call_people_pk', ['call_id', 'user_id'])
    .execute();
  await db.schema.createIndex('initiative_call_people_user').on('initiative_call_people').column('user_id').execute();

  await db.schema
    .createTable('initiative_call_events')
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('initiative_call_events_pk', ['call_id', 'event_id'])
    .execute();

  await db.schema
    .createTable('initiative_committees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('meets_at', 'text', (c) => c.notNull())
    .addColumn('filing_deadline', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('chair_user_id', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('minutes_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes_signed_at', 'text')
    .addColumn('minutes_signed_by', 'text')
    .addColumn('minutes_file_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_committees_call').on('initiative_committees').columns(['call_id', 'meets_at']).execute();

  await db.schema
    .createTable('initiative_committee_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('initiative_committees.id').onDelete('cascade'))
    .addColumn('user_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_attendance_committee_user').on('initiative_committee_attendance').columns(['committee_id', 'user_id']).unique().execute();

  await db.schema
    .createTable('initiative_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('holder_user_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('holder_kind', 'text', (c) => c.notNull().defaultTo('informal_group'))
    .addColumn('holder_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('holder_people', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commune_code', 'text')
    .addColumn('neighbourhood', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('longitude', 'double precision')
    .addColumn('latitude', 'double precision')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expected_participants', 'integer')
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('expenses_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resources_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requested_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('committee_id', 'text', (c) => c.references('initiative_committees.id').onDelete('set null'))
    .addColumn('complements_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('complements_due_at', 'text')
    .addColumn('state_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('granted_cents', 'integer')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_applications_reference').on('initiative_applications').columns(['call_id', 'reference']).unique().execute();
  await db.schema.createIndex('initiative_applications_call_state').on('initiative_applications').columns(['call_id', 'state']).execute();
  await db.schema.createIndex('initiative_applications_holder').on('initiative_applications').column('holder_user_id').execute();

  await db.schema
    .createTable('initiative_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('initiative_committees.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hearing_at', 'text')
    .addColumn('heard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_agenda_committee_app').on('initiative_agenda_items').columns(['committee_id', 'application_id']).unique().execute();

  await db.schema
    .createTable('initiative_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('initiative_committees.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('votes_for', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('votes_against', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('votes_abstain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('mailed_at', 'text')
    .execute();
  await db.schema.createIndex('initiative_decisions_committee_app').on('initiative_decisions').columns(['committee_id', 'application_id']).unique().execute();
  await db.schema.createIndex('initiative_decisions_app').on('initiative_decisions').column('application_id').execute();

  await db.schema
    .createTable('initiative_votes')
    .addColumn('committee_id', 'text', (c) => c.notNull().references('initiative_committees.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_votes_pk', ['committee_id', 'application_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('initiative_budget_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('funder', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('secured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('initiative_budget_lines_app').on('initiative_budget_lines').columns(['application_id', 'side', 'position']).execute();

  await db.schema
    .createTable('initiative_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('due_on', 'text')
    .addColumn('what_happened', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('participants', 'integer')
    .addColumn('spent_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('self_evaluation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_reports_app_kind').on('initiative_reports').columns(['application_id', 'kind']).execute();

  await db.schema
    .createTable('initiative_report_lines')
    .addColumn('report_id', 'text', (c) => c.notNull().references('initiative_reports.id').onDelete('cascade'))
    .addColumn('budget_line_id', 'text', (c) => c.notNull().references('initiative_budget_lines.id').onDelete('cascade'))
    .addColumn('spent_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('initiative_report_lines_pk', ['report_id', 'budget_line_id'])
    .execute();

  await db.schema
    .createTable('initiative_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('report_id', 'text', (c) => c.references('initiative_reports.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_attachments_app').on('initiative_attachments').columns(['application_id', 'report_id']).execute();

  await db.schema
    .createTable('initiative_checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('initiative_checklist_items_call').on('initiative_checklist_items').columns(['call_id', 'position']).execute();

  await db.schema
    .createTable('initiative_checklist_answers')
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('initiative_checklist_items.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_checklist_answers_pk', ['application_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('initiative_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('initiative_history_app').on('initiative_history').columns(['application_id', 'at']).execute();

  await db.schema
    .createTable('initiative_reviewers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('conflict', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('conflict_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('declared_at', 'text')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('completed_at', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_reviewers_app_user').on('initiative_reviewers').columns(['application_id', 'user_id']).unique().execute();
  await db.schema.createIndex('initiative_reviewers_user').on('initiative_reviewers').column('user_id').execute();

  await db.schema
    .createTable('initiative_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('max_score', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('initiative_criteria_call').on('initiative_criteria').columns(['call_id', 'position']).execute();

  await db.schema
    .createTable('initiative_scores')
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('initiative_reviewers.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('initiative_criteria.id').onDelete('cascade'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_scores_pk', ['reviewer_id', 'criterion_id'])
    .execute();

  await db.schema
    .createTable('initiative_tranches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('due_on', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('paid_by', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_tranches_app').on('initiative_tranches').columns(['application_id', 'position']).execute();
  await db.schema.createIndex('initiative_tranches_paid').on('initiative_tranches').columns(['status', 'paid_on']).execute();

  await db.schema
    .createTable('initiative_public_votes')
    .addColumn('call_id', 'text', (c) => c.notNull().references('initiative_calls.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('initiative_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_public_votes_pk', ['call_id', 'user_id', 'application_id'])
    .execute();
  await db.schema.createIndex('initiative_public_votes_app').on('initiative_public_votes').column('application_id').execute();
}
