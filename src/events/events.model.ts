/**
 * The event model without the database: rows turned into models, when registration is open, who may
 * register, the half-days of a sign-in sheet. Pure functions, unit-tested in events.model.test.ts.
 */
import { nowIso } from '../platform/db/ids.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { formatTime, parisDay } from '../platform/format.ts';
import type { EventDocument, EventInput, ProgrammeItem, Question, Speaker } from './events.schema.ts';
import { EVENT_KINDS, type EventKind, type EventRegistrationsTable, type EventsTable, type RegistrationMode, type RegistrationStatus } from './events.tables.ts';

export interface EventModel {
  id: string;
  slug: string;
  kind: EventKind;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  territory: string | null;
  startsAt: string;
  endsAt: string;
  placeName: string | null;
  placeAddress: string | null;
  placeAccess: string | null;
  placeAccessibility: string | null;
  /** Never shown on a public page: only to people holding a seat (personal page, mails). */
  onlineUrl: string | null;
  speakers: Speaker[];
  organisers: string[];
  programme: ProgrammeItem[];
  documents: EventDocument[];
  recap: string | null;
  reportUrl: string | null;
  replayUrl: string | null;
  photosUrl: string | null;
  status: EventsTable['status'];
  statusNote: string | null;
  registrationMode: RegistrationMode;
  capacity: number | null;
  deadline: string | null;
  maxPlaces: number;
  membersReserved: number;
  membersReservedUntil: string | null;
  offerHours: number | null;
  reminderHours: number;
  questions: Question[];
  revision: number;
  seatsTaken: number;
  memberSeatsTaken: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface RegistrationModel {
  id: string;
  eventId: string;
  userId: string | null;
  name: string;
  email: string | null;
  organisation: string;
  places: number;
  status: RegistrationStatus;
  answers: Record<string, string>;
  isMember: boolean;
  lang: Lang;
  source: string;
  waitingSince: string | null;
  offerExpiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  checkedInAt: string | null;
  invitedAt: string | null;
  createdAt: string;
}

/** Why registration is not possible right now (null: it is). */
export type Closure = 'none' | 'unpublished' | 'cancelled' | 'postponed' | 'started' | 'deadline' | null;

export interface Availability {
  taken: number;
  waiting: number;
  remaining: number | null;
  full: boolean;
  closure: Closure;
}

/** What became of a registration request. */
export type RegisterOutcome =
  | { kind: 'confirmed' | 'waiting' | 'pending' | 'offered'; registration: RegistrationModel; position: number | null; token: string }
  | { kind: 'duplicate'; registration: RegistrationModel; token: string; signedIn: boolean }
  | { kind: 'refused'; reason: 'closed' | 'membersOnly' | 'invitationOnly' | 'tooManyPlaces' | 'notFound'; closure?: Closure };

export type Refusal = Extract<RegisterOutcome, { kind: 'refused' }>;

export function toEvent(r: EventsTable): EventModel {
  return {
    id: r.id,
    slug: r.slug,
    // A kind this version does not know (written by a newer one) reads as the default.
    kind: (EVENT_KINDS as readonly string[]).includes(r.kind) ? r.kind : 'rencontre',
    title: r.title,
    summary: r.summary,
    description: r.description,
    themes: JSON.parse(r.themes) as string[],
    territory: r.territory,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    placeName: r.place_name,
    placeAddress: r.place_address,
    placeAccess: r.place_access,
    placeAccessibility: r.place_accessibility,
    onlineUrl: r.online_url,
    speakers: JSON.parse(r.speakers) as Speaker[],
    organisers: JSON.parse(r.organisers) as string[],
    programme: JSON.parse(r.programme) as ProgrammeItem[],
    documents: JSON.parse(r.documents) as EventDocument[],
    recap: r.recap,
    reportUrl: r.report_url,
    replayUrl: r.replay_url,
    photosUrl: r.photos_url,
    status: r.status,
    statusNote: r.status_note,
    registrationMode: r.registration_mode,
    capacity: r.capacity,
    deadline: r.deadline,
    maxPlaces: r.max_places,
    membersReserved: r.members_reserved,
    membersReservedUntil: r.members_reserved_until,
    offerHours: r.offer_hours,
    reminderHours: r.reminder_hours,
    questions: JSON.parse(r.questions) as Question[],
    revision: r.revision,
    seatsTaken: r.seats_taken,
    memberSeatsTaken: r.member_seats_taken,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  };
}

export function toRegistration(r: EventRegistrationsTable): RegistrationModel {
  return {
    id: r.id,
    eventId: r.event_id,
    userId: r.user_id,
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    places: r.places,
    status: r.status,
    answers: JSON.parse(r.answers) as Record<string, string>,
    isMember: r.is_member === 1,
    lang: r.lang,
    source: r.source,
    waitingSince: r.waiting_since,
    offerExpiresAt: r.offer_expires_at,
    confirmedAt: r.confirmed_at,
    cancelledAt: r.cancelled_at,
    checkedInAt: r.checked_in_at,
    invitedAt: r.invited_at,
    createdAt: r.created_at,
  };
}

/**
 * A registration row as a new start: a new personal-link version (older links stop working) and
 * none of the waiting, offer, cancellation or reminder marks of an earlier registration; the id
 * and creation date of the person's earlier row to this event are kept when there is one.
 */
export function registrationRow(
  fields: Pick<EventRegistrationsTable, 'id' | 'event_id' | 'name' | 'email' | 'organisation' | 'status' | 'source'> &
    Partial<Pick<EventRegistrationsTable, 'user_id' | 'places' | 'answers' | 'is_member' | 'lang' | 'waiting_since' | 'confirmed_at' | 'checked_in_at' | 'invited_at'>>,
  existing: Pick<EventRegistrationsTable, 'link_version' | 'created_at'> | null | undefined,
  now: string,
): EventRegistrationsTable {
  return {
    user_id: null,
    places: 1,
    answers: '{}',
    is_member: 0,
    lang: 'fr',
    waiting_since: null,
    offer_expires_at: null,
    confirmed_at: null,
    cancelled_at: null,
    checked_in_at: null,
    invited_at: null,
    reminded_at: null,
    ...fields,
    link_version: (existing?.link_version ?? 0) + 1,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
}

/** Over: its last day has ended. Its page shows what happened instead of registering. */
export function isPast(e: Pick<EventModel, 'endsAt'>, now = nowIso()): boolean {
  return e.endsAt < now;
}

/**
 * Who may see an online event's video link. An event that takes registrations sends it only to
 * people holding a seat; one that takes none has nobody to send it to, so its link is public
 * (on its page and in its calendar entry), as the event form's hint says.
 */
export function onlineLinkFor(e: Pick<EventModel, 'onlineUrl' | 'registrationMode'>, seat: { status: string } | null): string | null {
  if (!e.onlineUrl) return null;
  return e.registrationMode === 'none' || seat?.status === 'confirmed' ? e.onlineUrl : null;
}

/** Registration is possible when the event is published, not started, before its deadline. */
export function closureOf(e: Pick<EventModel, 'registrationMode' | 'status' | 'startsAt' | 'deadline'>, now = nowIso()): Closure {
  if (e.registrationMode === 'none') return 'none';
  if (e.status === 'draft') return 'unpublished';
  if (e.status === 'cancelled') return 'cancelled';
  if (e.status === 'postponed') return 'postponed';
  if (e.startsAt <= now) return 'started';
  if (e.deadline && e.deadline < now) return 'deadline';
  return null;
}

/** Half-days of an event, for the sign-in sheet: "2017-09-28-pm". */
export function halfDays(e: Pick<EventModel, 'startsAt' | 'endsAt'>): string[] {
  const slots: string[] = [];
  const first = parisDay(e.startsAt);
  const last = parisDay(e.endsAt);
  const hourOf = (iso: string) => Number(formatTime(iso, 'fr').split('h')[0]);
  for (let d = new Date(`${first}T12:00:00Z`); parisDay(d) <= last; d = new Date(d.getTime() + 86400_000)) {
    const day = parisDay(d);
    const startsAfterNoon = day === first && hourOf(e.startsAt) >= 13;
    const endsBeforeNoon = day === last && hourOf(e.endsAt) < 13 && !(hourOf(e.endsAt) === 0 && day !== first);
    if (!startsAfterNoon) slots.push(`${day}-am`);
    if (!endsBeforeNoon) slots.push(`${day}-pm`);
    if (slots.length > 60) break;
  }
  return slots;
}

/** Why this person cannot register now, from a copy of the event (null: they can). */
export function refusalOf(e: EventModel, isMember: boolean, places: number, now = nowIso()): Refusal | null {
  const closure = closureOf(e, now);
  if (closure) return { kind: 'refused', reason: 'closed', closure };
  if (e.registrationMode === 'invitation') return { kind: 'refused', reason: 'invitationOnly' };
  if (e.registrationMode === 'members' && !isMember) return { kind: 'refused', reason: 'membersOnly' };
  if (!placesAllowed(e, places)) return { kind: 'refused', reason: 'tooManyPlaces' };
  return null;
}

/** One registration holds between 1 and the event's maximum places. */
export function placesAllowed(e: Pick<EventModel, 'maxPlaces'>, places: number): boolean {
  return places >= 1 && places <= e.maxPlaces;
}

/** The message key telling a visitor why they cannot register. */
export function refusalMessage(r: Refusal): string {
  if (r.reason === 'closed') return `events.closure.${r.closure}`;
  if (r.reason === 'tooManyPlaces') return 'events.form.tooManyPlaces';
  return `events.refused.${r.reason}`;
}

/** What the agenda shows of an event's seats, from the seats taken and the people waiting. */
export function availabilityOf(e: EventModel, occ: { taken: number; waiting: number }, now = nowIso()): Availability {
  const remaining = e.capacity === null ? null : Math.max(0, e.capacity - occ.taken);
  return { taken: occ.taken, waiting: occ.waiting, remaining, full: remaining !== null && remaining <= 0, closure: closureOf(e, now) };
}

/** The columns an event form sets (everything but identity, counters and dates of the row itself). */
export type EventFields = Omit<EventsTable, 'id' | 'slug' | 'created_at' | 'updated_at' | 'published_at' | 'revision' | 'created_by' | 'seats_taken' | 'member_seats_taken'>;

export function rowFromInput(input: EventInput): EventFields {
  return {
    kind: input.kind ?? 'rencontre',
    title: input.title,
    summary: input.summary ?? '',
    description: input.description ?? '',
    themes: JSON.stringify(input.themes ?? []),
    territory: input.territory ?? null,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    place_name: input.placeName ?? null,
    place_address: input.placeAddress ?? null,
    place_access: input.placeAccess ?? null,
    place_accessibility: input.placeAccessibility ?? null,
    online_url: input.onlineUrl ?? null,
    speakers: JSON.stringify(input.speakers ?? []),
    organisers: JSON.stringify(input.organisers ?? []),
    programme: JSON.stringify(input.programme ?? []),
    documents: JSON.stringify(input.documents ?? []),
    recap: input.recap ?? null,
    report_url: input.reportUrl ?? null,
    replay_url: input.replayUrl ?? null,
    photos_url: input.photosUrl ?? null,
    status: input.status ?? 'draft',
    status_note: input.statusNote ?? null,
    registration_mode: input.registrationMode ?? 'none',
    capacity: input.capacity ?? null,
    deadline: input.deadline ?? null,
    max_places: input.maxPlaces ?? 1,
    members_reserved: input.membersReserved ?? 0,
    members_reserved_until: input.membersReservedUntil ?? null,
    offer_hours: input.offerHours ?? null,
    reminder_hours: input.reminderHours ?? 24,
    questions: JSON.stringify(input.questions ?? []),
  };
}
