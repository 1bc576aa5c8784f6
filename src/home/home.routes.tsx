import type { FastifyPluginAsync } from 'fastify';
import type { VNode } from 'preact';
import type { PageSection } from '../platform/module.ts';
import { HomePage, StaticPage } from './home.views.tsx';

const staticPages = [
  { path: '/accessibilite', titleKey: 'static.accessibility.title', bodyKey: 'static.accessibility.body' },
  { path: '/mentions-legales', titleKey: 'static.legal.title', bodyKey: 'static.legal.body' },
  { path: '/donnees-personnelles', titleKey: 'static.privacy.title', bodyKey: 'static.privacy.body' },
];

export function homeRoutes(sections: () => PageSection[]): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const rendered = await Promise.all(sections().map((render) => render(req.ctx)));
      return reply.html(<HomePage ctx={req.ctx} sections={rendered.filter((s): s is VNode => s !== null)} />);
    });
    for (const page of staticPages) {
      app.get(page.path, { config: { access: 'public', cache: true } }, async (req, reply) => reply.html(<StaticPage ctx={req.ctx} {...page} />));
    }
  };
}
