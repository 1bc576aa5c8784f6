/**
 * Tables of the initiatives module: calls for citizen-initiative projects (PIC), the files residents
 * submit, their review and committee, the grant's tranches, the holder's reports, the optional public vote.
 * Money is always integer cents; timestamps ISO text; booleans 0/1; JSON arrays in text (decision 0002).
 * See MODEL.md beside this file for the state machine and who may read what.
 */

/** draft: being prepared by staff, not public; open: one deadline (closes_at); rolling: deadlines are the committees' ones; closed: past. */
export const CALL_STATUSES = ['draft', 'open', 'rolling', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Who may carry a project under a call. */
export const HOLDER_KINDS = ['informal_group', 'association', 'collective', 'council'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** The life of a file (application); transitions are in initiatives.model.ts (APPLICATION_TRANSITIONS). */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'complements_requested',
  'admissible',
  'not_admissible',
  'under_review',
  'granted',
  'refused',
  'in_progress',
  'completed',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export type BudgetSide = 'expense' | 'resource';
export const EXPENSE_KINDS = ['purchase', 'rental', 'service', 'food', 'transport', 'communication', 'insurance', 'in_kind', 'other'] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];
/** requested: the amount asked of this fund; other_funding: another funder (town, bailleur…); in_kind: valued volunteer time, lent room…; own: the group's own money. */
export const RESOURCE_KINDS = ['requested', 'other_funding', 'in_kind', 'own'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const ATTACHMENT_KINDS = ['quote', 'statutes', 'bank_details', 'insurance', 'other', 'receipt', 'photo'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** pending: assigned, has seen nothing of the file yet; declared_none: declared no conflict of interest, may read and score; recused: sees no score, takes no part in the decision. */
export type ConflictDeclaration = 'pending' | 'declared_none' | 'recused';

/** Who does what for one call besides the platform's animators: a member organisation's manager, the committee's chair and members (residents who may have no other role). */
export type CallPersonRole = 'manager' | 'chair' | 'committee';

export type CommitteeStatus = 'planned' | 'held' | 'cancelled';
export type DecisionOutcome = 'granted' | 'refused' | 'postponed';
export type VoteChoice = 'for' | 'against' | 'abstain';
/** signature: paid once the agreement is signed; progress_report / final_report: paid once that report is received; none: paid on schedule. */
export type TrancheCondition = 'signature' | 'progress_report' | 'final_report' | 'none';
export type TrancheStatus = 'planned' | 'due' | 'paid' | 'cancelled';
export type ReportKind = 'progress' | 'final';
export type ReportStatus = 'draft' | 'submitted' | 'accepted';

export interface InitiativeCallsTable {
  id: string;
  slug: string;
  /** Files of the call are numbered "<prefix>-001" (PIC27). */
  reference_prefix: string;
  title: string;
  summary: string;
  /** Objectives, in paragraphs (platform/text paragraphs()). */
  description: string;
  /** The fund's name ("Fonds PIC de Roubaix") and who co-funds it: JSON array of { name, share_percent }. */
  fund_name: string;
  funders: string;
  /** The association gestionnaire (or the network) that runs the call and pays the grants. */
  operator_name: string;
  operator_contact: string;
  /** JSON array of catalogue theme slugs. */
  themes: string;
  /** JSON array of HolderKind. */
  eligible_holders: string;
  /** Free text shown under the eligible holders ("groupes d'au moins 3 habitants…"). */
  eligibility: string;
  /** JSON array of INSEE commune codes (@etalab/decoupage-administratif). */
  commune_codes: string;
  /** JSON array of priority neighbourhood names (quartiers prioritaires), empty when the whole communes are eligible. */
  neighbourhoods: string;
  /** Ceiling of one project; a second project of the same holder in the same year may have a lower one (Méricourt: 900 then 400). */
  project_ceiling_cents: number;
  repeat_project_ceiling_cents: number | null;
  /** The fund's envelope per calendar year: decisions beyond what is left are refused. */
  yearly_envelope_cents: number;
  /** Eligible and ineligible costs, in paragraphs (only running costs, in the PIC). */
  eligible_costs: string;
  ineligible_costs: string;
  status: CallStatus;
  /** For 'open' calls: the one filing deadline. Rolling calls use their committees' filing_deadline. */
  opens_at: string | null;
  closes_at: string | null;
  /** Days between a committee's filing deadline and its meeting, proposed when staff add a committee date (7 or 15). */
  deadline_days_before: number;
  /** Members present needed for a committee to decide (Roubaix: 7). */
  quorum: number;
  /** JSON array of { title, url, format?, size? }: règlement, kit, fiche bilan template. */
  documents: string;
  /** JSON array of { percent, condition: TrancheCondition }: the tranches planned for each grant (80 % at signature, 20 % on the fiche bilan). */
  tranche_plan: string;
  /** Days after the project's end date the final report is due. */
  report_due_days: number;
  /** Optional public vote (off by default): window and points per person. */
  vote_enabled: number;
  vote_opens_at: string | null;
  vote_closes_at: string | null;
  vote_points: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** People with a role on one call (besides the platform's animators, who run every call). */
export interface InitiativeCallPeopleTable {
  call_id: string;
  user_id: string;
  role: CallPersonRole;
  created_at: string;
}

/** Agenda events linked to a call (the PIC Lab days, information meetings). */
export interface InitiativeCallEventsTable {
  call_id: string;
  event_id: string;
  position: number;
}

/** A committee date of a call; once held it is the committee session (attendance, agenda, decisions, minutes). */
export interface InitiativeCommitteesTable {
  id: string;
  call_id: string;
  meets_at: string;
  /** Files must be submitted before this instant to be heard at this committee. */
  filing_deadline: string;
  place: string;
  status: CommitteeStatus;
  chair_user_id: string | null;
  opened_at: string | null;
  closed_at: string | null;
  /** Minutes: signed off by the chair, the PDF kept in the file store. */
  minutes_notes: string;
  minutes_signed_at: string | null;
  minutes_signed_by: string | null;
  minutes_file_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface InitiativeCommitteeAttendanceTable {
  id: string;
  committee_id: string;
  /** Null for someone present without an account (a guest, an elected official). */
  user_id: string | null;
  name: string;
  /** 'member' (counts for the quorum), 'chair', 'staff', 'guest'. */
  role: string;
  present: number;
  created_at: string;
}

/** A file on a committee's agenda, with the holder's hearing slot. */
export interface InitiativeAgendaItemsTable {
  id: string;
  committee_id: string;
  application_id: string;
  position: number;
  hearing_at: string | null;
  heard: number;
  created_at: string;
}

/** What a committee decided on a file. One per (committee, file); a postponed file gets another at a later committee. */
export interface InitiativeDecisionsTable {
  id: string;
  committee_id: string;
  application_id: string;
  outcome: DecisionOutcome;
  amount_cents: number;
  conditions: string;
  reason: string;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  decided_at: string;
  decided_by: string | null;
  mailed_at: string | null;
}

/** A vote of a member present on one file (recused reviewers may not vote: checked by the service). */
export interface InitiativeVotesTable {
  committee_id: string;
  application_id: string;
  user_id: string;
  choice: VoteChoice;
  cast_at: string;
}

export interface InitiativeApplicationsTable {
  id: string;
  call_id: string;
  /** Human reference shown to everyone ("PIC27-004"), unique per call. */
  reference: string;
  holder_user_id: string | null;
  state: ApplicationState;
  title: string;
  summary: string;
  /** Who carries it: kind, name of the group or association, the people in it (a few names, private). */
  holder_kind: HolderKind;
  holder_name: string;
  holder_people: string;
  contact_phone: string;
  /** Where: INSEE code, neighbourhood name, and the place in words (private until decided). */
  commune_code: string | null;
  neighbourhood: string;
  place: string;
  /** Public point of the project for the map: the commune's or the neighbourhood's, never an address. */
  longitude: number | null;
  latitude: number | null;
  starts_on: string | null;
  ends_on: string | null;
  /** For whom, and how many people are expected to take part. */
  audience: string;
  expected_participants: number | null;
  /** JSON array of theme slugs (chosen among the call's). */
  themes: string;
  /** Sums of the budget lines, kept in step by the service on every save. */
  expenses_cents: number;
  resources_cents: number;
  requested_cents: number;
  /** The committee the file is filed for (rolling calls). */
  committee_id: string | null;
  /** Set by a "demande de compléments": what is missing and until when the file is reopened. */
  complements_reason: string;
  complements_due_at: string | null;
  /** Why the file is not admissible, or refused. */
  state_reason: string;
  granted_cents: number | null;
  /** The holder agreed to publish the project on the public follow-up once granted. */
  public: number;
  /** Bumped on every save of the draft, so a save from an older tab does not overwrite a newer one. */
  revision: number;
  submitted_at: string | null;
  decided_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface InitiativeBudgetLinesTable {
  id: string;
  application_id: string;
  side: BudgetSide;
  /** ExpenseKind or ResourceKind, after side. */
  kind: string;
  label: string;
  amount_cents: number;
  /** For other_funding: who, and whether it is obtained (1) or asked (0). */
  funder: string;
  secured: number;
  position: number;
}

/** Private files: readable by the holder, the reviewers of that file (declared no conflict) and staff only. */
export interface InitiativeAttachmentsTable {
  id: string;
  application_id: string;
  /** Set for receipts and photos of a report. */
  report_id: string | null;
  kind: AttachmentKind;
  filename: string;
  content_type: string;
  bytes: number;
  /** Key in the platform file store. */
  file_key: string;
  /** Photos: the people in it agreed to publication (only then may a report publish it), and its text alternative. */
  consent: number;
  alt: string;
  uploaded_by: string | null;
  created_at: string;
}

/** The admissibility checklist of a call. */
export interface InitiativeChecklistItemsTable {
  id: string;
  call_id: string;
  label: string;
  position: number;
}

export interface InitiativeChecklistAnswersTable {
  application_id: string;
  item_id: string;
  /** 'yes', 'no' or 'na'. */
  answer: string;
  note: string;
  checked_by: string | null;
  checked_at: string;
}

/** The file's timeline: every change of state with who and why (the holder sees its own, the public sees granted projects'). */
export interface InitiativeHistoryTable {
  id: string;
  application_id: string;
  at: string;
  actor_user_id: string | null;
  from_state: string | null;
  to_state: string;
  note: string;
}

export interface InitiativeReviewersTable {
  id: string;
  application_id: string;
  user_id: string;
  conflict: ConflictDeclaration;
  /** Why one recused (private to staff). */
  conflict_note: string;
  declared_at: string | null;
  /** General comment on the file, and when the grid was completed. */
  comment: string;
  completed_at: string | null;
  assigned_by: string | null;
  assigned_at: string;
}

/** The weighted grid of a call. */
export interface InitiativeCriteriaTable {
  id: string;
  call_id: string;
  label: string;
  description: string;
  weight: number;
  /** Scores run from 0 to max_score. */
  max_score: number;
  position: number;
}

export interface InitiativeScoresTable {
  reviewer_id: string;
  criterion_id: string;
  score: number;
  comment: string;
  updated_at: string;
}

export interface InitiativeTranchesTable {
  id: string;
  application_id: string;
  position: number;
  amount_cents: number;
  condition: TrancheCondition;
  status: TrancheStatus;
  due_on: string | null;
  paid_on: string | null;
  /** The bank transfer's reference, entered by the association gestionnaire. */
  reference: string;
  paid_by: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface InitiativeReportsTable {
  id: string;
  application_id: string;
  kind: ReportKind;
  status: ReportStatus;
  due_on: string | null;
  what_happened: string;
  participants: number | null;
  spent_cents: number;
  self_evaluation: string;
  /** The holder chose to publish this report on the project's public page. */
  published: number;
  reminded_at: string | null;
  submitted_at: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Spent against planned, one row per budget line of the file. */
export interface InitiativeReportLinesTable {
  report_id: string;
  budget_line_id: string;
  spent_cents: number;
}

/** Points given by a signed-in person to a file in a call's public vote. */
export interface InitiativePublicVotesTable {
  call_id: string;
  application_id: string;
  user_id: string;
  points: number;
  created_at: string;
}

export interface InitiativesTables {
  initiative_calls: InitiativeCallsTable;
  initiative_call_people: InitiativeCallPeopleTable;
  initiative_call_events: InitiativeCallEventsTable;
  initiative_committees: InitiativeCommitteesTable;
  initiative_committee_attendance: InitiativeCommitteeAttendanceTable;
  initiative_agenda_items: InitiativeAgendaItemsTable;
  initiative_decisions: InitiativeDecisionsTable;
  initiative_votes: InitiativeVotesTable;
  initiative_applications: InitiativeApplicationsTable;
  initiative_budget_lines: InitiativeBudgetLinesTable;
  initiative_attachments: InitiativeAttachmentsTable;
  initiative_checklist_items: InitiativeChecklistItemsTable;
  initiative_checklist_answers: InitiativeChecklistAnswersTable;
  initiative_history: InitiativeHistoryTable;
  initiative_reviewers: InitiativeReviewersTable;
  initiative_criteria: InitiativeCriteriaTable;
  initiative_scores: InitiativeScoresTable;
  initiative_tranches: InitiativeTranchesTable;
  initiative_reports: InitiativeReportsTable;
  initiative_report_lines: InitiativeReportLinesTable;
  initiative_public_votes: InitiativePublicVotesTable;
}
