import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { renderToString } from 'preact-render-to-string';
import { can } from '../platform/http/access.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { Forum } from './forum.service.ts';
import { WallBody, WallPage } from './forum.wall.views.tsx';
import { screenIndex, wallScreens } from './forum.wall.pages.ts';
import { ProceedingsPage } from './forum.proceedings.views.tsx';
import { slugOf, type ForumRouteDeps } from './forum.http.ts';

/** The projector's wall, its live stream, and the proceedings once published. */
export function wallRoutes({ service, reader, feed, live }: ForumRouteDeps): FastifyPluginAsync {
  return async (app) => {
    const joinUrlOf = (req: FastifyRequest, forum: Forum) => `${req.ctx.publicUrl}/forums/${forum.slug}/participer?code=${forum.join_code}`;
    // The wall is fetched again on every change: its QR code is drawn once per address.
    const wallQr = new Map<string, Promise<string>>();
    const qrOf = (url: string) => {
      let svg = wallQr.get(url);
      if (!svg) {
        if (wallQr.size > 100) wallQr.clear();
        svg = QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
        wallQr.set(url, svg);
        svg.catch(() => wallQr.delete(url));
      }
      return svg;
    };
    const wallProps = async (req: FastifyRequest, forum: Forum) => {
      const joinUrl = joinUrlOf(req, forum);
      const [state, qrSvg] = await Promise.all([reader.wallState(forum), qrOf(joinUrl)]);
      const screens = wallScreens(state, new Date());
      const current = screenIndex((req.query as { ecran?: unknown }).ecran, screens.length);
      return { ctx: req.ctx, state, qrSvg, joinUrl: joinUrl.replace(/^https?:\/\//, ''), screens, current };
    };

    app.get('/forums/:slug/mur', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      return reply.html(<WallPage {...(await wallProps(req, forum))} />);
    });

    /** The wall without the page around it, fetched by the wall's script on each change. */
    app.get('/forums/:slug/mur/direct', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      return reply.header('cache-control', 'no-store').html(renderToString(<WallBody {...(await wallProps(req, forum))} />));
    });

    app.get('/forums/:slug/qr.svg', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const svg = await QRCode.toString(joinUrlOf(req, forum), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return reply.type('image/svg+xml').send(svg);
    });

    app.get('/forums/:slug/flux', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      // On every (re)connection the whole wall: whatever was missed during a network loss is caught up.
      await live.open(req, reply, {
        channels: feed.channels(forum.id),
        toEvent: (change) => feed.toEvent(forum.id, change),
        snapshot: () => feed.snapshot(forum.id),
      });
    });

    app.get('/forums/:slug/actes', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      if (!forum.proceedings_published_at && !can.animate(req.user)) throw new NotFoundError();
      const m = await reader.proceedings(forum, req.t, req.lang);
      return reply.html(<ProceedingsPage ctx={req.ctx} slug={forum.slug} m={m} />);
    });

    app.get('/forums/:slug/actes.pdf', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      const stored = await service.proceedingsPdf(forum);
      if (!stored) throw new NotFoundError();
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="actes-${forum.slug}.pdf"`)
        .header('last-modified', new Date(stored.generatedAt).toUTCString())
        .send(stored.pdf);
    });
  };
}
