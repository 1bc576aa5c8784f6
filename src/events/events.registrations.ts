import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { can, type CurrentUser } from '../platform/http/access.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { EventsContext } from './events.context.ts';
import { POSITION_MARK, type EventsMail } from './events.mail.ts';
import { closureOf, placesAllowed, refusalOf, registrationRow, toEvent, toRegistration, type EventModel, type RegisterOutcome, type RegistrationModel, type Refusal } from './events.model.ts';
import * as repo from './events.repo.ts';
import { RegistrationRaced, type Seating } from './events.seating.ts';
import type { EventRegistrationsTable, RegistrationStatus } from './events.tables.ts';
import type { WaitingList } from './events.waiting.ts';

/** Registrations from the person's side: registering, confirming the address, changing, cancelling. */
export function createRegistrations(ctx: EventsContext, { mail, compose }: EventsMail, seating: Seating, { promote }: WaitingList) {
  const { platform, db, registrationByToken, tokenOf, lock, changed } = ctx;
  const { freeSeatsFor } = seating;

  async function getEvent(id: string): Promise<EventModel | null> {
    const row = await repo.findEventById(db, id);
    return row ? toEvent(row) : null;
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

  const registrations = {
    /** Why this person cannot register to this event now (null: they can); the same rules `register` applies. */
    refusalFor(e: EventModel, user: CurrentUser | null, places = 1): Refusal | null {
      return refusalOf(e, can.readMembersOnly(user), places);
    },

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
      const pre = input.event ?? (await getEvent(input.eventId));
      if (!pre) return { kind: 'refused', reason: 'notFound' };
      const isMember = can.readMembersOnly(input.user);
      const refusal = refusalOf(pre, isMember, input.places);
      if (refusal) return refusal;

      const existing = await repo.findRegistrationByEmail(db, pre.id, email);
      if (existing && repo.ACTIVE.includes(existing.status) && existing.status !== 'invited') return duplicate(pre, existing, input.user, email);

      const verified = input.user !== null && input.user.email.toLowerCase() === email;
      const base = registrationRow(
        {
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
          invited_at: existing?.invited_at ?? null,
        },
        existing,
        nowIso(),
      );
      const token = await tokenOf(base);
      const write = async (trx: Kysely<Database>, row: EventRegistrationsTable) => {
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

        // Write the likely mail now (the position in line is only known under the lock).
        const { likely, release } = seating.hope(pre, isMember, input.places);
        try {
          const prepared = await compose(pre, { ...base, status: likely }, likely, { position: POSITION_MARK });
          const outcome = await seating.seatQueue(pre.id, { pre, base, existing, isMember, places: input.places, likely, prepared, token });
          if (outcome === 'duplicate') throw new RegistrationRaced();
          return outcome;
        } finally {
          release();
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
      const row = await registrationByToken(token);
      if (!row) return null;
      const event = await getEvent(row.event_id);
      if (!event) return null;
      return { registration: toRegistration(row), event, position: row.status === 'waiting' ? await repo.waitingPosition(db, row) : null };
    },

    /** Opening the personal link proves the address: a pending registration now gets a seat or a place in line. */
    async confirmAddress(token: string): Promise<'confirmed' | 'waiting' | 'unchanged' | 'closed' | null> {
      const reg = await registrationByToken(token);
      if (reg?.status !== 'pending') return reg ? 'unchanged' : null;
      const id = reg.id;
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
      const reg = await registrationByToken(token);
      if (!reg) return null;
      return registrations.cancelRegistration(reg.id, 'person');
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
      const reg = await registrationByToken(token);
      if (!reg) return null;
      const id = reg.id;
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, reg.event_id);
        const r = await repo.findRegistration(trx, id);
        if (!e || !r || !repo.ACTIVE.includes(r.status)) return 'closed' as const;
        if (e.startsAt <= nowIso()) return 'closed' as const;
        if (!placesAllowed(e, input.places)) return 'tooManyPlaces' as const;
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

    /** The signed-in person's live registration to this event, for the event page. */
    async mineFor(eventId: string, userId: string): Promise<{ url: string; status: RegistrationStatus } | null> {
      const r = await repo.findRegistrationOfUser(db, eventId, userId);
      const e = r && (await repo.findEventById(db, eventId));
      return r && e ? { url: `/agenda/${e.slug}/inscription/${await tokenOf(r)}`, status: r.status } : null;
    },
  };
  return registrations;
}
