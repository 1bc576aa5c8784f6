import ICAL from 'ical.js';
import { parisToIso } from '../platform/format.ts';
import type { ImportItem, LineProblem, ParsedFile } from './imports.model.ts';
import { themesOf } from './imports.model.ts';

/** Events from an iCalendar file (a partner's .ics, a feed saved to a file). */

export interface EventData {
  uid: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  location: string | null;
  url: string | null;
  categories: string[];
}

/** The line each `BEGIN:VEVENT` starts on, in file order (folded lines are still physical lines). */
function eventLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (/^BEGIN:VEVENT\s*$/i.test(l)) out.push(i + 1);
  });
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (t: ICAL.Time) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** A date-time of the file as UTC: its own zone when the file defines it (VTIMEZONE) or says UTC; Paris for floating times. */
function instant(t: ICAL.Time): string {
  if (t.isDate) return parisToIso(dayOf(t), '00:00');
  const tzid = t.zone?.tzid;
  if (tzid && tzid !== 'floating') return t.toJSDate().toISOString();
  return parisToIso(dayOf(t), `${pad(t.hour)}:${pad(t.minute)}`);
}

export class UnreadableFile extends Error {}

/**
 * Every VEVENT: time zones from the file's VTIMEZONE, all-day and multi-day events (an all-day
 * event's DTEND is the day after its last day), descriptions, locations, URLs. Its UID is its key:
 * the same UID imported again updates the event.
 */
export function parseEvents(text: string): ParsedFile<EventData> {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch {
    throw new UnreadableFile('imports.failure.ics');
  }
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const lines = eventLines(text);
  const items: ImportItem<EventData>[] = [];
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  for (const [i, ve] of root.getAllSubcomponents('vevent').entries()) {
    const line = lines[i] ?? 0;
    const ev = new ICAL.Event(ve);
    const title = (ev.summary ?? '').trim();
    const fail = (field: string, reason: string) => problems.push({ line, label: title || ev.uid || '', outcome: 'error', field, reason });
    const missing = !ev.uid ? 'UID' : !title ? 'SUMMARY' : !ev.startDate ? 'DTSTART' : null;
    if (missing) {
      fail(missing, 'imports.reason.required');
      continue;
    }
    const start = ev.startDate;
    const allDay = start.isDate;
    let end = ev.endDate ?? start;
    let endsAt: string;
    if (allDay) {
      // DTEND of an all-day event is exclusive: the event ends the evening before.
      const last = end.clone();
      if (end.compare(start) > 0) last.adjust(-1, 0, 0, 0);
      endsAt = parisToIso(dayOf(last), '23:59');
    } else {
      if (end.compare(start) < 0) end = start;
      endsAt = instant(end);
    }
    const key = ev.recurrenceId ? `${ev.uid}#${ev.recurrenceId.toString()}` : ev.uid;
    if (seen.has(key)) {
      problems.push({ line, label: title, outcome: 'skipped', field: 'UID', reason: 'imports.reason.mergedWith', params: { line: seen.get(key)! } });
      continue;
    }
    seen.set(key, line);
    const categories = ve.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
    const url = ve.getFirstPropertyValue('url');
    const data: EventData = {
      uid: key,
      title: title.slice(0, 200),
      description: (ev.description ?? '').trim(),
      startsAt: instant(start),
      endsAt,
      allDay,
      location: ev.location?.trim() || null,
      url: typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null,
      categories: categories.flatMap((c) => themesOf(c).map((t) => t.slug)),
    };
    items.push({
      line,
      key,
      label: data.title,
      data,
      note: ev.isRecurring() ? { field: 'RRULE', reason: 'imports.reason.recurring' } : undefined,
      preview: {
        'imports.field.title': data.title,
        'imports.field.start': data.startsAt,
        'imports.field.end': data.endsAt,
        'imports.field.place': data.location ?? '',
        'imports.field.url': data.url ?? '',
      },
    });
  }
  return {
    kind: 'events',
    items,
    problems,
    flavour: 'iCalendar',
    columns: ['imports.field.title', 'imports.field.start', 'imports.field.end', 'imports.field.place', 'imports.field.url'],
    mapping: [
      { source: 'SUMMARY', field: 'imports.field.title' },
      { source: 'DTSTART', field: 'imports.field.start' },
      { source: 'DTEND', field: 'imports.field.end' },
      { source: 'LOCATION', field: 'imports.field.place' },
      { source: 'DESCRIPTION', field: 'imports.field.description' },
      { source: 'URL', field: 'imports.field.url' },
      { source: 'UID', field: 'imports.field.uid' },
    ],
  };
}
