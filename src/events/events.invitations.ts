import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { EventsContext } from './events.context.ts';
import * as repo from './events.repo.ts';
import type { EventsMail } from './events.mail.ts';
import { closureOf, placesAllowed, registrationRow, toEvent } from './events.model.ts';
import type { Seating } from './events.seating.ts';

/** Personal invitations: sending them, reminding, and the invitee's answer. */
export function createInvitations(ctx: EventsContext, { mail }: EventsMail, { freeSeatsFor }: Seating) {
  const { db, platform, registrationByToken, lock, changed } = ctx;
  return {
    /**
     * What the animator is told before inviting: the seats left (null: no limit), the people waiting,
     * and the invitations not answered yet, which may take seats first.
     */
    async invitationSeats(eventId: string): Promise<{ capacity: number | null; remaining: number | null; waiting: number; unanswered: number } | null> {
      const row = await repo.findEventById(db, eventId);
      if (!row) return null;
      const e = toEvent(row);
      const [free, counts] = await Promise.all([freeSeatsFor(db, e, false), repo.countByStatus(db, eventId)]);
      const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
      return { capacity: e.capacity, remaining: e.capacity === null ? null : Math.max(0, free), waiting: count('waiting'), unanswered: count('invited') };
    },

    /** Sends personal invitations; an address already on the list is not invited twice. A full event says so in the invitation. */
    async invite(eventId: string, invitees: Array<{ email: string; name: string; organisation: string }>): Promise<{ invited: number; already: number } | null> {
      return transact(db, async (trx, afterCommit) => {
        const e = await lock(trx, eventId);
        if (!e) return null;
        let invited = 0;
        let already = 0;
        const now = nowIso();
        const full = (await freeSeatsFor(trx, e, false)) <= 0;
        for (const i of invitees) {
          const existing = await repo.findRegistrationByEmail(trx, eventId, i.email);
          if (existing && existing.status !== 'cancelled' && existing.status !== 'expired') {
            already++;
            continue;
          }
          const row = registrationRow(
            { id: existing?.id ?? newId(), event_id: eventId, name: i.name, email: i.email, organisation: i.organisation, status: 'invited', source: 'invitation', invited_at: now },
            existing,
            now,
          );
          if (existing) await repo.updateRegistration(trx, existing.id, row);
          else await repo.insertRegistration(trx, row);
          await mail(trx, e, row, 'invitation', { full });
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
        const full = (await freeSeatsFor(trx, e, false)) <= 0;
        for (const r of pending) {
          await repo.updateRegistration(trx, r.id, { reminded_at: now });
          await mail(trx, e, r, 'invitationReminder', { full });
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
      const reg = await registrationByToken(token);
      if (!reg) return null;
      const id = reg.id;
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
        if (!placesAllowed(e, answer.places)) return 'tooManyPlaces' as const;
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
  };
}
