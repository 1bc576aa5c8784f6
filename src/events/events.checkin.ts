import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { EventsContext } from './events.context.ts';
import * as repo from './events.repo.ts';
import { halfDays, registrationRow, toRegistration, type RegistrationModel } from './events.model.ts';
import { toEvent } from './events.model.ts';

/** At the door: the QR code, ticking people present, walk-ins, the signed sign-in sheet. */
export function createCheckin(ctx: EventsContext) {
  const { db, links, lock, changed } = ctx;
  return {
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
        const row = registrationRow(
          {
            id: newId(),
            event_id: eventId,
            name: input.name.trim(),
            email: input.email,
            organisation: input.organisation.trim(),
            status: 'confirmed',
            source: 'walk-in',
            confirmed_at: now,
            checked_in_at: now,
          },
          null,
          now,
        );
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
  };
}
