import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES } from './initiatives.tables.ts';
import { APPLICATION_TRANSITIONS, budgetTotals, canMove, centsToInput, parseEuros, summarise, weightedScore } from './initiatives.model.ts';

describe('initiatives model', () => {
  it('lets a file go from draft to completed only through the committee', () => {
    expect(canMove('draft', 'submitted')).toBe(true);
    expect(canMove('submitted', 'complements_requested')).toBe(true);
    expect(canMove('complements_requested', 'submitted')).toBe(true);
    expect(canMove('draft', 'granted')).toBe(false);
    expect(canMove('submitted', 'granted')).toBe(false);
    expect(canMove('not_admissible', 'admissible')).toBe(false);
    expect(canMove('in_progress', 'completed')).toBe(true);
    for (const s of APPLICATION_STATES) for (const t of APPLICATION_TRANSITIONS[s]) expect(APPLICATION_STATES).toContain(t);
  });

  it('balances a budget to the cent and counts what is asked of the fund', () => {
    const lines = [
      { side: 'expense' as const, kind: 'purchase', amount_cents: 60000 },
      { side: 'expense' as const, kind: 'in_kind', amount_cents: 20000 },
      { side: 'resource' as const, kind: 'requested', amount_cents: 50000 },
      { side: 'resource' as const, kind: 'in_kind', amount_cents: 20000 },
      { side: 'resource' as const, kind: 'other_funding', amount_cents: 9999 },
    ];
    const t = budgetTotals(lines);
    expect(t).toMatchObject({ expenses: 80000, resources: 79999, requested: 50000, difference: -1, balanced: false });
    expect(budgetTotals([...lines, { side: 'resource', kind: 'own', amount_cents: 1 }]).balanced).toBe(true);
    expect(budgetTotals([]).balanced).toBe(false);
  });

  it('reads euros as people type them', () => {
    expect(parseEuros('1 200,50')).toBe(120050);
    expect(parseEuros('900')).toBe(90000);
    expect(parseEuros('900 €')).toBe(90000);
    expect(parseEuros('12.5')).toBe(1250);
    expect(parseEuros('-3')).toBeNull();
    expect(parseEuros('douze')).toBeNull();
    expect(parseEuros('1,234')).toBeNull();
    expect(centsToInput(120050)).toBe('1200,50');
    expect(centsToInput(90000)).toBe('900');
  });

  it('weights the grid and shows the committee an average and a spread', () => {
    const criteria = [
      { id: 'a', weight: 2, max_score: 5 },
      { id: 'b', weight: 1, max_score: 5 },
    ];
    expect(weightedScore(criteria, new Map([['a', 5]]))).toBeNull();
    expect(
      weightedScore(
        criteria,
        new Map([
          ['a', 5],
          ['b', 2],
        ]),
      ),
    ).toBe(80);
    expect(summarise([80, 60, null])).toEqual({ count: 2, average: 70, spread: 20 });
    expect(summarise([])).toEqual({ count: 0, average: null, spread: null });
  });
});

describe('the budget rows of the form', () => {
  it('keeps a line typed up to its label, refuses an amount that is not one, ignores empty lines', async () => {
    const { parseBudget } = await import('./initiatives.schema.ts');
    const r = parseBudget({
      exp_kind_0: 'food',
      exp_label_0: 'Repas',
      exp_amount_0: '',
      exp_kind_1: 'rental',
      exp_label_1: '',
      exp_amount_1: '',
      res_kind_0: 'requested',
      res_label_0: 'PIC',
      res_amount_0: 'beaucoup',
    });
    expect(r.lines).toEqual([{ side: 'expense', kind: 'food', label: 'Repas', amount_cents: 0 }]);
    expect(Object.keys(r.errors)).toEqual(['res_amount_0']);
    expect(r.rows).toHaveLength(3);
    expect(parseBudget({ exp_kind_0: 'yacht', exp_label_0: 'Bateau', exp_amount_0: '10' }).errors).toHaveProperty('exp_kind_0');
  });
});
