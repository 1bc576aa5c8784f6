import { sql, type Kysely } from 'kysely';

/**
 * Seats held, kept on the event row itself: a registration takes its seat with one conditional
 * UPDATE of this row (the decision and the lock in one statement) instead of summing the
 * registrations under a lock. Filled here from the registrations already seated.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('events')
    .addColumn('member_seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    UPDATE events SET
      seats_taken = (SELECT COALESCE(SUM(r.places), 0) FROM event_registrations r WHERE r.event_id = events.id AND r.status IN ('confirmed', 'offered')),
      member_seats_taken = (SELECT COALESCE(SUM(r.places), 0) FROM event_registrations r WHERE r.event_id = events.id AND r.status IN ('confirmed', 'offered') AND r.is_member = 1)
  `.execute(db);
}
