/** Tables of the events module: events, their registrations, signatures on the sign-in sheet. */

/** What kind of event it is: shown on cards and pages, filtered on in the agenda. */
export const EVENT_KINDS = ['rencontre', 'journee-regionale', 'forum-ouvert', 'voyage-apprenant', 'webinaire', 'formation', 'atelier', 'pic-lab'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventStatus = 'draft' | 'published' | 'cancelled' | 'postponed';
/** Who may register: nobody (an announcement), anyone, approved members, or invitees only. */
export type RegistrationMode = 'none' | 'open' | 'members' | 'invitation';
/**
 * invited: an invitation was sent, no answer yet (no seat);
 * pending: registered without an account, address not confirmed yet (no seat);
 * confirmed / offered: hold seats (offered = a seat kept for a waiting person until offer_expires_at);
 * waiting: on the waiting list; cancelled, declined (said no to an invitation), expired (let an offer lapse).
 */
export type RegistrationStatus = 'invited' | 'pending' | 'confirmed' | 'offered' | 'waiting' | 'cancelled' | 'declined' | 'expired';

export interface EventsTable {
  id: string;
  slug: string;
  kind: EventKind;
  title: string;
  summary: string;
  description: string;
  /** JSON array of theme slugs. */
  themes: string;
  territory: string | null;
  starts_at: string;
  ends_at: string;
  place_name: string | null;
  place_address: string | null;
  /** How to get there (transport, parking). */
  place_access: string | null;
  /** Step-free access, hearing loop, contact for a need. */
  place_accessibility: string | null;
  /** The connection link: shown and mailed to people holding a seat only, never on the public page. */
  online_url: string | null;
  /** JSON array of { name, organisation }: the intervenant·es. */
  speakers: string;
  /** JSON array of organiser names. */
  organisers: string;
  /** JSON array of { day?, time, label } (the "déroulé"). */
  programme: string;
  /** JSON array of { title, url, format?, size? }. */
  documents: string;
  /** Once the event is over: what happened, in a few paragraphs, and links to the compte-rendu, the replay, the photos. */
  recap: string | null;
  report_url: string | null;
  replay_url: string | null;
  photos_url: string | null;
  status: EventStatus;
  /** Set when the event was cancelled or postponed: shown on the page and in the notice. */
  status_note: string | null;
  registration_mode: RegistrationMode;
  capacity: number | null;
  deadline: string | null;
  max_places: number;
  members_reserved: number;
  members_reserved_until: string | null;
  /** Hours a freed seat is kept for the first waiting person; null promotes at once. */
  offer_hours: number | null;
  reminder_hours: number;
  /** JSON array of { id, label, type: 'text' | 'choice' | 'checkbox', options, required }. */
  questions: string;
  /** Bumped on every change of dates or place, so that the reminder job of the old date does nothing. */
  revision: number;
  /**
   * Places held by confirmed and offered registrations (and by members among them): a registration
   * takes its seat by updating this row. Always equal to the sum over the registrations at commit.
   */
  seats_taken: number;
  member_seats_taken: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface EventRegistrationsTable {
  id: string;
  event_id: string;
  user_id: string | null;
  name: string;
  /** Null once erased (RGPD); lower-cased. One registration per address and event (unique index). */
  email: string | null;
  organisation: string;
  places: number;
  status: RegistrationStatus;
  /** JSON object question id → answer (string or string[]). */
  answers: string;
  /** 1 when the person was an approved member when registering (members' reserved seats). */
  is_member: number;
  lang: 'fr' | 'en';
  /** walk-in, web, invitation, admin */
  source: string;
  /** Bumped to revoke every personal link sent before (the links are HMACs of id and version). */
  link_version: number;
  /** Orders the waiting list. */
  waiting_since: string | null;
  offer_expires_at: string | null;
  confirmed_at: string | null;
  cancelled_at: string | null;
  checked_in_at: string | null;
  invited_at: string | null;
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventSignaturesTable {
  id: string;
  registration_id: string;
  event_id: string;
  /** The half-day signed for, e.g. "2024-03-25-am". */
  slot: string;
  signed_at: string;
  /** PNG as base64, drawn on a tablet; null when the participant typed their name instead. */
  png: string | null;
  typed_name: string | null;
}

export interface EventsTables {
  events: EventsTable;
  event_registrations: EventRegistrationsTable;
  event_signatures: EventSignaturesTable;
}
