/**
 * The holder's reports: progress and end-of-project (fiche bilan) with spent vs planned per budget
 * line; receiving one makes the tranches waiting for it due. Reminders a week before the due date.
 */
import fs from 'node:fs';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { formatDate, parisDay } from '../platform/format.ts';
import { holderOf, mailHolder } from './initiatives.committee.grant.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { addDays } from './initiatives.committee.model.ts';
import * as repo from './initiatives.committee.repo.ts';
import type { PaymentsService } from './initiatives.payments.ts';
import type { ReportKind } from './initiatives.tables.ts';

export interface ReportInput {
  what_happened: string;
  participants: number | null;
  self_evaluation: string;
  published: boolean;
  /** Spent per expense line of the budget, by line id. */
  spent: Record<string, number>;
}

export const REMIND_DAYS_BEFORE = 7;
export const REPORT_FILES_MAX = 20;

/** What the bytes are, whatever the name says: receipts may be PDF or pictures, photos pictures only. */
function sniff(head: Buffer): string | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return null;
}

export function createReports(ctx: FollowUpContext, payments: Pick<PaymentsService, 'completeIfDone'>) {
  const { db } = ctx;

  async function fileOf(user: CurrentUser | null, applicationId: string) {
    const app = await repo.findApplication(db, applicationId);
    if (!app || !user) throw new NotFoundError();
    const staff = await ctx.isStaff(user, app.call_id);
    if (!staff && app.holder_user_id !== user.id) throw new NotFoundError();
    return { app, staff };
  }

  return {
    /** The file's reports, tranches and budget, for the holder (who writes) and staff (who read). */
    async reportsView(user: CurrentUser | null, applicationId: string) {
      const { app, staff } = await fileOf(user, applicationId);
      const [reports, tranches, budget] = await Promise.all([repo.reportsOf(db, app.id), repo.tranchesOf(db, app.id), repo.budgetLines(db, app.id)]);
      const lines = new Map<string, Map<string, number>>();
      for (const r of reports) lines.set(r.id, new Map((await repo.reportLines(db, r.id)).map((l) => [l.budget_line_id, l.spent_cents])));
      const files = await repo.reportAttachments(db, app.id);
      return {
        app,
        staff,
        holder: app.holder_user_id === user!.id,
        reports: reports.map((r) => ({ ...r, lines: lines.get(r.id)!, files: files.filter((f) => f.report_id === r.id) })),
        tranches,
        budget: budget.filter((b) => b.side === 'expense'),
      };
    },

    /** Saves the report; `submit` sends it (the fiche bilan received unlocks the last tranche). */
    async saveReport(user: CurrentUser, applicationId: string, kind: ReportKind, input: ReportInput, submit: boolean): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const { app } = await fileOf(user, applicationId);
      if (app.holder_user_id !== user.id) throw new NotFoundError();
      if (app.state !== 'granted' && app.state !== 'in_progress') throw new ConflictError('initiatives.report.notFunded');
      const report = await repo.findReport(db, app.id, kind);
      if (!report) throw new NotFoundError();
      if (report.status !== 'draft') throw new ConflictError('initiatives.report.alreadySent');
      if (submit) {
        const errors: FieldErrors = {};
        if (!input.what_happened.trim()) errors.what_happened = fieldMessage('initiatives.report.required');
        if (input.participants === null) errors.participants = fieldMessage('initiatives.report.required');
        if (Object.keys(errors).length) return { ok: false, errors };
      }
      const budget = (await repo.budgetLines(db, app.id)).filter((b) => b.side === 'expense');
      const lines = budget.map((b) => ({ budget_line_id: b.id, spent_cents: input.spent[b.id] ?? 0 }));
      await transact(db, async (trx) => {
        const now = nowIso();
        await repo.replaceReportLines(trx, report.id, lines);
        await repo.updateReport(trx, report.id, {
          what_happened: input.what_happened,
          participants: input.participants,
          self_evaluation: input.self_evaluation,
          published: input.published ? 1 : 0,
          spent_cents: lines.reduce((a, l) => a + l.spent_cents, 0),
          updated_at: now,
          ...(submit ? { status: 'submitted' as const, submitted_at: now } : {}),
        });
        if (submit) {
          await repo.makeReportTranchesDue(trx, app.id, kind === 'final' ? 'final_report' : 'progress_report', now);
          await payments.completeIfDone(trx, app.id, user.id);
        }
      });
      return { ok: true };
    },

    /**
     * Receipts (private: holder, reviewers and staff, like every attachment) and photos of a draft
     * report; a photo needs its text alternative, and is public only with the consent of the people in it.
     */
    async addReportFiles(
      user: CurrentUser,
      applicationId: string,
      kind: ReportKind,
      fileKind: 'receipt' | 'photo',
      files: Array<{ path: string; filename: string; size: number }>,
      photo: { consent: boolean; alt: string },
    ): Promise<{ refused: string[]; tooMany: boolean }> {
      const { app } = await fileOf(user, applicationId);
      if (app.holder_user_id !== user.id) throw new NotFoundError();
      const report = await repo.findReport(db, app.id, kind);
      if (!report) throw new NotFoundError();
      if (report.status !== 'draft') throw new ConflictError('initiatives.report.alreadySent');
      if ((await repo.reportAttachments(db, app.id)).length + files.length > REPORT_FILES_MAX) return { refused: [], tooMany: true };
      const refused: string[] = [];
      for (const f of files) {
        const data = await fs.promises.readFile(f.path);
        const type = sniff(data.subarray(0, 8));
        if (!type || (fileKind === 'photo' && type === 'application/pdf')) {
          refused.push(f.filename);
          continue;
        }
        const stored = await ctx.platform.storage.put(data, { contentType: type });
        await repo.insertReportAttachment(db, {
          id: newId(),
          application_id: app.id,
          report_id: report.id,
          kind: fileKind,
          filename: f.filename.slice(0, 200) || fileKind,
          content_type: type,
          bytes: f.size,
          file_key: stored.key,
          consent: fileKind === 'photo' && photo.consent ? 1 : 0,
          alt: fileKind === 'photo' ? photo.alt : '',
          uploaded_by: user.id,
          created_at: nowIso(),
        });
      }
      return { refused, tooMany: false };
    },

    /** Staff acknowledge a report (the fiche bilan is complete). */
    async acceptReport(user: CurrentUser, applicationId: string, kind: ReportKind) {
      const { app, staff } = await fileOf(user, applicationId);
      if (!staff) throw new NotFoundError();
      const report = await repo.findReport(db, app.id, kind);
      if (report?.status !== 'submitted') throw new ConflictError('initiatives.report.notSubmitted');
      const now = nowIso();
      await repo.updateReport(db, report.id, { status: 'accepted', accepted_at: now, accepted_by: user.id, updated_at: now });
    },

    /** The scheduled sweep: one reminder per report, from a week before its due date, to holders who have not sent it. */
    async remindReports(today = parisDay(new Date())) {
      let sent = 0;
      for (const r of await repo.reportsToRemind(db, addDays(today, REMIND_DAYS_BEFORE))) {
        const holder = await holderOf(ctx, r);
        await transact(db, async (trx, afterCommit) => {
          if (!(await repo.claimReminder(trx, r.id, nowIso()))) return;
          const app = (await repo.findApplication(trx, r.application_id))!;
          const ok = await mailHolder(
            ctx,
            trx,
            holder,
            app,
            'reportReminder',
            (lang) => ({ due: formatDate(`${r.due_on}T12:00:00Z`, lang), kind: ctx.t(lang)(`initiatives.report.kind.${r.kind}`) }),
            `/initiatives/dossiers/${app.id}/bilan`,
            `initiatives.reminder:${r.id}`,
          );
          if (ok) {
            sent++;
            afterCommit(() => ctx.platform.mail.wake());
          }
        });
      }
      return sent;
    },
  };
}
export type ReportsService = ReturnType<typeof createReports>;
