import { departementsOfRegion } from '../platform/territories.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../platform/http/errors.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { NewsletterContext } from './newsletter.context.ts';
import { TOKEN_PLACEHOLDER } from './newsletter.mail.tsx';
import { type Audience, audienceOf, cleanAudience, itemsFromInput, parseItems, parseSendTime, type SourceItem, type ThemeOption } from './newsletter.model.ts';
import * as repo from './newsletter.repo.ts';
import type { CampaignInput } from './newsletter.schema.ts';
import { SEND_JOB, type NewsletterSending } from './newsletter.sending.ts';
import type { NewsletterDeps } from './newsletter.service.ts';
import type { NewsletterCampaignsTable } from './newsletter.tables.ts';

/** What the composer saves; the audience may be left out (every subscriber). */
export type CampaignSave = Omit<CampaignInput, 'themes' | 'territories'> & Partial<Pick<CampaignInput, 'themes' | 'territories'>>;

/** The one job that starts a scheduled campaign at its time. */
const startKey = (campaignId: string, at: string) => `newsletter:send:${campaignId}:start:${at}`;

export type ScheduleResult = { status: 'scheduled'; at: string } | { status: 'changed' };

/** Words, audience and date are only changed on a draft: what was confirmed is what goes out. */
function assertDraft(c: Pick<NewsletterCampaignsTable, 'status'>) {
  if (c.status === 'scheduled') throw new ConflictError('newsletter.campaign.scheduled');
  if (c.status !== 'draft') throw new ConflictError('newsletter.campaign.locked');
}

/** Campaigns: composing from the catalogue, the audience, test sends, scheduling, and the public archive of sent issues. */
export function createCampaigns({ platform, db, t }: NewsletterContext, deps: NewsletterDeps, sending: Pick<NewsletterSending, 'mailFor'>) {
  /** Recent public items the composer offers. */
  async function candidates(): Promise<SourceItem[]> {
    const items = await deps.catalog.recent({ kinds: ['news', 'resource', 'event'], limit: 40 });
    return items.filter((i) => !i.membersOnly);
  }

  async function themeOptions(lang: Lang): Promise<ThemeOption[]> {
    return [...(await deps.themes.names(lang))].map(([slug, name]) => ({ slug, name }));
  }

  async function getCampaign(id: string) {
    const c = await repo.getCampaign(db, id);
    if (!c) throw new NotFoundError();
    return { ...c, itemList: parseItems(c.items), audience: audienceOf(c) };
  }

  return {
    themeOptions,

    /** The territories a subscriber can choose and an issue can target, named in `lang`. */
    territoryOptions(lang: Lang): ThemeOption[] {
      return [...departementsOfRegion(platform.config.networkRegion).map((d) => ({ slug: d.code, name: d.name })), { slug: 'autre', name: t(lang)('newsletter.territory.autre') }];
    },

    candidates,

    listCampaigns: () => repo.listCampaigns(db),

    getCampaign,

    /** How many people an issue to this audience would reach right now (the number sending will use). */
    audienceSize: (audience: Audience) => repo.countAudience(db, audience),

    async saveCampaign(id: string | null, input: CampaignSave, userId: string | null): Promise<string> {
      const items = itemsFromInput(input, await candidates());
      const audience = cleanAudience(input, new Set((await themeOptions('fr')).map((x) => x.slug)));
      const fields = {
        subject: input.subject,
        intro: input.intro,
        items: JSON.stringify(items),
        audience_themes: JSON.stringify(audience.themes),
        audience_territories: JSON.stringify(audience.territories),
      };
      return transact(db, async (trx) => {
        const now = nowIso();
        if (id) {
          const c = await repo.getCampaign(trx, id);
          if (!c) throw new NotFoundError();
          assertDraft(c);
          await repo.updateCampaign(trx, id, { ...fields, updated_at: now });
          return id;
        }
        const newIdValue = newId();
        await repo.insertCampaign(trx, {
          id: newIdValue,
          number: null,
          ...fields,
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

    /** Sends the campaign as it will look to `to`, marked as a test; its personal links lead to the newsletter's page. */
    async sendTest(id: string, to: string, lang: Lang) {
      const c = await repo.getCampaign(db, id);
      if (!c) throw new NotFoundError();
      const m = sending.mailFor(c, lang);
      // "/lettre/desinscription/<token>" and "/lettre/preferences/<token>" become "/lettre": the tester has no token.
      const personal = new RegExp(`/(desinscription|preferences)/${TOKEN_PLACEHOLDER}`, 'g');
      await transact(db, async (trx, afterCommit) => {
        await platform.mail.enqueue(trx, {
          to,
          lang,
          subject: `[${t(lang)('newsletter.mail.testTag')}] ${c.subject}`,
          text: m.text.replace(personal, ''),
          html: m.html.replace(personal, ''),
          category: 'newsletter-test',
        });
        afterCommit(() => platform.mail.wake());
      });
    },

    /**
     * What the confirmation step shows before anything is sent: the draft, its audience, how many
     * people it reaches now, and when it would go (`at` null: on confirmation). `version` ties the
     * confirmation to this state of the draft.
     */
    async sendPlan(id: string, whenLocal: string) {
      const when = parseSendTime(whenLocal);
      if (!when.ok) throw new BadRequestError(when.key);
      const c = await getCampaign(id);
      assertDraft(c);
      return { campaign: c, at: when.at, count: await repo.countAudience(db, c.audience), version: c.updated_at };
    },

    /**
     * Schedules a draft for `whenLocal` (Paris time), or now when empty; the durable job then
     * sends it in batches. With `version` (the confirmation step's), a draft changed since then
     * is not scheduled: the animator confirms again.
     */
    async schedule(id: string, whenLocal: string, version?: string): Promise<ScheduleResult> {
      const when = parseSendTime(whenLocal);
      if (!when.ok) throw new BadRequestError(when.key);
      const at = when.at ?? nowIso();
      return transact(db, async (trx, afterCommit): Promise<ScheduleResult> => {
        const c = await repo.getCampaign(trx, id);
        if (!c) throw new NotFoundError();
        assertDraft(c);
        if (version !== undefined && version !== c.updated_at) return { status: 'changed' };
        // Conditional: of two confirmations racing, one schedules and the other finds it done.
        if (!(await repo.markScheduled(trx, id, c.updated_at, at, nowIso()))) throw new ConflictError('newsletter.campaign.scheduled');
        await platform.jobs.enqueue(trx, SEND_JOB, { campaignId: id, start: true }, { uniqueKey: startKey(id, at), runAt: at });
        afterCommit(() => platform.jobs.runner.wake());
        return { status: 'scheduled', at };
      });
    },

    /** Back to a draft, without the job that waited for the date. */
    async unschedule(id: string) {
      await transact(db, async (trx) => {
        const c = await repo.getCampaign(trx, id);
        if (!c) throw new NotFoundError();
        if (c.status !== 'scheduled') throw new ConflictError('newsletter.campaign.notScheduled');
        await repo.updateCampaign(trx, id, { status: 'draft', scheduled_at: null, updated_at: nowIso() });
        // Its job goes too (were it left, it would find a draft and send nothing).
        if (c.scheduled_at) await platform.jobs.cancel(trx, startKey(id, c.scheduled_at));
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
