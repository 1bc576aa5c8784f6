import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import type { ContentService } from './content.service.ts';
import { apiQuerySchema } from './content.schema.ts';
import type { CatalogRow } from '../catalog/catalog.types.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function atom(o: { id: string; title: string; self: string; alternate: string; updated: string; entries: CatalogRow[]; base: string; author: string }): string {
  const entries = o.entries
    .map(
      (e) => `  <entry>
    <id>${xml(o.base + e.url)}</id>
    <title>${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(o.base + e.url)}"/>
    <published>${xml(e.published_at)}</published>
    <updated>${xml(e.updated_at)}</updated>
    <summary>${xml(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${xml(o.id)}</id>
  <title>${xml(o.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(o.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(o.alternate)}"/>
  <updated>${xml(o.updated)}</updated>
  <author><name>${xml(o.author)}</name></author>
${entries}
</feed>
`;
}

/** Feeds, sitemap and open data: public by nature, so members-only items are always left out. */
export function feedRoutes(service: Pick<ContentService, 'publishDue'>, catalog: Pick<CatalogService, 'list' | 'themes' | 'canReadMembersOnly'>): FastifyPluginAsync {
  return async (app) => {
    app.get('/flux/actualites.xml', { config: { access: 'public', cache: true } }, async (req, reply) => {
      await service.publishDue();
      const { rows } = await catalog.list({ kinds: ['news'], publicOnly: true, limit: 30 });
      const base = req.ctx.publicUrl;
      const body = atom({
        id: `${base}/flux/actualites.xml`,
        title: req.t('content.feed.news', { site: req.ctx.siteName }),
        self: `${base}/flux/actualites.xml`,
        alternate: `${base}/actualites`,
        updated: rows.reduce((m, r) => (r.updated_at > m ? r.updated_at : m), '1970-01-01T00:00:00.000Z'),
        entries: rows,
        base,
        author: req.ctx.siteName,
      });
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    });

    app.get('/flux/thematiques/:file', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const { file } = req.params as { file: string };
      const slug = file.endsWith('.xml') ? file.slice(0, -4) : '';
      const theme = slug ? await catalog.themes.get(slug) : null;
      if (!theme) throw new NotFoundError();
      const { rows } = await catalog.list({ theme: slug, excludeKinds: ['document'], publicOnly: true, limit: 30 });
      const base = req.ctx.publicUrl;
      const body = atom({
        id: `${base}/flux/thematiques/${slug}.xml`,
        title: req.t('content.feed.theme', { theme: theme.name[req.lang], site: req.ctx.siteName }),
        self: `${base}/flux/thematiques/${slug}.xml`,
        alternate: `${base}/thematiques/${slug}`,
        updated: rows.reduce((m, r) => (r.updated_at > m ? r.updated_at : m), '1970-01-01T00:00:00.000Z'),
        entries: rows,
        base,
        author: req.ctx.siteName,
      });
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    });

    app.get('/sitemap.xml', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const base = req.ctx.publicUrl;
      const { rows } = await catalog.list({ excludeKinds: ['document'], publicOnly: true, limit: 45_000, order: 'updated' });
      const themes = await catalog.themes.list();
      const fixed = ['/', '/actualites', '/ressources', '/thematiques', '/agenda', ...themes.map((t) => `/thematiques/${t.slug}`)];
      const urls = [
        ...fixed.map((u) => `  <url><loc>${xml(base + u)}</loc></url>`),
        ...rows.map((r) => `  <url><loc>${xml(base + r.url)}</loc><lastmod>${xml(r.updated_at.slice(0, 10))}</lastmod></url>`),
      ];
      return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
    });

    app.get('/api/v1/contents', { config: { access: 'public' } }, async (req, reply) => {
      const q = apiQuerySchema.parse(req.query ?? {});
      // Members-only entries are listed only to those who may open them.
      const publicOnly = !catalog.canReadMembersOnly(req.user);
      const { rows, total } = await catalog.list({ kinds: q.kind ? [q.kind] : undefined, theme: q.theme, publicOnly, limit: q.per_page, offset: (q.page - 1) * q.per_page });
      const base = req.ctx.publicUrl;
      const pages = Math.max(1, Math.ceil(total / q.per_page));
      const link = (page: number) => {
        const usp = new URLSearchParams({ page: String(page), per_page: String(q.per_page) });
        if (q.kind) usp.set('kind', q.kind);
        if (q.theme) usp.set('theme', q.theme);
        return `${base}/api/v1/contents?${usp}`;
      };
      reply.header('Access-Control-Allow-Origin', '*');
      if (!publicOnly) reply.header('Cache-Control', 'private, no-store');
      return reply.send({
        data: rows.map((r) => ({
          kind: r.kind,
          id: r.item_id,
          url: base + r.url,
          title: r.title,
          summary: r.summary,
          themes: JSON.parse(r.themes) as string[],
          territory: r.territory,
          format: r.format,
          membersOnly: r.members_only === 1,
          publishedAt: r.published_at,
          updatedAt: r.updated_at,
          startsAt: r.starts_at,
        })),
        meta: { page: q.page, perPage: q.per_page, total, pages },
        links: { self: link(q.page), first: link(1), last: link(pages), next: q.page < pages ? link(q.page + 1) : null, prev: q.page > 1 ? link(q.page - 1) : null },
      });
    });
  };
}
