import { isDepartement } from '../platform/territories.ts';
import type { RecentItem } from '../catalog/catalog.service.ts';
import type { NewsletterSubscribersTable } from './newsletter.tables.ts';
import { isCalendarDay, isClockTime } from '../platform/dates.ts';
import { parisDay, parisToIso, TIME_ZONE } from '../platform/format.ts';
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

/** What the composer offers to pick: recent public news, resources and events, as the catalogue lists them. */
export type SourceItem = Pick<RecentItem, 'kind' | 'id' | 'url' | 'title' | 'summary' | 'publishedAt' | 'startsAt'> & Partial<Pick<RecentItem, 'membersOnly'>>;

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
    territory: s.territory,
    status: s.status,
    consent: { text: s.consent_text, source: s.consent_source, requestedAt: s.requested_at, confirmedAt: s.confirmed_at },
    unsubscribedAt: s.unsubscribed_at,
    bouncedAt: s.bounced_at,
  };
}

/**
 * The territories a subscriber can choose and a campaign can target: the départements of the
 * region (the directory's five), and "autre" for elsewhere. Names are proper nouns; "autre" is translated.
 */
/** A subscriber's area: a département's code, or "autre" (elsewhere). The form offers the network region's départements. */
export const isTerritory = (code: string | null | undefined): code is string => typeof code === 'string' && (code === 'autre' || isDepartement(code));

/** Who receives a campaign: subscribers following one of `themes` (when any) and living in one of `territories` (when any). */
export interface Audience {
  themes: string[];
  territories: string[];
}

const jsonList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

export function audienceOf(c: { audience_themes: string; audience_territories: string }): Audience {
  return { themes: jsonList(c.audience_themes), territories: jsonList(c.audience_territories).filter(isTerritory) };
}

/** The audience as the composer sent it, keeping only themes and territories that exist, each once. */
export function cleanAudience(input: { themes?: readonly string[]; territories?: readonly string[] }, knownThemes: ReadonlySet<string>): Audience {
  return {
    themes: [...new Set(input.themes ?? [])].filter((t) => knownThemes.has(t)),
    territories: [...new Set(input.territories ?? [])].filter(isTerritory),
  };
}

export const isEveryone = (a: Audience) => a.themes.length === 0 && a.territories.length === 0;

export type SendTime = { ok: true; at: string | null } | { ok: false; key: string };

/** The furthest ahead an issue can be scheduled: beyond, the date is a typing mistake. */
const MAX_AHEAD_MS = 366 * 86400_000;

/**
 * When to send, from an `<input type="datetime-local">` read as Paris time: empty means now
 * (`at` null). Refuses a date that does not exist, a time skipped by the change to summer time,
 * a moment already past, and one more than a year ahead.
 */
export function parseSendTime(value: string, now = Date.now()): SendTime {
  const v = value.trim();
  if (v === '') return { ok: true, at: null };
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/.exec(v);
  if (!m || !isCalendarDay(m[1]!) || !isClockTime(m[2]!)) return { ok: false, key: 'newsletter.send.whenInvalid' };
  const at = parisToIso(m[1]!, m[2]!);
  if (parisDay(at) !== m[1] || parisClock(at) !== m[2]) return { ok: false, key: 'newsletter.send.whenSkipped' };
  const t = Date.parse(at);
  if (t <= now) return { ok: false, key: 'newsletter.send.whenPast' };
  if (t - now > MAX_AHEAD_MS) return { ok: false, key: 'newsletter.send.whenTooFar' };
  return { ok: true, at };
}

const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });
const parisClock = (iso: string) => clock.format(new Date(iso));
