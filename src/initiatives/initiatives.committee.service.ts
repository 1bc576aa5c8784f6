/** The follow-up after admissibility (issue 15, items 5–9): committee sessions, tranches, reports, the public pages and the optional public vote; built on the module's shared context. */
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { createCommittee } from './initiatives.committee.ts';
import { createPayments } from './initiatives.payments.ts';
import { createPublicFollowUp } from './initiatives.public.ts';
import { createReports } from './initiatives.reports.ts';
import { createPublicVote } from './initiatives.vote.ts';

export function createFollowUp(ctx: FollowUpContext) {
  const payments = createPayments(ctx);
  return {
    ctx,
    committee: createCommittee(ctx),
    payments,
    reports: createReports(ctx, payments),
    public: createPublicFollowUp(ctx),
    vote: createPublicVote(ctx),
  };
}
export type FollowUpService = ReturnType<typeof createFollowUp>;
