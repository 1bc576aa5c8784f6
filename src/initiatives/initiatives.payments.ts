/** Tranches of the grants: paid by the association gestionnaire (staff of the call) once their condition is met; totals against the ceilings; exports. */
import { nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { mayPay } from './initiatives.committee.model.ts';
import * as repo from './initiatives.committee.repo.ts';
import { FUNDED } from './initiatives.model.ts';
import type { InitiativeCallsTable } from './initiatives.tables.ts';

export type PaymentRow = Awaited<ReturnType<typeof repo.tranchesOfCall>>[number] & { payable: boolean };

export interface YearTotal {
  year: string;
  granted: number;
  paid: number;
  envelope: number;
  remaining: number;
}

export interface PaymentsVM {
  call: InitiativeCallsTable;
  rows: PaymentRow[];
  totals: { granted: number; paid: number; due: number };
  years: YearTotal[];
}

export function createPayments(ctx: FollowUpContext) {
  const { db } = ctx;

  async function staffCall(user: CurrentUser | null, callId: string) {
    const call = await repo.findCall(db, callId);
    if (!call || !(await ctx.isStaff(user, call.id))) throw new NotFoundError();
    return call;
  }

  /** Completed when the fiche bilan is in and every tranche is paid. */
  async function completeIfDone(trx: typeof db, applicationId: string, actor: string) {
    const app = (await repo.findApplication(trx, applicationId))!;
    const tranches = await repo.tranchesOf(trx, applicationId);
    const final = await repo.findReport(trx, applicationId, 'final');
    const allPaid = tranches.every((t) => t.status === 'paid' || t.status === 'cancelled');
    if (allPaid && final && final.status !== 'draft' && app.state === 'in_progress') await ctx.move(trx, app, 'completed', actor, '', { completed_at: nowIso() });
  }

  return {
    completeIfDone,

    async payments(user: CurrentUser | null, callId: string): Promise<PaymentsVM> {
      const call = await staffCall(user, callId);
      const rows = (await repo.tranchesOfCall(db, call.id)).filter((r) => FUNDED.includes(r.state)).map((r) => ({ ...r, payable: mayPay(r) }));
      const granted = new Map<string, number>();
      const byYear = new Map<string, YearTotal>();
      const year = (r: PaymentRow) => (r.decided_at ?? '').slice(0, 4) || '—';
      for (const r of rows) {
        const y = byYear.get(year(r)) ?? { year: year(r), granted: 0, paid: 0, envelope: call.yearly_envelope_cents, remaining: 0 };
        if (!granted.has(r.application_id)) {
          granted.set(r.application_id, r.granted_cents ?? 0);
          y.granted += r.granted_cents ?? 0;
        }
        if (r.status === 'paid') y.paid += r.amount_cents;
        byYear.set(y.year, y);
      }
      const years = [...byYear.values()].map((y) => ({ ...y, remaining: Math.max(0, y.envelope - y.granted) })).sort((a, b) => a.year.localeCompare(b.year));
      const sum = (f: (r: PaymentRow) => number) => rows.reduce((a, r) => a + f(r), 0);
      return {
        call,
        rows,
        totals: { granted: [...granted.values()].reduce((a, b) => a + b, 0), paid: sum((r) => (r.status === 'paid' ? r.amount_cents : 0)), due: sum((r) => (r.payable ? r.amount_cents : 0)) },
        years,
      };
    },

    /** The transfer was made: date and bank reference. A tranche waiting for a report cannot be paid yet; two clicks pay once. */
    async markPaid(user: CurrentUser, trancheId: string, paidOn: string, reference: string) {
      const tranche = await repo.findTranche(db, trancheId);
      if (!tranche) throw new NotFoundError();
      const app = (await repo.findApplication(db, tranche.application_id))!;
      await staffCall(user, app.call_id);
      if (!FUNDED.includes(app.state)) throw new ConflictError('initiatives.tranche.notFunded');
      if (!mayPay(tranche)) throw new ConflictError(tranche.status === 'paid' ? 'initiatives.tranche.alreadyPaid' : 'initiatives.tranche.waitingReport');
      await transact(db, async (trx) => {
        const now = nowIso();
        if (!(await repo.updateTranche(trx, tranche.id, tranche.status, { status: 'paid', paid_on: paidOn, reference, paid_by: user.id, updated_at: now })))
          throw new ConflictError('initiatives.tranche.alreadyPaid');
        const fresh = (await repo.findApplication(trx, app.id))!;
        if (fresh.state === 'granted') await ctx.move(trx, fresh, 'in_progress', user.id, '');
        await completeIfDone(trx, app.id, user.id);
      });
    },

    /** The Région's action sheet rows of a call (staff only). */
    async actionSheet(user: CurrentUser | null, callId: string) {
      const call = await staffCall(user, callId);
      return repo.actionSheetRows(db, call.id);
    },

    staffCall,
  };
}
export type PaymentsService = ReturnType<typeof createPayments>;
