import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { Catalog } from '../content/catalog.types.ts';
import type { EventsExtension } from '../events/events.service.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { transact, type AfterCommit } from '../platform/db/transaction.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import { autoPlace } from './forum.placement.ts';
import { buildProceedingsPdf, type ProceedingsInput } from './forum.pdf.ts';
import type { ActionInput, CreateForumInput, JoinInput, ThemeInput } from './forum.schema.ts';
import { PHASES, REPORT_SECTIONS, type ActionStatus, type ForumPhase, type ForumsTable, type ForumTables, type ReportSection } from './forum.tables.ts';

export type Forum = ForumsTable;
export type Participant = { id: string; name: string; organisation: string | null; forum_id: string };

/** Who is acting: a participant of the day (cookie) or a facilitator (animator account). */
export type Actor = { participant: Participant | null; user: CurrentUser | null };

/** What forum needs from the events module; written against its announced names, optional until it lands. */
export interface ForumEventsPort {
  getEventBySlug?(slug: string): Promise<unknown>;
  getEvent?(id: string): Promise<unknown>;
  findRegistrationByToken?(token: string): Promise<unknown>;
  listConfirmedRegistrations?(eventId: string): Promise<unknown[]>;
  createEvent?(input: unknown): Promise<unknown>;
  attachDocument?(trx: Kysely<any>, eventId: string, doc: { title: string; url: string; format: string; size: number }): Promise<unknown>;
  extensions?: { register(extension: EventsExtension): void };
}

export interface ForumDeps {
  accounts?: unknown;
  events?: ForumEventsPort;
  content?: { catalog?: Catalog };
}

/** A change notice on `forum:<id>`: which themes to refresh on the walls, or everything. */
export interface ForumChange {
  themes?: string[];
  removed?: string[];
  all?: boolean;
}

const JOIN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newJoinCode(): string {
  let code = '';
  const bytes = randomToken(12);
  for (let i = 0; i < 6; i++) code += JOIN_ALPHABET[bytes.charCodeAt(i) % JOIN_ALPHABET.length];
  return code;
}

const PHASE_RULES = {
  propose: ['marketplace'] as ForumPhase[],
  proposeFacilitator: ['preparation', 'marketplace', 'sessions'] as ForumPhase[],
  interest: ['marketplace'] as ForumPhase[],
  queue: ['marketplace'] as ForumPhase[],
  place: ['marketplace', 'sessions'] as ForumPhase[],
  placeFacilitator: ['preparation', 'marketplace', 'sessions'] as ForumPhase[],
  edit: ['preparation', 'marketplace', 'sessions', 'convergence'] as ForumPhase[],
  group: ['sessions'] as ForumPhase[],
  report: ['sessions', 'convergence'] as ForumPhase[],
  comment: ['sessions', 'convergence', 'closed'] as ForumPhase[],
  vote: ['convergence'] as ForumPhase[],
  cluster: ['convergence', 'closed'] as ForumPhase[],
  proceedings: ['closed', 'followup'] as ForumPhase[],
  followUp: ['convergence', 'closed', 'followup'] as ForumPhase[],
};

function requirePhase(forum: Forum, allowed: ForumPhase[], messageKey: string) {
  if (!allowed.includes(forum.phase)) throw new ConflictError(messageKey);
}

/** Registrations come from another module; read the few fields we need whatever their casing. */
function readRegistration(raw: unknown): { id: string; eventId: string; name: string; organisation: string | null } | null {
  if (!raw || typeof raw !== 'object') return null;
  // findRegistrationByToken answers { registration, event, position }.
  const outer = raw as Record<string, unknown>;
  const r = (outer.registration && typeof outer.registration === 'object' ? outer.registration : outer) as Record<string, unknown>;
  if (r.status === 'cancelled' || r.cancelledAt) return null;
  const str = (...keys: string[]) => keys.map((k) => r[k]).find((v): v is string => typeof v === 'string' && v.length > 0) ?? null;
  const id = str('id');
  const eventId = str('eventId', 'event_id');
  const name = str('name', 'fullName') ?? [str('firstName', 'first_name'), str('lastName', 'last_name')].filter(Boolean).join(' ');
  if (!id || !eventId || !name) return null;
  return { id, eventId, name, organisation: str('organisation', 'organization') };
}

export function createForumService(platform: Platform, deps: ForumDeps = {}) {
  const db = platform.db as unknown as Kysely<ForumTables>;
  const catalog = deps.content?.catalog;

  function notify(afterCommit: AfterCommit, forumId: string, change: ForumChange) {
    afterCommit(() => platform.bus.publish(`forum:${forumId}`, change as Record<string, unknown>));
  }

  function isFacilitator(user: CurrentUser | null): boolean {
    return can.animate(user);
  }

  /** The writer of a report edit, comment or follow-up note: the participant, else the facilitator. */
  function writerOf(actor: Actor, facilitatorFirst = false): repo.Writer {
    const asFacilitator = isFacilitator(actor.user) ? { name: actor.user!.name, participantId: null, userId: actor.user!.id } : null;
    const asParticipant = actor.participant ? { name: actor.participant.name, participantId: actor.participant.id, userId: null } : null;
    const writer = facilitatorFirst ? (asFacilitator ?? asParticipant) : (asParticipant ?? asFacilitator);
    if (!writer) throw new ForbiddenError('forum.refused.notParticipant');
    return writer;
  }

  function requireParticipant(actor: Actor): Participant {
    if (actor.participant) return actor.participant;
    throw new ForbiddenError('forum.refused.notParticipant');
  }

  async function themeOr404(trx: Kysely<ForumTables>, forum: Forum, themeId: string) {
    const theme = await repo.findTheme(trx, forum.id, themeId);
    if (!theme) throw new NotFoundError();
    if (theme.status === 'merged') throw new ConflictError('forum.refused.merged');
    return theme;
  }

  async function publishForumToCatalog(trx: Kysely<any>, forum: Forum) {
    if (!catalog) return;
    const themes = await repo.listThemes(trx as Kysely<ForumTables>, forum.id);
    await catalog.upsert(trx, {
      kind: 'forum',
      id: forum.id,
      url: `/forums/${forum.slug}`,
      title: forum.title,
      summary: forum.question,
      body: [forum.question, forum.place, ...themes.map((t) => `${t.title}. ${t.description}`)].join('\n'),
      themes: JSON.parse(forum.themes_json) as string[],
      territory: null,
      format: null,
      membersOnly: false,
      publishedAt: forum.created_at,
      updatedAt: nowIso(),
      startsAt: forum.starts_on,
    });
  }

  async function publishActionsToCatalog(trx: Kysely<any>, forum: Forum) {
    if (!catalog) return;
    const actions = await repo.listActions(trx as Kysely<ForumTables>, forum.id);
    for (const a of actions) {
      await catalog.upsert(trx, {
        kind: 'action',
        id: a.id,
        url: `/forums/${forum.slug}#action-${a.id}`,
        title: a.title,
        summary: [a.carrier, a.partners, a.due].filter(Boolean).join(' · '),
        body: `${a.title}\n${a.theme_title}\n${a.carrier}\n${a.partners}`,
        themes: JSON.parse(forum.themes_json) as string[],
        territory: null,
        format: null,
        membersOnly: false,
        publishedAt: a.created_at,
        updatedAt: a.updated_at,
        startsAt: null,
      });
    }
  }

  const service = {
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
      const slots = parseSlots(input.slots, input.starts_on);
      const spaces = parseSpaces(input.spaces);
      if (!slots) throw new BadRequestError('forum.form.slots');
      if (!spaces) throw new BadRequestError('forum.form.spaces');
      let eventId = input.eventId ?? null;
      if (!eventId && input.event && deps.events?.getEventBySlug) {
        const event = (await deps.events.getEventBySlug(input.event)) as { id?: string } | null;
        if (!event?.id) throw new BadRequestError('forum.form.event');
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
        await publishForumToCatalog(trx, forum);
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
      return (await repo.findParticipantByTokenHash(db, forum.id, sha256(token))) ?? null;
    },

    /** Name and join code: nothing else is asked. Returns the cookie value. */
    async join(forum: Forum, input: JoinInput, user: CurrentUser | null): Promise<{ token: string; participant: Participant }> {
      if (input.code !== forum.join_code) throw new BadRequestError('forum.join.badCode');
      if (forum.phase === 'closed' || forum.phase === 'followup') throw new ConflictError('forum.refused.joinClosed');
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
      if (!deps.events?.findRegistrationByToken || !forum.event_id) return null;
      const reg = readRegistration(await deps.events.findRegistrationByToken(registrationToken));
      if (!reg || reg.eventId !== forum.event_id) return null;
      if (forum.phase === 'closed' || forum.phase === 'followup') throw new ConflictError('forum.refused.joinClosed');
      const token = randomToken(24);
      return transact(db, async (trx, afterCommit) => {
        const existing = await repo.findParticipantByRegistration(trx, forum.id, reg.id);
        if (existing) {
          // A second phone with the same link takes over the identity; the old cookie stops working.
          await repo.updateParticipantToken(trx, existing.id, sha256(token));
          return { token, participant: existing };
        }
        const participant = { id: newId(), forum_id: forum.id, name: reg.name, organisation: reg.organisation };
        await repo.insertParticipant(trx, { ...participant, user_id: null, registration_id: reg.id, token_hash: sha256(token), created_at: nowIso() });
        notify(afterCommit, forum.id, { themes: [] });
        return { token, participant };
      });
    },

    // ---- marketplace ---------------------------------------------------------

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
      requirePhase(forum, PHASE_RULES.report, 'forum.refused.report');
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
      requirePhase(forum, PHASE_RULES.report, 'forum.refused.report');
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
        if (to === 'closed' || to === 'followup') await publishActionsToCatalog(trx, { ...forum, phase: to });
        notify(afterCommit, forum.id, { all: true });
      });
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
        if (catalog) {
          await catalog.upsert(trx, {
            kind: 'document',
            id: `forum-proceedings-${forum.id}`,
            url,
            title: model.labels.title,
            summary: forum.question,
            body: model.reports.map((r) => `${r.title}\n${r.sections.map((s) => s.body).join('\n')}`).join('\n'),
            themes: JSON.parse(forum.themes_json) as string[],
            territory: null,
            format: 'PDF',
            membersOnly: false,
            publishedAt: forum.proceedings_published_at ?? now,
            updatedAt: now,
            startsAt: null,
          });
        }
        if (forum.event_id && deps.events?.attachDocument) {
          await deps.events.attachDocument(trx, forum.event_id, { title: model.labels.title, url, format: 'PDF', size: pdf.length });
        }
        await publishActionsToCatalog(trx, forum);
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
        const now = nowIso();
        await repo.updateAction(trx, actionId, { status: input.status, owner: input.owner || action.owner, updated_at: now });
        await repo.insertActionUpdate(trx, {
          id: newId(),
          action_id: actionId,
          status: input.status,
          body: input.body,
          author: author.name,
          participant_id: author.participantId,
          user_id: author.userId,
          created_at: now,
        });
        await publishActionsToCatalog(trx, forum);
        notify(afterCommit, forum.id, { themes: [action.theme_id] });
      });
    },

    /** Catalogue entries for the demo and for forums created before the catalogue existed. */
    async republish(forum: Forum) {
      await transact(db, async (trx) => {
        await publishForumToCatalog(trx, forum);
        if (forum.phase === 'closed' || forum.phase === 'followup') await publishActionsToCatalog(trx, forum);
      });
    },
  };
  return service;
}

export type ForumService = ReturnType<typeof createForumService>;

/** "9:30-10:30" or "2027-03-12 9:30-10:30", one per line. */
export function parseSlots(text: string, firstDay: string): Array<{ day: string; starts_at: string; ends_at: string }> | null {
  const out: Array<{ day: string; starts_at: string; ends_at: string }> = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2})[h:](\d{2})?\s*[-–à]+\s*(\d{1,2})[h:](\d{2})?$/.exec(line);
    if (!m) return null;
    const pad = (h: string, mm: string | undefined) => `${h.padStart(2, '0')}:${mm ?? '00'}`;
    const starts = pad(m[2], m[3]);
    const ends = pad(m[4], m[5]);
    if (Number(m[2]) > 23 || Number(m[4]) > 23 || ends <= starts) return null;
    out.push({ day: m[1] ?? firstDay, starts_at: starts, ends_at: ends });
  }
  return out.length ? out : null;
}

/** "Salle Nord (30)", one per line; capacity defaults to 20. */
export function parseSpaces(text: string): Array<{ name: string; capacity: number }> | null {
  const out: Array<{ name: string; capacity: number }> = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(.*?)\s*(?:\((\d{1,4})\))?$/.exec(line);
    if (!m?.[1] || m[1].length > 120) return null;
    out.push({ name: m[1], capacity: m[2] ? Number(m[2]) : 20 });
  }
  return out.length ? out : null;
}
