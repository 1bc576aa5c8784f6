/**
 * The agenda's month calendar without the view: the weeks of a month (Monday first, as in France), each
 * day with the events held on it. An event of several days is shown on each of its days. Pure, unit-tested.
 */
import { nextMonthStart } from '../platform/dates.ts';
import { parisDay } from '../platform/format.ts';

export interface CalendarDay<E> {
  /** "2027-04-08" */
  day: string;
  events: E[];
}

export interface MonthGrid<E> {
  month: string;
  previous: string;
  next: string;
  /** Weeks of seven cells, null outside the month. */
  weeks: Array<Array<CalendarDay<E> | null>>;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const monthOf = (iso: string | Date) => parisDay(iso).slice(0, 7);

export function monthGrid<E extends { startsAt: string; endsAt: string }>(month: string, events: E[]): MonthGrid<E> {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // 0 = Monday.
  const offset = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const spans = events.map((e) => ({ e, first: parisDay(e.startsAt), last: parisDay(e.endsAt) }));
  const cells: Array<CalendarDay<E> | null> = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= days; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    cells.push({ day, events: spans.filter((s) => s.first <= day && day <= s.last).map((s) => s.e) });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { month, previous: previousMonth(month), next: nextMonthStart(month).slice(0, 7), weeks };
}
