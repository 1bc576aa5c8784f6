import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from '../layout/layout.tsx';
import type { ViewContext } from '../layout/context.ts';
import { AppError, NotFoundError, SignInRequiredError } from './errors.ts';

interface Shown {
  status: number;
  code: string;
  titleKey: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

const titles: Record<number, string> = {
  400: 'error.badRequest.title',
  401: 'error.signInRequired.title',
  403: 'error.forbidden.title',
  404: 'error.notFound.title',
  409: 'error.conflict.title',
  413: 'error.tooLarge.title',
  415: 'error.badRequest.title',
  429: 'error.rateLimited.title',
  500: 'error.server.title',
};

/** Maps anything thrown to what the user is shown; never a stack, never internals. */
function classify(err: unknown): Shown {
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, titleKey: titles[err.status] ?? 'error.badRequest.title', messageKey: err.messageKey, params: err.params };
  }
  const e = err as FastifyError;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (e?.code === 'FST_CSRF_INVALID_TOKEN' || e?.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, code: 'csrf', titleKey: 'error.csrf.title', messageKey: 'error.csrf.text' };
  }
  if (status === 413 || e?.code === 'FST_REQ_FILE_TOO_LARGE') {
    return { status: 413, code: 'too_large', titleKey: 'error.tooLarge.title', messageKey: 'error.tooLarge.text' };
  }
  if (status === 429) return { status, code: 'rate_limited', titleKey: 'error.rateLimited.title', messageKey: 'error.rateLimited.text' };
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', titleKey: titles[status] ?? 'error.badRequest.title', messageKey: 'error.badRequest.text' };
  }
  return { status: 500, code: 'server_error', titleKey: 'error.server.title', messageKey: 'error.server.text' };
}

export function ErrorPage({ ctx, shown, requestId }: { ctx: ViewContext; shown: Shown; requestId: string }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t(shown.titleKey) }}>
      <section class="error-page">
        <p class="error-status" aria-hidden="true">
          {shown.status}
        </p>
        <h1>{ctx.t(shown.titleKey)}</h1>
        <p class="lead">{ctx.t(shown.messageKey, shown.params)}</p>
        <p>
          <a class="button" href="/">
            {ctx.t('error.home')}
          </a>{' '}
          <a href="/recherche">{ctx.t('error.search')}</a>
        </p>
        <p class="muted small">{ctx.t('error.reference', { id: requestId })}</p>
      </section>
    </Layout>
  );
}

function fallbackCtx(req: FastifyRequest): ViewContext {
  return {
    lang: req.lang ?? 'fr',
    t: req.t ?? ((k: string) => k),
    user: null,
    path: '/',
    publicUrl: '',
    siteName: 'Palabre',
    nav: [],
    flash: null,
    csrf: () => '',
  };
}

function send(req: FastifyRequest, reply: FastifyReply, shown: Shown) {
  if (req.url.startsWith('/api/') || req.headers.accept === 'application/json') {
    return reply.code(shown.status).type('application/json').send({ error: shown.code, message: req.t ? req.t(shown.messageKey, shown.params) : shown.code, requestId: req.id });
  }
  const ctx = req.ctx ?? fallbackCtx(req);
  // A page that failed must not keep a half-built CSRF/session state in the cache.
  return reply.html(<ErrorPage ctx={ctx} shown={shown} requestId={req.id} />, shown.status);
}

export function installErrorHandlers(app: FastifyInstance, { redactUrl }: { redactUrl: (u: string) => string }) {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof SignInRequiredError && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.redirect(`/connexion?suivant=${encodeURIComponent(req.url)}`, 303);
    }
    const shown = classify(err);
    if (shown.status >= 500) req.log.error({ err, url: redactUrl(req.url) }, 'request failed');
    else req.log.info({ code: shown.code, status: shown.status }, 'request refused');
    return send(req, reply, shown);
  });
  app.setNotFoundHandler({}, (req, reply) => send(req, reply, classify(new NotFoundError())));
}
