import type { CurrentUser } from '../platform/http/access.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { BadRequestError, ConflictError, ForbiddenError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import { autoPlace } from './forum.placement.ts';
import { PHASE_RULES, requirePhase } from './forum.rules.ts';
import type { Actor, Forum, ForumContext } from './forum.context.ts';
import type { ThemeInput } from './forum.schema.ts';
import { REPORT_SECTIONS } from './forum.tables.ts';

/** The marketplace: themes proposed, edited, merged, wanted, announced at the microphone and placed on the wall. */
export function marketplaceCommands(ctx: ForumContext) {
  const { db, notify, isFacilitator, requireParticipant, themeOr404 } = ctx;

  return {
    async proposeTheme(forum: Forum, actor: Actor, input: ThemeInput) {
      const facilitator = isFacilitator(actor.user) && !actor.participant;
      requirePhase(forum, facilitator ? PHASE_RULES.proposeFacilitator : PHASE_RULES.propose, 'forum.refused.propose');
      if (!facilitator) requireParticipant(actor);
      const now = nowIso();
      const id = newId();
      await transact(db, async (trx, afterCommit) => {
        await repo.insertTheme(trx, {
          id,
          forum_id: forum.id,
          title: input.title,
          description: input.description,
          status: 'open',
          merged_into: null,
          slot_id: null,
          space_id: null,
          queued_at: input.queue ? now : null,
          created_at: now,
          updated_at: now,
        });
        await repo.insertSections(
          trx,
          REPORT_SECTIONS.map((section) => ({ theme_id: id, section, body: '', version: 0, updated_at: now, updated_by: null })),
        );
        let convenerId = actor.participant?.id ?? null;
        if (facilitator && input.convener) {
          // The facilitator types for someone speaking at the microphone: that person becomes a participant by name.
          convenerId = newId();
          await repo.insertParticipant(trx, {
            id: convenerId,
            forum_id: forum.id,
            name: input.convener,
            organisation: null,
            user_id: null,
            registration_id: null,
            token_hash: sha256(randomToken(24)),
            created_at: now,
          });
        }
        if (convenerId) await repo.addConvener(trx, id, convenerId);
        notify(afterCommit, forum.id, { themes: [id] });
      });
      return id;
    },

    async editTheme(forum: Forum, user: CurrentUser, themeId: string, input: { title: string; description: string }) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      requirePhase(forum, PHASE_RULES.edit, 'forum.refused.edit');
      await transact(db, async (trx, afterCommit) => {
        await themeOr404(trx, forum, themeId);
        await repo.updateTheme(trx, themeId, { title: input.title, description: input.description, updated_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [themeId] });
      });
    },

    /** Merges `fromId` into `intoId`: both conveners, every participant, interest, report text and action stay. */
    async mergeThemes(forum: Forum, user: CurrentUser, fromId: string, intoId: string) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      requirePhase(forum, PHASE_RULES.edit, 'forum.refused.edit');
      if (fromId === intoId) throw new BadRequestError('forum.merge.same');
      await transact(db, async (trx, afterCommit) => {
        const from = await themeOr404(trx, forum, fromId);
        const into = await themeOr404(trx, forum, intoId);
        const now = nowIso();
        await repo.reattachTheme(trx, forum.id, from.id, into.id);
        const sections = await repo.listSections(trx, [from.id, into.id]);
        for (const section of REPORT_SECTIONS) {
          const a = sections.find((s) => s.theme_id === into.id && s.section === section)?.body ?? '';
          const b = sections.find((s) => s.theme_id === from.id && s.section === section)?.body ?? '';
          if (b) await repo.overwriteSection(trx, into.id, section, a ? `${a}\n\n— ${from.title} —\n${b}` : b, now);
        }
        const description = [into.description, from.description && from.description !== into.description ? `${from.title} : ${from.description}` : from.title].filter(Boolean).join('\n');
        await repo.updateTheme(trx, into.id, {
          description,
          updated_at: now,
          slot_id: into.slot_id ?? null,
          space_id: into.space_id ?? null,
          queued_at: into.queued_at ?? from.queued_at,
        });
        await repo.updateTheme(trx, from.id, { status: 'merged', merged_into: into.id, slot_id: null, space_id: null, queued_at: null, updated_at: now });
        if (!into.slot_id && from.slot_id) {
          await repo.updateTheme(trx, into.id, { slot_id: from.slot_id, space_id: from.space_id });
        }
        notify(afterCommit, forum.id, { themes: [into.id], removed: [from.id] });
      });
    },

    async toggleInterest(forum: Forum, actor: Actor, themeId: string) {
      requirePhase(forum, PHASE_RULES.interest, 'forum.refused.interest');
      const p = requireParticipant(actor);
      return transact(db, async (trx, afterCommit) => {
        await themeOr404(trx, forum, themeId);
        const on = await repo.toggleInterest(trx, themeId, p.id);
        notify(afterCommit, forum.id, { themes: [themeId] });
        return on;
      });
    },

    /** Asks for the microphone in plenary for one's theme; the facilitator clears it once spoken. */
    async queueForMic(forum: Forum, actor: Actor, themeId: string, queued: boolean) {
      requirePhase(forum, PHASE_RULES.queue, 'forum.refused.queue');
      await transact(db, async (trx, afterCommit) => {
        const theme = await themeOr404(trx, forum, themeId);
        if (!isFacilitator(actor.user)) {
          const p = requireParticipant(actor);
          const conveners = await repo.listConveners(trx, forum.id, [themeId]);
          if (!conveners.some((c) => c.participant_id === p.id)) throw new ForbiddenError('forum.refused.notConvener');
        }
        await repo.updateTheme(trx, theme.id, { queued_at: queued ? (theme.queued_at ?? nowIso()) : null });
        notify(afterCommit, forum.id, { themes: [themeId] });
      });
    },

    /** Places a theme on the wall (or takes it off with a null cell); refuses conflicts. */
    async placeTheme(forum: Forum, actor: Actor, themeId: string, cell: { slotId: string; spaceId: string } | null) {
      const facilitator = isFacilitator(actor.user);
      requirePhase(forum, facilitator ? PHASE_RULES.placeFacilitator : PHASE_RULES.place, 'forum.refused.place');
      await transact(db, async (trx, afterCommit) => {
        await themeOr404(trx, forum, themeId);
        const conveners = await repo.listConveners(trx, forum.id);
        if (!facilitator) {
          const p = requireParticipant(actor);
          if (!conveners.some((c) => c.theme_id === themeId && c.participant_id === p.id)) throw new ForbiddenError('forum.refused.notConvener');
        }
        if (cell) {
          const [slots, spaces] = await Promise.all([repo.listSlots(trx, forum.id), repo.listSpaces(trx, forum.id)]);
          if (!slots.some((s) => s.id === cell.slotId) || !spaces.some((s) => s.id === cell.spaceId)) throw new BadRequestError('forum.place.badCell');
          const placed = await repo.placedThemes(trx, forum.id);
          if (placed.some((t) => t.id !== themeId && t.slot_id === cell.slotId && t.space_id === cell.spaceId)) throw new ConflictError('forum.place.cellTaken');
          const mine = new Set(conveners.filter((c) => c.theme_id === themeId).map((c) => c.participant_id));
          const sameSlot = new Set(placed.filter((t) => t.id !== themeId && t.slot_id === cell.slotId).map((t) => t.id));
          if (conveners.some((c) => sameSlot.has(c.theme_id) && mine.has(c.participant_id))) throw new ConflictError('forum.place.convenerBusy');
        }
        await repo.updateTheme(trx, themeId, { slot_id: cell?.slotId ?? null, space_id: cell?.spaceId ?? null, updated_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [themeId] });
      });
    },

    /** Places every unplaced theme without conflicts; themes with more interest get bigger spaces. */
    async placeAutomatically(forum: Forum, user: CurrentUser) {
      if (!isFacilitator(user)) throw new ForbiddenError();
      requirePhase(forum, PHASE_RULES.placeFacilitator, 'forum.refused.place');
      return transact(db, async (trx, afterCommit) => {
        const [themes, slots, spaces, conveners, interest] = await Promise.all([
          repo.listThemes(trx, forum.id),
          repo.listSlots(trx, forum.id),
          repo.listSpaces(trx, forum.id),
          repo.listConveners(trx, forum.id),
          repo.interestCounts(trx, forum.id),
        ]);
        const plan = autoPlace({
          themes: themes.map((t) => ({
            id: t.id,
            slotId: t.slot_id,
            spaceId: t.space_id,
            interest: Number(interest.find((i) => i.theme_id === t.id)?.n ?? 0),
            conveners: conveners.filter((c) => c.theme_id === t.id).map((c) => c.participant_id),
          })),
          slots: slots.map((s) => s.id),
          spaces: spaces.map((s) => ({ id: s.id, capacity: s.capacity })),
        });
        const now = nowIso();
        for (const p of plan.placed) await repo.updateTheme(trx, p.themeId, { slot_id: p.slotId, space_id: p.spaceId, updated_at: now });
        notify(afterCommit, forum.id, { themes: plan.placed.map((p) => p.themeId) });
        return { placed: plan.placed.length, unplaced: plan.unplaced.length };
      });
    },
  };
}
