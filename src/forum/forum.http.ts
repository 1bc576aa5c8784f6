import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM_FIELD, fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import type { AppError } from '../platform/http/errors.ts';
import type { EventStreams } from '../platform/live/sse.ts';
import type { Actor, Forum, ForumService } from './forum.service.ts';
import type { ForumReader } from './forum.read.ts';
import type { WallFeed } from './forum.live.ts';

/** What every group of forum routes is given. */
export interface ForumRouteDeps {
  service: ForumService;
  reader: ForumReader;
  feed: WallFeed;
  live: EventStreams;
}

const cookieName = (forum: Forum) => `forum_${forum.id}`;

/** The participant of the day comes from a cookie per forum; a facilitator from their session. */
export async function actorOf(service: ForumService, req: FastifyRequest, forum: Forum): Promise<Actor> {
  const participant = await service.participantFromCookie(forum, req.cookies[cookieName(forum)]);
  return { participant, user: req.user };
}

export function setParticipantCookie(req: FastifyRequest, reply: FastifyReply, forum: Forum, token: string) {
  const secure = req.ctx.publicUrl.startsWith('https://');
  reply.setCookie(cookieName(forum), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 180 * 86400 });
}

/** A refusal of the service shown on the form: on the field it names, else on the whole form. */
export function refusalOn(err: AppError, fields: Record<string, string> = {}): FieldErrors {
  return { [fields[err.messageKey] ?? FORM_FIELD]: fieldMessage(err.messageKey, err.params) };
}

/** A cell of the agenda wall as the forms send it: "slotId|spaceId". */
export function parseCell(cell: unknown): { slotId: string; spaceId: string } | null {
  if (typeof cell !== 'string' || !cell.includes('|')) return null;
  const [slotId, spaceId] = cell.split('|');
  return slotId && spaceId ? { slotId, spaceId } : null;
}

export const slugOf = (req: FastifyRequest) => (req.params as { slug: string }).slug;
