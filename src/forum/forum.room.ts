import type { CurrentUser } from '../platform/http/access.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { BadRequestError, ConflictError, ForbiddenError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import type { AfterCommit } from '../platform/db/transaction.ts';
import type { Forum, ForumChange, ForumContext } from './forum.context.ts';

export const roomChannel = (forumId: string) => `forum-room:${forumId}`;
import { planRows, readSlotLines, readSpaceLines } from './forum.structure.ts';

export interface StructureInput {
  question: string;
  votes: number;
  slots: string;
  spaces: string;
}

/**
 * Running the room (0036): the timer of a session and the facilitator's announcements, shown on
 * the wall and on every phone; the question, dots, slots and spaces edited while the day runs.
 */
export function roomCommands(ctx: ForumContext) {
  const { db, isFacilitator } = ctx;

  /** The wall redraws on the forum's channel; phones listen to the room's own, which carries nothing else. */
  const notify = (afterCommit: AfterCommit, forumId: string, change: ForumChange) => {
    ctx.notify(afterCommit, forumId, change);
    afterCommit(() => ctx.platform.bus.publish(roomChannel(forumId), {}));
  };

  const facilitatorOnly = (user: CurrentUser | null) => {
    if (!isFacilitator(user)) throw new ForbiddenError();
    return user;
  };

  return {
    /** People registered for the forum's event who have not joined it yet: the roster's "expected". */
    async expectedRegistrations(forum: Forum): Promise<Array<{ id: string; name: string; organisation: string }>> {
      if (!forum.event_id) return [];
      const [registered, joined] = await Promise.all([ctx.deps.events.listConfirmedRegistrations(forum.event_id), repo.listRoster(db, forum.id)]);
      const arrived = new Set(joined.map((p) => p.registration_id).filter(Boolean));
      return registered.filter((r) => !arrived.has(r.id)).map((r) => ({ id: r.id, name: r.name, organisation: r.organisation }));
    },

    /** Starts (or restarts) the room's timer; the end time is stored, so every screen counts down to the same second. */
    async startTimer(forum: Forum, user: CurrentUser | null, input: { minutes: number; label: string }, now = new Date()) {
      facilitatorOnly(user);
      const endsAt = new Date(now.getTime() + input.minutes * 60_000).toISOString();
      await transact(db, async (trx, afterCommit) => {
        await repo.updateForum(trx, forum.id, { timer_label: input.label, timer_ends_at: endsAt, updated_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [] });
      });
      return endsAt;
    },

    async stopTimer(forum: Forum, user: CurrentUser | null) {
      facilitatorOnly(user);
      await transact(db, async (trx, afterCommit) => {
        await repo.updateForum(trx, forum.id, { timer_label: null, timer_ends_at: null, updated_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [] });
      });
    },

    /** One announcement at a time is shown; the previous ones stay in the table, withdrawn. */
    async announce(forum: Forum, user: CurrentUser | null, body: string) {
      const by = facilitatorOnly(user);
      await transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        await repo.withdrawAnnouncements(trx, forum.id, now);
        await repo.insertAnnouncement(trx, { id: newId(), forum_id: forum.id, body, author: by.name, user_id: by.id, created_at: now, withdrawn_at: null });
        notify(afterCommit, forum.id, { themes: [] });
      });
    },

    async withdrawAnnouncement(forum: Forum, user: CurrentUser | null) {
      facilitatorOnly(user);
      await transact(db, async (trx, afterCommit) => {
        await repo.withdrawAnnouncements(trx, forum.id, nowIso());
        notify(afterCommit, forum.id, { themes: [] });
      });
    },

    /**
     * The forum's question, dots, slots and spaces after creation (a room added during the
     * marketplace). Lines keep their rows by position, so placed themes stay where they are; a
     * slot or space holding a theme cannot be dropped, and the refusal names its line.
     */
    async editStructure(forum: Forum, user: CurrentUser | null, input: StructureInput) {
      facilitatorOnly(user);
      const slots = readSlotLines(input.slots, forum.starts_on);
      if (!slots.ok) throw new BadRequestError('forum.form.slotLine', { line: slots.line, text: slots.text });
      const spaces = readSpaceLines(input.spaces);
      if (!spaces.ok) throw new BadRequestError('forum.form.spaceLine', { line: spaces.line, text: spaces.text });
      await transact(db, async (trx, afterCommit) => {
        const [oldSlots, oldSpaces, placed] = await Promise.all([repo.listSlots(trx, forum.id), repo.listSpaces(trx, forum.id), repo.themesIn(trx, forum.id)]);
        const slotPlan = planRows(oldSlots, slots.rows, (s) => placed.some((t) => t.slot_id === s.id));
        if (slotPlan.blocked) throw new ConflictError('forum.structure.slotInUse', { line: slotPlan.blocked });
        const spacePlan = planRows(oldSpaces, spaces.rows, (s) => placed.some((t) => t.space_id === s.id));
        if (spacePlan.blocked) throw new ConflictError('forum.structure.spaceInUse', { line: spacePlan.blocked });
        for (const u of slotPlan.update) await repo.updateSlot(trx, u.id, { ...u.row, position: u.position });
        await repo.insertSlots(
          trx,
          slotPlan.insert.map((i) => ({ id: newId(), forum_id: forum.id, position: i.position, ...i.row })),
        );
        await repo.deleteSlots(trx, slotPlan.drop);
        for (const u of spacePlan.update) await repo.updateSpace(trx, u.id, { ...u.row, position: u.position });
        await repo.insertSpaces(
          trx,
          spacePlan.insert.map((i) => ({ id: newId(), forum_id: forum.id, position: i.position, ...i.row })),
        );
        await repo.deleteSpaces(trx, spacePlan.drop);
        await repo.updateForum(trx, forum.id, { question: input.question, votes_per_person: input.votes, updated_at: nowIso() });
        notify(afterCommit, forum.id, { all: true });
      });
    },
  };
}
