import type { FastifyPluginAsync } from 'fastify';
import { can } from '../platform/http/access.ts';
import { forumListItem } from './forum.read.ts';
import { ForumListPage, ForumPage } from './forum.public.views.tsx';
import { actorOf, slugOf, type ForumRouteDeps } from './forum.http.ts';
import { themeRoutes } from './forum.theme.routes.tsx';
import { wallRoutes } from './forum.wall.routes.tsx';
import { adminRoutes } from './forum.admin.routes.tsx';
import { participantRoutes } from './forum.participant.routes.tsx';

/** The forum's pages: the public ones here, the rest by screen. */
export function forumRoutes(deps: ForumRouteDeps): FastifyPluginAsync {
  const { service, reader } = deps;
  return async (app) => {
    await app.register(themeRoutes(deps));
    await app.register(wallRoutes(deps));
    await app.register(adminRoutes(deps));
    await app.register(participantRoutes(deps));

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
  };
}
