import type { CurrentUser } from '../platform/http/access.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import { buildProceedingsPdf, type ProceedingsInput } from './forum.pdf.ts';
import { PHASE_RULES, isOver, requirePhase } from './forum.rules.ts';
import { publishActions, publishForum, publishProceedingsDocument } from './forum.catalog.ts';
import type { Actor, Forum, ForumContext } from './forum.context.ts';
import { PHASES, type ActionStatus, type ForumPhase } from './forum.tables.ts';

/**
 * Minutes a report still takes text after the forum is closed (decision 0032): a scribe typing
 * the last lines when the facilitator closes does not lose them.
 */
export const REPORT_GRACE_MINUTES = 15;
/** A report typed in or saved this recently counts as "being written" for the warning before closing. */
export const WRITING_WINDOW_MINUTES = 5;

/** Whether a report takes text now, and until when when it is only thanks to the grace period. */
export function reportWindow(forum: Forum, now = new Date()): { open: boolean; graceUntil: string | null } {
  if (PHASE_RULES.report.includes(forum.phase)) return { open: true, graceUntil: null };
  if (forum.phase === 'closed' && forum.phase_changed_at) {
    const until = new Date(Date.parse(forum.phase_changed_at) + REPORT_GRACE_MINUTES * 60_000);
    if (until > now) return { open: true, graceUntil: until.toISOString() };
  }
  return { open: false, graceUntil: null };
}

export function requireReportOpen(forum: Forum, now = new Date()) {
  if (reportWindow(forum, now).open) return;
  if (isOver(forum.phase)) throw new ConflictError('forum.refused.reportClosed', { minutes: REPORT_GRACE_MINUTES });
  throw new ConflictError('forum.refused.report');
}

/** Convergence and after: dot-votes, clusters, phases, proceedings and the follow-up of actions. */
export function closingCommands(ctx: ForumContext) {
  const { db, deps, platform, notify, isFacilitator, requireParticipant, writerOf } = ctx;
  const catalog = deps.catalog;
  const reportsBeingWritten = (forum: Forum) => repo.reportsBeingWritten(db, forum.id, new Date(Date.now() - WRITING_WINDOW_MINUTES * 60_000).toISOString());

  return {
    // ---- convergence -------------------------------------------------------------

    async vote(forum: Forum, actor: Actor, actionId: string, remove: boolean) {
      requirePhase(forum, PHASE_RULES.vote, 'forum.refused.vote');
      const p = requireParticipant(actor);
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action) throw new NotFoundError();
        if (remove) {
          await repo.removeOneVote(trx, p.id, actionId);
        } else {
          await repo.lockParticipant(trx, platform.dbKind, p.id);
          const mine = await repo.votesOf(trx, forum.id, p.id);
          if (mine.length >= forum.votes_per_person) throw new ConflictError('forum.refused.noVotesLeft', { n: forum.votes_per_person });
          await repo.insertVote(trx, { id: newId(), forum_id: forum.id, participant_id: p.id, action_id: actionId, created_at: nowIso() });
        }
        notify(afterCommit, forum.id, { themes: [] });
      });
    },

    async saveCluster(forum: Forum, user: CurrentUser, clusterId: string | null, input: { name: string; initiator: string; next_steps: string; actions: string[] }) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      requirePhase(forum, PHASE_RULES.cluster, 'forum.refused.cluster');
      await transact(db, async (trx, afterCommit) => {
        let id = clusterId;
        if (id) {
          if (!(await repo.findCluster(trx, forum.id, id))) throw new NotFoundError();
          await repo.updateCluster(trx, forum.id, id, { name: input.name, initiator: input.initiator, next_steps: input.next_steps });
        } else {
          id = newId();
          const position = (await repo.listClusters(trx, forum.id)).length;
          await repo.insertCluster(trx, { id, forum_id: forum.id, name: input.name, initiator: input.initiator, next_steps: input.next_steps, position });
        }
        await repo.setActionsCluster(trx, forum.id, input.actions, id);
        notify(afterCommit, forum.id, { themes: [] });
      });
    },

    // ---- phases ------------------------------------------------------------------

    /** One step forward or back; `from` is the phase the facilitator saw, so two clicks do not skip a phase. */
    async setPhase(forum: Forum, user: CurrentUser, from: ForumPhase, to: ForumPhase) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      const step = PHASES.indexOf(to) - PHASES.indexOf(from);
      if (Math.abs(step) !== 1) throw new ConflictError('forum.refused.phaseJump');
      await transact(db, async (trx, afterCommit) => {
        const ok = await repo.setPhase(trx, forum.id, from, to, nowIso());
        if (!ok) throw new ConflictError('forum.refused.phaseStale');
        if (isOver(to)) await publishActions(catalog, trx, { ...forum, phase: to });
        notify(afterCommit, forum.id, { all: true });
      });
    },

    // ---- reports still being written (0032) -------------------------------------------

    /** The report page says now and then that someone types in it; nothing else changes. */
    async markReportTyping(forum: Forum, actor: Actor, themeId: string) {
      requireReportOpen(forum);
      writerOf(actor);
      await repo.markReportTyping(db, forum.id, themeId, nowIso());
    },

    /** The reports typed in or saved in the last minutes: what closing the forum now would interrupt. */
    reportsBeingWritten,

    /** Closing while groups still write needs the facilitator's confirmation; the grace period keeps their text. */
    async checkClosing(forum: Forum, to: ForumPhase, confirmed: boolean) {
      if (to !== 'closed' || forum.phase !== 'convergence' || confirmed) return;
      const writing = await reportsBeingWritten(forum);
      if (writing.length > 0) throw new ConflictError('forum.refused.closeWhileWriting', { n: writing.length, minutes: REPORT_GRACE_MINUTES });
    },

    // ---- proceedings and follow-up -------------------------------------------------

    /** Builds the PDF from the day's data, stores it and publishes it (one click, at the end of the day). */
    async publishProceedings(forum: Forum, user: CurrentUser, model: ProceedingsInput) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      requirePhase(forum, PHASE_RULES.proceedings, 'forum.refused.proceedings');
      const pdf = await buildProceedingsPdf(model);
      await transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        await repo.saveProceedings(trx, forum.id, pdf, now);
        await repo.updateForum(trx, forum.id, { proceedings_published_at: forum.proceedings_published_at ?? now, updated_at: now });
        const url = `/forums/${forum.slug}/actes.pdf`;
        await publishProceedingsDocument(catalog, trx, forum, {
          url,
          title: model.labels.title,
          body: model.reports.map((r) => `${r.title}\n${r.sections.map((s) => s.body).join('\n')}`).join('\n'),
          publishedAt: forum.proceedings_published_at ?? now,
          updatedAt: now,
        });
        if (forum.event_id) {
          await deps.events.attachDocument(trx, forum.event_id, { title: model.labels.title, url, format: 'PDF', size: pdf.length });
        }
        await publishActions(catalog, trx, forum);
        notify(afterCommit, forum.id, { all: true });
      });
      return pdf;
    },

    async proceedingsPdf(forum: Forum) {
      if (!forum.proceedings_published_at) return null;
      return repo.loadProceedings(db, forum.id);
    },

    async followUp(forum: Forum, actor: Actor, actionId: string, input: { status: ActionStatus; owner: string; body: string }) {
      requirePhase(forum, PHASE_RULES.followUp, 'forum.refused.followUp');
      const author = writerOf(actor, true);
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action) throw new NotFoundError();
        await repo.recordActionUpdate(trx, actionId, { status: input.status, body: input.body, owner: input.owner || action.owner }, author, nowIso());
        await publishActions(catalog, trx, forum);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    /** Catalogue entries for the demo and for forums created before the catalogue existed. */
    async republish(forum: Forum) {
      await transact(db, async (trx) => {
        await publishForum(catalog, trx, forum);
        if (isOver(forum.phase)) await publishActions(catalog, trx, forum);
      });
    },
  };
}
