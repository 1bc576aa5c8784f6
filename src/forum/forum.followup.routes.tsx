import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { AppError, BadRequestError, NotFoundError } from '../platform/http/errors.ts';
import { parseForm, type FieldErrors } from '../platform/forms/forms.ts';
import { can } from '../platform/http/access.ts';
import type { Actor, Forum } from './forum.service.ts';
import * as c from './forum.control.schema.ts';
import * as repo from './forum.repo.ts';
import { actorOf, refusalOn, slugOf, type ForumRouteDeps } from './forum.http.ts';
import { CorrectCommentPage, CorrectThemePage, FollowUpPage } from './forum.followup.views.tsx';
import { RoomBanner } from './forum.room.views.tsx';
import { roomChannel } from './forum.room.ts';
import type { ActionStatus } from './forum.tables.ts';
import type { RoomState } from './forum.read.ts';
import type { Change } from '../platform/live/bus.ts';

const open = { config: { access: 'public' as const } };

/**
 * What participants do about their own items (0035, 0038): carry an action and follow it up,
 * correct their theme or comment; and the room's stream, which phones listen to (0036).
 */
export function followUpRoutes({ service, reader, live }: ForumRouteDeps): FastifyPluginAsync {
  // The room's state is read once per notice and shared by every phone; each renders it in its own language.
  const shared = new WeakMap<Change, Promise<RoomState | null>>();
  const readRoom = async (forumId: string): Promise<RoomState | null> => {
    const forum = await service.byId(forumId).catch(() => null);
    if (!forum) return null;
    const announcement = await repo.currentAnnouncement(service.db, forum.id);
    return {
      timer: forum.timer_ends_at ? { label: forum.timer_label ?? '', endsAt: forum.timer_ends_at } : null,
      announcement: announcement ? { id: announcement.id, body: announcement.body, at: announcement.created_at } : null,
    };
  };
  const roomOf = (forumId: string, change?: Change) => {
    if (!change) return readRoom(forumId);
    let room = shared.get(change);
    if (!room) {
      room = readRoom(forumId);
      shared.set(change, room);
    }
    return room;
  };

  return async (app) => {
    const param = (req: FastifyRequest, name: string) => (req.params as Record<string, string>)[name];
    const pageOf = (f: Forum) => `/forums/${f.slug}/suivi`;

    async function renderFollowUp(req: FastifyRequest, reply: FastifyReply, forum: Forum, actor: Actor, notice?: string, status = 200) {
      const [summary, actions, mine] = await Promise.all([reader.summary(forum), reader.actionViews(forum), service.carriedBy(forum, actor)]);
      const facilitator = can.animate(actor.user);
      // A facilitator updates every action from the dashboard; here they see the page as a participant would.
      const who = actor.participant?.name ?? actor.user?.name ?? null;
      return reply.html(<FollowUpPage ctx={req.ctx} forum={summary} actions={actions} mine={mine} who={who} canClaim={!!who && !facilitator} notice={notice} />, status);
    }

    /** Runs a participant's command; a refusal comes back on the page with its reason. */
    async function own(req: FastifyRequest, reply: FastifyReply, run: (forum: Forum, actor: Actor) => Promise<unknown>, flash: string) {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      try {
        await run(forum, actor);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404) return renderFollowUp(req, reply, forum, actor, req.t(err.messageKey, err.params), err.status);
        throw err;
      }
      return reply.flashRedirect(pageOf(forum), flash);
    }

    app.get('/forums/:slug/suivi', open, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      return renderFollowUp(req, reply, forum, await actorOf(service, req, forum));
    });

    app.post('/forums/:slug/actions/:aid/porter', open, (req, reply) => own(req, reply, (f, actor) => service.claimAction(f, actor, param(req, 'aid')), 'forum.followup.claimed'));

    app.post('/forums/:slug/actions/:aid/suivi', open, (req, reply) =>
      own(
        req,
        reply,
        (f, actor) => {
          const parsed = c.carriedUpdateSchema.safeParse(req.body ?? {});
          if (!parsed.success) throw new BadRequestError('forum.admin.invalidForm');
          return service.updateCarriedAction(f, actor, param(req, 'aid'), { status: parsed.data.status as ActionStatus, body: parsed.data.body });
        },
        'forum.followup.saved',
      ),
    );

    // ---- a convener corrects their theme, a writer their comment --------------------------
    app.get('/forums/:slug/themes/:id/corriger', open, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const theme = await repo.findTheme(service.db, forum.id, param(req, 'id'));
      if (!theme || theme.hidden_at || theme.status !== 'open') throw new NotFoundError();
      return reply.html(<CorrectThemePage ctx={req.ctx} slug={forum.slug} themeId={theme.id} values={{ title: theme.title, description: theme.description }} />);
    });

    app.post('/forums/:slug/themes/:id/corriger', open, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      const themeId = param(req, 'id');
      const form = parseForm(c.themeEditSchema, req.body);
      if (!form.ok) return reply.html(<CorrectThemePage ctx={req.ctx} slug={forum.slug} themeId={themeId} values={form.values} errors={form.errors} />, 400);
      try {
        await service.correctTheme(forum, actor, themeId, form.data);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404) {
          return reply.html(<CorrectThemePage ctx={req.ctx} slug={forum.slug} themeId={themeId} values={form.values} errors={refusalOn(err)} />, err.status);
        }
        throw err;
      }
      return reply.flashRedirect(`/forums/${forum.slug}/themes/${themeId}`, 'forum.correct.saved');
    });

    app.get('/forums/:slug/commentaires/:cid/corriger', open, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const comment = await repo.findComment(service.db, forum.id, param(req, 'cid'));
      if (!comment || comment.hidden_at) throw new NotFoundError();
      return reply.html(<CorrectCommentPage ctx={req.ctx} slug={forum.slug} themeId={comment.theme_id} commentId={comment.id} values={{ body: comment.body }} />);
    });

    app.post('/forums/:slug/commentaires/:cid', open, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      const comment = await repo.findComment(service.db, forum.id, param(req, 'cid'));
      if (!comment) throw new NotFoundError();
      const form = parseForm(c.commentEditSchema, req.body);
      const page = (errors: FieldErrors, status: number) =>
        reply.html(<CorrectCommentPage ctx={req.ctx} slug={forum.slug} themeId={comment.theme_id} commentId={comment.id} values={form.values} errors={errors} />, status);
      if (!form.ok) return page(form.errors, 400);
      try {
        await service.correctComment(forum, actor, comment.id, form.data.body);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404) return page(refusalOn(err), err.status);
        throw err;
      }
      return reply.flashRedirect(`/forums/${forum.slug}/themes/${comment.theme_id}`, 'forum.correct.saved');
    });

    // ---- the room's stream: the banner, rendered in the phone's language --------------------
    app.get('/forums/:slug/salle/flux', open, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const banner = async (change?: Change) => {
        const room = await roomOf(forum.id, change);
        return room ? { event: 'room', data: { html: renderToString(<RoomBanner ctx={req.ctx} room={room} slug={forum.slug} />) } } : null;
      };
      await live.open(req, reply, { channels: [roomChannel(forum.id), '*reconnected'], toEvent: banner, snapshot: () => banner() });
    });
  };
}
