import type { CurrentUser } from '../platform/http/access.ts';
import { transact } from '../platform/db/transaction.ts';
import { nowIso } from '../platform/db/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import { PHASE_RULES, isOver, requirePhase } from './forum.rules.ts';
import { publishActions } from './forum.catalog.ts';
import type { Actor, Forum, ForumContext } from './forum.context.ts';
import type { ActionStatus } from './forum.tables.ts';

/**
 * Actions carried by the people who said they would (0038): a participant (their phone's
 * identity) or an account says "I carry this", and from then on updates its status and notes
 * themselves; the public page shows who carries what, since when.
 */
export function followUpCommands(ctx: ForumContext) {
  const { db, deps, notify, isFacilitator } = ctx;

  const ownerOf = (actor: Actor) => {
    if (actor.participant) return { name: actor.participant.name, participantId: actor.participant.id, userId: actor.user?.id ?? null };
    if (actor.user) return { name: actor.user.name, participantId: null, userId: actor.user.id };
    throw new ForbiddenError('forum.refused.notParticipant');
  };

  return {
    async claimAction(forum: Forum, actor: Actor, actionId: string) {
      requirePhase(forum, PHASE_RULES.followUp, 'forum.refused.followUp');
      const owner = ownerOf(actor);
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action || action.hidden_at) throw new NotFoundError();
        if (action.owner_participant_id || action.owner_user_id) throw new ConflictError('forum.followup.alreadyCarried', { name: action.owner });
        await repo.setActionOwner(trx, actionId, owner, nowIso());
        if (isOver(forum.phase)) await publishActions(deps.catalog, trx, forum);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    /** The facilitator hands an action to a participant of the day (or takes it back with none). */
    async assignAction(forum: Forum, user: CurrentUser | null, actionId: string, participantId: string | null) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action || action.hidden_at) throw new NotFoundError();
        const p = participantId ? await repo.findParticipant(trx, forum.id, participantId) : null;
        if (participantId && (!p || p.removed_at)) throw new NotFoundError();
        const now = nowIso();
        if (p) await repo.setActionOwner(trx, actionId, { name: p.name, participantId: p.id, userId: p.user_id }, now);
        else await repo.updateAction(trx, actionId, { owner_participant_id: null, owner_user_id: null, owner_since: null, updated_at: now });
        if (isOver(forum.phase)) await publishActions(deps.catalog, trx, forum);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    /** Status and a note, by the person who carries the action or by a facilitator. */
    async updateCarriedAction(forum: Forum, actor: Actor, actionId: string, input: { status: ActionStatus; body: string }) {
      requirePhase(forum, PHASE_RULES.followUp, 'forum.refused.followUp');
      await transact(db, async (trx, afterCommit) => {
        const action = await repo.findAction(trx, forum.id, actionId);
        if (!action || action.hidden_at) throw new NotFoundError();
        const owner = (!!actor.participant && action.owner_participant_id === actor.participant.id) || (!!actor.user && action.owner_user_id === actor.user.id);
        if (!owner && !isFacilitator(actor.user)) throw new ForbiddenError('forum.refused.notOwner');
        const author = owner ? ownerOf(actor) : { name: actor.user!.name, participantId: null, userId: actor.user!.id };
        await repo.recordActionUpdate(trx, actionId, { status: input.status, body: input.body }, author, nowIso());
        if (isOver(forum.phase)) await publishActions(deps.catalog, trx, forum);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    async carriedBy(forum: Forum, actor: Actor): Promise<Set<string>> {
      const rows = await repo.actionsCarriedBy(db, forum.id, { participantId: actor.participant?.id ?? null, userId: actor.user?.id ?? null });
      return new Set(rows.map((r) => r.id));
    },
  };
}
