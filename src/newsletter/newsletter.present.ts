import type { Audience, ThemeOption } from './newsletter.model.ts';
import type { CampaignItem } from './newsletter.service.ts';
import type { CampaignStatus, NewsletterCampaignsTable } from './newsletter.tables.ts';

/** What the animators' pages show of a campaign, built from its row. */

/** A line of the campaigns table. */
export interface CampaignLine {
  id: string;
  subject: string;
  status: CampaignStatus;
  recipients: number;
  /** When it was sent, is scheduled, or was last changed. */
  date: string;
}

/** A campaign on its own page (composer, preview). */
export interface CampaignView {
  id: string;
  subject: string;
  intro: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  recipients: number;
  items: CampaignItem[];
  audience: Audience;
  /** Sending has started: the words can no longer change. */
  locked: boolean;
}

/** Who an issue goes to, by name: nothing named means every subscriber. */
export interface AudienceView {
  everyone: boolean;
  themes: string[];
  territories: string[];
}

/** The confirmation step: what is about to happen, before it does. */
export interface SendPlanView {
  id: string;
  subject: string;
  audience: AudienceView;
  /** Confirmed subscribers of the audience now: the number of messages sending will write. */
  count: number;
  /** Null: as soon as confirmed. */
  at: string | null;
  /** The "when" typed, sent back with the confirmation. */
  when: string;
  /** The draft's state shown here; a confirmation of an older state is refused. */
  version: string;
}

/** What the composer's fields hold. */
export interface ComposeValues {
  subject: string;
  intro: string;
  /** "kind:id" of the items chosen from the site. */
  items: string[];
  /** Items typed by hand, one per line: "title | url | summary". */
  extra: string;
  /** The audience: theme slugs and territory codes ticked. */
  themes: string[];
  territories: string[];
}

type CampaignRow = Pick<NewsletterCampaignsTable, 'id' | 'subject' | 'intro' | 'status' | 'scheduled_at' | 'sent_at' | 'updated_at' | 'recipients'>;

export function campaignLine(c: CampaignRow): CampaignLine {
  return { id: c.id, subject: c.subject, status: c.status, recipients: c.recipients, date: c.sent_at ?? c.scheduled_at ?? c.updated_at };
}

export function campaignView(c: CampaignRow & { itemList: CampaignItem[]; audience: Audience }): CampaignView {
  return {
    id: c.id,
    subject: c.subject,
    intro: c.intro,
    status: c.status,
    scheduledAt: c.scheduled_at,
    recipients: c.recipients,
    items: c.itemList,
    audience: c.audience,
    locked: c.status === 'sending' || c.status === 'sent',
  };
}

/** The composer filled with a saved campaign: chosen items by reference, the others as typed lines. */
export function composeValuesOf(c: CampaignView): ComposeValues {
  return {
    subject: c.subject,
    intro: c.intro,
    items: c.items.flatMap((i) => (i.ref ? [i.ref] : [])),
    extra: c.items
      .filter((i) => !i.ref)
      .map((i) => [i.title, i.url, i.summary].join(' | '))
      .join('\n'),
    themes: c.audience.themes,
    territories: c.audience.territories,
  };
}

/** The audience named with the options' words (a theme deleted since shows its slug). */
export function audienceView(a: Audience, themes: ThemeOption[], territories: ThemeOption[]): AudienceView {
  const name = (options: ThemeOption[], slug: string) => options.find((o) => o.slug === slug)?.name ?? slug;
  return {
    everyone: a.themes.length === 0 && a.territories.length === 0,
    themes: a.themes.map((s) => name(themes, s)),
    territories: a.territories.map((s) => name(territories, s)),
  };
}
