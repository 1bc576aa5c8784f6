/** Public pages of funded projects and their open data. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { projectFiltersSchema } from './initiatives.committee.schema.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import type { ProjectFilters } from './initiatives.public.ts';
import { ProjectPage, ProjectsPage } from './initiatives.public.views.tsx';

const open = { config: { access: 'public' as const } };

function filters(req: FastifyRequest): { filters: ProjectFilters; query: string } {
  const q = projectFiltersSchema.safeParse(req.query ?? {});
  const d = q.success ? q.data : { appel: '', annee: '', thematique: '', commune: '' };
  const params = new URLSearchParams(Object.entries(d).filter(([, v]) => v !== ''));
  const s = params.toString();
  return { filters: { call: d.appel, year: d.annee, theme: d.thematique, commune: d.commune }, query: s ? `?${s}` : '' };
}

export function initiativesPublicRoutes(service: FollowUpService, themeNames: (lang: Lang) => Promise<Map<string, string>>): FastifyPluginAsync {
  const pub = service.public;
  return async (app) => {
    app.get('/initiatives/projets', open, async (req, reply) => {
      const { filters: f, query } = filters(req);
      return reply.html(<ProjectsPage ctx={req.ctx} vm={{ ...(await pub.projects(f)), filters: f, query, themeNames: await themeNames(req.lang) }} />);
    });

    app.get('/initiatives/projets.geojson', open, async (req, reply) => {
      const body = await pub.geojson(filters(req).filters);
      return reply.header('content-type', 'application/geo+json; charset=utf-8').header('access-control-allow-origin', '*').send(JSON.stringify(body));
    });

    app.get('/initiatives/projets/:id/photos/:att', open, async (req, reply) => {
      const p = req.params as { id?: string; att?: string };
      const photo = await pub.photo(String(p.id ?? '').slice(0, 100), String(p.att ?? '').slice(0, 100));
      if (!photo) throw new NotFoundError();
      return reply
        .header('content-type', photo.content_type)
        .header('content-length', photo.stored.length)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=3600')
        .send(photo.stored.stream);
    });

    app.get('/initiatives/projets/:id', open, async (req, reply) => {
      const vm = await pub.project(String((req.params as { id?: string }).id ?? '').slice(0, 100));
      if (!vm) throw new NotFoundError();
      return reply.html(<ProjectPage ctx={req.ctx} vm={{ ...vm, themeNames: await themeNames(req.lang) }} />);
    });
  };
}
