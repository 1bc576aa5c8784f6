import type { CurrentUser } from '../platform/http/access.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import type { Actor, Forum, ForumContext } from './forum.context.ts';
import type { ForumCorrectionsTable } from './forum.tables.ts';
import type { ActionInput } from './forum.schema.ts';

type Correction = Pick<ForumCorrectionsTable, 'item_kind' | 'item_id' | 'change' | 'before_text' | 'after_text'>;

/**
 * Moderation and correction (0035): facilitators hide, restore and edit themes, actions and
 * comments, rename or remove participants; conveners correct their themes, writers their
 * comments, owners their actions. Nothing is deleted: every change is a row of the history
 * (who, what, before, after, when), and a hidden item can be brought back.
 */
export function moderationCommands(ctx: ForumContext) {
  const { db, notify, isFacilitator, writerOf } = ctx;

  function facilitator(user: CurrentUser | null): Actor {
    if (!isFacilitator(user)) throw new ForbiddenError();
    return { participant: null, user };
  }

  async function log(trx: typeof db, forum: Forum, actor: Actor, c: Correction, at: string) {
    const by = writerOf(actor, true);
    await repo.insertCorrection(trx, { id: newId(), forum_id: forum.id, ...c, by_name: by.name, by_user_id: by.userId, by_participant_id: by.participantId, at });
  }

  const isOwner = (actor: Actor, a: { owner_participant_id?: string | null; owner_user_id?: string | null }) =>
    (!!actor.participant && a.owner_participant_id === actor.participant.id) || (!!actor.user && a.owner_user_id === actor.user.id);

  return {
    async setThemeHidden(forum: Forum, user: CurrentUser | null, themeId: string, hidden: boolean) {
      const actor = facilitator(user);
      await transact(db, async (trx, afterCommit) => {
        const theme = await repo.findTheme(trx, forum.id, themeId);
        if (!theme || theme.status === 'merged' || !!theme.hidden_at === hidden) throw new NotFoundError();
        const now = nowIso();
        await repo.updateTheme(trx, themeId, { hidden_at: hidden ? now : null, updated_at: now });
        await log(trx, forum, actor, { item_kind: 'theme', item_id: themeId, change: hidden ? 'hide' : 'restore', before_text: theme.title, after_text: theme.title }, now);
        notify(afterCommit, forum.id, hidden ? { removed: [themeId] } : { themes: [themeId] });
      });
    },

    /** A theme's title and description corrected by a facilitator, or by one of its conveners. */
    async correctTheme(forum: Forum, actor: Actor, themeId: string, input: { title: string; description: string }) {
      await transact(db, async (trx, afterCommit) => {
        const theme = await ctx.themeOr404(trx, forum, themeId);
        if (!isFacilitator(actor.user)) {
          const conveners = await repo.listConveners(trx, forum.id, [themeId]);
          if (!actor.participant || !conveners.some((c) => c.participant_id === actor.participant!.id)) throw new ForbiddenError('forum.refused.notConvener');
        }
        if (theme.title === input.title && theme.description === input.description) return;
        const now = nowIso();
        await repo.updateTheme(trx, themeId, { title: input.title, description: input.description, updated_at: now });
        await log(
          trx,
          forum,
          isFacilitator(actor.user) ? { participant: null, user: actor.user } : actor,
          { item_kind: 'theme', item_id: themeId, change: 'edit', before_text: `${theme.title}\n${theme.description}`.trim(), after_text: `${input.title}\n${input.description}`.trim() },
          now,
        );
        notify(afterCommit, forum.id, { themes: [themeId] });
      });
    },

    async setCommentHidden(forum: Forum, user: CurrentUser | null, commentId: string, hidden: boolean) {
      const actor = facilitator(user);
      await transact(db, async (trx, afterCommit) => {
        const comment = await repo.findComment(trx, forum.id, commentId);
        if (!comment || !!comment.hidden_at === hidden) throw new NotFoundError();
        const now = nowIso();
        await repo.updateComment(trx, commentId, { hidden_at: hidden ? now : null });
        await log(trx, forum, actor, { item_kind: 'comment', item_id: commentId, change: hidden ? 'hide' : 'restore', before_text: comment.body, after_text: comment.body }, now);
        notify(afterCommit, forum.id, { themes: [comment.theme_id] });
      });
    },

    /** A comment corrected by a facilitator, or by the participant who wrote it. */
    async correctComment(forum: Forum, actor: Actor, commentId: string, body: string) {
      await transact(db, async (trx, afterCommit) => {
        const comment = await repo.findComment(trx, forum.id, commentId);
        if (!comment || comment.hidden_at) throw new NotFoundError();
        const own = !!actor.participant && comment.participant_id === actor.participant.id;
        if (!own && !isFacilitator(actor.user)) throw new ForbiddenError('forum.refused.notAuthor');
        if (comment.body === body) return;
        const now = nowIso();
        await repo.updateComment(trx, commentId, { body, edited_at: now });
        await log(trx, forum, own ? actor : { participant: null, user: actor.user }, { item_kind: 'comment', item_id: commentId, change: 'edit', before_text: comment.body, after_text: body }, now);
        notify(afterCommit, forum.id, { themes: [comment.theme_id] });
      });
    },

    async setActionHidden(forum: Forum, user: CurrentUser | null, actionId: string, hidden: boolean) {
      const actor = facilitator(user);
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action || !!action.hidden_at === hidden) throw new NotFoundError();
        const now = nowIso();
        await repo.updateAction(trx, actionId, { hidden_at: hidden ? now : null, updated_at: now });
        await log(trx, forum, actor, { item_kind: 'action', item_id: actionId, change: hidden ? 'hide' : 'restore', before_text: action.title, after_text: action.title }, now);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    /** An action corrected in any phase by a facilitator or by the person who carries it. */
    async correctAction(forum: Forum, actor: Actor, actionId: string, input: ActionInput) {
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action || action.hidden_at) throw new NotFoundError();
        const owner = isOwner(actor, action);
        if (!owner && !isFacilitator(actor.user)) throw new ForbiddenError('forum.refused.notOwner');
        const before = [action.title, action.carrier, action.partners, action.due].join(' · ');
        const after = [input.title, input.carrier, input.partners, input.due].join(' · ');
        if (before === after && action.kind === input.kind) return;
        const now = nowIso();
        await repo.updateAction(trx, actionId, { kind: input.kind, title: input.title, carrier: input.carrier, partners: input.partners, due: input.due, updated_at: now });
        await log(trx, forum, owner ? actor : { participant: null, user: actor.user }, { item_kind: 'action', item_id: actionId, change: 'edit', before_text: before, after_text: after }, now);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    async renameParticipant(forum: Forum, user: CurrentUser | null, participantId: string, name: string) {
      const actor = facilitator(user);
      await transact(db, async (trx, afterCommit) => {
        const p = await repo.findParticipant(trx, forum.id, participantId);
        if (!p) throw new NotFoundError();
        if (p.name === name) return;
        const now = nowIso();
        await repo.renameParticipant(trx, participantId, name);
        await log(trx, forum, actor, { item_kind: 'participant', item_id: participantId, change: 'rename', before_text: p.name, after_text: name }, now);
        // Their name is on cards across the wall: redraw it all.
        notify(afterCommit, forum.id, { all: true });
      });
    },

    /** Removed: their phone is signed out of the forum and their name leaves the cards; what they wrote stays. */
    async setParticipantRemoved(forum: Forum, user: CurrentUser | null, participantId: string, removed: boolean) {
      const actor = facilitator(user);
      await transact(db, async (trx, afterCommit) => {
        const p = await repo.findParticipant(trx, forum.id, participantId);
        if (!p || !!p.removed_at === removed) throw new NotFoundError();
        const now = nowIso();
        if (removed) await repo.removeParticipant(trx, forum.id, participantId, now);
        else await repo.restoreParticipant(trx, participantId);
        await log(trx, forum, actor, { item_kind: 'participant', item_id: participantId, change: removed ? 'remove' : 'restore', before_text: p.name, after_text: p.name }, now);
        notify(afterCommit, forum.id, { all: true });
      });
    },

    async corrections(forum: Forum) {
      return repo.listCorrections(db, forum.id);
    },
  };
}
