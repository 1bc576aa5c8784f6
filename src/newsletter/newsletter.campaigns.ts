import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { parisToIso } from '../platform/format.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { NewsletterContext } from './newsletter.context.ts';
import { TOKEN_PLACEHOLDER } from './newsletter.mail.tsx';
import { itemsFromInput, parseItems, type SourceItem, type ThemeOption } from './newsletter.model.ts';
import * as repo from './newsletter.repo.ts';
import type { CampaignInput } from './newsletter.schema.ts';
import { SEND_JOB, type NewsletterSending } from './newsletter.sending.ts';
import type { NewsletterDeps } from './newsletter.service.ts';

/** Campaigns: composing from the catalogue, test sends, scheduling, and the public archive of sent issues. */
export function createCampaigns({ platform, db, t }: NewsletterContext, deps: NewsletterDeps, sending: Pick<NewsletterSending, 'mailFor'>) {
  /** Recent public items the composer offers. */
  async function candidates(): Promise<SourceItem[]> {
    const items = await deps.catalog.recent({ kinds: ['news', 'resource', 'event'], limit: 40 });
    return items.filter((i) => !i.membersOnly);
  }

  return {
    async themeOptions(lang: Lang): Promise<ThemeOption[]> {
      return [...(await deps.themes.names(lang))].map(([slug, name]) => ({ slug, name }));
    },

    candidates,

    listCampaigns: () => repo.listCampaigns(db),

    async getCampaign(id: string) {
      const c = await repo.getCampaign(db, id);
      if (!c) throw new NotFoundError();
      return { ...c, itemList: parseItems(c.items) };
    },

    async saveCampaign(id: string | null, input: CampaignInput, userId: string | null): Promise<string> {
      const items = itemsFromInput(input, await candidates());
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
      const m = sending.mailFor(c, lang);
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
  };
}
