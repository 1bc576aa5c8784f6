import { nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { NewsletterContext } from './newsletter.context.ts';
import { renderNewsletterMail, TOKEN_PLACEHOLDER } from './newsletter.mail.tsx';
import { audienceOf, parseItems } from './newsletter.model.ts';
import * as repo from './newsletter.repo.ts';
import type { NewsletterCampaignsTable } from './newsletter.tables.ts';

/** Messages put in the outbox per batch, and the pause between two batches (the throttle). */
const BATCH_SIZE = 500;
const BATCH_INTERVAL_MS = 1000;

export const SEND_JOB = 'newsletter.send';

/** Sending a campaign: the mail written once per language, then batches of subscribers, one job each. */
export function createSending({ platform, db, t, publicUrl, siteName }: NewsletterContext) {
  const batchSize = BATCH_SIZE;
  const batchIntervalMs = BATCH_INTERVAL_MS;
  const fromAddress = /<([^>]+)>/.exec(platform.config.mailFrom)?.[1] ?? platform.config.mailFrom;
  const listDomain = new URL(publicUrl).hostname || 'palabre.local';
  const unsubscribeUrl = (token: string) => `${publicUrl}/lettre/desinscription/${token}`;

  /** The campaign's mail in one language; each recipient's unsubscribe token replaces TOKEN_PLACEHOLDER. */
  function mailFor(c: NewsletterCampaignsTable, lang: Lang) {
    return renderNewsletterMail({
      t: t(lang),
      lang,
      siteName,
      publicUrl,
      subject: c.subject,
      intro: c.intro,
      items: parseItems(c.items),
      number: c.number,
      unsubscribeUrl: unsubscribeUrl(TOKEN_PLACEHOLDER),
      preferencesUrl: `${publicUrl}/lettre/preferences/${TOKEN_PLACEHOLDER}`,
    });
  }

  function headersFor(token: string): Record<string, string> {
    return {
      // RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that posts to the first address.
      'List-Unsubscribe': `<${unsubscribeUrl(token)}>, <mailto:${fromAddress}?subject=${encodeURIComponent(`desinscription ${token}`)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `<lettre.${listDomain}>`,
      Precedence: 'bulk',
      'Auto-Submitted': 'auto-generated',
    };
  }

  /** Runs one batch of a campaign; the cursor and the next batch are written in the same transaction. */
  async function sendBatch(payload: { campaignId: string; after?: string | null; start?: boolean }) {
    await transact(db, async (trx, afterCommit) => {
      const now = nowIso();
      const c = await repo.getCampaign(trx, payload.campaignId);
      if (!c) return;
      if (payload.start) {
        // A job left from an earlier schedule that was moved or cancelled does nothing.
        if (c.status !== 'scheduled' || !c.scheduled_at || c.scheduled_at > now) return;
        const number = c.number ?? (await repo.nextCampaignNumber(trx));
        Object.assign(c, { status: 'sending', started_at: now, number, cursor: null });
        await repo.updateCampaign(trx, c.id, { status: 'sending', started_at: now, number, cursor: null, updated_at: now });
      } else if (c.status !== 'sending' || c.cursor !== (payload.after ?? null)) {
        // A replayed job (the process died after committing its batch): that batch is done.
        return;
      }
      const batch = await repo.nextInAudience(trx, audienceOf(c), c.cursor, batchSize);
      const rendered = { fr: mailFor(c, 'fr'), en: mailFor(c, 'en') };
      for (const s of batch) {
        const m = rendered[s.lang === 'en' ? 'en' : 'fr'];
        await platform.mail.enqueue(trx, {
          to: s.email,
          lang: s.lang,
          subject: c.subject,
          text: m.text.replaceAll(TOKEN_PLACEHOLDER, s.token),
          html: m.html.replaceAll(TOKEN_PLACEHOLDER, s.token),
          headers: headersFor(s.token),
          category: 'newsletter',
          dedupeKey: `newsletter:${c.id}:${s.id}`,
        });
      }
      const last = batch.at(-1)?.id ?? c.cursor;
      const done = batch.length < batchSize;
      await repo.updateCampaign(trx, c.id, {
        cursor: last,
        recipients: c.recipients + batch.length,
        updated_at: now,
        ...(done ? { status: 'sent', sent_at: now } : {}),
      });
      if (!done) {
        await platform.jobs.enqueue(trx, SEND_JOB, { campaignId: c.id, after: last }, { uniqueKey: `newsletter:send:${c.id}:${last}`, runAt: new Date(Date.now() + batchIntervalMs).toISOString() });
      }
      afterCommit(() => {
        platform.mail.wake();
        if (!done) setTimeout(() => platform.jobs.runner.wake(), batchIntervalMs + 5).unref();
      });
    });
  }

  return { sendBatch, mailFor };
}
export type NewsletterSending = ReturnType<typeof createSending>;
