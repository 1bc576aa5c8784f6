import { parisToIso } from '../platform/format.ts';
import type { RankItem, ThemeCard, WallState } from './forum.read.ts';

/**
 * The wall cut into screens (decision 0030). The projector shows one screen at a time and never
 * scrolls: what does not fit on one screen goes on the next, and the wall's script turns the
 * screens. The sizes below are what fits a 1280×720 projector at the wall's type size (the CSS
 * works in em on a font sized by the smaller of the width and the height, so a larger screen shows
 * the same screens larger, never more of them).
 */
export const WALL_LIMITS = {
  /** Agenda grid: spaces across and slots down on one screen. */
  gridSpaces: 6,
  gridSlots: 4,
  /** Cards of one slot during the sessions (4 × 3). */
  slotCards: 12,
  /** Themes proposed but not placed yet, during the marketplace (4 × 3). */
  themeCards: 12,
  /** Group reports, with their key points (3 × 2). */
  reportCards: 6,
  /** Lines of the vote ranking. */
  rankingRows: 12,
};

type Slot = WallState['slots'][number];
type Space = WallState['spaces'][number];

/** When a slot is, seen from now: the sessions wall shows the slot under way first. */
export type SlotWhen = 'past' | 'now' | 'next' | 'later';

export type WallScreen =
  | { kind: 'welcome'; key: string }
  | { kind: 'grid'; key: string; slots: Slot[]; spaces: Space[]; themes: ThemeCard[]; part: Part }
  | { kind: 'slot'; key: string; slot: Slot; when: SlotWhen; cells: Array<{ space: Space; theme: ThemeCard | null }>; part: Part }
  | { kind: 'themes'; key: string; themes: ThemeCard[]; part: Part }
  | { kind: 'ranking'; key: string; items: RankItem[] }
  | { kind: 'thanks'; key: string }
  | { kind: 'reports'; key: string; themes: Array<{ theme: ThemeCard; started: boolean }>; part: Part };

/** "2 of 3" when one kind of content spans several screens. */
export interface Part {
  n: number;
  of: number;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const parts = <T>(chunks: T[][]) => chunks.map((c, i) => ({ items: c, part: { n: i + 1, of: chunks.length } }));

/** Where each slot stands at `now`: the first one not yet over is "now" when it has begun, else "next". */
export function slotTimes(slots: readonly Slot[], now: Date): SlotWhen[] {
  const t = now.getTime();
  const ends = slots.map((s) => new Date(parisToIso(s.day, s.endsAt)).getTime());
  const starts = slots.map((s) => new Date(parisToIso(s.day, s.startsAt)).getTime());
  let seenCurrent = false;
  let seenNext = false;
  return slots.map((_, i) => {
    if (ends[i] <= t) return 'past';
    if (starts[i] <= t && !seenCurrent) {
      seenCurrent = true;
      return 'now';
    }
    if (!seenNext) {
      seenNext = true;
      return 'next';
    }
    return 'later';
  });
}

function gridScreens(state: WallState): WallScreen[] {
  const slotChunks = chunk(state.slots, WALL_LIMITS.gridSlots);
  const spaceChunks = chunk(state.spaces, WALL_LIMITS.gridSpaces);
  const total = slotChunks.length * spaceChunks.length;
  const out: WallScreen[] = [];
  slotChunks.forEach((slots, i) => {
    spaceChunks.forEach((spaces, j) => {
      out.push({ kind: 'grid', key: `grid-${i}-${j}`, slots, spaces, themes: state.themes, part: { n: out.length + 1, of: total } });
    });
  });
  return out;
}

function slotScreens(state: WallState, now: Date): WallScreen[] {
  const when = slotTimes(state.slots, now);
  // Slots over are no use to the room, unless the day is over: then the whole agenda again.
  const shown = state.slots.map((slot, i) => ({ slot, when: when[i] })).filter((s, _, all) => s.when !== 'past' || all.every((x) => x.when === 'past'));
  const out: WallScreen[] = [];
  for (const { slot, when: w } of shown) {
    const cells = state.spaces.map((space) => ({ space, theme: state.themes.find((t) => t.slotId === slot.id && t.spaceId === space.id) ?? null }));
    // An empty space in a slot says nothing to the room; a slot with nothing placed still shows its spaces.
    const useful = cells.some((c) => c.theme) ? cells.filter((c) => c.theme) : cells;
    for (const { items, part } of parts(chunk(useful, WALL_LIMITS.slotCards))) {
      out.push({ kind: 'slot', key: `slot-${slot.id}-${part.n}`, slot, when: w, cells: items, part });
    }
  }
  return out;
}

function reportScreens(state: WallState, now: Date): WallScreen[] {
  const times = slotTimes(state.slots, now);
  const when = new Map(state.slots.map((s, i) => [s.id, times[i]]));
  // A group whose slot has not begun is not "writing its report" yet.
  const themes = state.themes.map((theme) => ({ theme, started: theme.report.filled || (theme.slotId !== null && (when.get(theme.slotId) === 'now' || when.get(theme.slotId) === 'past')) }));
  return parts(chunk(themes, WALL_LIMITS.reportCards)).map(({ items, part }) => ({ kind: 'reports' as const, key: `reports-${part.n}`, themes: items, part }));
}

/** The screens of the wall for the forum's phase, in the order they turn. */
export function wallScreens(state: WallState, now: Date): WallScreen[] {
  const phase = state.forum.phase;
  const placed = state.themes.some((t) => t.slotId);
  if (phase === 'preparation') return [{ kind: 'welcome', key: 'welcome' }, ...(placed ? gridScreens(state) : [])];
  if (phase === 'marketplace') {
    const unplaced = state.themes.filter((t) => !t.slotId);
    return [...gridScreens(state), ...parts(chunk(unplaced, WALL_LIMITS.themeCards)).map(({ items, part }) => ({ kind: 'themes' as const, key: `themes-${part.n}`, themes: items, part }))];
  }
  if (phase === 'sessions') return slotScreens(state, now);
  const ranking: WallScreen = { kind: 'ranking', key: 'ranking', items: state.forum.ranking.slice(0, WALL_LIMITS.rankingRows) };
  if (phase === 'convergence') return [ranking, ...reportScreens(state, now)];
  return [{ kind: 'thanks', key: 'thanks' }, ...(state.forum.ranking.length ? [ranking] : []), ...reportScreens(state, now)];
}

/** The screen a `?ecran=` asks for (1-based, as in the links), within bounds. */
export function screenIndex(asked: unknown, count: number): number {
  const n = typeof asked === 'string' && /^\d{1,4}$/.test(asked) ? Number(asked) : 1;
  return Math.min(Math.max(n, 1), Math.max(count, 1)) - 1;
}
