export type ForumPhase = 'preparation' | 'marketplace' | 'sessions' | 'convergence' | 'closed' | 'followup';
export const PHASES: readonly ForumPhase[] = ['preparation', 'marketplace', 'sessions', 'convergence', 'closed', 'followup'];
export type ReportSection = 'participants' | 'key_points' | 'proposals' | 'questions' | 'resources';
export const REPORT_SECTIONS: readonly ReportSection[] = ['participants', 'key_points', 'proposals', 'questions', 'resources'];
export type ActionStatus = 'proposed' | 'started' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['proposed', 'started', 'done', 'dropped'];
export type ActionKind = 'action' | 'proposal';

export interface ForumsTable {
  id: string;
  slug: string;
  /** The agenda event this day belongs to (its registrations are the participants); null for a forum run without one. */
  event_id: string | null;
  title: string;
  question: string;
  place: string;
  /** First day, "2019-11-14". */
  starts_on: string;
  phase: ForumPhase;
  join_code: string;
  votes_per_person: number;
  /** Catalogue theme slugs, JSON array. */
  themes_json: string;
  created_at: string;
  updated_at: string;
  proceedings_published_at: string | null;
  /** The room's timer (0036): what it counts down to and what it is for; null when none runs. */
  timer_label?: string | null;
  timer_ends_at?: string | null;
  /** When the phase last changed: reports take text for a grace period after closing (0032). */
  phase_changed_at?: string | null;
}

export interface ForumFacilitatorsTable {
  forum_id: string;
  user_id: string;
  name: string;
}

export interface ForumSpacesTable {
  id: string;
  forum_id: string;
  name: string;
  capacity: number;
  position: number;
}

export interface ForumSlotsTable {
  id: string;
  forum_id: string;
  day: string;
  starts_at: string;
  ends_at: string;
  position: number;
}

export interface ForumParticipantsTable {
  id: string;
  forum_id: string;
  name: string;
  organisation: string | null;
  user_id: string | null;
  registration_id: string | null;
  /** sha256 of the participant cookie. */
  token_hash: string;
  created_at: string;
  /** Removed by a facilitator (0035): their cookie stops working and their name leaves the cards. */
  removed_at?: string | null;
  /** Last page seen, written at most every few minutes: "present now" on the roster. */
  last_seen_at?: string | null;
}

export interface ForumThemesTable {
  id: string;
  forum_id: string;
  title: string;
  description: string;
  status: 'open' | 'merged';
  merged_into: string | null;
  slot_id: string | null;
  space_id: string | null;
  /** Waiting for the microphone in plenary since; null when not queued. */
  queued_at: string | null;
  created_at: string;
  updated_at: string;
  /** Hidden by a facilitator (0035); kept with its history, and restorable. */
  /** When someone last typed in its report (the page says so now and then), for the warning before closing (0032). */
  report_typing_at?: string | null;
  hidden_at?: string | null;
}

export interface ForumConvenersTable {
  theme_id: string;
  participant_id: string;
}

export interface ForumInterestsTable {
  theme_id: string;
  participant_id: string;
}

export interface ForumGroupMembersTable {
  participant_id: string;
  forum_id: string;
  theme_id: string;
  joined_at: string;
}

export interface ForumMovesTable {
  id: string;
  forum_id: string;
  participant_id: string;
  from_theme_id: string | null;
  to_theme_id: string | null;
  at: string;
}

export interface ForumReportSectionsTable {
  theme_id: string;
  section: ReportSection;
  body: string;
  version: number;
  updated_at: string;
  /** The writer's name as shown; the two ids below say who it was, for RGPD export and erasure. */
  updated_by: string | null;
  updated_by_participant_id: string | null;
  updated_by_user_id: string | null;
}

export interface ForumActionsTable {
  id: string;
  forum_id: string;
  theme_id: string;
  kind: ActionKind;
  title: string;
  carrier: string;
  partners: string;
  due: string;
  status: ActionStatus;
  owner: string;
  cluster_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  hidden_at?: string | null;
  /** Who carries the action since when (0038): a participant of the day or an account. */
  owner_participant_id?: string | null;
  owner_user_id?: string | null;
  owner_since?: string | null;
}

export interface ForumActionUpdatesTable {
  id: string;
  action_id: string;
  status: ActionStatus;
  body: string;
  author: string;
  participant_id: string | null;
  user_id: string | null;
  created_at: string;
}

export interface ForumCommentsTable {
  id: string;
  theme_id: string;
  participant_id: string | null;
  /** A facilitator's account when no participant wrote it. */
  user_id: string | null;
  author: string;
  body: string;
  created_at: string;
  hidden_at?: string | null;
  edited_at?: string | null;
}

export interface ForumVotesTable {
  id: string;
  forum_id: string;
  participant_id: string;
  action_id: string;
  created_at: string;
}

export interface ForumClustersTable {
  id: string;
  forum_id: string;
  name: string;
  initiator: string;
  next_steps: string;
  position: number;
}

export interface ForumProceedingsTable {
  forum_id: string;
  pdf_base64: string;
  generated_at: string;
}

/** Who corrected what, when (0035): every hide, restore, edit and rename by a facilitator, convener or owner. */
export interface ForumCorrectionsTable {
  id: string;
  forum_id: string;
  item_kind: 'theme' | 'action' | 'comment' | 'participant';
  item_id: string;
  change: 'hide' | 'restore' | 'edit' | 'rename' | 'remove';
  before_text: string;
  after_text: string;
  by_name: string;
  by_user_id: string | null;
  by_participant_id: string | null;
  at: string;
}

export interface ForumAnnouncementsTable {
  id: string;
  forum_id: string;
  body: string;
  author: string;
  user_id: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

export interface ForumTables {
  forums: ForumsTable;
  forum_facilitators: ForumFacilitatorsTable;
  forum_spaces: ForumSpacesTable;
  forum_slots: ForumSlotsTable;
  forum_participants: ForumParticipantsTable;
  forum_themes: ForumThemesTable;
  forum_conveners: ForumConvenersTable;
  forum_interests: ForumInterestsTable;
  forum_group_members: ForumGroupMembersTable;
  forum_moves: ForumMovesTable;
  forum_report_sections: ForumReportSectionsTable;
  forum_actions: ForumActionsTable;
  forum_action_updates: ForumActionUpdatesTable;
  forum_comments: ForumCommentsTable;
  forum_votes: ForumVotesTable;
  forum_clusters: ForumClustersTable;
  forum_proceedings: ForumProceedingsTable;
  forum_corrections: ForumCorrectionsTable;
  forum_announcements: ForumAnnouncementsTable;
}
