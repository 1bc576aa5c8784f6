import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../platform/http/access.ts';
import { AppError, BadRequestError } from '../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import type { Actor, Forum } from './forum.service.ts';
import { forumListItem } from './forum.read.ts';
import * as s from './forum.schema.ts';
import { ForumListPage, ForumPage } from './forum.public.views.tsx';
import { JoinPage, ParticipantPage, type ParticipantModel } from './forum.participant.views.tsx';
import { actorOf, parseCell, refusalOn, setParticipantCookie, slugOf, type ForumRouteDeps } from './forum.http.ts';
import { themeRoutes } from './forum.theme.routes.tsx';
import { wallRoutes } from './forum.wall.routes.tsx';
import { adminRoutes } from './forum.admin.routes.tsx';

/** The forum's pages: the public ones and the participant's phone here, the rest by screen. */
export function forumRoutes(deps: ForumRouteDeps): FastifyPluginAsync {
  const { service, reader } = deps;
  return async (app) => {
    await app.register(themeRoutes(deps));
    await app.register(wallRoutes(deps));
    await app.register(adminRoutes(deps));

    async function participantModel(forum: Forum, actor: Actor): Promise<ParticipantModel> {
      const p = actor.participant!;
      const [state, actions, mine] = await Promise.all([reader.wallState(forum), reader.actionViews(forum), reader.participantState(p.id)]);
      return { state, me: { id: p.id, name: p.name }, ...mine, actions, facilitator: can.animate(actor.user) };
    }

    async function renderParticipant(
      req: FastifyRequest,
      reply: FastifyReply,
      forum: Forum,
      actor: Actor,
      extra: { errors?: FieldErrors; values?: FormValues; notice?: string; status?: number } = {},
    ) {
      const m = await participantModel(forum, actor);
      return reply.html(<ParticipantPage ctx={req.ctx} m={m} errors={extra.errors} values={extra.values} notice={extra.notice} />, extra.status ?? 200);
    }

    /** Participant actions: a refused one re-renders the page with the reason instead of an error page. */
    async function participantAction(req: FastifyRequest, reply: FastifyReply, run: (forum: Forum, actor: Actor) => Promise<unknown>) {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      if (!actor.participant && !can.animate(req.user)) return reply.redirect(`/forums/${forum.slug}/participer`, 303);
      try {
        await run(forum, actor);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404 && actor.participant) {
          const fresh = await service.bySlug(forum.slug);
          return renderParticipant(req, reply, fresh, actor, { notice: req.t(err.messageKey, err.params), status: err.status });
        }
        throw err;
      }
      return reply.redirect(`/forums/${forum.slug}/participer`, 303);
    }

    const themeIdOf = (req: FastifyRequest) => (req.params as { id: string }).id;

    // ---- public pages --------------------------------------------------------
    app.get('/forums', { config: { access: 'public' } }, async (req, reply) => {
      const forums = await service.list();
      return reply.html(<ForumListPage ctx={req.ctx} forums={forums.map((f) => forumListItem(f, req.lang))} />);
    });

    app.get('/forums/:slug', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const actor = await actorOf(service, req, forum);
      const [state, actions, structure] = await Promise.all([reader.wallState(forum), reader.actionViews(forum), service.structure(forum)]);
      return reply.html(
        <ForumPage
          ctx={req.ctx}
          state={state}
          actions={actions}
          participant={actor.participant ? { name: actor.participant.name } : null}
          facilitator={can.animate(req.user)}
          facilitators={structure.facilitators.map((f) => f.name)}
        />,
      );
    });

    // ---- joining and the participant's phone -----------------------------------
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
      if (actor.participant) return renderParticipant(req, reply, forum, actor);
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
      try {
        await service.proposeTheme(forum, actor, { ...form.data, convener: '' });
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return renderParticipant(req, reply, forum, actor, { notice: req.t(err.messageKey, err.params), values, status: err.status });
        throw err;
      }
      return reply.flashRedirect(`/forums/${forum.slug}/participer`, 'forum.propose.done');
    });

    app.post('/forums/:slug/themes/:id/interet', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.toggleInterest(forum, actor, themeIdOf(req))),
    );

    app.post('/forums/:slug/themes/:id/micro', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.queueForMic(forum, actor, themeIdOf(req), (req.body as { queued?: string })?.queued === '1')),
    );

    app.post('/forums/:slug/themes/:id/placer', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.placeTheme(forum, actor, themeIdOf(req), parseCell((req.body as { cell?: string })?.cell))),
    );

    app.post('/forums/:slug/themes/:id/rejoindre', { config: { access: 'public' } }, (req, reply) => participantAction(req, reply, (forum, actor) => service.joinGroup(forum, actor, themeIdOf(req))));

    app.post('/forums/:slug/groupe/quitter', { config: { access: 'public' } }, (req, reply) => participantAction(req, reply, (forum, actor) => service.joinGroup(forum, actor, null)));

    app.post('/forums/:slug/votes', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => {
        const parsed = s.voteSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError();
        return service.vote(forum, actor, parsed.data.action, parsed.data.remove === '1');
      }),
    );
  };
}
