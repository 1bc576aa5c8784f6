import { newId } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { EventsContext } from './events.context.ts';
import * as repo from './events.repo.ts';
import type { EventsMail } from './events.mail.ts';
import { registrationRow, toEvent, toRegistration } from './events.model.ts';
import type { RegistrationStatus } from './events.tables.ts';

/** The animator's side of registrations: lists, figures, messages to everyone; the demo's registrations. */
export function createRoster(ctx: EventsContext, { mail }: EventsMail) {
  const { db, platform, lock, tokenOf, personalUrl } = ctx;
  return {
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

    /** Demo data only: registrations written as they would be after confirmation, without sending mail. */
    async seedRegistrations(eventId: string, people: Array<{ name: string; email: string; organisation: string; status: 'confirmed' | 'waiting'; answers?: Record<string, string> }>) {
      await transact(db, async (trx) => {
        await lock(trx, eventId);
        let t = Date.parse('2026-11-01T09:00:00Z');
        for (const p of people) {
          const at = new Date((t += 60_000)).toISOString();
          await repo.insertRegistration(
            trx,
            registrationRow(
              {
                id: newId(),
                event_id: eventId,
                name: p.name,
                email: p.email,
                organisation: p.organisation,
                status: p.status,
                answers: JSON.stringify(p.answers ?? {}),
                source: 'web',
                waiting_since: p.status === 'waiting' ? at : null,
                confirmed_at: p.status === 'confirmed' ? at : null,
              },
              null,
              at,
            ),
          );
        }
        await repo.syncSeats(trx, eventId);
      });
    },
  };
}
