import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { OutgoingMail } from '../platform/mail/outbox.ts';
import type { EventsContext } from './events.context.ts';
import { POSITION_MARK, withPosition, type EventsMail } from './events.mail.ts';
import { toEvent, toRegistration, type EventModel, type RegisterOutcome } from './events.model.ts';
import * as repo from './events.repo.ts';
import { likelyStatus, planSeats, seatsFreeOn } from './events.seat-math.ts';
import type { EventRegistrationsTable } from './events.tables.ts';

/** Thrown inside a registration transaction when the row it meant to reuse changed meanwhile. */
export class RegistrationRaced extends Error {}

export interface SeatRequest {
  pre: EventModel;
  base: EventRegistrationsTable;
  existing: EventRegistrationsTable | undefined;
  isMember: boolean;
  places: number;
  likely: 'confirmed' | 'waiting';
  prepared: OutgoingMail | null;
  token: string;
}
export type SeatOutcome = RegisterOutcome | 'duplicate';
const MAX_BATCH = 200;

/**
 * Seats under the event's lock (decision 0007): the seat counter on the event row, and the
 * per-instance batching of registrations arriving for one event.
 */
export function createSeating(ctx: EventsContext, mailer: EventsMail) {
  const { platform, db, changed } = ctx;
  /** Seats this instance's registrations in progress expect to get, per event: only to guess which mail to write. */
  const hopedSeats = new Map<string, number>();
  const queues = new Map<string, Array<SeatRequest & { done: (o: SeatOutcome) => void; fail: (err: unknown) => void }>>();

  /** Seats a newcomer can take now, counted from the registrations: members' reserved seats are kept from others until their date. */
  async function freeSeatsFor(trx: Kysely<Database>, e: EventModel, isMember: boolean, exceptId?: string): Promise<number> {
    if (e.capacity === null) return Number.POSITIVE_INFINITY;
    const taken = await repo.seatsTaken(trx, e.id, exceptId);
    return seatsFreeOn({ ...e, seatsTaken: taken.total, memberSeatsTaken: taken.members }, isMember);
  }

  /**
   * Guesses, before the lock, whether a registration will get a seat, and counts its places as hoped
   * for until `release()`: seats other requests of this instance are about to take count as taken,
   * or a rush would draw a QR code for all.
   */
  function hope(e: EventModel, isMember: boolean, places: number): { likely: 'confirmed' | 'waiting'; release(): void } {
    const hoped = hopedSeats.get(e.id) ?? 0;
    const likely = likelyStatus(e, isMember, places, hoped);
    if (likely === 'confirmed') hopedSeats.set(e.id, hoped + places);
    return {
      likely,
      release() {
        if (likely !== 'confirmed') return;
        const left = (hopedSeats.get(e.id) ?? 0) - places;
        if (left > 0) hopedSeats.set(e.id, left);
        else hopedSeats.delete(e.id);
      },
    };
  }

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
      const plan = planSeats(
        e,
        batch.map((b) => ({ id: b.base.id, email: b.base.email!, isMember: b.isMember, places: b.places })),
        { now, clock, waitingAhead: tail.count },
      );
      // Null until the registration is written (below, all together).
      const outcomes: Array<SeatOutcome | null> = [];
      const written: Array<{ b: SeatRequest; reg: EventRegistrationsTable & { status: 'confirmed' | 'waiting' }; position: number | null; at: number }> = [];
      for (const [i, d] of plan.decisions.entries()) {
        if (d === 'duplicate' || 'kind' in d) {
          outcomes.push(d);
          continue;
        }
        const b = batch[i];
        const reg = { ...b.base, status: d.status, confirmed_at: d.status === 'confirmed' ? now : null, waiting_since: d.status === 'waiting' ? now : null, updated_at: now };
        written.push({ b, reg, position: d.position, at: i });
        outcomes.push(null);
      }
      await repo.insertRegistrations(
        trx,
        written.filter((w) => !w.b.existing).map((w) => w.reg),
      );
      for (const w of written) if (w.b.existing && !(await repo.replaceRegistration(trx, w.b.existing, w.reg))) throw new RegistrationRaced();
      const added = plan.seatsTaken - row.seats_taken;
      if (added > 0 && !(await repo.addSeats(trx, eventId, added, plan.memberSeatsTaken - row.member_seats_taken))) throw new Error('events: seat counter refused a batch');
      const mails = await Promise.all(
        written.map(async (w) => (w.reg.status === w.b.likely && e.revision === w.b.pre.revision ? w.b.prepared : mailer.compose(e, w.reg, w.reg.status, { position: POSITION_MARK }, trx))),
      );
      await Promise.all(mails.map((m, i) => m && platform.mail.enqueue(trx, withPosition(m, written[i].position))));
      for (const w of written) outcomes[w.at] = { kind: w.reg.status, registration: toRegistration(w.reg), position: w.position, token: w.b.token };
      if (written.length > 0) changed(afterCommit, eventId);
      return outcomes as SeatOutcome[];
    });
  }

  return { freeSeatsFor, hope, seatQueue };
}
export type Seating = ReturnType<typeof createSeating>;
