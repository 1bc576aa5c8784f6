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
  /** Sending has started: the words can no longer change. */
  locked: boolean;
}

/** What the composer's fields hold. */
export interface ComposeValues {
  subject: string;
  intro: string;
  /** "kind:id" of the items chosen from the site. */
  items: string[];
  /** Items typed by hand, one per line: "title | url | summary". */
  extra: string;
}

type CampaignRow = Pick<NewsletterCampaignsTable, 'id' | 'subject' | 'intro' | 'status' | 'scheduled_at' | 'sent_at' | 'updated_at' | 'recipients'>;

export function campaignLine(c: CampaignRow): CampaignLine {
  return { id: c.id, subject: c.subject, status: c.status, recipients: c.recipients, date: c.sent_at ?? c.scheduled_at ?? c.updated_at };
}

export function campaignView(c: CampaignRow & { itemList: CampaignItem[] }): CampaignView {
  return {
    id: c.id,
    subject: c.subject,
    intro: c.intro,
    status: c.status,
    scheduledAt: c.scheduled_at,
    recipients: c.recipients,
    items: c.itemList,
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
  };
}
