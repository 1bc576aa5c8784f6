import type { Database } from '../database.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { NewsletterContext } from './newsletter.context.ts';
import { renderConfirmMail } from './newsletter.mail.tsx';
import { csvLine } from '../platform/csv.ts';
import { exportRow, isTerritory } from './newsletter.model.ts';
import * as repo from './newsletter.repo.ts';
import { asTables, type ForeignTransaction } from '../platform/db/database.ts';

const CONFIRM_VALID_DAYS = 7;
const RESEND_CONFIRM_AFTER_MS = 10 * 60_000;

export type ConfirmResult = 'confirmed' | 'already' | 'invalid';
export type UnsubscribeResult = 'done' | 'already' | 'invalid';

/** Subscriptions: double opt-in, unsubscribing, bounces, the subscriber's own data, the consent export. */
export function createSubscriptions({ platform, db, t, publicUrl, siteName }: NewsletterContext) {
  return {
    /**
     * Asks for a subscription; the answer is the same whatever the address's state, so that the
     * form tells nobody who is subscribed. A confirmation link is mailed at most every ten minutes.
     */
    async subscribe(input: { email: string; themes: string[]; territory?: string | null; lang: Lang; consentText: string; source: string }) {
      const email = input.email.trim().toLowerCase();
      await transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        const existing = await repo.findSubscriberByEmail(trx, email);
        if (existing?.status === 'confirmed') return;
        if (existing?.status === 'pending' && existing.confirm_sent_at && Date.now() - Date.parse(existing.confirm_sent_at) < RESEND_CONFIRM_AFTER_MS) return;
        const confirmToken = randomToken(32);
        const fields = {
          lang: input.lang,
          themes: JSON.stringify(input.themes),
          territory: isTerritory(input.territory) ? input.territory : null,
          status: 'pending' as const,
          confirm_token_hash: sha256(confirmToken),
          confirm_sent_at: now,
          consent_text: input.consentText,
          consent_source: input.source,
          requested_at: now,
          confirmed_at: null,
          unsubscribed_at: null,
          updated_at: now,
        };
        let id: string;
        if (existing) {
          id = existing.id;
          await repo.updateSubscriber(trx, id, fields);
        } else {
          id = newId();
          await repo.insertSubscriber(trx, { id, email, token: randomToken(24), bounced_at: null, created_at: now, ...fields });
        }
        const mail = renderConfirmMail({ t: t(input.lang), siteName, url: `${publicUrl}/lettre/confirmer/${confirmToken}` });
        await platform.mail.enqueue(trx, {
          to: email,
          lang: input.lang,
          subject: t(input.lang)('newsletter.mail.confirm.subject'),
          ...mail,
          category: 'newsletter-confirm',
          dedupeKey: `newsletter:confirm:${id}:${sha256(confirmToken).slice(0, 16)}`,
        });
        afterCommit(() => platform.mail.wake());
      });
    },

    /** What the confirmation page says before the person clicks the button. */
    async confirmState(token: string): Promise<ConfirmResult | 'ready'> {
      const s = await repo.findSubscriberByConfirmHash(db, sha256(token));
      if (!s) return 'invalid';
      if (s.status === 'confirmed') return 'already';
      if (s.status !== 'pending' || !s.confirm_sent_at || Date.now() - Date.parse(s.confirm_sent_at) > CONFIRM_VALID_DAYS * 86400_000) return 'invalid';
      return 'ready';
    },

    async confirm(token: string): Promise<ConfirmResult> {
      return transact(db, async (trx) => {
        const s = await repo.findSubscriberByConfirmHash(trx, sha256(token));
        if (!s) return 'invalid';
        if (s.status === 'confirmed') return 'already';
        if (s.status !== 'pending' || !s.confirm_sent_at || Date.now() - Date.parse(s.confirm_sent_at) > CONFIRM_VALID_DAYS * 86400_000) return 'invalid';
        const now = nowIso();
        await repo.updateSubscriber(trx, s.id, { status: 'confirmed', confirmed_at: now, updated_at: now });
        return 'confirmed';
      });
    },

    async subscriberByToken(token: string) {
      const s = await repo.findSubscriberByToken(db, token);
      return s ? { email: s.email, status: s.status } : null;
    },

    /** The holder of this link's choices, for the preferences page; null when the link is not ours. */
    async preferencesByToken(token: string) {
      const s = await repo.findSubscriberByToken(db, token);
      if (!s) return null;
      const themes = JSON.parse(s.themes) as string[];
      return { email: s.email, subscribed: s.status === 'confirmed' || s.status === 'pending', themes, territory: s.territory };
    },

    /** Changes the themes and territory of a subscription (not of someone who left). */
    async savePreferences(token: string, input: { themes: string[]; territory: string | null }): Promise<'saved' | 'left' | 'invalid'> {
      return transact(db, async (trx) => {
        const s = await repo.findSubscriberByToken(trx, token);
        if (!s) return 'invalid';
        if (s.status !== 'confirmed' && s.status !== 'pending') return 'left';
        await repo.updateSubscriber(trx, s.id, { themes: JSON.stringify(input.themes), territory: isTerritory(input.territory) ? input.territory : null, updated_at: nowIso() });
        return 'saved';
      });
    },

    /** Immediate: the person is out of every campaign still being sent. */
    async unsubscribe(token: string): Promise<UnsubscribeResult> {
      return transact(db, async (trx) => {
        const s = await repo.findSubscriberByToken(trx, token);
        if (!s) return 'invalid';
        if (s.status === 'unsubscribed' || s.status === 'bounced') return 'already';
        const now = nowIso();
        await repo.updateSubscriber(trx, s.id, { status: 'unsubscribed', unsubscribed_at: now, confirm_token_hash: null, updated_at: now });
        await repo.withdrawQueuedMail(trx, s.id);
        return 'done';
      });
    },

    /** Everything kept about the holder of this link, for the "my data" download. */
    async dataByToken(token: string) {
      const s = await repo.findSubscriberByToken(db, token);
      if (!s) return null;
      return exportRow(s);
    },

    async eraseByToken(token: string): Promise<boolean> {
      return transact(db, async (trx) => {
        const s = await repo.findSubscriberByToken(trx, token);
        if (!s) return false;
        await repo.withdrawQueuedMail(trx, s.id);
        await repo.deleteSubscriber(trx, s.id);
        return true;
      });
    },

    async importBounces(text: string): Promise<{ found: number; stopped: number }> {
      const emails = [...new Set((text.match(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? []).map((e) => e.toLowerCase()))];
      const stopped = await transact(db, async (trx) => {
        const n = await repo.markBounced(trx, emails, nowIso());
        for (const e of emails) {
          const s = await repo.findSubscriberByEmail(trx, e);
          if (s) await repo.withdrawQueuedMail(trx, s.id);
        }
        return n;
      });
      return { found: emails.length, stopped };
    },

    async counts() {
      const rows = await repo.countByStatus(db);
      const out = { pending: 0, confirmed: 0, unsubscribed: 0, bounced: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    /** Only people who confirmed their consent, with its proof. */
    async exportCsv(): Promise<string> {
      const rows = await repo.listConsented(db);
      const header = ['email', 'langue', 'thematiques', 'territoire', 'consentement', 'source', 'demande_le', 'confirme_le'];
      const lines = rows.map((r) =>
        csvLine([r.email, r.lang, (JSON.parse(r.themes) as string[]).join(' '), r.territory ?? '', r.consent_text, r.consent_source, r.requested_at, r.confirmed_at ?? '']),
      );
      return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
    },

    personalData: {
      async export(_userId: string, email: string) {
        const s = await repo.findSubscriberByEmail(db, email);
        return s ? { subscription: exportRow(s) } : { subscription: null };
      },
      /** In the account deletion's transaction. */
      async erase(foreign: ForeignTransaction, _userId: string, email: string) {
        const trx = asTables<Database>(foreign);
        const s = await repo.findSubscriberByEmail(trx, email);
        if (!s) return;
        await repo.withdrawQueuedMail(trx, s.id);
        await repo.deleteSubscriber(trx, s.id);
      },
    },
  };
}
