/** Admissibility (checklist, complements, decision mailed) and review (reviewers, conflict declarations, the weighted grid). */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { formatDate, parisToIso } from '../platform/format.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import type { InitiativesContext } from './initiatives.context.ts';
import type { InitiativesMail, MailKind } from './initiatives.mail.ts';
import { mayReadFile, summarise, UNDER_REVIEW, weightedScore, type ScoreSummary } from './initiatives.model.ts';
import * as repo from './initiatives.repo.ts';
import type { InitiativeApplicationsTable, InitiativeCriteriaTable } from './initiatives.tables.ts';

export interface GridSummary {
  /** Weighted score on 100: average and spread over reviewers who completed the grid (recused ones excluded). */
  overall: ScoreSummary;
  criteria: Array<{ id: string; label: string; weight: number; max_score: number } & ScoreSummary>;
  reviewers: { assigned: number; declared: number; recused: number; completed: number };
}

export function createReview(ctx: InitiativesContext, mail: InitiativesMail) {
  const { db, deps } = ctx;

  async function staffFile(user: CurrentUser, id: string): Promise<InitiativeApplicationsTable> {
    const app = await repo.findApplication(db, id);
    if (!app) throw new NotFoundError();
    if (!(await ctx.isStaff(user, app.call_id))) throw new ForbiddenError();
    return app;
  }

  /** The holder's address, read before the transaction that mails it (accounts use the root connection). */
  const holderOf = async (app: InitiativeApplicationsTable) => (app.holder_user_id ? deps.accounts.getUser(app.holder_user_id) : null);

  async function mailHolder(trx: Kysely<Database>, holder: Awaited<ReturnType<typeof holderOf>>, app: InitiativeApplicationsTable, kind: MailKind, params: Record<string, string>) {
    if (!holder?.email) return;
    await mail.send(trx, { email: holder.email, name: holder.name, lang: holder.lang }, kind, { reference: app.reference, title: app.title, ...params }, `/initiatives/dossiers/${app.id}`);
  }

  async function summary(applicationId: string, criteria: InitiativeCriteriaTable[]): Promise<GridSummary> {
    const reviewers = await repo.reviewersOf(db, applicationId);
    const counted = reviewers.filter((r) => r.conflict === 'declared_none');
    const scores = await repo.scoresOfReviewers(
      db,
      counted.map((r) => r.id),
    );
    const byReviewer = new Map(counted.map((r) => [r.id, new Map<string, number>()]));
    for (const s of scores) byReviewer.get(s.reviewer_id)?.set(s.criterion_id, s.score);
    const completed = counted.filter((r) => r.completed_at !== null);
    return {
      overall: summarise(completed.map((r) => weightedScore(criteria, byReviewer.get(r.id)!))),
      criteria: criteria.map((c) => ({
        id: c.id,
        label: c.label,
        weight: c.weight,
        max_score: c.max_score,
        ...summarise(completed.map((r) => byReviewer.get(r.id)!.get(c.id) ?? null)),
      })),
      reviewers: { assigned: reviewers.length, declared: counted.length, recused: reviewers.filter((r) => r.conflict === 'recused').length, completed: completed.length },
    };
  }

  return {
    /** The staff's view of a file: checklist with answers, reviewers, the grid's averages (individual scores stay private). */
    async staffView(user: CurrentUser, id: string) {
      const app = await staffFile(user, id);
      const [checklist, answers, reviewers, criteria] = await Promise.all([
        repo.listChecklist(db, app.call_id),
        repo.checklistAnswers(db, id),
        repo.reviewersOf(db, id),
        repo.listCriteria(db, app.call_id),
      ]);
      const names = new Map(await Promise.all(reviewers.map(async (r) => [r.user_id, (await deps.accounts.getUser(r.user_id))?.name ?? ''] as const)));
      return {
        checklist: checklist.map((item) => ({ ...item, answer: answers.find((a) => a.item_id === item.id) ?? null })),
        reviewers: reviewers.map((r) => ({ id: r.id, name: names.get(r.user_id) ?? '', conflict: r.conflict, completed: r.completed_at !== null })),
        grid: await summary(id, criteria),
        // An animator who recused on this file sees no score of it, like any recused reviewer.
        recused: reviewers.some((r) => r.user_id === user.id && r.conflict === 'recused'),
      };
    },

    async saveChecklist(user: CurrentUser, id: string, answers: Record<string, { answer: string; note: string }>) {
      const app = await staffFile(user, id);
      const items = await repo.listChecklist(db, app.call_id);
      await transact(db, async (trx) => {
        for (const item of items) {
          const a = answers[item.id];
          if (!a || !['yes', 'no', 'na'].includes(a.answer)) continue;
          await repo.saveChecklistAnswer(trx, { application_id: id, item_id: item.id, answer: a.answer, note: a.note.slice(0, 500), checked_by: user.id, checked_at: nowIso() });
        }
      });
    },

    /** Reopens the file to the holder until the given day, with what is missing; mailed. */
    async requestComplements(user: CurrentUser, id: string, reason: string, dueOn: string) {
      const app = await staffFile(user, id);
      const dueAt = parisToIso(dueOn, '23:59');
      if (dueAt <= nowIso()) throw new ConflictError('initiatives.error.pastDay');
      const holder = await holderOf(app);
      await transact(db, async (trx, afterCommit) => {
        await ctx.move(trx, app, 'complements_requested', user.id, reason, { complements_reason: reason, complements_due_at: dueAt });
        await mailHolder(trx, holder, app, 'complements', { reason, date: formatDate(dueAt, 'fr') });
        afterCommit(() => ctx.platform.mail.wake());
      });
    },

    async decideAdmissibility(user: CurrentUser, id: string, admissible: boolean, reason: string) {
      const app = await staffFile(user, id);
      if (!admissible && !reason) throw new ConflictError('initiatives.error.reasonRequired');
      const holder = await holderOf(app);
      await transact(db, async (trx, afterCommit) => {
        await ctx.move(trx, app, admissible ? 'admissible' : 'not_admissible', user.id, reason, { state_reason: reason });
        await mailHolder(trx, holder, app, admissible ? 'admissible' : 'notAdmissible', { reason });
        afterCommit(() => ctx.platform.mail.wake());
      });
    },

    /** Assigns a reviewer by address (an account is made for a resident who has none); the file goes under review. */
    async assignReviewer(user: CurrentUser, id: string, input: { email: string; name: string }) {
      const app = await staffFile(user, id);
      if (!UNDER_REVIEW.includes(app.state)) throw new ConflictError('initiatives.error.state');
      const account = (await deps.accounts.findUserByEmail(input.email)) ?? (await deps.accounts.getUser((await deps.accounts.ensureUser({ email: input.email, name: input.name })).id));
      if (!account) throw new NotFoundError();
      if (account.id === app.holder_user_id) throw new ConflictError('initiatives.error.holderReviewer');
      await transact(db, async (trx, afterCommit) => {
        if (await repo.reviewerOn(trx, id, account.id)) return;
        const reviewerId = newId();
        await repo.insertReviewer(trx, {
          id: reviewerId,
          application_id: id,
          user_id: account.id,
          conflict: 'pending',
          conflict_note: '',
          declared_at: null,
          comment: '',
          completed_at: null,
          assigned_by: user.id,
          assigned_at: nowIso(),
        });
        if (app.state === 'admissible') await ctx.move(trx, app, 'under_review', user.id, '');
        if (account.email) {
          await mail.send(trx, { email: account.email, name: account.name, lang: account.lang }, 'reviewer', { reference: app.reference, title: app.title }, `/initiatives/evaluations/${reviewerId}`);
          afterCommit(() => ctx.platform.mail.wake());
        }
      });
    },

    /** The files a person reviews. */
    myReviews: (userId: string) => repo.assignmentsOf(db, userId),

    /**
     * A reviewer's page. Before the declaration: nothing of the file. Recused: nothing of the file nor the
     * scores. Declared no conflict: the file, the grid with its own scores, and the committee's averages.
     */
    async reviewerView(user: CurrentUser, reviewerId: string) {
      const reviewer = await repo.findReviewer(db, reviewerId);
      if (!reviewer || reviewer.user_id !== user.id) return null;
      const app = (await repo.findApplication(db, reviewer.application_id))!;
      const call = (await repo.findCall(db, app.call_id))!;
      if (!mayReadFile(reviewer.conflict)) return { reviewer, app: { id: app.id, reference: app.reference, title: app.title, holder_name: app.holder_name }, call, file: null };
      const criteria = await repo.listCriteria(db, app.call_id);
      const own = await repo.scoresOfReviewers(db, [reviewer.id]);
      const [budget, attachments] = await Promise.all([repo.budgetLines(db, app.id), repo.attachmentsOf(db, app.id)]);
      return { reviewer, app, call, file: { app, budget, attachments, criteria, own, grid: await summary(app.id, criteria) } };
    },

    async declare(user: CurrentUser, reviewerId: string, declaration: 'declared_none' | 'recused', note: string) {
      const reviewer = await repo.findReviewer(db, reviewerId);
      if (!reviewer || reviewer.user_id !== user.id) throw new NotFoundError();
      // A declaration is made once: a recused reviewer cannot come back to the scores, nor a reader un-read the file.
      if (reviewer.conflict !== 'pending') throw new ConflictError('initiatives.error.declared');
      await repo.updateReviewer(db, reviewerId, { conflict: declaration, conflict_note: note, declared_at: nowIso() });
    },

    /** Saves a reviewer's grid; `complete` once every criterion has a score. */
    async saveScores(user: CurrentUser, reviewerId: string, scores: Record<string, { score: string; comment: string }>, comment: string): Promise<{ missing: string[] }> {
      const reviewer = await repo.findReviewer(db, reviewerId);
      if (!reviewer || reviewer.user_id !== user.id) throw new NotFoundError();
      if (!mayReadFile(reviewer.conflict)) throw new ForbiddenError('initiatives.error.declareFirst');
      const app = (await repo.findApplication(db, reviewer.application_id))!;
      if (!UNDER_REVIEW.includes(app.state)) throw new ConflictError('initiatives.error.state');
      const criteria = await repo.listCriteria(db, app.call_id);
      const missing: string[] = [];
      await transact(db, async (trx) => {
        const now = nowIso();
        for (const c of criteria) {
          const raw = scores[c.id];
          const n = raw && /^\d{1,2}$/.test(raw.score) ? Number(raw.score) : null;
          if (n === null || n > c.max_score) {
            missing.push(c.id);
            continue;
          }
          await repo.saveScore(trx, { reviewer_id: reviewerId, criterion_id: c.id, score: n, comment: (raw?.comment ?? '').slice(0, 1000), updated_at: now });
        }
        await repo.updateReviewer(trx, reviewerId, { comment: comment.slice(0, 2000), completed_at: missing.length === 0 ? now : null });
      });
      return { missing };
    },
  };
}
