import { describe, expect, it } from 'vitest';
import { autoPlace, type PlacementInput } from './forum.placement.ts';

const theme = (id: string, interest: number, conveners: string[], cell: [string, string] | null = null) => ({
  id,
  interest,
  conveners,
  slotId: cell?.[0] ?? null,
  spaceId: cell?.[1] ?? null,
});

describe('autoPlace', () => {
  it('gives the most wanted theme the biggest space', () => {
    const plan = autoPlace({
      themes: [theme('quiet', 1, ['a']), theme('popular', 9, ['b'])],
      slots: ['s1'],
      spaces: [
        { id: 'small', capacity: 8 },
        { id: 'big', capacity: 40 },
      ],
    });
    expect(plan.placed).toEqual([
      { themeId: 'popular', slotId: 's1', spaceId: 'big' },
      { themeId: 'quiet', slotId: 's1', spaceId: 'small' },
    ]);
    expect(plan.unplaced).toEqual([]);
  });

  it('never puts a convener in two places at once: their second theme goes to another slot', () => {
    const plan = autoPlace({
      themes: [theme('t1', 5, ['ana']), theme('t2', 4, ['ana'])],
      slots: ['s1', 's2'],
      spaces: [
        { id: 'r1', capacity: 20 },
        { id: 'r2', capacity: 20 },
      ],
    });
    const slots = plan.placed.map((p) => p.slotId);
    expect(new Set(slots).size).toBe(2);
  });

  it('leaves a theme unplaced when every slot has its convener busy or no free space', () => {
    const plan = autoPlace({
      themes: [theme('t1', 3, ['ana']), theme('t2', 2, ['ana']), theme('t3', 1, ['bob'])],
      slots: ['s1'],
      spaces: [{ id: 'r1', capacity: 20 }],
    });
    expect(plan.placed).toEqual([{ themeId: 't1', slotId: 's1', spaceId: 'r1' }]);
    expect(plan.unplaced).toEqual(['t2', 't3']);
  });

  it('keeps themes already on the wall where they are, and counts their cells and conveners as taken', () => {
    const plan = autoPlace({
      themes: [theme('fixed', 0, ['ana'], ['s1', 'big']), theme('new', 9, ['ana'])],
      slots: ['s1', 's2'],
      spaces: [
        { id: 'big', capacity: 40 },
        { id: 'small', capacity: 8 },
      ],
    });
    expect(plan.placed).toEqual([{ themeId: 'new', slotId: 's2', spaceId: 'big' }]);
  });

  it('fills the least crowded slot first when spaces are equal, earlier slots on a tie', () => {
    const plan = autoPlace({
      themes: [theme('a', 3, ['x']), theme('b', 2, ['y']), theme('c', 1, ['z'])],
      slots: ['s1', 's2'],
      spaces: [
        { id: 'r1', capacity: 10 },
        { id: 'r2', capacity: 10 },
      ],
    });
    expect(plan.placed.map((p) => p.slotId)).toEqual(['s1', 's2', 's1']);
  });

  it('breaks ties of interest by id, so the same forum always gives the same plan', () => {
    const input: PlacementInput = { themes: [theme('b', 1, ['x']), theme('a', 1, ['y'])], slots: ['s1'], spaces: [{ id: 'r1', capacity: 10 }] };
    expect(autoPlace(input)).toEqual({ placed: [{ themeId: 'a', slotId: 's1', spaceId: 'r1' }], unplaced: ['b'] });
    expect(autoPlace({ ...input, themes: [...input.themes].reverse() })).toEqual(autoPlace(input));
  });

  it('is conflict-free on random forums: one theme per cell, no convener twice in a slot, every theme accounted for', () => {
    for (let round = 0; round < 50; round++) {
      const slots = Array.from({ length: 1 + (round % 4) }, (_, i) => `s${i}`);
      const spaces = Array.from({ length: 1 + (round % 5) }, (_, i) => ({ id: `r${i}`, capacity: 5 + ((i * 7 + round) % 20) }));
      const people = Array.from({ length: 6 }, (_, i) => `p${i}`);
      const themes = Array.from({ length: 3 + (round % 17) }, (_, i) => theme(`t${i}`, (i * 13 + round) % 9, [people[(i + round) % 6], people[(i * 5) % 6]]));
      const plan = autoPlace({ themes, slots, spaces });
      const cells = plan.placed.map((p) => `${p.slotId}|${p.spaceId}`);
      expect(new Set(cells).size).toBe(cells.length);
      for (const s of slots) {
        const conv = plan.placed.filter((p) => p.slotId === s).flatMap((p) => [...new Set(themes.find((t) => t.id === p.themeId)!.conveners)]);
        expect(new Set(conv).size).toBe(conv.length);
      }
      expect(plan.placed.length + plan.unplaced.length).toBe(themes.length);
    }
  });
});
