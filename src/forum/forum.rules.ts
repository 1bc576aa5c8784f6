import { ConflictError } from '../platform/http/errors.ts';
import { randomToken } from '../platform/db/ids.ts';
import type { ForumPhase } from './forum.tables.ts';

/** Which phases allow what: the one table the service checks every action against. */
export const PHASE_RULES = {
  propose: ['marketplace'] as ForumPhase[],
  proposeFacilitator: ['preparation', 'marketplace', 'sessions'] as ForumPhase[],
  interest: ['marketplace'] as ForumPhase[],
  queue: ['marketplace'] as ForumPhase[],
  place: ['marketplace', 'sessions'] as ForumPhase[],
  placeFacilitator: ['preparation', 'marketplace', 'sessions'] as ForumPhase[],
  edit: ['preparation', 'marketplace', 'sessions', 'convergence'] as ForumPhase[],
  group: ['sessions'] as ForumPhase[],
  report: ['sessions', 'convergence'] as ForumPhase[],
  comment: ['sessions', 'convergence', 'closed'] as ForumPhase[],
  vote: ['convergence'] as ForumPhase[],
  cluster: ['convergence', 'closed'] as ForumPhase[],
  proceedings: ['closed', 'followup'] as ForumPhase[],
  followUp: ['convergence', 'closed', 'followup'] as ForumPhase[],
};

export function requirePhase(forum: { phase: ForumPhase }, allowed: ForumPhase[], messageKey: string) {
  if (!allowed.includes(forum.phase)) throw new ConflictError(messageKey);
}

/** Once the day is over nobody joins: the link and the code would only answer "closed". */
export const isOver = (phase: ForumPhase) => phase === 'closed' || phase === 'followup';

// No 0/O or 1/I: the code is read off a projector and typed on a phone.
const JOIN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newJoinCode(): string {
  let code = '';
  const bytes = randomToken(12);
  for (let i = 0; i < 6; i++) code += JOIN_ALPHABET[bytes.charCodeAt(i) % JOIN_ALPHABET.length];
  return code;
}

/** "9:30-10:30" or "2027-03-12 9:30-10:30", one per line. */
export function parseSlots(text: string, firstDay: string): Array<{ day: string; starts_at: string; ends_at: string }> | null {
  const out: Array<{ day: string; starts_at: string; ends_at: string }> = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2})[h:](\d{2})?\s*[-–à]+\s*(\d{1,2})[h:](\d{2})?$/.exec(line);
    if (!m) return null;
    const pad = (h: string, mm: string | undefined) => `${h.padStart(2, '0')}:${mm ?? '00'}`;
    const starts = pad(m[2], m[3]);
    const ends = pad(m[4], m[5]);
    if (Number(m[2]) > 23 || Number(m[4]) > 23 || ends <= starts) return null;
    out.push({ day: m[1] ?? firstDay, starts_at: starts, ends_at: ends });
  }
  return out.length ? out : null;
}

/** "Salle Nord (30)", one per line; capacity defaults to 20. */
export function parseSpaces(text: string): Array<{ name: string; capacity: number }> | null {
  const out: Array<{ name: string; capacity: number }> = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(.*?)\s*(?:\((\d{1,4})\))?$/.exec(line);
    if (!m?.[1] || m[1].length > 120) return null;
    out.push({ name: m[1], capacity: m[2] ? Number(m[2]) : 20 });
  }
  return out.length ? out : null;
}

/** "09:30" as the French write it on a programme ("9h30", "10h"); English keeps "09:30". */
export const hourText = (time: string, lang: 'fr' | 'en') => (lang === 'fr' ? time.replace(/^0?(\d+):00$/, '$1h').replace(/^0?(\d+):(\d\d)$/, '$1h$2') : time);
