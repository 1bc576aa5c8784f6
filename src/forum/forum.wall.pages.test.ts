import { describe, expect, it } from 'vitest';
import type { ThemeCard, WallState } from './forum.read.ts';
import type { ForumPhase } from './forum.tables.ts';
import { screenIndex, slotTimes, wallScreens } from './forum.wall.pages.ts';

const slot = (id: string, startsAt: string, endsAt: string) => ({ id, day: '2027-03-12', startsAt, endsAt });
const theme = (id: string, slotId: string | null, spaceId: string | null, filled = false): ThemeCard => ({
  id,
  title: id,
  description: '',
  conveners: [],
  convenerIds: [],
  slotId,
  spaceId,
  interest: 0,
  size: 0,
  capacity: null,
  full: false,
  queued: false,
  report: { filled, keyPoints: '', proposals: '', actions: [] },
});

function state(phase: ForumPhase, slots: number, spaces: number, themes: ThemeCard[] = []): WallState {
  const s = Array.from({ length: slots }, (_, i) => slot(`s${i}`, `${String(9 + i).padStart(2, '0')}:00`, `${String(9 + i).padStart(2, '0')}:50`));
  return {
    forum: { phase, ranking: [], queue: [] } as unknown as WallState['forum'],
    slots: s,
    spaces: Array.from({ length: spaces }, (_, i) => ({ id: `p${i}`, name: `Salle ${i}`, capacity: 20 })),
    themes,
  };
}

// 10:20 in Paris on the day (winter time, UTC+1).
const during = new Date('2027-03-12T09:20:00Z');

describe('the wall cut into screens', () => {
  it('cuts a 5 × 12 agenda into four screens of at most 4 slots by 6 spaces, and puts unplaced themes after', () => {
    const themes = [theme('a', 's0', 'p0'), theme('b', null, null)];
    const screens = wallScreens(state('marketplace', 5, 12, themes), during);
    expect(screens.map((s) => s.key)).toEqual(['grid-0-0', 'grid-0-1', 'grid-1-0', 'grid-1-1', 'themes-1']);
    const grid = screens[3];
    expect(grid.kind === 'grid' && [grid.slots.length, grid.spaces.length]).toEqual([1, 6]);
  });

  it('during the sessions shows the slot under way first, then the next, and drops slots that are over', () => {
    expect(slotTimes(state('sessions', 4, 1).slots, during)).toEqual(['past', 'now', 'next', 'later']);
    const themes = [theme('a', 's1', 'p0'), theme('b', 's2', 'p1')];
    const screens = wallScreens(state('sessions', 4, 2, themes), during);
    expect(screens.map((s) => (s.kind === 'slot' ? `${s.slot.id}:${s.when}:${s.cells.length}` : s.key))).toEqual(['s1:now:1', 's2:next:1', 's3:later:2']);
  });

  it('says a report is being written only for groups whose slot has begun', () => {
    const themes = [theme('begun', 's0', 'p0'), theme('later', 's3', 'p0'), theme('written', 's3', 'p1', true)];
    const [, reports] = wallScreens(state('convergence', 4, 2, themes), during);
    expect(reports.kind === 'reports' && reports.themes.map((t) => `${t.theme.id}:${t.started}`)).toEqual(['begun:true', 'later:false', 'written:true']);
  });

  it('reads ?ecran= within bounds', () => {
    expect(screenIndex('3', 5)).toBe(2);
    expect(screenIndex('99', 5)).toBe(4);
    expect(screenIndex('0', 5)).toBe(0);
    expect(screenIndex(['2'], 5)).toBe(0);
    expect(screenIndex('2', 0)).toBe(0);
  });
});
