import type { FastifyPluginAsync } from 'fastify';
import type { EventsService } from '../events/events.service.ts';
import { InitiativesPage } from './initiatives.views.tsx';

export function initiativesRoutes(events: Pick<EventsService, 'listAgenda'>): FastifyPluginAsync {
  return async (app) => {
    app.get('/initiatives', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const all = [...(await events.listAgenda({ when: 'upcoming' })), ...(await events.listAgenda({ when: 'past' }))];
      // Until calls for projects have their own module, the page lists the PIC Lab meetings of the agenda.
      const labs = all.filter((i) => /\bPIC\b/.test(i.event.title));
      return reply.html(<InitiativesPage ctx={req.ctx} labs={labs} />);
    });
  };
}
