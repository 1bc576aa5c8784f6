import type { NewsletterSubscribersTable } from './newsletter.tables.ts';
import type { CampaignInput } from './newsletter.schema.ts';

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

/** A campaign's frozen items; an unreadable column reads as no items rather than breaking the archive. */
export function parseItems(json: string): CampaignItem[] {
  try {
    const v = JSON.parse(json) as CampaignItem[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/**
 * The items of a campaign as the composer sent them: the picked catalogue entries (copied, so the
 * archive never changes), then the free links, one "title | url | summary" a line.
 */
export function itemsFromInput(input: Pick<CampaignInput, 'items' | 'extra'>, candidates: SourceItem[]): CampaignItem[] {
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

/** What the "my data" download and the account export show of a subscription. */
export function exportRow(s: NewsletterSubscribersTable) {
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
