import { describe, expect, it } from 'vitest';
import { parisToIso } from '../platform/format.ts';
import { monthGrid, previousMonth } from './events.calendar.ts';

const ev = (id: string, start: string, end = start) => ({ id, startsAt: parisToIso(start, '09:00'), endsAt: parisToIso(end, '17:00') });

describe('events: the month calendar', () => {
  it('starts weeks on Monday and pads the month with empty cells', () => {
    // 1 April 2027 is a Thursday.
    const grid = monthGrid('2027-04', []);
    expect(grid.weeks[0].slice(0, 3)).toEqual([null, null, null]);
    expect(grid.weeks[0][3]?.day).toBe('2027-04-01');
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks.flat().filter(Boolean)).toHaveLength(30);
  });

  it('shows an event of several days on each of its days, within the month', () => {
    const grid = monthGrid('2024-03', [ev('trip', '2024-03-25', '2024-03-28'), ev('day', '2024-03-05')]);
    const on = (day: string) =>
      grid.weeks
        .flat()
        .find((c) => c?.day === day)!
        .events.map((e) => e.id);
    expect(on('2024-03-24')).toEqual([]);
    expect(on('2024-03-25')).toEqual(['trip']);
    expect(on('2024-03-28')).toEqual(['trip']);
    expect(on('2024-03-05')).toEqual(['day']);
  });

  it('links the months around, across a year end', () => {
    expect(monthGrid('2027-01', [])).toMatchObject({ previous: '2026-12', next: '2027-02' });
    expect(monthGrid('2027-12', []).next).toBe('2028-01');
    expect(previousMonth('2027-03')).toBe('2027-02');
  });
});
