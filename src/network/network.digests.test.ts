import { describe, expect, it } from 'vitest';
import { periodsOf } from './network.digests.ts';

describe('periodsOf', () => {
  it('puts a post in its Paris day and its Monday-to-Monday week', () => {
    // Wednesday 12 March 2025, 10:00 in Paris (UTC+1).
    expect(periodsOf('2025-03-12T09:00:00.000Z')).toEqual([
      { period: 'daily', start: '2025-03-11T23:00:00.000Z', end: '2025-03-12T23:00:00.000Z' },
      { period: 'weekly', start: '2025-03-09T23:00:00.000Z', end: '2025-03-16T23:00:00.000Z' },
    ]);
  });

  it('counts a post sent after midnight in Paris, still the previous day in UTC, in the Paris day', () => {
    // 00:30 on Tuesday 1 July 2025 in Paris (UTC+2) is 22:30 on Monday in UTC.
    const [daily, weekly] = periodsOf('2025-06-30T22:30:00.000Z');
    expect(daily).toEqual({ period: 'daily', start: '2025-06-30T22:00:00.000Z', end: '2025-07-01T22:00:00.000Z' });
    expect(weekly?.start).toBe('2025-06-29T22:00:00.000Z');
  });

  it('makes the day of the clock change 23 hours long, and a Sunday the last day of its week', () => {
    // Sunday 30 March 2025: Paris moves from UTC+1 to UTC+2.
    const [daily, weekly] = periodsOf('2025-03-30T10:00:00.000Z');
    expect(daily).toEqual({ period: 'daily', start: '2025-03-29T23:00:00.000Z', end: '2025-03-30T22:00:00.000Z' });
    expect(weekly).toEqual({ period: 'weekly', start: '2025-03-23T23:00:00.000Z', end: '2025-03-30T22:00:00.000Z' });
  });
});
