import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../platform/http/access.ts';
import { AppError, BadRequestError } from '../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import type { Actor, Forum } from './forum.service.ts';
import * as s from './forum.schema.ts';
import { JoinPage, ParticipantPage, type ParticipantModel, type ParticipantNote } from './forum.participant.views.tsx';
import { actorOf, parseCell, refusalOn, setParticipantCookie, slugOf, type ForumRouteDeps } from './forum.http.ts';

/** The answers a tap may be given back with (`?fait=`): nothing else is read from the address. */
const DONE_KEYS = new Set([
  'forum.propose.done',
  'forum.note.interestOn',
  'forum.note.interestOff',
  'forum.note.micOn',
  'forum.note.micOff',
  'forum.place.done',
  'forum.note.unplaced',
  'forum.note.groupJoined',
  'forum.note.groupLeft',
  'forum.note.voteGiven',
  'forum.note.voteTaken',
]);
const ANCHOR = /^(?:(?:theme|action)-[A-Za-z0-9_-]{1,80}|propose)$/;

/** `?fait=…&sur=…` as a note shown next to the element it is about, when both are known. */
export function doneNote(query: unknown): ParticipantNote | undefined {
  const q = (query ?? {}) as { fait?: unknown; sur?: unknown };
  if (typeof q.fait !== 'string' || typeof q.sur !== 'string' || !DONE_KEYS.has(q.fait) || !ANCHOR.test(q.sur)) return undefined;
  return { on: q.sur, key: q.fait, refused: false };
}

/**
 * The participant's phone: joining, then every tap of the day. A tap answers next to what was
 * tapped: without JavaScript the redirect comes back to the element's anchor with the answer in
 * it (a refusal re-renders the page with the answer there and focus on it); with JavaScript the
 * page's script sends the form with fetch and swaps the server's new parts in (decision 0031).
 */
export function participantRoutes({ service, reader }: ForumRouteDeps): FastifyPluginAsync {
  return async (app) => {
    async function participantModel(forum: Forum, actor: Actor): Promise<ParticipantModel> {
      const p = actor.participant!;
      const [state, actions, mine] = await Promise.all([reader.wallState(forum), reader.actionViews(forum), reader.participantState(p.id)]);
      return { state, me: { id: p.id, name: p.name }, ...mine, actions, facilitator: can.animate(actor.user), now: new Date() };
    }

    async function renderParticipant(
      req: FastifyRequest,
      reply: FastifyReply,
      forum: Forum,
      actor: Actor,
      extra: { errors?: FieldErrors; values?: FormValues; note?: ParticipantNote; status?: number } = {},
    ) {
      const m = await participantModel(forum, actor);
      return reply.html(<ParticipantPage ctx={req.ctx} m={m} errors={extra.errors} values={extra.values} note={extra.note} />, extra.status ?? 200);
    }

    const backTo = (forum: Forum, key: string, anchor: string) => `/forums/${forum.slug}/participer?fait=${encodeURIComponent(key)}&sur=${anchor}#${anchor}`;

    /** A tap: done, it comes back to its element; refused, the page says why next to it. */
    async function participantAction(req: FastifyRequest, reply: FastifyReply, anchor: string, run: (forum: Forum, actor: Actor) => Promise<string>) {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      if (!actor.participant && !can.animate(req.user)) return reply.redirect(`/forums/${forum.slug}/participer`, 303);
      let done: string;
      try {
        done = await run(forum, actor);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404 && actor.participant) {
          const fresh = await service.bySlug(forum.slug);
          return renderParticipant(req, reply, fresh, actor, { note: { on: anchor, key: err.messageKey, params: err.params, refused: true }, status: err.status });
        }
        throw err;
      }
      return reply.redirect(backTo(forum, done, anchor), 303);
    }

    const themeIdOf = (req: FastifyRequest) => (req.params as { id: string }).id;
    const themeAnchor = (req: FastifyRequest) => `theme-${themeIdOf(req)}`;

    app.get('/forums/:slug/participer', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const q = req.query as { inscription?: string; code?: string };
      let registrationLinkInvalid = false;
      if (q.inscription) {
        const joined = await service.joinWithRegistration(forum, String(q.inscription).slice(0, 200));
        if (joined) {
          setParticipantCookie(req, reply, forum, joined.token);
          return reply.redirect(`/forums/${forum.slug}/participer`, 303);
        }
        registrationLinkInvalid = true;
      }
      const actor = await actorOf(service, req, forum);
      if (actor.participant) return renderParticipant(req, reply, forum, actor, { note: doneNote(req.query) });
      const summary = await reader.summary(forum);
      return reply.html(
        <JoinPage ctx={req.ctx} forum={summary} values={{ code: q.code ? String(q.code).slice(0, 20) : '', name: req.user?.name ?? '' }} registrationLinkInvalid={registrationLinkInvalid} />,
      );
    });

    app.post('/forums/:slug/participer', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const form = parseForm(s.joinSchema, req.body);
      const summary = await reader.summary(forum);
      if (!form.ok) return reply.html(<JoinPage ctx={req.ctx} forum={summary} errors={form.errors} values={form.values} />, 400);
      try {
        const { token } = await service.join(forum, form.data, req.user);
        setParticipantCookie(req, reply, forum, token);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          return reply.html(<JoinPage ctx={req.ctx} forum={summary} errors={refusalOn(err, { 'forum.join.badCode': 'code' })} values={form.values} />, err.status);
        }
        throw err;
      }
      return reply.flashRedirect(`/forums/${forum.slug}/participer`, 'forum.join.welcome');
    });

    app.post('/forums/:slug/themes', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      if (!actor.participant) return reply.redirect(`/forums/${forum.slug}/participer`, 303);
      const form = parseForm(s.themeSchema, req.body);
      const values = { title: form.values.title ?? '', description: form.values.description ?? '', queue: form.values.queue ? '1' : '' };
      if (!form.ok) return renderParticipant(req, reply, forum, actor, { errors: form.errors, values, status: 400 });
      let id: string;
      try {
        id = await service.proposeTheme(forum, actor, { ...form.data, convener: '' });
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          return renderParticipant(req, reply, forum, actor, { note: { on: 'propose', key: err.messageKey, params: err.params, refused: true }, values, status: err.status });
        }
        throw err;
      }
      return reply.redirect(backTo(forum, 'forum.propose.done', `theme-${id}`), 303);
    });

    app.post('/forums/:slug/themes/:id/interet', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, themeAnchor(req), async (forum, actor) => ((await service.toggleInterest(forum, actor, themeIdOf(req))) ? 'forum.note.interestOn' : 'forum.note.interestOff')),
    );

    app.post('/forums/:slug/themes/:id/micro', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, themeAnchor(req), async (forum, actor) => {
        const queued = (req.body as { queued?: string })?.queued === '1';
        await service.queueForMic(forum, actor, themeIdOf(req), queued);
        return queued ? 'forum.note.micOn' : 'forum.note.micOff';
      }),
    );

    app.post('/forums/:slug/themes/:id/placer', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, themeAnchor(req), async (forum, actor) => {
        const cell = parseCell((req.body as { cell?: string })?.cell);
        await service.placeTheme(forum, actor, themeIdOf(req), cell);
        return cell ? 'forum.place.done' : 'forum.note.unplaced';
      }),
    );

    app.post('/forums/:slug/themes/:id/rejoindre', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, themeAnchor(req), async (forum, actor) => {
        await service.joinGroup(forum, actor, themeIdOf(req));
        return 'forum.note.groupJoined';
      }),
    );

    app.post('/forums/:slug/groupe/quitter', { config: { access: 'public' } }, (req, reply) => {
      // The button sits on the group's card: the answer comes back there.
      const from = (req.body as { theme?: unknown })?.theme;
      const anchor = typeof from === 'string' && ANCHOR.test(`theme-${from}`) ? `theme-${from}` : 'propose';
      return participantAction(req, reply, anchor, async (forum, actor) => {
        await service.joinGroup(forum, actor, null);
        return 'forum.note.groupLeft';
      });
    });

    app.post('/forums/:slug/votes', { config: { access: 'public' } }, (req, reply) => {
      const parsed = s.voteSchema.safeParse(req.body ?? {});
      const anchor = parsed.success && ANCHOR.test(`action-${parsed.data.action}`) ? `action-${parsed.data.action}` : 'propose';
      return participantAction(req, reply, anchor, async (forum, actor) => {
        if (!parsed.success) throw new BadRequestError();
        const remove = parsed.data.remove === '1';
        await service.vote(forum, actor, parsed.data.action, remove);
        return remove ? 'forum.note.voteTaken' : 'forum.note.voteGiven';
      });
    });
  };
}
