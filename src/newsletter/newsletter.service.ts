import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import type { Database } from '../database.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import { createI18n, type Lang, type Translate } from '../platform/i18n/i18n.ts';
import { newsletterCatalogue } from './newsletter.i18n.ts';
import { parisToIso } from '../platform/format.ts';
import * as repo from './newsletter.repo.ts';
import type { NewsletterCampaignsTable, NewsletterTables } from './newsletter.tables.ts';
import type { CampaignInput } from './newsletter.schema.ts';
import { renderConfirmMail, renderNewsletterMail, TOKEN_PLACEHOLDER } from './newsletter.mail.tsx';

/** One entry of a campaign, frozen when the campaign is saved so that the archive never changes. */
export interface CampaignItem {
  kind: string;
  title: string;
  url: string;
  summary: string;
  /** Publication date, or start of an event. */
  date: string | null;
  /** "kind:id" of the catalogue item it was picked from (free links have none). */
  ref?: string;
}

/** What the composer offers to pick: recent public news, resources and events. */
export interface SourceItem {
  kind: string;
  id: string;
  url: string;
  title: string;
  summary: string;
  publishedAt: string;
  startsAt: string | null;
  membersOnly?: boolean;
}

export interface ThemeOption {
  slug: string;
  name: string;
}

export interface NewsletterDeps {
  /** What the composer offers to pick. */
  catalog: Pick<CatalogService, 'recent'>;
  themes: Pick<ThemesService, 'names'>;
}

/** Messages put in the outbox per batch, and the pause between two batches (the throttle). */
const BATCH_SIZE = 500;
const BATCH_INTERVAL_MS = 1000;

export const SEND_JOB = 'newsletter.send';
const CONFIRM_VALID_DAYS = 7;
const RESEND_CONFIRM_AFTER_MS = 10 * 60_000;

export type ConfirmResult = 'confirmed' | 'already' | 'invalid';
export type UnsubscribeResult = 'done' | 'already' | 'invalid';

export function createNewsletterService(platform: Platform<Database>, deps: NewsletterDeps) {
  // Messages are written outside any request, so the module keeps its own translator.
  const i18n = createI18n([newsletterCatalogue]);
  const t = (lang: Lang): Translate => i18n.t(lang);
  const db = platform.db as Kysely<NewsletterTables>;
  const batchSize = BATCH_SIZE;
  const batchIntervalMs = BATCH_INTERVAL_MS;
  const publicUrl = platform.config.publicUrl;
  const siteName = platform.config.networkName;
  const fromAddress = /<([^>]+)>/.exec(platform.config.mailFrom)?.[1] ?? platform.config.mailFrom;
  const listDomain = new URL(publicUrl).hostname || 'palabre.local';

  const unsubscribeUrl = (token: string) => `${publicUrl}/lettre/desinscription/${token}`;

  function parseItems(json: string): CampaignItem[] {
    try {
      const v = JSON.parse(json) as CampaignItem[];
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  }

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
      const batch = await repo.nextConfirmed(trx, c.cursor, batchSize);
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

  function itemsFromInput(input: CampaignInput, candidates: SourceItem[]): CampaignItem[] {
    const byKey = new Map(candidates.map((c) => [`${c.kind}:${c.id}`, c]));
    const picked = input.items.flatMap((key) => {
      const c = byKey.get(key);
      return c ? [{ kind: c.kind, title: c.title, url: c.url, summary: c.summary, date: c.startsAt ?? c.publishedAt, ref: key }] : [];
    });
    const extra = input.extra
      .split('\n')
      .map((line) => line.split('|').map((p) => p.trim()))
      .filter(([title, url]) => title && url && /^(https?:\/\/|\/)/.test(url))
      .map(([title, url, summary]) => ({ kind: 'link', title: title!, url: url!, summary: summary ?? '', date: null }));
    return [...picked, ...extra];
  }

  return {
    sendBatch,

    async themeOptions(lang: Lang): Promise<ThemeOption[]> {
      return [...(await deps.themes.names(lang))].map(([slug, name]) => ({ slug, name }));
    },

    /** Recent public items the composer offers. */
    async candidates(): Promise<SourceItem[]> {
      const items = await deps.catalog.recent({ kinds: ['news', 'resource', 'event'], limit: 40 });
      return items.filter((i) => !i.membersOnly);
    },

    /**
     * Asks for a subscription; the answer is the same whatever the address's state, so that the
     * form tells nobody who is subscribed. A confirmation link is mailed at most every ten minutes.
     */
    async subscribe(input: { email: string; themes: string[]; lang: Lang; consentText: string; source: string }) {
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
      const header = ['email', 'langue', 'thematiques', 'consentement', 'source', 'demande_le', 'confirme_le'];
      const lines = rows.map((r) => [r.email, r.lang, (JSON.parse(r.themes) as string[]).join(' '), r.consent_text, r.consent_source, r.requested_at, r.confirmed_at ?? ''].map(csvCell).join(','));
      return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
    },

    listCampaigns: () => repo.listCampaigns(db),

    async getCampaign(id: string) {
      const c = await repo.getCampaign(db, id);
      if (!c) throw new NotFoundError();
      return { ...c, itemList: parseItems(c.items) };
    },

    async saveCampaign(id: string | null, input: CampaignInput, userId: string | null): Promise<string> {
      const items = itemsFromInput(input, await this.candidates());
      return transact(db, async (trx) => {
        const now = nowIso();
        if (id) {
          const c = await repo.getCampaign(trx, id);
          if (!c) throw new NotFoundError();
          if (c.status === 'sending' || c.status === 'sent') throw new ConflictError('newsletter.campaign.locked');
          await repo.updateCampaign(trx, id, { subject: input.subject, intro: input.intro, items: JSON.stringify(items), updated_at: now });
          return id;
        }
        const newIdValue = newId();
        await repo.insertCampaign(trx, {
          id: newIdValue,
          number: null,
          subject: input.subject,
          intro: input.intro,
          items: JSON.stringify(items),
          status: 'draft',
          scheduled_at: null,
          started_at: null,
          sent_at: null,
          cursor: null,
          recipients: 0,
          created_by: userId,
          created_at: now,
          updated_at: now,
        });
        return newIdValue;
      });
    },

    /** Sends the campaign as it will look to `to`, marked as a test. */
    async sendTest(id: string, to: string, lang: Lang) {
      const c = await repo.getCampaign(db, id);
      if (!c) throw new NotFoundError();
      const m = mailFor(c, lang);
      await transact(db, async (trx, afterCommit) => {
        await platform.mail.enqueue(trx, {
          to,
          lang,
          subject: `[${t(lang)('newsletter.mail.testTag')}] ${c.subject}`,
          text: m.text.replaceAll(TOKEN_PLACEHOLDER, 'test'),
          html: m.html.replaceAll(TOKEN_PLACEHOLDER, 'test'),
          category: 'newsletter-test',
        });
        afterCommit(() => platform.mail.wake());
      });
    },

    /** Schedules a draft for `whenLocal` (Paris time), or now when empty. */
    async schedule(id: string, whenLocal: string) {
      const at = whenLocal ? parisToIso(whenLocal.slice(0, 10), whenLocal.slice(11, 16)) : nowIso();
      await transact(db, async (trx, afterCommit) => {
        const c = await repo.getCampaign(trx, id);
        if (!c) throw new NotFoundError();
        if (c.status === 'sending' || c.status === 'sent') throw new ConflictError('newsletter.campaign.locked');
        await repo.updateCampaign(trx, id, { status: 'scheduled', scheduled_at: at, updated_at: nowIso() });
        await platform.jobs.enqueue(trx, SEND_JOB, { campaignId: id, start: true }, { uniqueKey: `newsletter:send:${id}:start:${at}`, runAt: at });
        afterCommit(() => platform.jobs.runner.wake());
      });
      return at;
    },

    async unschedule(id: string) {
      await transact(db, async (trx) => {
        const c = await repo.getCampaign(trx, id);
        if (!c) throw new NotFoundError();
        if (c.status !== 'scheduled') throw new ConflictError('newsletter.campaign.locked');
        await repo.updateCampaign(trx, id, { status: 'draft', scheduled_at: null, updated_at: nowIso() });
      });
    },

    async archive() {
      return (await repo.listSentCampaigns(db)).map((c) => ({ number: c.number!, subject: c.subject, sentAt: c.sent_at! }));
    },

    async archivedIssue(number: number) {
      const c = await repo.getSentByNumber(db, number);
      if (!c) throw new NotFoundError();
      return { number: c.number!, subject: c.subject, intro: c.intro, sentAt: c.sent_at!, items: parseItems(c.items) };
    },

    personalData: {
      async export(_userId: string, email: string) {
        const s = await repo.findSubscriberByEmail(db, email);
        return s ? { subscription: exportRow(s) } : { subscription: null };
      },
      async erase(trx: Kysely<any>, _userId: string, email: string) {
        const s = await repo.findSubscriberByEmail(trx as Kysely<NewsletterTables>, email);
        if (!s) return;
        await repo.withdrawQueuedMail(trx, s.id);
        await repo.deleteSubscriber(trx as Kysely<NewsletterTables>, s.id);
      },
    },
  };
}
export type NewsletterService = ReturnType<typeof createNewsletterService>;

function exportRow(s: NewsletterTables['newsletter_subscribers']) {
  return {
    email: s.email,
    language: s.lang,
    themes: JSON.parse(s.themes) as string[],
    status: s.status,
    consent: { text: s.consent_text, source: s.consent_source, requestedAt: s.requested_at, confirmedAt: s.confirmed_at },
    unsubscribedAt: s.unsubscribed_at,
    bouncedAt: s.bounced_at,
  };
}

/** A CSV cell, quoted, and defused against formula injection in spreadsheets. */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${v.replace(/"/g, '""')}"`;
}
