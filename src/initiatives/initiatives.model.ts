/** Pure rules of the initiatives module: the file's state machine, the budget's balance, money, the review's averages. */
import type { ApplicationState, BudgetSide, ConflictDeclaration } from './initiatives.tables.ts';

/**
 * Every allowed change of state, and who makes it. The service refuses any other (tested in
 * initiatives.model.test.ts). "decided" is granted or refused; a postponed file stays under_review.
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationState, readonly ApplicationState[]> = {
  // holder submits before the deadline (balanced budget), or withdraws
  draft: ['submitted', 'withdrawn'],
  // staff check admissibility, or ask for complements
  submitted: ['complements_requested', 'admissible', 'not_admissible', 'withdrawn'],
  // the holder completes the reopened file and submits again
  complements_requested: ['submitted', 'withdrawn', 'not_admissible'],
  // staff assign reviewers (or put it straight on a committee's agenda)
  admissible: ['under_review', 'granted', 'refused', 'withdrawn'],
  not_admissible: [],
  // the committee decides
  under_review: ['granted', 'refused', 'withdrawn'],
  // first tranche paid, or the project starts
  granted: ['in_progress', 'completed', 'withdrawn'],
  refused: [],
  // the final report (fiche bilan) is accepted
  in_progress: ['completed'],
  completed: [],
  withdrawn: [],
};

export function canMove(from: ApplicationState, to: ApplicationState): boolean {
  return APPLICATION_TRANSITIONS[from].includes(to);
}

/** States in which the holder may edit the file (project, budget, attachments). */
export const HOLDER_EDITABLE: readonly ApplicationState[] = ['draft', 'complements_requested'];
/** States in which reviewers work on the file. */
export const UNDER_REVIEW: readonly ApplicationState[] = ['admissible', 'under_review'];
/** States after the committee's decision (the project is public if the holder agreed). */
export const FUNDED: readonly ApplicationState[] = ['granted', 'in_progress', 'completed'];

export interface BudgetLineAmount {
  side: BudgetSide;
  kind: string;
  amount_cents: number;
}

export interface BudgetTotals {
  expenses: number;
  resources: number;
  requested: number;
  /** resources − expenses: 0 when balanced. */
  difference: number;
  balanced: boolean;
}

/** A budget balances when its expenses equal its resources, to the cent, and it is not empty. */
export function budgetTotals(lines: readonly BudgetLineAmount[]): BudgetTotals {
  let expenses = 0;
  let resources = 0;
  let requested = 0;
  for (const l of lines) {
    if (l.side === 'expense') expenses += l.amount_cents;
    else {
      resources += l.amount_cents;
      if (l.kind === 'requested') requested += l.amount_cents;
    }
  }
  return { expenses, resources, requested, difference: resources - expenses, balanced: expenses > 0 && expenses === resources };
}

/**
 * Euros typed by people: "1 200,50", "1200.5", "1 200 €", "900" → cents; null when it is not an amount.
 * At most two decimals, never negative, at most 10 million euros.
 */
export function parseEuros(text: string): number | null {
  const t = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€$/, '')
    .replace(/^€/, '');
  if (!/^\d{1,8}([.,]\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split(/[.,]/);
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** Cents as people type them back in a form field: 120050 → "1200,50", 90000 → "900". */
export function centsToInput(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  return frac === 0 ? String(whole) : `${whole},${String(frac).padStart(2, '0')}`;
}

/** Cents for reading: "1 200,50 €" in French, "€1,200.50" in English. */
export function formatEuros(cents: number, lang: 'fr' | 'en'): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

export interface CriterionWeight {
  id: string;
  weight: number;
  max_score: number;
}

/** One reviewer's weighted score of a file, on 100; null until every criterion is scored. */
export function weightedScore(criteria: readonly CriterionWeight[], scores: ReadonlyMap<string, number>): number | null {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores.get(c.id);
    if (s === undefined) return null;
    total += (c.weight * s) / c.max_score;
    weights += c.weight;
  }
  return weights === 0 ? null : Math.round((1000 * total) / weights) / 10;
}

export interface ScoreSummary {
  count: number;
  average: number | null;
  /** Highest minus lowest: tells the committee when reviewers disagree. */
  spread: number | null;
}

/** Averages and spread shown to the committee; individual scores stay private. */
export function summarise(values: readonly (number | null)[]): ScoreSummary {
  const v = values.filter((x): x is number => x !== null);
  if (v.length === 0) return { count: 0, average: null, spread: null };
  const average = Math.round((10 * v.reduce((a, b) => a + b, 0)) / v.length) / 10;
  return { count: v.length, average, spread: Math.round(10 * (Math.max(...v) - Math.min(...v))) / 10 };
}

/** A reviewer sees the file (and scores) only once it declared no conflict of interest. */
export const mayReadFile = (conflict: ConflictDeclaration) => conflict === 'declared_none';

/** "PIC27-004": the call's prefix and the file's number in the call. */
export function fileReference(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}
