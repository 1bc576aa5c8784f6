import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import { PHASE_RULES, requirePhase } from './forum.rules.ts';
import type { Actor, Forum, ForumContext } from './forum.context.ts';
import type { ActionInput } from './forum.schema.ts';
import type { ReportSection } from './forum.tables.ts';
import { requireReportOpen } from './forum.closing.ts';

/** The working sessions: moving between groups, and writing the group's report, action plan and comments. */
export function sessionCommands(ctx: ForumContext) {
  const { db, notify, isFacilitator, requireParticipant, themeOr404, writerOf } = ctx;

  return {
    // ---- groups (law of two feet) --------------------------------------------

    async joinGroup(forum: Forum, actor: Actor, themeId: string | null) {
      requirePhase(forum, PHASE_RULES.group, 'forum.refused.group');
      const p = requireParticipant(actor);
      await transact(db, async (trx, afterCommit) => {
        const before = await repo.currentGroup(trx, p.id);
        if (themeId) await themeOr404(trx, forum, themeId);
        const moved = await repo.setGroup(trx, forum.id, p.id, themeId, nowIso(), newId());
        if (moved) notify(afterCommit, forum.id, { themes: [before?.theme_id, themeId].filter((x): x is string => !!x) });
      });
    },

    // ---- reports ---------------------------------------------------------------

    /**
     * Saves one section of a report if nobody saved it since the version the writer started from.
     * A stale save changes nothing and hands back both texts, so the writer can merge by hand.
     */
    async saveSection(forum: Forum, actor: Actor, themeId: string, section: ReportSection, expectedVersion: number, body: string) {
      requireReportOpen(forum);
      const by = writerOf(actor);
      return transact(db, async (trx, afterCommit) => {
        await themeOr404(trx, forum, themeId);
        const current = await repo.findSection(trx, themeId, section);
        if (!current) throw new NotFoundError();
        // Sending the same text again (a draft resent after a lost connection) is not a conflict.
        if (current.body === body) return { ok: true as const, version: current.version };
        const ok = await repo.saveSection(trx, themeId, section, expectedVersion, body, by, nowIso());
        if (!ok) return { ok: false as const, current: { body: current.body, version: current.version, by: current.updated_by }, mine: body };
        notify(afterCommit, forum.id, { themes: [themeId] });
        return { ok: true as const, version: expectedVersion + 1 };
      });
    },

    async addAction(forum: Forum, actor: Actor, themeId: string, input: ActionInput) {
      requireReportOpen(forum);
      if (!actor.participant && !isFacilitator(actor.user)) throw new ForbiddenError('forum.refused.notParticipant');
      const id = newId();
      await transact(db, async (trx, afterCommit) => {
        await themeOr404(trx, forum, themeId);
        const now = nowIso();
        await repo.insertAction(trx, {
          id,
          forum_id: forum.id,
          theme_id: themeId,
          kind: input.kind,
          title: input.title,
          carrier: input.carrier,
          partners: input.partners,
          due: input.due,
          status: 'proposed',
          owner: input.carrier,
          cluster_id: null,
          version: 0,
          created_at: now,
          updated_at: now,
        });
        notify(afterCommit, forum.id, { themes: [themeId] });
      });
      return id;
    },

    async editAction(forum: Forum, actor: Actor, actionId: string, expectedVersion: number, input: ActionInput) {
      requirePhase(forum, PHASE_RULES.report, 'forum.refused.report');
      if (!actor.participant && !isFacilitator(actor.user)) throw new ForbiddenError('forum.refused.notParticipant');
      return transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action) throw new NotFoundError();
        const ok = await repo.updateActionVersioned(trx, actionId, expectedVersion, {
          kind: input.kind,
          title: input.title,
          carrier: input.carrier,
          partners: input.partners,
          due: input.due,
          updated_at: nowIso(),
        });
        if (!ok) return { ok: false as const, current: action };
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
        return { ok: true as const };
      });
    },

    async addComment(forum: Forum, actor: Actor, themeId: string, body: string) {
      requirePhase(forum, PHASE_RULES.comment, 'forum.refused.comment');
      const author = writerOf(actor);
      await transact(db, async (trx, afterCommit) => {
        await themeOr404(trx, forum, themeId);
        await repo.insertComment(trx, { id: newId(), theme_id: themeId, participant_id: author.participantId, user_id: author.userId, author: author.name, body, created_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [themeId] });
      });
    },
  };
}
