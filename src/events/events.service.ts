import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { newId, nowIso, randomToken } from '../platform/db/ids.ts';
import { getOrCreateSetting } from '../platform/db/settings.ts';
import { transact, type AfterCommit } from '../platform/db/transaction.ts';
import { createI18n, type Lang } from '../platform/i18n/i18n.ts';
import { isCalendarMonth, nextMonthStart } from '../platform/dates.ts';
import { formatDate, formatLongDate, formatTime, parisDay, parisToIso } from '../platform/format.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { paragraphs as splitParagraphs, slugify } from '../platform/text.ts';
import type { OutgoingMail } from '../platform/mail/outbox.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { Catalog } from '../content/catalog.types.ts';
import { eventsCatalogue } from './events.i18n.ts';
import { renderCalendar, type IcsEvent } from './events.ics.ts';
import { createLinkSigner } from './events.links.ts';
import { qrPng } from './events.qr.ts';
import * as repo from './events.repo.ts';
import { type EventDocument, type EventInput, type ProgrammeItem, type Question } from './events.schema.ts';
import type { EventRegistrationsTable, EventsTable, RegistrationMode, RegistrationStatus } from './events.tables.ts';

export const JOB_REMINDER = 'events.reminder';
export const JOB_OFFER_EXPIRY = 'events.offerExpiry';

/** A theme as the content module describes it (only what the agenda needs). */
export interface ThemeLike {
  slug: string;
  name: string | { fr: string; en: string };
}

export interface EventsDeps {
  accounts?: unknown;
  content?: {
    catalog?: Catalog;
    themes?: { list(): Promise<ThemeLike[]> };
  };
}

export interface EventModel {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  territory: string | null;
  startsAt: string;
  endsAt: string;
  placeName: string | null;
  placeAddress: string | null;
  onlineUrl: string | null;
  organisers: string[];
  programme: ProgrammeItem[];
  documents: EventDocument[];
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

/** A link another module offers to a registered person (already translated, absolute URL). */
export interface RegistrationLink {
  label: string;
  url: string;
}

/**
 * What other modules may add to an event without the agenda knowing them (the forum ouvert adds its
 * personal link and its join code): modules depend on events, never the reverse.
 */
export interface EventsExtension {
  /** Links for a person with a seat, in their mail and on their registration page. */
  linksForRegistration?(event: EventModel, registration: RegistrationModel, context: ExtensionContext & { token: string }): Promise<RegistrationLink[]>;
  /** A line printed on the sign-in sheet, with the URL its QR code opens. */
  sheetNote?(event: EventModel, context: ExtensionContext): Promise<{ text: string; url: string } | null>;
}

/**
 * `db` is the caller's transaction when there is one: a mail is often written inside it, and on
 * SQLite a read on another connection would wait for that transaction forever.
 */
export interface ExtensionContext {
  lang: Lang;
  db: Kysely<any>;
}

export function createEventsExtensions(defaultDb: Kysely<any>) {
  const list: EventsExtension[] = [];
  // An extension that fails must not stop a registration or a sign-in sheet: it only loses its extra.
  const settle = async <T>(calls: Array<Promise<T> | undefined>): Promise<T[]> =>
    (await Promise.allSettled(calls.filter((c): c is Promise<T> => c !== undefined))).flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  return {
    register(extension: EventsExtension) {
      list.push(extension);
    },
    async linksForRegistration(event: EventModel, registration: RegistrationModel, context: { token: string; lang: Lang; db?: Kysely<any> }): Promise<RegistrationLink[]> {
      if (registration.status !== 'confirmed' || event.status === 'cancelled' || list.length === 0) return [];
      const full = { ...context, db: context.db ?? defaultDb };
      return (await settle(list.map((x) => x.linksForRegistration?.(event, registration, full)))).flat();
    },
    async sheetNotes(event: EventModel, context: { lang: Lang; db?: Kysely<any> }): Promise<Array<{ text: string; url: string }>> {
      if (list.length === 0) return [];
      const full = { ...context, db: context.db ?? defaultDb };
      return (await settle(list.map((x) => x.sheetNote?.(event, full)))).filter((n): n is { text: string; url: string } => n !== null);
    },
  };
}
export type EventsExtensions = ReturnType<typeof createEventsExtensions>;

export type RegisterOutcome =
  | { kind: 'confirmed' | 'waiting' | 'pending' | 'offered'; registration: RegistrationModel; position: number | null; token: string }
  | { kind: 'duplicate'; registration: RegistrationModel; token: string; signedIn: boolean }
  | { kind: 'refused'; reason: 'closed' | 'membersOnly' | 'invitationOnly' | 'tooManyPlaces' | 'notFound'; closure?: Closure };

export function toEvent(r: EventsTable): EventModel {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    description: r.description,
    themes: JSON.parse(r.themes) as string[],
    territory: r.territory,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    placeName: r.place_name,
    placeAddress: r.place_address,
    onlineUrl: r.online_url,
    organisers: JSON.parse(r.organisers) as string[],
    programme: JSON.parse(r.programme) as ProgrammeItem[],
    documents: JSON.parse(r.documents) as EventDocument[],
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

/** Seats a newcomer could take according to the event row's counters (members' reserved seats kept from others). */
export function seatsFreeOn(e: Pick<EventModel, 'capacity' | 'seatsTaken' | 'memberSeatsTaken' | 'membersReserved' | 'membersReservedUntil'>, isMember: boolean, now = nowIso()): number {
  if (e.capacity === null) return Number.POSITIVE_INFINITY;
  let free = e.capacity - e.seatsTaken;
  if (!isMember && e.membersReserved > 0 && (!e.membersReservedUntil || e.membersReservedUntil > now)) free -= Math.max(0, e.membersReserved - e.memberSeatsTaken);
  return free;
}

/** Thrown inside a registration transaction when the row it meant to reuse changed meanwhile. */
class RegistrationRaced extends Error {}

/** Stands for the position in line in a mail written before the position is known (under the lock). */
const POSITION_MARK = '\u2063position\u2063';

function withPosition(m: OutgoingMail, position: number | null): OutgoingMail {
  const n = String(position ?? '');
  return { ...m, subject: m.subject.replaceAll(POSITION_MARK, n), text: m.text.replaceAll(POSITION_MARK, n), html: m.html.replaceAll(POSITION_MARK, n) };
}

export function createEventsService(platform: Platform, deps: EventsDeps = {}) {
  const db = platform.db as Kysely<any>;
  const t = createI18n([eventsCatalogue]).t;
  const links = createLinkSigner(
    () => (secret ??= platform.config.secret ? Promise.resolve(`${platform.config.secret}:events`) : getOrCreateSetting(db as Kysely<PlatformTables>, 'events_link_secret', () => randomToken(48))),
  );
  let secret: Promise<string> | null = null;
  const site = platform.config.networkName;
  const base = platform.config.publicUrl;
  const host = new URL(base).hostname || 'palabre.local';

  const extensions = createEventsExtensions(db);
  const versionOf = async (id: string) => (await repo.findRegistration(db, id))?.link_version ?? null;
  const personalUrl = async (e: EventModel | EventsTable, r: EventRegistrationsTable) => `${base}/agenda/${e.slug}/inscription/${await links.personal(r.id, r.link_version)}`;

  async function themeNames(lang: Lang): Promise<Map<string, string>> {
    const list = (await deps.content?.themes?.list().catch(() => [])) ?? [];
    return new Map(list.map((th) => [th.slug, typeof th.name === 'string' ? th.name : th.name[lang]]));
  }

  // ---- Mail ---------------------------------------------------------------------------

  // Every mail names the date; Intl formatting costs a fifth of a registration's CPU, so it is done once per date.
  const whenCache = new Map<string, string>();
  function whenText(e: Pick<EventModel, 'startsAt' | 'endsAt'>, lang: Lang): string {
    const key = `${e.startsAt}|${e.endsAt}|${lang}`;
    let text = whenCache.get(key);
    if (text === undefined) {
      const tr = t(lang);
      text =
        parisDay(e.startsAt) === parisDay(e.endsAt)
          ? tr('events.when.sameDay', { date: formatLongDate(e.startsAt, lang), start: formatTime(e.startsAt, lang), end: formatTime(e.endsAt, lang) })
          : tr('events.when.range', { start: formatLongDate(e.startsAt, lang), end: formatLongDate(e.endsAt, lang) });
      if (whenCache.size > 1000) whenCache.clear();
      whenCache.set(key, text);
    }
    return text;
  }

  function whereText(e: EventModel, lang: Lang): string {
    const parts = [e.placeName, e.placeAddress].filter(Boolean).join(', ');
    if (parts) return parts;
    return e.onlineUrl ? t(lang)('events.mail.online', { url: e.onlineUrl }) : '';
  }

  function icsOf(events: EventModel[], name: string): string {
    return renderCalendar({ name, events: events.map(toIcs) });
  }

  function toIcs(e: EventModel): IcsEvent {
    return {
      uid: `${e.id}@${host}`,
      sequence: e.revision,
      title: e.title,
      description: [e.summary, ...e.programme.map((p) => `${p.day ? `${p.day} ` : ''}${p.time.replace(':', 'h')} ${p.label}`)].filter(Boolean).join('\n'),
      location: [e.placeName, e.placeAddress].filter(Boolean).join(', ') || e.onlineUrl,
      url: `${base}/agenda/${e.slug}`,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      status: e.status,
      categories: e.themes,
      updatedAt: e.updatedAt,
    };
  }

  type MailKind =
    | 'confirmAddress'
    | 'confirmed'
    | 'waiting'
    | 'promoted'
    | 'offered'
    | 'offerExpired'
    | 'cancelled'
    | 'changed'
    | 'duplicate'
    | 'invitation'
    | 'invitationReminder'
    | 'reminder'
    | 'eventCancelled'
    | 'eventPostponed'
    | 'eventMoved'
    | 'message';

  type MailExtra = { position?: number | string; subject?: string; body?: string; dedupe?: string };

  /** Puts one mail to a registrant in the outbox, in the caller's transaction. */
  async function mail(trx: Kysely<any>, e: EventModel, r: EventRegistrationsTable, kind: MailKind, extra: MailExtra = {}) {
    const m = await compose(e, r, kind, extra, trx);
    if (m) await platform.mail.enqueue(trx, m);
  }

  /** Writes one mail to a registrant without touching the database, so that it can be done before taking a lock. */
  async function compose(e: EventModel, r: EventRegistrationsTable, kind: MailKind, extra: MailExtra = {}, via: Kysely<any> = db): Promise<OutgoingMail | null> {
    if (!r.email) return null;
    const lang = r.lang;
    const tr = t(lang);
    const url = await personalUrl(e, r);
    const params = {
      title: e.title,
      when: whenText(e, lang),
      where: whereText(e, lang),
      position: extra.position ?? 0,
      site,
      hours: e.offerHours ?? 0,
      until: r.offer_expires_at ? `${formatDate(r.offer_expires_at, lang)} ${formatTime(r.offer_expires_at, lang)}` : '',
    };
    const paragraphs: string[] = [];
    if (kind === 'message') paragraphs.push(...splitParagraphs(extra.body ?? ''));
    else paragraphs.push(tr(`events.mail.${kind}.text`, params));
    if (kind === 'eventCancelled' || kind === 'eventPostponed' || kind === 'eventMoved') {
      if (e.statusNote) paragraphs.push(e.statusNote);
    }
    // A cancelled or postponed event has no date left to give.
    if (!['eventCancelled', 'eventPostponed', 'message'].includes(kind)) {
      paragraphs.push(tr('events.mail.details', params));
      if (params.where && kind !== 'confirmAddress') paragraphs.push(tr('events.mail.where', params));
    }
    const attachments = [];
    const seated = r.status === 'confirmed';
    if (seated && ['confirmed', 'promoted', 'changed', 'eventMoved', 'reminder', 'duplicate'].includes(kind)) {
      attachments.push({ filename: `${e.slug}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: Buffer.from(icsOf([e], e.title)).toString('base64') });
      for (const link of await extensions.linksForRegistration(e, toRegistration(r), { token: await tokenOf(r), lang, db: via })) paragraphs.push(`${link.label} : ${link.url}`);
      if (['confirmed', 'promoted', 'reminder'].includes(kind)) {
        const checkinUrl = `${base}/admin/rencontres/${e.id}/accueil/code/${await links.checkin(r.id)}`;
        const png = qrPng(checkinUrl);
        attachments.push({ filename: 'qr-code-accueil.png', contentType: 'image/png', content: png.toString('base64') });
        paragraphs.push(tr('events.mail.qr'));
      }
    }
    const active = ['pending', 'confirmed', 'offered', 'waiting', 'invited'].includes(r.status);
    const footer = [tr('events.mail.why', { site })];
    if (active && kind !== 'eventCancelled') footer.unshift(tr(r.status === 'invited' ? 'events.mail.decline' : 'events.mail.cannotCome', { url: `${url}/annuler` }));
    const actionLabel: Partial<Record<MailKind, string>> = {
      confirmAddress: 'events.mail.action.confirmAddress',
      offered: 'events.mail.action.accept',
      invitation: 'events.mail.action.answer',
      invitationReminder: 'events.mail.action.answer',
    };
    const content = renderMail({
      greeting: tr('events.mail.greeting', { name: r.name }),
      paragraphs,
      action: kind === 'eventCancelled' || !active ? undefined : { label: tr(actionLabel[kind] ?? 'events.mail.action.see'), url },
      footer,
      siteName: site,
    });
    return {
      to: r.email,
      lang,
      subject: kind === 'message' ? (extra.subject ?? e.title) : tr(`events.mail.${kind}.subject`, params),
      ...content,
      attachments,
      category: 'events',
      dedupeKey: extra.dedupe,
    };
  }

  const changed = (afterCommit: AfterCommit, eventId: string) =>
    afterCommit(async () => {
      platform.mail.wake();
      await platform.bus.publish(`events:${eventId}`, { registrations: true });
    });

  // ---- Seats ---------------------------------------------------------------------------

  /** Seats a newcomer can take now: members' reserved seats are kept from others until their date. */
  async function freeSeatsFor(trx: Kysely<any>, e: EventModel, isMember: boolean, exceptId?: string): Promise<number> {
    if (e.capacity === null) return Number.POSITIVE_INFINITY;
    const taken = await repo.seatsTaken(trx, e.id, exceptId);
    let free = e.capacity - taken.total;
    const reserving = e.membersReserved > 0 && (!e.membersReservedUntil || e.membersReservedUntil > nowIso());
    if (reserving && !isMember) free -= Math.max(0, e.membersReserved - taken.members);
    return free;
  }

  /**
   * Gives freed seats to the waiting list, in order; someone asking for more places than are free
   * is skipped, not the whole list. With an offer period the seat is held, not given.
   * Must run under the event lock.
   */
  async function promote(trx: Kysely<any>, e: EventModel, afterCommit: AfterCommit) {
    if (e.capacity === null || closureOf(e) === 'started') return;
    for (const w of await repo.listWaiting(trx, e.id)) {
      const free = await freeSeatsFor(trx, e, w.is_member === 1);
      if (free <= 0 && (await freeSeatsFor(trx, e, true)) <= 0) break;
      if (free < w.places) continue;
      const now = nowIso();
      if (e.offerHours) {
        const expires = new Date(Date.now() + e.offerHours * 3600_000).toISOString();
        const patch = { status: 'offered' as const, offer_expires_at: expires, updated_at: now };
        await repo.updateRegistration(trx, w.id, patch);
        await mail(trx, e, { ...w, ...patch }, 'offered');
        await platform.jobs.enqueue(trx, JOB_OFFER_EXPIRY, { registrationId: w.id, expires }, { runAt: expires, uniqueKey: `${JOB_OFFER_EXPIRY}:${w.id}:${expires}` });
        afterCommit(() => platform.jobs.runner.wake());
      } else {
        const patch = { status: 'confirmed' as const, confirmed_at: now, updated_at: now };
        await repo.updateRegistration(trx, w.id, patch);
        await mail(trx, e, { ...w, ...patch }, 'promoted');
      }
    }
  }

  async function scheduleReminder(trx: Kysely<any>, e: EventModel) {
    if (e.status !== 'published' || e.registrationMode === 'none' || e.reminderHours <= 0) return;
    const runAt = new Date(Date.parse(e.startsAt) - e.reminderHours * 3600_000).toISOString();
    const now = nowIso();
    if (e.startsAt <= now) return;
    // A reminder whose time has passed (an event moved closer) goes out at once.
    const due = runAt > now ? runAt : now;
    await platform.jobs.enqueue(trx, JOB_REMINDER, { eventId: e.id, revision: e.revision }, { runAt: due, uniqueKey: `${JOB_REMINDER}:${e.id}:${e.revision}` });
  }

  async function publishToCatalog(trx: Kysely<any>, e: EventModel) {
    const catalog = deps.content?.catalog;
    if (!catalog) return;
    if (e.status === 'draft') return catalog.remove(trx, 'event', e.id);
    await catalog.upsert(trx, {
      kind: 'event',
      id: e.id,
      url: `/agenda/${e.slug}`,
      title: e.title,
      summary: e.summary,
      body: [e.description, e.programme.map((p) => p.label).join('\n'), e.placeName, e.placeAddress, e.organisers.join(', ')].filter(Boolean).join('\n'),
      themes: e.themes,
      territory: e.territory,
      format: null,
      membersOnly: false,
      publishedAt: e.publishedAt ?? e.createdAt,
      updatedAt: e.updatedAt,
      startsAt: e.startsAt,
    });
  }

  async function uniqueSlug(trx: Kysely<any>, wanted: string, exceptId?: string) {
    const root = slugify(wanted) || 'rencontre';
    let slug = root;
    for (let i = 2; await repo.slugTaken(trx, slug, exceptId); i++) slug = `${root}-${i}`;
    return slug;
  }

  function rowFromInput(input: EventInput): Omit<EventsTable, 'id' | 'slug' | 'created_at' | 'updated_at' | 'published_at' | 'revision' | 'created_by' | 'seats_taken' | 'member_seats_taken'> {
    return {
      title: input.title,
      summary: input.summary ?? '',
      description: input.description ?? '',
      themes: JSON.stringify(input.themes ?? []),
      territory: input.territory ?? null,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      place_name: input.placeName ?? null,
      place_address: input.placeAddress ?? null,
      online_url: input.onlineUrl ?? null,
      organisers: JSON.stringify(input.organisers ?? []),
      programme: JSON.stringify(input.programme ?? []),
      documents: JSON.stringify(input.documents ?? []),
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

  async function lock(trx: Kysely<any>, eventId: string): Promise<EventModel | null> {
    const row = await repo.lockEvent(trx, platform.dbKind, eventId);
    return row ? toEvent(row) : null;
  }

  async function tokenOf(r: EventRegistrationsTable) {
    return links.personal(r.id, r.link_version);
  }

  // ---- Seating, many at a time ----------------------------------------------------------

  interface SeatRequest {
    pre: EventModel;
    base: EventRegistrationsTable;
    existing: EventRegistrationsTable | undefined;
    isMember: boolean;
    places: number;
    likely: 'confirmed' | 'waiting';
    prepared: OutgoingMail | null;
    token: string;
  }
  type SeatOutcome = RegisterOutcome | 'duplicate';
  const MAX_BATCH = 200;
  /** Seats this instance's registrations in progress expect to get, per event: only to guess which mail to write. */
  const hopedSeats = new Map<string, number>();
  const queues = new Map<string, Array<SeatRequest & { done: (o: SeatOutcome) => void; fail: (err: unknown) => void }>>();

  /**
   * People registering for one event on this instance queue here, and whoever holds the event's lock
   * serves everyone who arrived meanwhile in one transaction. Only one connection per instance and
   * event ever waits for the lock, so a rush does not take the whole pool from the other pages, and
   * the lock is taken once per batch instead of once per person. The queue is only an optimisation:
   * the decision itself is made under the database lock, whatever the number of instances.
   */
  function seatQueue(eventId: string, request: SeatRequest): Promise<SeatOutcome> {
    return new Promise((done, fail) => {
      const queue = queues.get(eventId);
      if (queue) return void queue.push({ ...request, done, fail });
      const fresh = [{ ...request, done, fail }];
      queues.set(eventId, fresh);
      void (async () => {
        while (fresh.length > 0) {
          const batch = fresh.splice(0, MAX_BATCH);
          try {
            const outcomes = await seatBatch(eventId, batch);
            for (const [i, b] of batch.entries()) b.done(outcomes[i]);
          } catch (err) {
            // One bad apple (an address registered meanwhile on another instance...) must not fail the others.
            if (batch.length === 1) batch[0].fail(err);
            else for (const b of batch) await seatBatch(eventId, [b]).then(([o]) => b.done(o), b.fail);
          }
        }
        queues.delete(eventId);
      })();
    });
  }

  /**
   * Seats a batch in arrival order under the event's lock: one lock, one read of the seat counter,
   * the registrations written together, one counter update. The counter update re-checks the
   * capacity in the database, so even a mistake here could not overbook.
   */
  async function seatBatch(eventId: string, batch: SeatRequest[]): Promise<SeatOutcome[]> {
    return transact(db, async (trx, afterCommit) => {
      const row = await repo.lockEvent(trx, platform.dbKind, eventId);
      if (!row) return batch.map(() => ({ kind: 'refused', reason: 'notFound' }) as const);
      const e = toEvent(row);
      // Stamped under the lock, so that the waiting list's order is the order seats were decided in;
      // strictly after the last person waiting, so that no earlier batch's order changes (ties go by id).
      const tail = await repo.waitingTail(trx, eventId);
      const clock = nowIso();
      const now = tail.last && tail.last >= clock ? new Date(Date.parse(tail.last) + 1).toISOString() : clock;
      const counters = { seatsTaken: row.seats_taken, memberSeatsTaken: row.member_seats_taken };
      const emails = new Set<string>();
      // Null until the registration is written (below, all together).
      const outcomes: Array<SeatOutcome | null> = [];
      const written: Array<{ b: SeatRequest; reg: EventRegistrationsTable & { status: 'confirmed' | 'waiting' }; position: number | null; at: number }> = [];
      for (const b of batch) {
        const refusal = refusalOf(e, b.isMember, b.places);
        if (refusal || emails.has(b.base.email!)) {
          outcomes.push(refusal ?? 'duplicate');
          continue;
        }
        emails.add(b.base.email!);
        const status: 'confirmed' | 'waiting' = seatsFreeOn({ ...e, ...counters }, b.isMember, now) >= b.places ? 'confirmed' : 'waiting';
        if (status === 'confirmed') {
          counters.seatsTaken += b.places;
          if (b.isMember) counters.memberSeatsTaken += b.places;
        }
        const reg = { ...b.base, status, confirmed_at: status === 'confirmed' ? now : null, waiting_since: status === 'waiting' ? now : null, updated_at: now };
        written.push({ b, reg, position: null, at: outcomes.length });
        outcomes.push(null);
      }
      // One timestamp for the batch, after everyone already waiting: the list orders the batch by id.
      written
        .filter((w) => w.reg.status === 'waiting')
        .sort((x, y) => (x.reg.id < y.reg.id ? -1 : 1))
        .forEach((w, i) => {
          w.position = tail.count + 1 + i;
        });
      await repo.insertRegistrations(
        trx,
        written.filter((w) => !w.b.existing).map((w) => w.reg),
      );
      for (const w of written) if (w.b.existing && !(await repo.replaceRegistration(trx, w.b.existing, w.reg))) throw new RegistrationRaced();
      const added = counters.seatsTaken - row.seats_taken;
      if (added > 0 && !(await repo.addSeats(trx, eventId, added, counters.memberSeatsTaken - row.member_seats_taken))) throw new Error('events: seat counter refused a batch');
      const mails = await Promise.all(
        written.map(async (w) => (w.reg.status === w.b.likely && e.revision === w.b.pre.revision ? w.b.prepared : compose(e, w.reg, w.reg.status, { position: POSITION_MARK }, trx))),
      );
      await Promise.all(mails.map((m, i) => m && platform.mail.enqueue(trx, withPosition(m, written[i].position))));
      for (const w of written) outcomes[w.at] = { kind: w.reg.status, registration: toRegistration(w.reg), position: w.position, token: w.b.token };
      if (written.length > 0) changed(afterCommit, eventId);
      return outcomes as SeatOutcome[];
    });
  }

  /** Why this person cannot register now, from a copy of the event (null: they can). */
  function refusalOf(e: EventModel, isMember: boolean, places: number): Extract<RegisterOutcome, { kind: 'refused' }> | null {
    const closure = closureOf(e);
    if (closure) return { kind: 'refused', reason: 'closed', closure };
    if (e.registrationMode === 'invitation') return { kind: 'refused', reason: 'invitationOnly' };
    if (e.registrationMode === 'members' && !isMember) return { kind: 'refused', reason: 'membersOnly' };
    if (places < 1 || places > e.maxPlaces) return { kind: 'refused', reason: 'tooManyPlaces' };
    return null;
  }

  /** Same address twice: one registration; the link is sent again to the address, never shown. */
  async function duplicate(e: EventModel, existing: EventRegistrationsTable, user: CurrentUser | null, email: string): Promise<RegisterOutcome> {
    const signedIn = user !== null && user.email.toLowerCase() === email;
    if (!signedIn) {
      const m = await compose(e, existing, existing.status === 'pending' ? 'confirmAddress' : 'duplicate', { dedupe: `events:dup:${existing.id}:${nowIso().slice(0, 15)}` });
      if (m) {
        await transact(db, (trx) => platform.mail.enqueue(trx, m));
        platform.mail.wake();
      }
    }
    return { kind: 'duplicate', registration: toRegistration(existing), token: await tokenOf(existing), signedIn };
  }

  const service = {
    links,
    extensions,
    toIcs,
    icsOf,
    whenText,
    themeNames,

    /** Themes an agenda filter may name, with their names: the catalogue's, and the slugs events carry. */
    async knownThemes(lang: Lang): Promise<Map<string, string>> {
      const [names, inUse] = await Promise.all([themeNames(lang), repo.listThemesInUse(db)]);
      for (const slug of inUse) if (!names.has(slug)) names.set(slug, slug);
      return names;
    },

    // ---- Events --------------------------------------------------------------------------

    async getEvent(id: string): Promise<EventModel | null> {
      const row = await repo.findEventById(db, id);
      return row ? toEvent(row) : null;
    },

    async getEventBySlug(slug: string): Promise<EventModel | null> {
      const row = await repo.findEventBySlug(db, slug);
      return row ? toEvent(row) : null;
    },

    async createEvent(input: EventInput): Promise<EventModel> {
      return transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        const id = newId();
        const row: EventsTable = {
          id,
          slug: await uniqueSlug(trx, input.slug ?? input.title),
          ...rowFromInput(input),
          revision: 1,
          seats_taken: 0,
          member_seats_taken: 0,
          created_by: input.createdBy ?? null,
          created_at: now,
          updated_at: now,
          published_at: (input.status ?? 'draft') !== 'draft' ? now : null,
        };
        await repo.insertEvent(trx, row);
        const e = toEvent(row);
        await publishToCatalog(trx, e);
        await scheduleReminder(trx, e);
        afterCommit(() => platform.bus.publish('events', { id }));
        return e;
      });
    },

    /**
     * Adds a document to the event's page, inside the caller's transaction (the forum attaches its
     * proceedings). The same URL attached again replaces the entry instead of listing it twice.
     */
    async attachDocument(trx: Kysely<any>, eventId: string, doc: { title: string; url: string; format: string; size?: number }): Promise<boolean> {
      const row = await repo.findEventById(trx, eventId);
      if (!row) return false;
      const documents = (JSON.parse(row.documents) as EventDocument[]).filter((d) => d.url !== doc.url);
      documents.push({ title: doc.title, url: doc.url, format: doc.format });
      await repo.updateEvent(trx, eventId, { documents: JSON.stringify(documents), updated_at: nowIso() });
      return true;
    },

    /** Saves an edit; moving or cancelling a published event tells everyone registered. */
    async updateEvent(id: string, input: EventInput): Promise<EventModel | null> {
      return transact(db, async (trx, afterCommit) => {
        const before = await lock(trx, id);
        if (!before) return null;
        const now = nowIso();
        const patch = {
          ...rowFromInput(input),
          slug: input.slug && input.slug !== before.slug ? await uniqueSlug(trx, input.slug, id) : before.slug,
          updated_at: now,
          revision: before.revision + 1,
          published_at: before.publishedAt ?? (input.status !== 'draft' ? now : null),
        };
        await repo.updateEvent(trx, id, patch);
        const e = toEvent((await repo.findEventById(trx, id))!);
        await publishToCatalog(trx, e);
        await scheduleReminder(trx, e);
        const wasLive = before.status === 'published' || before.status === 'postponed';
        const notify = (statuses: RegistrationStatus[], kind: MailKind) =>
          repo.listRegistrations(trx, id, statuses).then((rs) => Promise.all(rs.map((r) => mail(trx, e, r, kind, { dedupe: `events:${kind}:${r.id}:${e.revision}` }))));
        if (wasLive && e.status === 'cancelled') await notify(['confirmed', 'offered', 'waiting', 'pending', 'invited'], 'eventCancelled');
        // Postponed: the date no longer holds and the new one is not known; the registrations are kept for it.
        else if (wasLive && e.status === 'postponed' && before.status !== 'postponed') await notify(['confirmed', 'offered', 'waiting', 'pending', 'invited'], 'eventPostponed');
        else if (wasLive && (e.startsAt !== before.startsAt || e.endsAt !== before.endsAt || e.placeName !== before.placeName || e.placeAddress !== before.placeAddress)) {
          await notify(['confirmed', 'offered', 'waiting'], 'eventMoved');
        }
        // More seats, or fewer reserved ones, may let waiting people in.
        if (e.status === 'published') await promote(trx, e, afterCommit);
        await repo.syncSeats(trx, id);
        changed(afterCommit, id);
        afterCommit(() => platform.bus.publish('events', { id }));
        return e;
      });
    },

    async duplicateEvent(id: string, createdBy: string | null): Promise<EventModel | null> {
      const e = await service.getEvent(id);
      if (!e) return null;
      return service.createEvent({ ...e, title: `${e.title} (copie)`, slug: `${e.slug}-copie`, status: 'draft', createdBy });
    },

    async listAgenda(filter: { when: 'upcoming' | 'past'; theme?: string; territory?: string; month?: string; includeDrafts?: boolean; limit?: number }) {
      const now = nowIso();
      let monthStart: string | undefined;
      let monthEnd: string | undefined;
      if (filter.month && isCalendarMonth(filter.month)) {
        monthStart = parisToIso(`${filter.month}-01`);
        monthEnd = parisToIso(nextMonthStart(filter.month));
      }
      const rows = await repo.listEvents(db, {
        when: filter.when,
        now,
        statuses: filter.includeDrafts ? ['draft', 'published', 'cancelled', 'postponed'] : ['published', 'cancelled', 'postponed'],
        theme: filter.theme,
        territory: filter.territory,
        monthStart,
        monthEnd,
        limit: filter.limit,
      });
      const occ = await repo.occupancy(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => {
        const e = toEvent(r);
        return { event: e, availability: availabilityOf(e, occ.get(e.id)!) };
      });
    },

    async listAllForAdmin() {
      const rows = await repo.listEvents(db, { when: 'all', now: nowIso(), statuses: ['draft', 'published', 'cancelled', 'postponed'] });
      const occ = await repo.occupancy(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({ event: toEvent(r), availability: availabilityOf(toEvent(r), occ.get(r.id)!) }));
    },

    territories: () => repo.listTerritories(db),

    /** The signed-in person's live registration to this event, for the event page. */
    async mineFor(eventId: string, userId: string): Promise<{ url: string; status: RegistrationStatus } | null> {
      const r = await repo.findRegistrationOfUser(db, eventId, userId);
      const e = r && (await repo.findEventById(db, eventId));
      return r && e ? { url: `/agenda/${e.slug}/inscription/${await tokenOf(r)}`, status: r.status } : null;
    },

    async availability(e: EventModel): Promise<Availability> {
      const occ = await repo.occupancy(db, [e.id]);
      return availabilityOf(e, occ.get(e.id)!);
    },

    // ---- Registration --------------------------------------------------------------------

    /**
     * Registers someone. The seat is decided under the event's lock, in the transaction that writes
     * the registration: two people can never both take the last seat, on any number of instances.
     * Everything that needs no lock (reading the event, checking the address, writing the mail, its QR
     * code and .ics) is done before; the people of this instance waiting for the same event's lock are
     * then served together (see seatBatch). Without an account the registration takes no seat and
     * waits for the address to be confirmed (the personal link).
     */
    async register(input: {
      eventId: string;
      event?: EventModel;
      user: CurrentUser | null;
      name: string;
      email: string;
      organisation: string;
      places: number;
      answers: Record<string, string>;
      lang: Lang;
    }): Promise<RegisterOutcome> {
      const email = input.email.trim().toLowerCase();
      // A copy read without lock: enough to refuse early and to write the mail; re-checked under the lock.
      const pre = input.event ?? (await service.getEvent(input.eventId));
      if (!pre) return { kind: 'refused', reason: 'notFound' };
      const isMember = can.readMembersOnly(input.user);
      const refusal = refusalOf(pre, isMember, input.places);
      if (refusal) return refusal;

      const existing = await repo.findRegistrationByEmail(db, pre.id, email);
      if (existing && repo.ACTIVE.includes(existing.status) && existing.status !== 'invited') return duplicate(pre, existing, input.user, email);

      const verified = input.user !== null && input.user.email.toLowerCase() === email;
      const base: EventRegistrationsTable = {
        id: existing?.id ?? newId(),
        event_id: pre.id,
        user_id: input.user?.id ?? null,
        name: input.name.trim(),
        email,
        organisation: input.organisation.trim(),
        places: input.places,
        status: 'pending',
        answers: JSON.stringify(input.answers),
        is_member: isMember ? 1 : 0,
        lang: input.lang,
        source: existing?.source ?? 'web',
        link_version: (existing?.link_version ?? 0) + 1,
        waiting_since: null,
        offer_expires_at: null,
        confirmed_at: null,
        cancelled_at: null,
        checked_in_at: null,
        invited_at: existing?.invited_at ?? null,
        reminded_at: null,
        created_at: existing?.created_at ?? nowIso(),
        updated_at: nowIso(),
      };
      const token = await tokenOf(base);
      const write = async (trx: Kysely<any>, row: EventRegistrationsTable) => {
        if (!existing) return repo.insertRegistration(trx, row);
        if (!(await repo.replaceRegistration(trx, existing, row))) throw new RegistrationRaced();
      };

      try {
        if (!verified) {
          // No seat is taken before the address is proven, so no lock either.
          const m = await compose(pre, base, 'confirmAddress');
          return await transact(db, async (trx, afterCommit) => {
            await write(trx, base);
            if (m) await platform.mail.enqueue(trx, m);
            changed(afterCommit, pre.id);
            return { kind: 'pending', registration: toRegistration(base), position: null, token } as const;
          });
        }

        // Write the likely mail now (the position in line is only known under the lock); seats other
        // requests of this instance are about to take count as taken, or a rush would draw a QR code for all.
        const hoped = hopedSeats.get(pre.id) ?? 0;
        const likely: 'confirmed' | 'waiting' = seatsFreeOn(pre, isMember) - hoped >= input.places ? 'confirmed' : 'waiting';
        if (likely === 'confirmed') hopedSeats.set(pre.id, hoped + input.places);
        try {
          const prepared = await compose(pre, { ...base, status: likely }, likely, { position: POSITION_MARK });
          const outcome = await seatQueue(pre.id, { pre, base, existing, isMember, places: input.places, likely, prepared, token });
          if (outcome === 'duplicate') throw new RegistrationRaced();
          return outcome;
        } finally {
          if (likely === 'confirmed') {
            const left = (hopedSeats.get(pre.id) ?? 0) - input.places;
            if (left > 0) hopedSeats.set(pre.id, left);
            else hopedSeats.delete(pre.id);
          }
        }
      } catch (err) {
        // The same address submitted twice at once: the unique index let one through; this is the other.
        if (!repo.isDuplicateRow(err) && !(err instanceof RegistrationRaced)) throw err;
        const winner = await repo.findRegistrationByEmail(db, pre.id, email);
        if (!winner) throw err;
        return duplicate(pre, winner, input.user, email);
      }
    },

    /** The registration behind a personal link; null when the link is forged or revoked. */
    async findRegistrationByToken(token: string): Promise<{ registration: RegistrationModel; event: EventModel; position: number | null } | null> {
      const id = await links.verifyPersonal(token, versionOf);
      if (!id) return null;
      const row = await repo.findRegistration(db, id);
      if (!row) return null;
      const event = await service.getEvent(row.event_id);
      if (!event) return null;
      return { registration: toRegistration(row), event, position: row.status === 'waiting' ? await repo.waitingPosition(db, row) : null };
    },

    /** Opening the personal link proves the address: a pending registration now gets a seat or a place in line. */
    async confirmAddress(token: string): Promise<'confirmed' | 'waiting' | 'unchanged' | 'closed' | null> {
      const id = await links.verifyPersonal(token, versionOf);
      if (!id) return null;
      const reg = await repo.findRegistration(db, id);
      if (reg?.status !== 'pending') return reg ? 'unchanged' : null;
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, reg.event_id);
        const r = await repo.findRegistration(trx, id);
        if (!e || !r || r.status !== 'pending') return 'unchanged' as const;
        const closure = closureOf(e);
        // A registration made before the deadline may still be confirmed after it; not once the event began.
        if (closure && closure !== 'deadline') return 'closed' as const;
        const now = nowIso();
        const status = (await freeSeatsFor(trx, e, r.is_member === 1)) >= r.places ? 'confirmed' : 'waiting';
        const patch = { status, confirmed_at: status === 'confirmed' ? now : null, waiting_since: status === 'waiting' ? now : null, updated_at: now } as const;
        await repo.updateRegistration(trx, id, patch);
        const row = { ...r, ...patch };
        await mail(trx, e, row, status, { position: status === 'waiting' ? await repo.waitingPosition(trx, row) : 0 });
        await repo.syncSeats(trx, e.id);
        changed(afterCommit, e.id);
        return status;
      });
    },

    /** "Je ne pourrai pas venir": frees the seat and gives it to the next person waiting. */
    async cancelByToken(token: string): Promise<'cancelled' | 'already' | null> {
      const id = await links.verifyPersonal(token, versionOf);
      if (!id) return null;
      return service.cancelRegistration(id, 'person');
    },

    /** `eventId`, when given, must be the registration's event (an animator acts from one event's page). */
    async cancelRegistration(id: string, by: 'person' | 'animator', eventId?: string): Promise<'cancelled' | 'already' | null> {
      const reg = await repo.findRegistration(db, id);
      if (!reg || (eventId !== undefined && reg.event_id !== eventId)) return null;
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, reg.event_id);
        const r = await repo.findRegistration(trx, id);
        if (!e || !r) return null;
        if (!repo.ACTIVE.includes(r.status)) return 'already' as const;
        const now = nowIso();
        const patch = { status: (r.status === 'invited' ? 'declined' : 'cancelled') as RegistrationStatus, cancelled_at: now, offer_expires_at: null, updated_at: now };
        await repo.updateRegistration(trx, id, patch);
        if (r.status !== 'invited' && r.status !== 'pending') await mail(trx, e, { ...r, ...patch }, 'cancelled');
        void by;
        if (r.status === 'confirmed' || r.status === 'offered') await promote(trx, e, afterCommit);
        await repo.syncSeats(trx, e.id);
        changed(afterCommit, e.id);
        return 'cancelled' as const;
      });
    },

    /** Changes name, organisation, answers and places; more places need free seats. */
    async updateRegistration(
      token: string,
      input: { name: string; organisation: string; places: number; answers: Record<string, string> },
    ): Promise<'ok' | 'noSeats' | 'tooManyPlaces' | 'closed' | null> {
      const id = await links.verifyPersonal(token, versionOf);
      if (!id) return null;
      const reg = await repo.findRegistration(db, id);
      if (!reg) return null;
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, reg.event_id);
        const r = await repo.findRegistration(trx, id);
        if (!e || !r || !repo.ACTIVE.includes(r.status)) return 'closed' as const;
        if (e.startsAt <= nowIso()) return 'closed' as const;
        if (input.places < 1 || input.places > e.maxPlaces) return 'tooManyPlaces' as const;
        if (r.status === 'confirmed' && input.places > r.places && (await freeSeatsFor(trx, e, r.is_member === 1, r.id)) < input.places) return 'noSeats' as const;
        const patch = { name: input.name.trim(), organisation: input.organisation.trim(), places: input.places, answers: JSON.stringify(input.answers), updated_at: nowIso() };
        await repo.updateRegistration(trx, id, patch);
        await mail(trx, e, { ...r, ...patch }, 'changed');
        if (input.places < r.places && r.status === 'confirmed') await promote(trx, e, afterCommit);
        await repo.syncSeats(trx, e.id);
        changed(afterCommit, e.id);
        return 'ok' as const;
      });
    },

    /** The person takes the seat offered to them. */
    async acceptOffer(token: string): Promise<'confirmed' | 'expired' | null> {
      const id = await links.verifyPersonal(token, versionOf);
      if (!id) return null;
      const reg = await repo.findRegistration(db, id);
      if (!reg) return null;
      return transact(db, async (trx, afterCommit) => {
        await lock(trx, reg.event_id);
        const e = toEvent((await repo.findEventById(trx, reg.event_id))!);
        const r = (await repo.findRegistration(trx, id))!;
        if (r.status !== 'offered' || (r.offer_expires_at && r.offer_expires_at < nowIso())) return 'expired' as const;
        const now = nowIso();
        const patch = { status: 'confirmed' as const, confirmed_at: now, offer_expires_at: null, updated_at: now };
        await repo.updateRegistration(trx, id, patch);
        await mail(trx, e, { ...r, ...patch }, 'confirmed');
        await repo.syncSeats(trx, e.id);
        changed(afterCommit, e.id);
        return 'confirmed' as const;
      });
    },

    /** Job: an offer nobody took goes to the next person. */
    async expireOffer(registrationId: string): Promise<void> {
      const reg = await repo.findRegistration(db, registrationId);
      if (reg?.status !== 'offered') return;
      await transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, reg.event_id);
        const r = await repo.findRegistration(trx, registrationId);
        if (!e || !r || r.status !== 'offered' || !r.offer_expires_at || r.offer_expires_at > nowIso()) return;
        const patch = { status: 'expired' as const, updated_at: nowIso() };
        await repo.updateRegistration(trx, r.id, patch);
        await mail(trx, e, { ...r, ...patch }, 'offerExpired');
        await promote(trx, e, afterCommit);
        await repo.syncSeats(trx, e.id);
        changed(afterCommit, e.id);
      });
    },

    /** Job: the reminder the day before, to everyone with a seat; a job of an older revision does nothing. */
    async sendReminders(eventId: string, revision: number): Promise<void> {
      await transact(db, async (trx, afterCommit) => {
        const row = await repo.findEventById(trx, eventId);
        if (!row || row.revision !== revision || row.status !== 'published' || row.starts_at <= nowIso()) return;
        const e = toEvent(row);
        for (const r of await repo.listRegistrations(trx, eventId, ['confirmed'])) {
          await mail(trx, e, r, 'reminder', { dedupe: `events:reminder:${r.id}:${revision}` });
        }
        afterCommit(() => platform.mail.wake());
      });
    },

    // ---- Invitations ---------------------------------------------------------------------

    /** Sends personal invitations; an address already on the list is not invited twice. */
    async invite(eventId: string, invitees: Array<{ email: string; name: string; organisation: string }>): Promise<{ invited: number; already: number } | null> {
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, eventId);
        if (!e) return null;
        let invited = 0;
        let already = 0;
        const now = nowIso();
        for (const i of invitees) {
          const existing = await repo.findRegistrationByEmail(trx, eventId, i.email);
          if (existing && existing.status !== 'cancelled' && existing.status !== 'expired') {
            already++;
            continue;
          }
          const row: EventRegistrationsTable = {
            id: existing?.id ?? newId(),
            event_id: eventId,
            user_id: null,
            name: i.name,
            email: i.email,
            organisation: i.organisation,
            places: 1,
            status: 'invited',
            answers: '{}',
            is_member: 0,
            lang: 'fr',
            source: 'invitation',
            link_version: (existing?.link_version ?? 0) + 1,
            waiting_since: null,
            offer_expires_at: null,
            confirmed_at: null,
            cancelled_at: null,
            checked_in_at: null,
            invited_at: now,
            reminded_at: null,
            created_at: existing?.created_at ?? now,
            updated_at: now,
          };
          if (existing) await repo.updateRegistration(trx, existing.id, row);
          else await repo.insertRegistration(trx, row);
          await mail(trx, e, row, 'invitation');
          invited++;
        }
        changed(afterCommit, eventId);
        return { invited, already };
      });
    },

    /** Reminds those who have not answered yet. */
    async remindInvitees(eventId: string): Promise<number> {
      return transact(db, async (trx, afterCommit) => {
        const row = await repo.findEventById(trx, eventId);
        if (!row) return 0;
        const e = toEvent(row);
        const pending = await repo.listRegistrations(trx, eventId, ['invited']);
        const now = nowIso();
        for (const r of pending) {
          await repo.updateRegistration(trx, r.id, { reminded_at: now });
          await mail(trx, e, r, 'invitationReminder');
        }
        afterCommit(() => platform.mail.wake());
        return pending.length;
      });
    },

    /** The invitee's answer: yes registers them (a seat or the waiting list), no closes the invitation. */
    async answerInvitation(
      token: string,
      answer: { yes: boolean; name: string; organisation: string; places: number; answers: Record<string, string> },
    ): Promise<'confirmed' | 'waiting' | 'declined' | 'closed' | 'tooManyPlaces' | 'already' | null> {
      const id = await links.verifyPersonal(token, versionOf);
      if (!id) return null;
      const reg = await repo.findRegistration(db, id);
      if (!reg) return null;
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, reg.event_id);
        const r = await repo.findRegistration(trx, id);
        if (!e || !r) return null;
        if (r.status !== 'invited') return 'already' as const;
        const now = nowIso();
        if (!answer.yes) {
          await repo.updateRegistration(trx, id, { status: 'declined', cancelled_at: now, updated_at: now });
          changed(afterCommit, e.id);
          return 'declined' as const;
        }
        if (closureOf(e)) return 'closed' as const;
        if (answer.places < 1 || answer.places > e.maxPlaces) return 'tooManyPlaces' as const;
        const status = (await freeSeatsFor(trx, e, r.is_member === 1)) >= answer.places ? 'confirmed' : 'waiting';
        const patch = {
          status,
          name: answer.name.trim() || r.name,
          organisation: answer.organisation.trim(),
          places: answer.places,
          answers: JSON.stringify(answer.answers),
          confirmed_at: status === 'confirmed' ? now : null,
          waiting_since: status === 'waiting' ? now : null,
          updated_at: now,
        } as const;
        await repo.updateRegistration(trx, id, patch);
        const row = { ...r, ...patch };
        await mail(trx, e, row, status, { position: status === 'waiting' ? await repo.waitingPosition(trx, row) : 0 });
        await repo.syncSeats(trx, e.id);
        changed(afterCommit, e.id);
        return status;
      });
    },

    // ---- The animator's side -------------------------------------------------------------

    async listRegistrations(eventId: string, statuses?: RegistrationStatus[]) {
      const rows = await repo.listRegistrations(db, eventId, statuses);
      let position = 0;
      return rows.map((r) => ({ ...toRegistration(r), position: r.status === 'waiting' ? ++position : null }));
    },

    /** For the forum module: people with a seat, and their personal token. */
    async listConfirmedRegistrations(eventId: string): Promise<Array<{ id: string; name: string; organisation: string; email: string | null; token: string; places: number }>> {
      const rows = await repo.listRegistrations(db, eventId, ['confirmed']);
      return Promise.all(rows.map(async (r) => ({ id: r.id, name: r.name, organisation: r.organisation, email: r.email, places: r.places, token: await tokenOf(r) })));
    },

    async personalLink(registrationId: string): Promise<string | null> {
      const r = await repo.findRegistration(db, registrationId);
      const e = r && (await repo.findEventById(db, r.event_id));
      return r && e ? personalUrl(e, r) : null;
    },

    async figures(eventId: string) {
      const rows = await repo.countByStatus(db, eventId);
      const by = (s: RegistrationStatus) => rows.find((r) => r.status === s);
      const present = await repo.countCheckedIn(db, eventId);
      const confirmed = Number(by('confirmed')?.places ?? 0);
      const walkIns = (await repo.listRegistrations(db, eventId, ['confirmed'])).filter((r) => r.source === 'walk-in').length;
      return {
        confirmed,
        offered: Number(by('offered')?.places ?? 0),
        waiting: Number(by('waiting')?.n ?? 0),
        pending: Number(by('pending')?.n ?? 0),
        invited: Number(by('invited')?.n ?? 0),
        declined: Number(by('declined')?.n ?? 0),
        cancelled: Number(by('cancelled')?.n ?? 0) + Number(by('expired')?.n ?? 0),
        present: Number(present.places),
        walkIns,
        attendanceRate: confirmed > 0 ? Math.round((Number(present.places) / confirmed) * 100) : null,
      };
    },

    async messageAll(eventId: string, subject: string, body: string, statuses: RegistrationStatus[]): Promise<number> {
      return transact(db, async (trx, afterCommit) => {
        const row = await repo.findEventById(trx, eventId);
        if (!row) return 0;
        const e = toEvent(row);
        const rs = await repo.listRegistrations(trx, eventId, statuses);
        for (const r of rs) await mail(trx, e, r, 'message', { subject, body });
        afterCommit(() => platform.mail.wake());
        return rs.filter((r) => r.email).length;
      });
    },

    /** The registration a QR code points to (scanned at the door by an animator). */
    async findByCheckinCode(eventId: string, code: string) {
      const id = await links.verifyCheckin(code);
      if (!id) return null;
      const r = await repo.findRegistration(db, id);
      return r && r.event_id === eventId ? toRegistration(r) : null;
    },

    async setCheckedIn(eventId: string, registrationId: string, present: boolean): Promise<RegistrationModel | null> {
      return transact(db, async (trx, afterCommit) => {
        const r = await repo.findRegistration(trx, registrationId);
        if (!r || r.event_id !== eventId) return null;
        const patch = { checked_in_at: present ? (r.checked_in_at ?? nowIso()) : null, updated_at: nowIso() };
        await repo.updateRegistration(trx, r.id, patch);
        changed(afterCommit, eventId);
        return toRegistration({ ...r, ...patch });
      });
    },

    /** Someone who comes without having registered: added present, whatever the capacity (they are in the room). */
    async addWalkIn(eventId: string, input: { name: string; organisation: string; email: string | null }): Promise<RegistrationModel | 'duplicate' | null> {
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, eventId);
        if (!e) return null;
        const now = nowIso();
        if (input.email) {
          const existing = await repo.findRegistrationByEmail(trx, eventId, input.email);
          if (existing && repo.ACTIVE.includes(existing.status)) return 'duplicate' as const;
          if (existing) await repo.deleteRegistrations(trx, [existing.id]);
        }
        const row: EventRegistrationsTable = {
          id: newId(),
          event_id: eventId,
          user_id: null,
          name: input.name.trim(),
          email: input.email,
          organisation: input.organisation.trim(),
          places: 1,
          status: 'confirmed',
          answers: '{}',
          is_member: 0,
          lang: 'fr',
          source: 'walk-in',
          link_version: 1,
          waiting_since: null,
          offer_expires_at: null,
          confirmed_at: now,
          cancelled_at: null,
          checked_in_at: now,
          invited_at: null,
          reminded_at: null,
          created_at: now,
          updated_at: now,
        };
        await repo.insertRegistration(trx, row);
        await repo.syncSeats(trx, eventId);
        changed(afterCommit, eventId);
        return toRegistration(row);
      });
    },

    /** Émargement numérique: a drawn signature (PNG) or, without JavaScript, the typed name; the time is kept. */
    async sign(eventId: string, registrationId: string, slot: string, signature: { png: string | null; typedName: string | null }): Promise<boolean> {
      return transact(db, async (trx, afterCommit) => {
        const r = await repo.findRegistration(trx, registrationId);
        const e = await repo.findEventById(trx, eventId);
        if (!r || !e || r.event_id !== eventId || !halfDays(toEvent(e)).includes(slot)) return false;
        const now = nowIso();
        await repo.upsertSignature(trx, { id: newId(), registration_id: r.id, event_id: eventId, slot, signed_at: now, png: signature.png, typed_name: signature.typedName });
        if (!r.checked_in_at) await repo.updateRegistration(trx, r.id, { checked_in_at: now, updated_at: now });
        changed(afterCommit, eventId);
        return true;
      });
    },

    async signatures(eventId: string) {
      return repo.listSignatures(db, eventId);
    },

    /** Demo data only: registrations written as they would be after confirmation, without sending mail. */
    async seedRegistrations(eventId: string, people: Array<{ name: string; email: string; organisation: string; status: 'confirmed' | 'waiting'; answers?: Record<string, string> }>) {
      await transact(db, async (trx) => {
        await lock(trx, eventId);
        let t = Date.parse('2026-11-01T09:00:00Z');
        for (const p of people) {
          const at = new Date((t += 60_000)).toISOString();
          await repo.insertRegistration(trx, {
            id: newId(),
            event_id: eventId,
            user_id: null,
            name: p.name,
            email: p.email,
            organisation: p.organisation,
            places: 1,
            status: p.status,
            answers: JSON.stringify(p.answers ?? {}),
            is_member: 0,
            lang: 'fr',
            source: 'web',
            link_version: 1,
            waiting_since: p.status === 'waiting' ? at : null,
            offer_expires_at: null,
            confirmed_at: p.status === 'confirmed' ? at : null,
            cancelled_at: null,
            checked_in_at: null,
            invited_at: null,
            reminded_at: null,
            created_at: at,
            updated_at: at,
          });
        }
        await repo.syncSeats(trx, eventId);
      });
    },

    // ---- The person's side ---------------------------------------------------------------

    async registrationsOf(user: { id: string; email: string | null }) {
      const rows = await repo.registrationsOfPerson(db, user.id, user.email);
      return Promise.all(
        rows.map(async (r) => ({
          registration: toRegistration(r),
          event: { slug: r.event_slug, title: r.event_title, startsAt: r.event_starts_at, endsAt: r.event_ends_at, status: r.event_status },
          url: `/agenda/${r.event_slug}/inscription/${await tokenOf(r)}`,
        })),
      );
    },

    async exportPersonalData(userId: string, email: string) {
      const rows = await repo.registrationsOfPerson(db, userId, email);
      return rows.map((r) => ({
        event: r.event_title,
        startsAt: r.event_starts_at,
        status: r.status,
        name: r.name,
        email: r.email,
        organisation: r.organisation,
        places: r.places,
        answers: JSON.parse(r.answers),
        registeredAt: r.created_at,
        checkedInAt: r.checked_in_at,
      }));
    },

    /** RGPD erasure: future registrations are deleted (seats freed), past ones are kept as anonymous counts. */
    async erasePersonalData(trx: Kysely<any>, userId: string, email: string) {
      const rows = await repo.registrationsOfPerson(trx, userId, email);
      const now = nowIso();
      const future = rows.filter((r) => r.event_ends_at >= now);
      const past = rows.filter((r) => r.event_ends_at < now);
      for (const r of past) await repo.updateRegistration(trx, r.id, { name: '—', email: null, organisation: '', answers: '{}', user_id: null, updated_at: now });
      await repo.deleteSignaturesOf(
        trx,
        rows.map((r) => r.id),
      );
      const eventIds = [...new Set(future.map((r) => r.event_id))];
      await repo.deleteRegistrations(
        trx,
        future.map((r) => r.id),
      );
      for (const id of eventIds) {
        const e = await lock(trx, id);
        if (!e) continue;
        await promote(trx, e, () => {});
        await repo.syncSeats(trx, id);
      }
    },
  };

  function availabilityOf(e: EventModel, occ: { taken: number; waiting: number }): Availability {
    const remaining = e.capacity === null ? null : Math.max(0, e.capacity - occ.taken);
    return { taken: occ.taken, waiting: occ.waiting, remaining, full: remaining !== null && remaining <= 0, closure: closureOf(e) };
  }

  return service;
}
export type EventsService = ReturnType<typeof createEventsService>;
