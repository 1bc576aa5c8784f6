import { newId, nowIso, randomToken } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { NewsletterContext } from './newsletter.context.ts';
import * as repo from './newsletter.repo.ts';
import type { NewsletterSubscribersTable } from './newsletter.tables.ts';

/** A subscriber brought from another service, with the consent proof that service kept. */
export interface ImportedSubscriber {
  email: string;
  status: 'confirmed' | 'unsubscribed' | 'bounced';
  requestedAt: string;
  confirmedAt: string | null;
  /** When the person left (unsubscribed or cleaned). */
  leftAt: string | null;
  consentText: string;
  consentSource: string;
}

// "Do not mail" always wins: an import never makes someone who left a subscriber again.
const RANK = { pending: 0, confirmed: 1, unsubscribed: 2, bounced: 3 } as const;

/** Subscribers imported from Mailchimp or Brevo (the imports module): nobody is mailed, nobody asked to confirm again. */
export function createSubscriberImport({ db }: NewsletterContext) {
  return {
    async importSubscriber(input: ImportedSubscriber): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
      const email = input.email.trim().toLowerCase();
      return transact(db, async (trx) => {
        const now = nowIso();
        const existing = await repo.findSubscriberByEmail(trx, email);
        const left = input.status !== 'confirmed';
        if (!existing) {
          const id = newId();
          await repo.insertSubscriber(trx, {
            id,
            email,
            lang: 'fr',
            themes: '[]',
            territory: null,
            status: input.status,
            token: randomToken(24),
            confirm_token_hash: null,
            confirm_sent_at: null,
            consent_text: input.consentText,
            consent_source: input.consentSource,
            requested_at: input.requestedAt,
            confirmed_at: input.confirmedAt,
            unsubscribed_at: input.status === 'unsubscribed' ? input.leftAt : null,
            bounced_at: input.status === 'bounced' ? input.leftAt : null,
            created_at: now,
            updated_at: now,
          });
          return { id, outcome: 'created' as const };
        }
        const patch: Partial<NewsletterSubscribersTable> = {};
        if (RANK[input.status] > RANK[existing.status]) {
          patch.status = input.status;
          if (input.status === 'unsubscribed') patch.unsubscribed_at = input.leftAt;
          if (input.status === 'bounced') patch.bounced_at = input.leftAt;
          patch.confirm_token_hash = null;
          // A pending request of this site is replaced by the proof the other service kept.
          if (existing.status === 'pending' && input.status === 'confirmed') {
            Object.assign(patch, { consent_text: input.consentText, consent_source: input.consentSource, requested_at: input.requestedAt, confirmed_at: input.confirmedAt });
          }
        }
        if (Object.keys(patch).length === 0) return { id: existing.id, outcome: 'unchanged' as const };
        await repo.updateSubscriber(trx, existing.id, { ...patch, updated_at: now });
        if (left) await repo.withdrawQueuedMail(trx, existing.id);
        return { id: existing.id, outcome: 'updated' as const };
      });
    },
  };
}
