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
}
