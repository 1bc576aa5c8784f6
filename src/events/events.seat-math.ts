/**
 * Seat arithmetic without the database: how many seats a newcomer may take, and how one batch of
 * registrations is seated in arrival order (decision 0007). Unit-tested in events.seat-math.test.ts.
 */
import { nowIso } from '../platform/db/ids.ts';
import { refusalOf, type EventModel, type Refusal } from './events.model.ts';

type SeatFields = Pick<EventModel, 'capacity' | 'seatsTaken' | 'memberSeatsTaken' | 'membersReserved' | 'membersReservedUntil'>;

/** Seats a newcomer could take according to the event's counters (members' reserved seats kept from others). */
export function seatsFreeOn(e: SeatFields, isMember: boolean, now = nowIso()): number {
  if (e.capacity === null) return Number.POSITIVE_INFINITY;
  let free = e.capacity - e.seatsTaken;
  if (!isMember && e.membersReserved > 0 && (!e.membersReservedUntil || e.membersReservedUntil > now)) free -= Math.max(0, e.membersReserved - e.memberSeatsTaken);
  return free;
}

/**
 * The status a registration will most likely get, guessed before the lock to write its mail early:
 * `hoped` counts the seats other registrations of this instance, still in progress, expect to take.
 */
export function likelyStatus(e: SeatFields, isMember: boolean, places: number, hoped: number, now = nowIso()): 'confirmed' | 'waiting' {
  return seatsFreeOn(e, isMember, now) - hoped >= places ? 'confirmed' : 'waiting';
}

export interface SeatAsk {
  id: string;
  email: string;
  isMember: boolean;
  places: number;
}

export type SeatDecision = Refusal | 'duplicate' | { status: 'confirmed' | 'waiting'; position: number | null };

/**
 * Seats a batch in arrival order from the event's counters, as read under its lock. Waiting people
 * of the batch go after the `waitingAhead` already in line, ordered among themselves by id (they share
 * one timestamp). `now` is the batch's stamp (for members' reserved seats), `clock` the time the
 * registration rules are checked against. Returns the counters after the batch.
 */
export function planSeats(e: EventModel, asks: SeatAsk[], at: { now: string; clock: string; waitingAhead: number }): { decisions: SeatDecision[]; seatsTaken: number; memberSeatsTaken: number } {
  const counters = { seatsTaken: e.seatsTaken, memberSeatsTaken: e.memberSeatsTaken };
  const emails = new Set<string>();
  const decisions: SeatDecision[] = [];
  const waiting: Array<{ id: string; decision: { status: 'waiting'; position: number | null } }> = [];
  for (const ask of asks) {
    const refusal = refusalOf(e, ask.isMember, ask.places, at.clock);
    if (refusal || emails.has(ask.email)) {
      decisions.push(refusal ?? 'duplicate');
      continue;
    }
    emails.add(ask.email);
    if (seatsFreeOn({ ...e, ...counters }, ask.isMember, at.now) >= ask.places) {
      counters.seatsTaken += ask.places;
      if (ask.isMember) counters.memberSeatsTaken += ask.places;
      decisions.push({ status: 'confirmed', position: null });
    } else {
      const decision = { status: 'waiting' as const, position: null };
      waiting.push({ id: ask.id, decision });
      decisions.push(decision);
    }
  }
  waiting.sort((x, y) => (x.id < y.id ? -1 : 1));
  for (const [i, w] of waiting.entries()) w.decision.position = at.waitingAhead + 1 + i;
  return { decisions, ...counters };
}
