import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../platform/db/database.ts';
import type { Database } from '../database.ts';
import type { EventRegistrationsTable, EventsTable, EventSignaturesTable, RegistrationStatus } from './events.tables.ts';

type Db = Kysely<Database>;

/** Statuses that hold seats. */
export const SEATED: RegistrationStatus[] = ['confirmed', 'offered'];
/** Statuses of a live registration (the person still expects something from us). */
export const ACTIVE: RegistrationStatus[] = ['invited', 'pending', 'confirmed', 'offered', 'waiting'];

export function insertEvent(db: Db, row: EventsTable) {
  return db.insertInto('events').values(row).execute();
}

export function updateEvent(db: Db, id: string, patch: Partial<EventsTable>) {
  return db.updateTable('events').set(patch).where('id', '=', id).execute();
}

export function findEventById(db: Db, id: string) {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEventBySlug(db: Db, slug: string) {
  return db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string, exceptId?: string) {
  let q = db.selectFrom('events').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Takes the event's row lock for the rest of the transaction: every decision about seats is made
 * by one transaction at a time per event, on one instance or several. PostgreSQL locks the row;
 * SQLite has a single writer, and a first write makes the transaction take it at once instead of
 * upgrading a read lock later (which can fail with SQLITE_BUSY under load).
 */
export async function lockEvent(db: Db, kind: DatabaseKind, id: string): Promise<EventsTable | undefined> {
  if (kind === 'postgres') return db.selectFrom('events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  await db.updateTable('events').set({ revision: sql`revision` }).where('id', '=', id).execute();
  return findEventById(db, id);
}

/**
 * Adds seats decided under the event lock. The capacity is checked again by the database itself:
 * false (and nothing changed) if they do not fit, which would be a bug in the caller.
 */
export async function addSeats(db: Db, eventId: string, places: number, memberPlaces: number): Promise<boolean> {
  const res = await db
    .updateTable('events')
    .set((eb) => ({ seats_taken: eb('seats_taken', '+', places), member_seats_taken: eb('member_seats_taken', '+', memberPlaces) }))
    .where('id', '=', eventId)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb(eb('seats_taken', '+', places), '<=', eb.ref('capacity'))]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Recounts the seat counters from the registrations. Only under a lock taken by an earlier
 * statement of the same transaction: on PostgreSQL the sums are read with the statement's snapshot,
 * which must not predate the lock.
 */
export function syncSeats(db: Db, eventId: string) {
  const sum = (members: boolean) =>
    sql<number>`(SELECT COALESCE(SUM(r.places), 0) FROM event_registrations r WHERE r.event_id = ${eventId} AND r.status IN ('confirmed', 'offered')${members ? sql` AND r.is_member = 1` : sql``})`;
  return db
    .updateTable('events')
    .set({ seats_taken: sum(false), member_seats_taken: sum(true) })
    .where('id', '=', eventId)
    .execute();
}

export interface ListFilter {
  /** calendar: past and upcoming alike, in date order (the month view). */
  when: 'upcoming' | 'past' | 'all' | 'calendar';
  now: string;
  statuses: EventsTable['status'][];
  theme?: string;
  territory?: string;
  kind?: EventsTable['kind'];
  /** Online: a connection link (or a webinar); on site: a place. A hybrid event is both. */
  mode?: 'online' | 'onsite';
  /** Month "2027-03": events overlapping it (bounds given in UTC ISO by the caller). */
  monthStart?: string;
  monthEnd?: string;
  limit?: number;
}

export function listEvents(db: Db, f: ListFilter) {
  let q = db.selectFrom('events').selectAll().where('status', 'in', f.statuses);
  if (f.when === 'upcoming') q = q.where('ends_at', '>=', f.now).orderBy('starts_at', 'asc');
  else if (f.when === 'past') q = q.where('ends_at', '<', f.now).orderBy('starts_at', 'desc');
  else if (f.when === 'calendar') q = q.orderBy('starts_at', 'asc');
  else q = q.orderBy('starts_at', 'desc');
  // Themes are a small JSON array of slugs: a quoted match is exact and works on both databases.
  if (f.theme) q = q.where('themes', 'like', `%"${f.theme.replace(/[%_"\\]/g, '')}"%`);
  if (f.territory) q = q.where('territory', '=', f.territory);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.mode === 'online') q = q.where((eb) => eb.or([eb('online_url', 'is not', null), eb('kind', '=', 'webinaire')]));
  if (f.mode === 'onsite') q = q.where((eb) => eb.or([eb('place_name', 'is not', null), eb('place_address', 'is not', null)]));
  if (f.monthStart && f.monthEnd) q = q.where('starts_at', '<', f.monthEnd).where('ends_at', '>=', f.monthStart);
  if (f.limit) q = q.limit(f.limit);
  return q.orderBy('id').execute();
}

/** Theme slugs carried by events visitors can see: with the catalogue's, the only ones a filter may name. */
export async function listThemesInUse(db: Db) {
  const rows = await db.selectFrom('events').select('themes').distinct().where('status', '!=', 'draft').execute();
  return [...new Set(rows.flatMap((r) => JSON.parse(r.themes) as string[]))];
}

export async function listTerritories(db: Db) {
  const rows = await db.selectFrom('events').select('territory').distinct().where('territory', 'is not', null).where('status', '!=', 'draft').orderBy('territory').execute();
  return rows.map((r) => r.territory!);
}

/** Seats taken (all, and by members), optionally leaving one registration out (a change of places). */
export async function seatsTaken(db: Db, eventId: string, exceptId?: string) {
  let q = db
    .selectFrom('event_registrations')
    .select([
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('places'), eb.lit(0)).as('total'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('is_member', '=', 1).then(eb.ref('places')).else(0).end()), eb.lit(0)).as('members'),
    ])
    .where('event_id', '=', eventId)
    .where('status', 'in', SEATED);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const row = await q.executeTakeFirstOrThrow();
  return { total: Number(row.total), members: Number(row.members) };
}

/** Seats taken and waiting count of many events at once (agenda cards). */
export async function occupancy(db: Db, eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, { taken: number; waiting: number }>();
  const rows = await db
    .selectFrom('event_registrations')
    .select(['event_id', 'status', (eb) => eb.fn.sum<number>('places').as('n')])
    .where('event_id', 'in', eventIds)
    .where('status', 'in', ['confirmed', 'offered', 'waiting'])
    .groupBy(['event_id', 'status'])
    .execute();
  const map = new Map<string, { taken: number; waiting: number }>();
  for (const id of eventIds) map.set(id, { taken: 0, waiting: 0 });
  for (const r of rows) {
    const o = map.get(r.event_id)!;
    if (r.status === 'waiting') o.waiting += Number(r.n);
    else o.taken += Number(r.n);
  }
  return map;
}

export function findRegistration(db: Db, id: string) {
  return db.selectFrom('event_registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRegistrationByEmail(db: Db, eventId: string, email: string) {
  return db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).where('email', '=', email).executeTakeFirst();
}

export function findRegistrationOfUser(db: Db, eventId: string, userId: string) {
  return db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).where('user_id', '=', userId).where('status', 'in', ACTIVE).executeTakeFirst();
}

export function insertRegistration(db: Db, row: EventRegistrationsTable) {
  return db.insertInto('event_registrations').values(row).execute();
}

/** Many rows in one statement (a batch of 200 stays far below both databases' parameter limits). */
export async function insertRegistrations(db: Db, rows: EventRegistrationsTable[]) {
  if (rows.length > 0) await db.insertInto('event_registrations').values(rows).execute();
}

/**
 * Overwrites a registration only if nobody changed it since it was read (same status and link
 * version): two submissions reusing one old row cannot both count. False when it had changed.
 */
export async function replaceRegistration(db: Db, before: EventRegistrationsTable, row: EventRegistrationsTable): Promise<boolean> {
  const res = await db.updateTable('event_registrations').set(row).where('id', '=', before.id).where('status', '=', before.status).where('link_version', '=', before.link_version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The error of a second row for the same address and event (unique index), on either database. */
export function isDuplicateRow(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function updateRegistration(db: Db, id: string, patch: Partial<EventRegistrationsTable>) {
  return db.updateTable('event_registrations').set(patch).where('id', '=', id).execute();
}

/** The waiting list, first come first served. */
export function listWaiting(db: Db, eventId: string) {
  return db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).where('status', '=', 'waiting').orderBy('waiting_since').orderBy('id').execute();
}

export async function waitingPosition(db: Db, reg: EventRegistrationsTable): Promise<number> {
  const row = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', reg.event_id)
    .where('status', '=', 'waiting')
    .where((eb) => eb.or([eb('waiting_since', '<', reg.waiting_since!), eb.and([eb('waiting_since', '=', reg.waiting_since!), eb('id', '<', reg.id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** How long the waiting list is and when its last person joined (to append after them, ties excluded). */
export async function waitingTail(db: Db, eventId: string): Promise<{ count: number; last: string | null }> {
  const row = await db
    .selectFrom('event_registrations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('waiting_since').as('last')])
    .where('event_id', '=', eventId)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), last: row.last ?? null };
}

export function listRegistrations(db: Db, eventId: string, statuses?: RegistrationStatus[]) {
  let q = db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId);
  if (statuses) q = q.where('status', 'in', statuses);
  // Ties on the waiting list go by id, as the seating batch and positionOf decide them; only rows off
  // the list are ordered by when they were made.
  return q.orderBy('waiting_since').orderBy(sql`case when waiting_since is null then created_at end`).orderBy('id').execute();
}

export function countByStatus(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('places').as('places')])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
}

export function countCheckedIn(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('places'), eb.lit(0)).as('places')])
    .where('event_id', '=', eventId)
    .where('checked_in_at', 'is not', null)
    .executeTakeFirstOrThrow();
}

/** A person's registrations, by account or by address (registered before having an account). */
export function registrationsOfPerson(db: Db, userId: string | null, email: string | null) {
  return db
    .selectFrom('event_registrations')
    .innerJoin('events', 'events.id', 'event_registrations.event_id')
    .selectAll('event_registrations')
    .select(['events.slug as event_slug', 'events.title as event_title', 'events.starts_at as event_starts_at', 'events.ends_at as event_ends_at', 'events.status as event_status'])
    .where((eb) => {
      const ors = [];
      if (userId) ors.push(eb('event_registrations.user_id', '=', userId));
      if (email) ors.push(eb('event_registrations.email', '=', email.toLowerCase()));
      return ors.length ? eb.or(ors) : eb.lit(false);
    })
    .orderBy('events.starts_at', 'desc')
    .execute();
}

export function deleteRegistrations(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve();
  return db.deleteFrom('event_registrations').where('id', 'in', ids).execute();
}

export function upsertSignature(db: Db, row: EventSignaturesTable) {
  return db
    .insertInto('event_signatures')
    .values(row)
    .onConflict((oc) => oc.columns(['registration_id', 'slot']).doUpdateSet({ signed_at: row.signed_at, png: row.png, typed_name: row.typed_name }))
    .execute();
}

export function listSignatures(db: Db, eventId: string) {
  return db.selectFrom('event_signatures').selectAll().where('event_id', '=', eventId).execute();
}

export function deleteSignaturesOf(db: Db, registrationIds: string[]) {
  if (registrationIds.length === 0) return Promise.resolve();
  return db.deleteFrom('event_signatures').where('registration_id', 'in', registrationIds).execute();
}

export function offersDue(db: Db, now: string) {
  return db.selectFrom('event_registrations').selectAll().where('status', '=', 'offered').where('offer_expires_at', '<=', now).execute();
}
