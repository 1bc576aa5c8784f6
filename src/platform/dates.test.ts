import { describe, expect, it } from 'vitest';
import { calendarDay, calendarMonth, clockTime, isCalendarDay, isCalendarMonth, isClockTime, nextMonthStart } from './dates.ts';

describe('calendar dates and times', () => {
  it('accepts real days only, leap years included', () => {
    expect(isCalendarDay('2027-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2027-02-29', '2027-02-30', '2027-13-45', '2027-00-10', '2027-04-31', '2027-1-5', '27-01-05', '2027-01-05T00:00', '']) expect(isCalendarDay(bad), bad).toBe(false);
  });

  it('refuses years outside the span, and takes a wider one when asked', () => {
    expect(isCalendarDay('0202-05-01')).toBe(false);
    expect(isCalendarMonth('9999-12')).toBe(false);
    expect(isCalendarDay('1789-07-14')).toBe(false);
    expect(isCalendarDay('1789-07-14', { minYear: 1000 })).toBe(true);
  });

  it('accepts months 01 to 12 and times 00:00 to 23:59', () => {
    expect(isCalendarMonth('2027-12')).toBe(true);
    expect(isCalendarMonth('2027-13')).toBe(false);
    expect(isCalendarMonth('2027-3')).toBe(false);
    expect(isClockTime('23:59')).toBe(true);
    for (const bad of ['24:00', '99:99', '9:30', '12:60', '12h30']) expect(isClockTime(bad), bad).toBe(false);
  });

  it('gives the start of the next month, across a year end', () => {
    expect(nextMonthStart('2027-12')).toBe('2028-01-01');
    expect(nextMonthStart('2027-03')).toBe('2027-04-01');
  });

  it('gives zod fields that trim and report the message given', () => {
    expect(calendarDay('bad.day').parse(' 2027-03-01 ')).toBe('2027-03-01');
    expect(calendarDay('bad.day').safeParse('2027-02-30').error?.issues[0].message).toBe('bad.day');
    expect(calendarMonth('bad.month').safeParse('2027-13').error?.issues[0].message).toBe('bad.month');
    expect(clockTime('bad.time').safeParse('99:99').error?.issues[0].message).toBe('bad.time');
  });
});
