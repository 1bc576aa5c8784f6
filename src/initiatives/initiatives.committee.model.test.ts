import { expect, it } from 'vitest';
import { addDays, ceilingProblem, mayPay, planTranches, quorumReached, reminderDue, tally } from './initiatives.committee.model.ts';

const base = { amount: 50000, projectCeiling: 90000, repeatCeiling: 40000, isRepeat: false, yearlyEnvelope: 300000, grantedThisYear: 0 };

it('refuses a grant above the project ceiling, the repeat ceiling or what is left of the year', () => {
  expect(ceilingProblem(base)).toBeNull();
  expect(ceilingProblem({ ...base, amount: 90000 })).toBeNull();
  expect(ceilingProblem({ ...base, amount: 90001 })).toEqual({ kind: 'project', ceiling: 90000 });
  expect(ceilingProblem({ ...base, isRepeat: true })).toEqual({ kind: 'repeat', ceiling: 40000 });
  expect(ceilingProblem({ ...base, isRepeat: true, repeatCeiling: null })).toBeNull();
  expect(ceilingProblem({ ...base, grantedThisYear: 260000 })).toEqual({ kind: 'yearly', envelope: 300000, remaining: 40000 });
  expect(ceilingProblem({ ...base, amount: 40000, grantedThisYear: 260000 })).toBeNull();
  expect(ceilingProblem({ ...base, grantedThisYear: 310000 })).toEqual({ kind: 'yearly', envelope: 300000, remaining: 0 });
});

it('cuts a grant into tranches that always add up to it, rounded to the euro but the last', () => {
  const plan = [
    { percent: 80, condition: 'signature' as const },
    { percent: 20, condition: 'final_report' as const },
  ];
  expect(planTranches(90000, plan).map((t) => t.amount_cents)).toEqual([72000, 18000]);
  expect(planTranches(55550, plan).map((t) => t.amount_cents)).toEqual([44400, 11150]);
  for (const amount of [1, 99, 33333, 123456]) expect(planTranches(amount, plan).reduce((a, t) => a + t.amount_cents, 0)).toBe(amount);
  expect(planTranches(40000, [])).toEqual([{ position: 1, amount_cents: 40000, condition: 'signature' }]);
});

it('counts the quorum on members and the chair present, and votes of allowed people only', () => {
  const att = [
    { role: 'chair', present: 1 },
    { role: 'member', present: 1 },
    { role: 'member', present: 0 },
    { role: 'staff', present: 1 },
    { role: 'guest', present: 1 },
  ];
  expect(quorumReached(att, 2)).toBe(true);
  expect(quorumReached(att, 3)).toBe(false);
  const votes = [
    { user_id: 'a', choice: 'for' as const },
    { user_id: 'b', choice: 'against' as const },
    { user_id: 'recused', choice: 'for' as const },
  ];
  expect(tally(votes, new Set(['a', 'b']))).toEqual({ for: 1, against: 1, abstain: 0 });
});

it('pays a tranche only once its condition is met, and reminds a report once, a week ahead', () => {
  expect(mayPay({ status: 'planned', condition: 'signature' })).toBe(true);
  expect(mayPay({ status: 'planned', condition: 'final_report' })).toBe(false);
  expect(mayPay({ status: 'due', condition: 'final_report' })).toBe(true);
  expect(mayPay({ status: 'paid', condition: 'signature' })).toBe(false);
  expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  const r = { status: 'draft', due_on: '2027-01-10', reminded_at: null };
  expect(reminderDue(r, '2027-01-02')).toBe(false);
  expect(reminderDue(r, '2027-01-03')).toBe(true);
  expect(reminderDue({ ...r, reminded_at: '2027-01-03T08:00:00Z' }, '2027-01-04')).toBe(false);
  expect(reminderDue({ ...r, status: 'submitted' }, '2027-01-09')).toBe(false);
});
