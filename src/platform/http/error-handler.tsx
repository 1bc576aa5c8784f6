import { STATUS_CODES, validateHeaderValue } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { I18n, Lang } from '../i18n/i18n.ts';
import { Layout } from '../layout/layout.tsx';
import type { ViewContext } from '../layout/context.ts';
import { renderPage } from '../layout/render.ts';
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
  414: 'error.badRequest.title',
  415: 'error.badRequest.title',
  429: 'error.rateLimited.title',
  500: 'error.server.title',
};

/**
 * PostgreSQL's "data exception" class (SQLSTATE 22xxx: a number out of range, an impossible date,
 * a character the encoding refuses) is always a value sent by the visitor that a schema let
 * through: a bad request, logged so that the schema gets fixed, but not a server failure.
 */
export function isDataException(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown };
  return typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && typeof e.severity === 'string';
}

/** A schema's parse() that a handler forgot to turn into a form message: still the visitor's input. */
const isUncaughtValidation = (err: unknown) => (err as { name?: string })?.name === 'ZodError';

/** Input copied into a header (a redirect target with a line break): Node refuses to write it. */
const isHeaderInjection = (err: unknown) => ['ERR_INVALID_CHAR', 'ERR_HTTP_INVALID_HEADER_VALUE'].includes((err as { code?: string })?.code ?? '');

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
  if (isDataException(err) || isHeaderInjection(err) || isUncaughtValidation(err)) return { status: 400, code: 'bad_request', titleKey: 'error.badRequest.title', messageKey: 'error.badRequest.text' };
  if (e?.code === 'FST_ERR_BAD_URL' || e?.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { status, code: 'bad_request', titleKey: 'error.badRequest.title', messageKey: 'error.badAddress.text' };
  }
  if (status === 415) return { status, code: 'unsupported_media_type', titleKey: 'error.badRequest.title', messageKey: 'error.unsupportedBody.text' };
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

/** Headers the failed handler had set that no longer fit (a download name, a redirect), or that Node would refuse. */
function dropHandlerHeaders(reply: FastifyReply) {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    let invalid = false;
    try {
      if (value !== undefined) validateHeaderValue(name, value as string);
    } catch {
      invalid = true;
    }
    if (invalid || name === 'location' || name === 'content-disposition') reply.removeHeader(name);
  }
}

function send(req: FastifyRequest, reply: FastifyReply, shown: Shown) {
  dropHandlerHeaders(reply);
  if (req.url.startsWith('/api/') || req.headers.accept === 'application/json') {
    return reply
      .code(shown.status)
      .type('application/json')
      .send({ error: shown.code, message: req.t ? req.t(shown.messageKey, shown.params) : shown.code, requestId: req.id });
  }
  const ctx = req.ctx ?? fallbackCtx(req);
  // A page that failed must not keep a half-built CSRF/session state in the cache.
  // renderPage, not reply.html: framework errors come with a reply of the undecorated kind.
  return reply
    .code(shown.status)
    .type('text/html; charset=utf-8')
    .send(renderPage(<ErrorPage ctx={ctx} shown={shown} requestId={req.id} />));
}

/**
 * Fastify answers a URL it cannot decode (`/agenda/%ff%fe`) or a too-long parameter before any
 * hook runs; without this the answer would be its bare JSON, without the site's headers.
 */
export function frameworkErrorHandler(deps: { security: ReadonlyArray<readonly [string, string]>; i18n: I18n; languageOf: (req: FastifyRequest) => Lang }) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    for (const [name, value] of deps.security) reply.raw.setHeader(name, value);
    req.lang = deps.languageOf(req);
    req.t = deps.i18n.t(req.lang);
    req.log.info({ code: err.code, status: err.statusCode }, 'request refused');
    send(req, reply, classify(err));
  };
}

export function installErrorHandlers(app: FastifyInstance, { redactUrl, movedTo }: { redactUrl: (u: string) => string; movedTo?: (path: string) => Promise<string | null> }) {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof SignInRequiredError && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.redirect(`/connexion?suivant=${encodeURIComponent(req.url)}`, 303);
    }
    const shown = classify(err);
    if (shown.status >= 500) req.log.error({ err, url: redactUrl(req.url) }, 'request failed');
    else if (isDataException(err) || isHeaderInjection(err) || isUncaughtValidation(err))
      req.log.warn({ err, url: redactUrl(req.url) }, 'input refused by a schema, the database or a header: the handler should have answered it');
    else req.log.info({ code: shown.code, status: shown.status }, 'request refused');
    return send(req, reply, shown);
  });
  app.setNotFoundHandler({}, async (req, reply) => {
    // Only when no route matched: an old address (an imported site's) that moved answers 301.
    const target = movedTo && (req.method === 'GET' || req.method === 'HEAD') ? await movedTo(req.url.split('?')[0]) : null;
    if (target) return reply.redirect(target, 301);
    return send(req, reply, classify(new NotFoundError()));
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A request Node cannot even parse (a malformed header line, headers too large) is answered on
 * the socket, before Fastify knows a request or a language: a short page in French and English,
 * with the same security headers as every other answer.
 */
export function clientErrorHandler(deps: { security: ReadonlyArray<readonly [string, string]>; i18n: I18n }) {
  return (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const [fr, en] = [deps.i18n.t('fr'), deps.i18n.t('en')];
    const body =
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(fr('error.badRequest.title'))}</title></head><body>` +
      `<h1>${escapeHtml(fr('error.badRequest.title'))}</h1><p>${escapeHtml(fr('error.badRequest.text'))}</p>` +
      `<div lang="en"><h2>${escapeHtml(en('error.badRequest.title'))}</h2><p>${escapeHtml(en('error.badRequest.text'))}</p></div></body></html>`;
    if (socket.writable) {
      const headers = [...deps.security, ['content-type', 'text/html; charset=utf-8'], ['content-length', String(Buffer.byteLength(body))], ['connection', 'close']];
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`);
    }
    socket.destroy(err);
  };
}
