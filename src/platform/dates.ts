import { z } from 'zod';

/**
 * Calendar dates and wall-clock times typed by people, checked before anything builds a Date from them:
 * "2027-13-01" makes an Invalid Date that throws when formatted (a 500), and "2027-02-30" quietly becomes 2 March.
 */

/** Years outside this span are typing mistakes in a civic calendar, and year 10000 is no ISO date at all. */
export interface YearSpan {
  minYear?: number;
  maxYear?: number;
}
const DEFAULT_SPAN = { minYear: 1900, maxYear: 2999 };

function yearIn(year: number, span: YearSpan = {}) {
  return year >= (span.minYear ?? DEFAULT_SPAN.minYear) && year <= (span.maxYear ?? DEFAULT_SPAN.maxYear);
}

function daysIn(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2027-02-28" yes; "2027-02-30", "2027-13-01", "2027-1-5" no. */
export function isCalendarDay(value: string, span?: YearSpan): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return yearIn(year, span) && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** "2027-03" yes; "2027-13", "2027-3" no. */
export function isCalendarMonth(value: string, span?: YearSpan): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return Boolean(m) && yearIn(Number(m![1]), span) && Number(m![2]) >= 1 && Number(m![2]) <= 12;
}

/** "09:30", "23:59" yes; "24:00", "99:99", "9:30" no. */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** The first day of the month after "2027-12": "2028-01-01" (the exclusive end of a month filter). */
export function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

// zod fields; `message` is whatever the module's forms show (an i18n key in Palabre's modules).
export const calendarDay = (message: string, span?: YearSpan) =>
  z
    .string()
    .trim()
    .refine((v) => isCalendarDay(v, span), message);
export const calendarMonth = (message: string, span?: YearSpan) =>
  z
    .string()
    .trim()
    .refine((v) => isCalendarMonth(v, span), message);
export const clockTime = (message: string) => z.string().trim().refine(isClockTime, message);
