import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { EventsService } from '../events/events.service.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import type { AfterCommit } from '../platform/db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './forum.repo.ts';
import type { ForumsTable, ForumTables } from './forum.tables.ts';

export type Forum = ForumsTable;
export type Participant = { id: string; name: string; organisation: string | null; forum_id: string };

/** Who is acting: a participant of the day (cookie) or a facilitator (animator account). */
export type Actor = { participant: Participant | null; user: CurrentUser | null };

/** What the forum uses of the other modules, and nothing more. */
export interface ForumDeps {
  events: Pick<EventsService, 'getEventBySlug' | 'findRegistrationByToken' | 'attachDocument' | 'extensions' | 'listConfirmedRegistrations'>;
  catalog: Pick<CatalogService, 'upsert'>;
}

/** A change notice on `forum:<id>`: which themes to refresh on the walls, or everything. */
export interface ForumChange {
  themes?: string[];
  removed?: string[];
  all?: boolean;
}

/** What every part of the forum service shares: the database, the other modules, and the checks. */
export function createForumContext(platform: Platform<Database>, deps: ForumDeps) {
  const db = platform.db as Kysely<ForumTables>;

  function notify(afterCommit: AfterCommit, forumId: string, change: ForumChange) {
    afterCommit(() => platform.bus.publish(`forum:${forumId}`, change as Record<string, unknown>));
  }

  const isFacilitator = (user: CurrentUser | null): user is CurrentUser => can.animate(user);

  /** The writer of a report edit, comment or follow-up note: the participant, else the facilitator. */
  function writerOf(actor: Actor, facilitatorFirst = false): repo.Writer {
    const user = actor.user;
    const asFacilitator = isFacilitator(user) ? { name: user.name, participantId: null, userId: user.id } : null;
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
    if (theme.hidden_at) throw new NotFoundError();
    if (theme.status === 'merged') throw new ConflictError('forum.refused.merged');
    return theme;
  }

  return { platform, deps, db, notify, isFacilitator, writerOf, requireParticipant, themeOr404 };
}
export type ForumContext = ReturnType<typeof createForumContext>;
