import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../platform/platform.ts';
import { allows, type CurrentUser } from '../platform/http/access.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { OutboxStatus } from '../platform/mail/outbox.ts';
import type { AdminService } from './admin.service.ts';
import { messageParams, outboxQuery } from './admin.schema.ts';
import { AdminDashboard, OutboxList, OutboxMessage } from './admin.views.tsx';

/**
 * The preview of a message's HTML gets a policy of its own: no script, no network, no form,
 * an opaque origin (CSP sandbox, also when opened outside its frame), framable only by us.
 */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export function adminRoutes(admin: AdminService, platform: Platform): FastifyPluginAsync {
  return async (app) => {
    // A tile is shown to whoever its page's declared access admits: an animator sees no admin-only tool.
    const opens = (href: string, user: CurrentUser | null) => {
      const route = app.routeTable.find((r) => r.method === 'GET' && r.url === href);
      return route?.access === undefined || allows(route.access, user);
    };

    app.get('/admin', { config: { access: 'animator' } }, async (req, reply) => {
      const counts = await admin.counts();
      const links = admin.adminLinks().filter((l) => opens(l.href, req.user));
      return reply.html(<AdminDashboard ctx={req.ctx} links={links} smtp={admin.smtpConfigured} counts={counts} />);
    });

    app.get('/admin/courriels', { config: { access: 'animator' } }, async (req, reply) => {
      const q = outboxQuery.parse(req.query ?? {});
      const status = q.statut as OutboxStatus | undefined;
      const [{ rows, total, pages }, counts] = await Promise.all([admin.list(status, q.page), admin.counts()]);
      return reply.html(<OutboxList ctx={req.ctx} rows={rows} total={total} page={q.page} pages={pages} status={status} smtp={admin.smtpConfigured} counts={counts} />);
    });

    // Live counters: every instance hears "outbox" notices through the bus.
    app.get('/admin/courriels/flux', { config: { access: 'animator' } }, async (req, reply) => {
      const event = async () => {
        const counts = await admin.counts();
        return { event: 'counts', data: { counts, text: req.t('admin.outbox.counts', counts) } };
      };
      await platform.live.open(req, reply, { channels: ['outbox'], snapshot: event, toEvent: event });
    });

    app.get('/admin/courriels/:id', { config: { access: 'animator' } }, async (req, reply) => {
      const params = messageParams.safeParse(req.params);
      const m = params.success ? await admin.message(params.data.id, req.user!.role) : null;
      if (!m) throw new NotFoundError();
      return reply.html(<OutboxMessage ctx={req.ctx} m={m} smtp={admin.smtpConfigured} />);
    });

    app.get('/admin/courriels/:id/apercu', { config: { access: 'animator' } }, async (req, reply) => {
      const params = messageParams.safeParse(req.params);
      const html = params.success ? await admin.htmlBody(params.data.id, req.user!.role) : null;
      if (html === null) throw new NotFoundError();
      return reply.header('content-security-policy', PREVIEW_CSP).header('x-frame-options', 'SAMEORIGIN').header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    });

    app.post('/admin/courriels/:id/renvoyer', { config: { access: 'animator' } }, async (req, reply) => {
      const params = messageParams.safeParse(req.params);
      if (!params.success || !(await admin.message(params.data.id, req.user!.role))) throw new NotFoundError();
      const done = await admin.retry(params.data.id);
      return reply.flashRedirect(`/admin/courriels/${params.data.id}`, done ? 'admin.message.retried' : 'admin.message.notRetried');
    });
  };
}
