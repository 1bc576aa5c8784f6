import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLongDate, formatSize, formatTime, parisDay, parisToIso } from './format.ts';

describe('French formats', () => {
  it('writes dates as the network does, with "1er" for the first of the month', () => {
    expect(formatDate('2019-11-14T09:00:00Z', 'fr')).toBe('14 novembre 2019');
    expect(formatDate('2020-10-01T07:00:00Z', 'fr')).toBe('1er octobre 2020');
    expect(formatLongDate('2017-09-28T12:00:00Z', 'fr')).toBe('jeudi 28 septembre 2017');
    expect(formatDate('2019-11-14T09:00:00Z', 'en')).toBe('14 November 2019');
  });

  it('writes times as "14h" and "9h30" in Paris time, summer and winter', () => {
    expect(formatTime('2017-09-28T12:00:00Z', 'fr')).toBe('14h');
    expect(formatTime('2019-11-14T08:30:00Z', 'fr')).toBe('9h30');
  });

  it('writes "1er" inside a long date too, and English dates without it', () => {
    expect(formatLongDate('2020-10-01T07:00:00Z', 'fr')).toBe('jeudi 1er octobre 2020');
    expect(formatLongDate('2020-10-01T07:00:00Z', 'en')).toBe('Thursday, 1 October 2020');
  });

  it('takes the day in Paris, not in UTC, at a year end', () => {
    expect(formatDate('2019-12-31T23:30:00Z', 'fr')).toBe('1er janvier 2020');
  });

  it('joins date and time with "à" in French and "at" in English', () => {
    expect(formatDateTime('2017-09-28T12:00:00Z', 'fr')).toBe('28 septembre 2017 à 14h');
    expect(formatDateTime('2017-09-28T12:00:00Z', 'en')).toBe('28 September 2017 at 14:00');
    expect(formatTime('2019-11-14T08:30:00Z', 'en')).toBe('9:30');
  });

  it('writes file sizes as "1,80 Mo" and "102,32 ko"', () => {
    expect(formatSize(1_800_000, 'fr')).toBe('1,80\u00a0Mo');
    expect(formatSize(102_320, 'fr')).toBe('102,32\u00a0ko');
    expect(formatSize(512, 'fr')).toBe('512\u00a0o');
    expect(formatSize(1_800_000, 'en')).toBe('1.80\u00a0MB');
    expect(formatSize(999, 'fr')).toBe('999\u00a0o');
    expect(formatSize(1000, 'fr')).toBe('1,00\u00a0ko');
    // Beyond the last unit, French groups thousands with a narrow non-breaking space.
    expect(formatSize(5e12, 'fr')).toBe('5\u202f000,00\u00a0Go');
  });

  it('converts Paris wall-clock times to UTC across daylight saving time', () => {
    expect(parisToIso('2017-09-28', '14:00')).toBe('2017-09-28T12:00:00.000Z');
    expect(parisToIso('2019-11-14', '09:00')).toBe('2019-11-14T08:00:00.000Z');
    expect(parisDay('2019-11-14T23:30:00Z')).toBe('2019-11-15');
  });
});
