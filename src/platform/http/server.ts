import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { VNode } from 'preact';
import { loggerOptions, redactUrl } from '../logger.ts';
import { isLang, negotiateLang, type I18n, type Lang, type Translate } from '../i18n/i18n.ts';
import type { NavItem, ViewContext } from '../layout/context.ts';
import { renderPage } from '../layout/render.ts';
import { FONTS_DIR } from '../layout/fonts.ts';
import { zeroFonts } from '../layout/zero-font.ts';
import { allows, type Access, type CurrentUser } from './access.ts';
import { AccessLog } from './access-log.ts';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './error-handler.tsx';
import { cleanInput } from './input.ts';
import { SignInRequiredError, ForbiddenError } from './errors.ts';
import type { PageCache } from './page-cache.ts';
import { securityHeaders } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may open this route; required on every route. */
    access?: Access;
    /** Cache the page for anonymous visitors (emptied by every change notice). */
    cache?: boolean;
    /** Set to false only for endpoints that must work without a cookie (RFC 8058 one-click unsubscribe). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    lang: Lang;
    t: Translate;
    ctx: ViewContext;
  }
  interface FastifyInstance {
    /** Every route as registered (method and URL pattern, access rule): what the hostile-input suite walks. */
    routeTable: RouteEntry[];
  }
  interface FastifyReply {
    html(page: VNode | string, status?: number): FastifyReply;
    /** Redirect after a form, with a one-time message (an i18n key) shown on the next page. */
    flashRedirect(url: string, messageKey: string): FastifyReply;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

export const SESSION_COOKIE = 'sid';
const LANG_COOKIE = 'lang';
const FLASH_COOKIE = 'flash';
const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'layout', 'assets');

export interface ServerOptions {
  logLevel: string;
  trustProxy: boolean;
  secureCookies: boolean;
  cookieSecret: string;
  publicUrl: string;
  siteName: string;
  nav: NavItem[];
  i18n: I18n;
  bodyLimit?: number;
  resolveSession(token: string): Promise<CurrentUser | null>;
  pageCache: PageCache;
  /** The modules' asset folders (ModuleDefinition.assets), served under /static/<name>/. */
  assets?: Array<{ name: string; dir: string }>;
  /** Where an address no route answers has moved (ModuleDefinition.movedTo), or null. */
  movedTo?: (path: string) => Promise<string | null>;
}

export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: opts.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Not helmet's no-referrer: with it browsers send `Origin: null` on our own form posts, and the
    // token-less "Enregistrer" is refused (0021). Other sites still learn nothing of our addresses.
    referrerPolicy: { policy: 'same-origin' },
    // The same answer as frame-ancestors 'none', for browsers that only read the older header.
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: opts.secureCookies,
  });
  const app = Fastify({
    logger: loggerOptions(opts.logLevel),
    logController: new AccessLog(),
    trustProxy: opts.trustProxy,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // A URL that cannot be decoded or routed is answered before any hook: it gets the site's page and headers here.
    frameworkErrors: frameworkErrorHandler({ security, i18n: opts.i18n, languageOf: (req) => languageOf(req.headers.cookie, req.headers['accept-language']) }),
    clientErrorHandler: clientErrorHandler({ security, i18n: opts.i18n }),
  });

  function languageOf(cookieHeader: string | undefined, acceptLanguage: string | undefined): Lang {
    const cookies = cookieHeader ? app.parseCookie(cookieHeader) : {};
    return negotiateLang(cookies[LANG_COOKIE], acceptLanguage);
  }

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  // Every route must say who may open it: a forgotten check is a start-up error, not a leak.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access && !route.url.startsWith('/static')) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, access });
  });

  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(formbody);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  // On the raw response, as helmet does, so that error pages and static files carry them too.
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of security) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/static/', maxAge: '1h', decorateReply: true, wildcard: true });
  await app.register(fastifyStatic, { root: FONTS_DIR, prefix: '/static/fonts/', maxAge: '30d', decorateReply: false });
  // Atkinson's zero without its slash, drawn from the installed font on first use (layout/zero-font.ts).
  app.get('/static/digits/:file', (req, reply) => {
    const font = zeroFonts().get((req.params as { file: string }).file);
    if (!font) return reply.code(404).type('text/plain; charset=utf-8').send('');
    return reply.type('font/ttf').header('Cache-Control', 'public, max-age=2592000').send(font);
  });
  // Each module's own folder, the one way a module serves files: /static/<module>/<file>.
  for (const a of opts.assets ?? []) await app.register(fastifyStatic, { root: a.dir, prefix: `/static/${a.name}/`, maxAge: '1h', decorateReply: false });

  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'fr');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('ctx', null as unknown as ViewContext);

  app.decorateReply('html', function (this: FastifyReply, page: VNode | string, status = 200) {
    const body = typeof page === 'string' ? page : renderPage(page);
    return this.code(status).type('text/html; charset=utf-8').send(body);
  });
  app.decorateReply('flashRedirect', function (this: FastifyReply, url: string, messageKey: string) {
    this.setCookie(FLASH_COOKIE, messageKey, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 60 });
    return this.redirect(url, 303);
  });

  app.addHook('onRequest', async (req, reply) => {
    cleanInput(req.params);
    cleanInput(req.query);
    cleanInput(req.cookies);
    req.lang = negotiateLang(req.cookies[LANG_COOKIE], req.headers['accept-language']);
    req.t = opts.i18n.t(req.lang);
    const config = req.routeOptions.config;

    // Anonymous pages come from the cache when they can.
    const anonymous = !req.cookies[SESSION_COOKIE];
    if (config?.cache && req.method === 'GET' && anonymous && !req.cookies[FLASH_COOKIE]) {
      const key = `${req.lang} ${req.url}`;
      const hit = opts.pageCache.get(key);
      if (hit) {
        reply.header('x-cache', 'hit').type(hit.type).send(hit.body);
        return reply;
      }
      (req as { cacheKey?: string }).cacheKey = key;
    }

    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.user = await opts.resolveSession(token);
      if (!req.user) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      else if (!req.cookies[LANG_COOKIE]) {
        req.lang = req.user.lang;
        req.t = opts.i18n.t(req.lang);
      }
    }

    let flash: string | null = null;
    const flashKey = req.cookies[FLASH_COOKIE];
    if (flashKey && req.method === 'GET') {
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
      if (opts.i18n.has(flashKey)) flash = flashKey;
    }

    let csrfToken: string | undefined;
    req.ctx = {
      lang: req.lang,
      t: req.t,
      user: req.user,
      path: req.url,
      publicUrl: opts.publicUrl,
      siteName: opts.siteName,
      nav: opts.nav,
      flash,
      // One token per page: on a first visit each call would mint a new secret cookie and void the earlier forms.
      csrf: () => (csrfToken ??= reply.generateCsrf()),
    };

    const access = config?.access ?? 'public';
    if (!allows(access, req.user)) throw req.user ? new ForbiddenError() : new SignInRequiredError();
  });

  // After the body parsers, multipart included (a preValidation hook of the module's scope), and before anything reads the body.
  app.addHook('preHandler', (req, _reply, done) => {
    req.body = cleanInput(req.body);
    done();
  });

  // CSRF on every state-changing request, unless the route opts out explicitly.
  app.addHook('preHandler', (req, reply, done) => {
    const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    if (safe || req.routeOptions.config?.csrf === false || !req.routeOptions.config?.access) return done();
    app.csrfProtection(req, reply, done);
  });

  // A callback hook, not an async one: it runs on every response, cached ones included.
  app.addHook('onSend', (req, reply, payload, done) => {
    const key = (req as { cacheKey?: string }).cacheKey;
    if (key && reply.statusCode === 200 && typeof payload === 'string' && !reply.hasHeader('set-cookie')) {
      opts.pageCache.set(key, req.url, payload, String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'));
    }
    done(null, payload);
  });

  app.get('/langue/:lang', { config: { access: 'public' } }, async (req, reply) => {
    const { lang } = req.params as { lang: string };
    const next = safeNext((req.query as { suivant?: string }).suivant, opts.publicUrl);
    if (isLang(lang)) {
      reply.setCookie(LANG_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', secure: opts.secureCookies });
    }
    return reply.redirect(next, 303);
  });

  installErrorHandlers(app, { redactUrl, movedTo: opts.movedTo });
  return app;
}

// Printable ASCII only: browsers drop TAB, CR and LF from URLs ("/\t/evil.example" becomes
// "//evil.example"), and Node refuses a Location header with CR, LF or characters beyond Latin-1.
const PLAIN_PATH = /^\/(?![/\\])[\x21-\x7e]*$/;

/** Only a path of this site may be used as a "come back to" target; anything else gives `fallback`. */
export function safeNext(next: unknown, publicUrl: string, fallback = '/'): string {
  if (typeof next !== 'string' || !PLAIN_PATH.test(next)) return fallback;
  // Resolved as the browser will, against the public address: it must stay on the same origin.
  const site = new URL(publicUrl);
  let target: URL;
  try {
    target = new URL(next, site);
  } catch {
    return fallback;
  }
  return target.origin === site.origin ? next : fallback;
}

export function isHtmlRequest(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api/');
}
