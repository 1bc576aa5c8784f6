import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import { createForumContext, type Forum, type ForumDeps, type Participant } from './forum.context.ts';
import { isOver, newJoinCode } from './forum.rules.ts';
import { publishForum } from './forum.catalog.ts';
import { marketplaceCommands } from './forum.marketplace.ts';
import { sessionCommands } from './forum.sessions.ts';
import { closingCommands } from './forum.closing.ts';
import { moderationCommands } from './forum.moderation.ts';
import { roomCommands } from './forum.room.ts';
import { followUpCommands } from './forum.followup.ts';
import { readSlotLines, readSpaceLines } from './forum.structure.ts';
import type { CreateForumInput, JoinInput } from './forum.schema.ts';
import type { ForumPhase } from './forum.tables.ts';

export type { Actor, Forum, ForumChange, ForumDeps, Participant } from './forum.context.ts';

/** A forum day: its set-up and who takes part; the rest of the day is in marketplace, sessions and closing. */
export function createForumService(platform: Platform<Database>, deps: ForumDeps) {
  const ctx = createForumContext(platform, deps);
  const { db, notify } = ctx;

  const core = {
    db,

    async list() {
      return repo.listForums(db);
    },

    async bySlug(slug: string): Promise<Forum> {
      const forum = await repo.findForumBySlug(db, slug);
      if (!forum) throw new NotFoundError();
      return forum;
    },

    async byId(id: string): Promise<Forum> {
      const forum = await repo.findForumById(db, id);
      if (!forum) throw new NotFoundError();
      return forum;
    },

    async create(input: CreateForumInput & { themes?: string[]; eventId?: string | null; joinCode?: string; phase?: ForumPhase }, by: CurrentUser | null) {
      // The refusal names the line that is wrong (issue 12).
      const slotLines = readSlotLines(input.slots, input.starts_on);
      if (!slotLines.ok) throw new BadRequestError('forum.form.slotLine', { line: slotLines.line, text: slotLines.text });
      const spaceLines = readSpaceLines(input.spaces);
      if (!spaceLines.ok) throw new BadRequestError('forum.form.spaceLine', { line: spaceLines.line, text: spaceLines.text });
      const slots = slotLines.rows;
      const spaces = spaceLines.rows;
      let eventId = input.eventId ?? null;
      if (!eventId && input.event) {
        const event = await deps.events.getEventBySlug(input.event);
        if (!event) throw new BadRequestError('forum.form.event');
        eventId = event.id;
      }
      const now = nowIso();
      const forum: Forum = {
        id: newId(),
        slug: input.slug,
        event_id: eventId,
        title: input.title,
        question: input.question,
        place: input.place,
        starts_on: input.starts_on,
        phase: input.phase ?? 'preparation',
        join_code: input.joinCode ?? newJoinCode(),
        votes_per_person: input.votes,
        themes_json: JSON.stringify(input.themes ?? []),
        created_at: now,
        updated_at: now,
        proceedings_published_at: null,
      };
      return transact(db, async (trx) => {
        if (await repo.findForumBySlug(trx, forum.slug)) throw new ConflictError('forum.form.slugTaken');
        await repo.insertForum(trx, forum);
        await repo.insertSlots(
          trx,
          slots.map((s, i) => ({ id: newId(), forum_id: forum.id, position: i, ...s })),
        );
        await repo.insertSpaces(
          trx,
          spaces.map((s, i) => ({ id: newId(), forum_id: forum.id, position: i, ...s })),
        );
        if (by) await repo.insertFacilitator(trx, forum.id, by.id, by.name);
        await publishForum(deps.catalog, trx, forum);
        return forum;
      });
    },

    async structure(forum: Forum) {
      const [slots, spaces, facilitators] = await Promise.all([repo.listSlots(db, forum.id), repo.listSpaces(db, forum.id), repo.listFacilitators(db, forum.id)]);
      return { slots, spaces, facilitators };
    },

    // ---- joining -----------------------------------------------------------

    async participantFromCookie(forum: Forum, token: string | undefined): Promise<Participant | null> {
      if (!token || token.length < 20 || token.length > 100) return null;
      const row = await repo.findParticipantByTokenHash(db, forum.id, sha256(token));
      // "Present now" on the roster: one write per person every five minutes at most.
      const recent = new Date(Date.now() - 5 * 60_000).toISOString();
      if (row && (!row.last_seen_at || row.last_seen_at < recent)) await repo.touchParticipant(db, row.id, nowIso(), recent);
      return row ? { id: row.id, forum_id: row.forum_id, name: row.name, organisation: row.organisation } : null;
    },

    /** Name and join code: nothing else is asked. Returns the cookie value. */
    async join(forum: Forum, input: JoinInput, user: CurrentUser | null): Promise<{ token: string; participant: Participant }> {
      if (input.code !== forum.join_code) throw new BadRequestError('forum.join.badCode');
      if (isOver(forum.phase)) throw new ConflictError('forum.refused.joinClosed');
      const token = randomToken(24);
      const participant = { id: newId(), forum_id: forum.id, name: input.name, organisation: input.organisation || null };
      await transact(db, async (trx, afterCommit) => {
        await repo.insertParticipant(trx, { ...participant, user_id: user?.id ?? null, registration_id: null, token_hash: sha256(token), created_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [] });
      });
      return { token, participant };
    },

    /** The personal registration link: the registration is the identity, no code needed. */
    async joinWithRegistration(forum: Forum, registrationToken: string): Promise<{ token: string; participant: Participant } | null> {
      if (!forum.event_id) return null;
      const found = await deps.events.findRegistrationByToken(registrationToken);
      const reg = found?.registration;
      if (!reg || reg.status === 'cancelled' || reg.eventId !== forum.event_id) return null;
      if (isOver(forum.phase)) throw new ConflictError('forum.refused.joinClosed');
      const token = randomToken(24);
      return transact(db, async (trx, afterCommit) => {
        const existing = await repo.findParticipantByRegistration(trx, forum.id, reg.id);
        if (existing) {
          // A second phone with the same link takes over the identity; the old cookie stops working.
          await repo.updateParticipantToken(trx, existing.id, sha256(token));
          return { token, participant: { id: existing.id, forum_id: existing.forum_id, name: existing.name, organisation: existing.organisation } };
        }
        const participant = { id: newId(), forum_id: forum.id, name: reg.name, organisation: reg.organisation || null };
        // The registration's account, when it has one, is the participant's: the account's data export and erasure find them.
        await repo.insertParticipant(trx, { ...participant, user_id: reg.userId, registration_id: reg.id, token_hash: sha256(token), created_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [] });
        return { token, participant };
      });
    },
  };

  // Object.assign is typed for three sources at most (beyond, the service would be `any`): two levels.
  const dayControl = Object.assign(moderationCommands(ctx), roomCommands(ctx), followUpCommands(ctx));
  return Object.assign(core, marketplaceCommands(ctx), sessionCommands(ctx), Object.assign(closingCommands(ctx), dayControl));
}

export type ForumService = ReturnType<typeof createForumService>;
