/** Pure rules of the committee and what follows it: ceilings, quorum, votes, tranches, report reminders. */
import type { TrancheCondition, VoteChoice } from './initiatives.tables.ts';

export interface CeilingInput {
  amount: number;
  projectCeiling: number;
  /** The lower ceiling of a second project of the same holder in the same year, if the call has one. */
  repeatCeiling: number | null;
  /** The holder already got a grant from this call this year. */
  isRepeat: boolean;
  yearlyEnvelope: number;
  /** Granted by the call's committees this calendar year, this file excluded. */
  grantedThisYear: number;
}

export type CeilingProblem = { kind: 'project'; ceiling: number } | { kind: 'repeat'; ceiling: number } | { kind: 'yearly'; envelope: number; remaining: number };

/** Why an amount cannot be granted, or null: the per-project ceiling (the repeat one for a second project), then what is left of the year's envelope. */
export function ceilingProblem(i: CeilingInput): CeilingProblem | null {
  if (i.isRepeat && i.repeatCeiling !== null && i.amount > i.repeatCeiling) return { kind: 'repeat', ceiling: i.repeatCeiling };
  if (i.amount > i.projectCeiling) return { kind: 'project', ceiling: i.projectCeiling };
  const remaining = Math.max(0, i.yearlyEnvelope - i.grantedThisYear);
  if (i.amount > remaining) return { kind: 'yearly', envelope: i.yearlyEnvelope, remaining };
  return null;
}

/** Members and the chair present count for the quorum; staff and guests do not. */
export function presentVoters(attendance: ReadonlyArray<{ role: string; present: number }>): number {
  return attendance.filter((a) => a.present === 1 && (a.role === 'member' || a.role === 'chair')).length;
}

export function quorumReached(attendance: ReadonlyArray<{ role: string; present: number }>, quorum: number): boolean {
  return presentVoters(attendance) >= quorum;
}

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

/** Counts only the votes of people allowed to vote on the file (present, not recused). */
export function tally(votes: ReadonlyArray<{ user_id: string; choice: VoteChoice }>, allowed: ReadonlySet<string>): Tally {
  const t: Tally = { for: 0, against: 0, abstain: 0 };
  for (const v of votes) if (allowed.has(v.user_id)) t[v.choice]++;
  return t;
}

export interface PlannedTranche {
  position: number;
  amount_cents: number;
  condition: TrancheCondition;
}

/**
 * The grant cut along the call's plan (80 % at signature, 20 % on the fiche bilan): each tranche
 * rounded down to the euro, the last one takes the rest, so the tranches always add up to the grant.
 */
export function planTranches(amount: number, plan: ReadonlyArray<{ percent: number; condition: TrancheCondition }>): PlannedTranche[] {
  const steps = plan.length ? plan : [{ percent: 100, condition: 'signature' as const }];
  let left = amount;
  return steps.map((s, i) => {
    const last = i === steps.length - 1;
    const cut = last ? left : Math.min(left, Math.floor((amount * s.percent) / 100 / 100) * 100);
    left -= cut;
    return { position: i + 1, amount_cents: cut, condition: s.condition };
  });
}

/** A tranche can be paid once its condition is met: signature and none at once, report ones once the report is received (status due). */
export function mayPay(t: { status: string; condition: TrancheCondition }): boolean {
  if (t.status === 'paid' || t.status === 'cancelled') return false;
  return t.status === 'due' || t.condition === 'signature' || t.condition === 'none';
}

/** Adds days to a calendar day (YYYY-MM-DD), in UTC so that no daylight saving shifts it. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A report is reminded once, from `before` days ahead of its due date (and when late), while not submitted. */
export function reminderDue(r: { status: string; due_on: string | null; reminded_at: string | null }, today: string, before = 7): boolean {
  return r.status === 'draft' && r.due_on !== null && r.reminded_at === null && addDays(today, before) >= r.due_on;
}
