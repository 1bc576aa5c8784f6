import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { nowIso } from '../platform/db/ids.ts';
import { transact, type AfterCommit } from '../platform/db/transaction.ts';
import { JOB_OFFER_EXPIRY, type EventsContext } from './events.context.ts';
import type { EventsMail } from './events.mail.ts';
import { closureOf, toEvent, type EventModel } from './events.model.ts';
import * as repo from './events.repo.ts';
import type { Seating } from './events.seating.ts';

/** The waiting list: freed seats given or offered in order, offers taken or lapsing. */
export function createWaitingList(ctx: EventsContext, { mail }: EventsMail, { freeSeatsFor }: Seating) {
  const { platform, db, registrationByToken, lock, changed } = ctx;

  /**
   * Gives freed seats to the waiting list, in order; someone asking for more places than are free
   * is skipped, not the whole list. With an offer period the seat is held, not given.
   * Must run under the event lock.
   */
  async function promote(trx: Kysely<Database>, e: EventModel, afterCommit: AfterCommit) {
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

  return {
    promote,

    /** The person takes the seat offered to them. */
    async acceptOffer(token: string): Promise<'confirmed' | 'expired' | null> {
      const reg = await registrationByToken(token);
      if (!reg) return null;
      const id = reg.id;
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
  };
}
export type WaitingList = ReturnType<typeof createWaitingList>;
