import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { nowIso } from '../platform/db/ids.ts';
import type { EventsContext } from './events.context.ts';
import * as repo from './events.repo.ts';
import { toRegistration } from './events.model.ts';
import type { WaitingList } from './events.waiting.ts';

/** A person's registrations: their account page, and the RGPD export and erasure. */
export function createPersonalData(ctx: EventsContext, { promote }: WaitingList) {
  const { db, lock, tokenOf } = ctx;
  return {
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
    async erasePersonalData(trx: Kysely<Database>, userId: string, email: string) {
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
}
