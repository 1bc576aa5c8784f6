import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { SESSION_COOKIE, safeNext } from '../platform/http/server.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { formatDate } from '../platform/format.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import { RECENT_SIGNIN_MINUTES, SESSION_DAYS, type AccountsService } from './accounts.service.ts';
import {
  adminListQuery,
  deleteSchema,
  linkRequestSchema,
  parseForm,
  passwordChangeSchema,
  passwordSignInSchema,
  profileSchema,
  roleSchema,
  signUpSchema,
  tokenParams,
  userIdParams,
} from './accounts.schema.ts';
import { AdminAccountsPage } from './accounts.admin.views.tsx';
import { LinkConfirmPage, LinkProblemPage, LinkSentPage, SignInPage, SignUpPage, SignUpSentPage } from './accounts.signin.views.tsx';
import { AccountSpacePage, DeleteAccountPage, type AccountSpaceView } from './accounts.space.views.tsx';

// The platform's language cookie (server.ts); a profile change sets it so the choice applies at once.
const LANG_COOKIE = 'lang';

const PASSWORD_PROBLEMS = {
  currentRequired: 'form.required',
  wrongCurrent: 'accounts.error.wrongCurrentPassword',
  rateLimited: 'accounts.rateLimited.text',
  signInAgain: 'accounts.error.signInAgain',
} as const;

interface RouteDeps {
  modules: () => ModuleDefinition[];
  secureCookies: boolean;
  publicUrl: string;
}

export function accountsRoutes(accounts: AccountsService, deps: RouteDeps): FastifyPluginAsync {
  /** A "come back to" path from a query or a form, or null when absent or off-site. */
  function nextFrom(value: unknown): string | null {
    const next = safeNext(value, deps.publicUrl, '');
    return next === '' ? null : next;
  }

  function setSession(reply: FastifyReply, token: string) {
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, maxAge: SESSION_DAYS * 86400 });
  }

  /** A new session replaces the one the browser came with, so a planted cookie is never promoted. */
  async function replaceSession(req: FastifyRequest, reply: FastifyReply, token: string) {
    if (req.user) await accounts.closeSession(req.user.sessionId);
    setSession(reply, token);
  }

  function noStore(reply: FastifyReply) {
    reply.header('cache-control', 'no-store');
  }

  async function renderSpace(req: FastifyRequest, reply: FastifyReply, extra: Pick<AccountSpaceView, 'profile' | 'password'> = {}, status = 200) {
    const user = (await accounts.getUser(req.user!.id))!;
    const sections = deps
      .modules()
      .flatMap((m) => m.accountSections ?? [])
      .sort((a, b) => a.order - b.order);
    const rendered = (await Promise.all(sections.map((s) => s.render(req.ctx)))).filter((v): v is VNode => v !== null);
    noStore(reply);
    return reply.html(
      <AccountSpacePage
        ctx={req.ctx}
        view={{
          name: user.name,
          email: user.email!,
          lang: user.lang,
          role: user.role,
          membership: user.membership,
          hasPassword: user.hasPassword,
          recentSignInMinutes: RECENT_SIGNIN_MINUTES,
          sections: rendered,
          ...extra,
        }}
      />,
      status,
    );
  }

  return async (app) => {
    // ---- Sign-in ----------------------------------------------------------------------

    app.get('/connexion', { config: { access: 'public' } }, async (req, reply) => {
      const next = nextFrom((req.query as { suivant?: unknown }).suivant);
      if (req.user) return reply.redirect(next ?? '/compte', 303);
      return reply.html(<SignInPage ctx={req.ctx} view={{ next }} />);
    });

    app.post('/connexion', { config: { access: 'public' } }, async (req, reply) => {
      const form = parseForm(passwordSignInSchema, req.body);
      const next = nextFrom(form.values.suivant);
      if (!form.ok) return reply.html(<SignInPage ctx={req.ctx} view={{ next, form: 'password', values: form.values, errors: form.errors }} />, 400);
      const result = await accounts.signInWithPassword({ email: form.data.email, password: form.data.password, ip: req.ip, userAgent: req.headers['user-agent'] });
      if (result.status === 'ok') {
        await replaceSession(req, reply, result.sessionToken);
        return reply.flashRedirect(next ?? '/compte', 'accounts.signedIn');
      }
      const status = result.status === 'rateLimited' ? 429 : result.status === 'invalid' ? 401 : 200;
      return reply.html(<SignInPage ctx={req.ctx} view={{ next, form: 'password', values: form.values, problem: result.status }} />, status);
    });

    app.post('/connexion/lien', { config: { access: 'public' } }, async (req, reply) => {
      const form = parseForm(linkRequestSchema, req.body);
      const next = nextFrom(form.values.suivant);
      if (!form.ok) return reply.html(<SignInPage ctx={req.ctx} view={{ next, form: 'link', values: form.values, errors: form.errors }} />, 400);
      const result = await accounts.requestSignInLink({ email: form.data.email, next, ip: req.ip });
      if (result === 'rateLimited') return reply.html(<SignInPage ctx={req.ctx} view={{ next, form: 'link', values: form.values, problem: 'rateLimited' }} />, 429);
      return reply.html(<LinkSentPage ctx={req.ctx} email={form.data.email} next={next} />);
    });

    // The GET only shows a button: mail scanners that prefetch links must not use them up.
    app.get('/connexion/lien/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenParams.safeParse(req.params).data?.token ?? '';
      const link = await accounts.inspectLink(token);
      noStore(reply);
      if (link.state !== 'valid') return reply.html(<LinkProblemPage ctx={req.ctx} reason={link.state} />, link.state === 'unknown' ? 404 : 410);
      return reply.html(<LinkConfirmPage ctx={req.ctx} token={token} purpose={link.purpose} />);
    });

    app.post('/connexion/lien/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenParams.safeParse(req.params).data?.token ?? '';
      const result = await accounts.useLink(token, req.headers['user-agent']);
      if (result.status !== 'ok') return reply.html(<LinkProblemPage ctx={req.ctx} reason={result.status} />, result.status === 'unknown' ? 404 : 410);
      await replaceSession(req, reply, result.sessionToken);
      return reply.flashRedirect(safeNext(result.next, deps.publicUrl, '/compte'), result.purpose === 'signup' ? 'accounts.link.confirmed' : 'accounts.signedIn');
    });

    app.post('/deconnexion', { config: { access: 'public' } }, async (req, reply) => {
      if (req.user) await accounts.closeSession(req.user.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.flashRedirect('/', 'accounts.signedOut');
    });

    // ---- Sign-up ----------------------------------------------------------------------

    app.get('/compte/creer', { config: { access: 'public' } }, async (req, reply) => {
      const next = nextFrom((req.query as { suivant?: unknown }).suivant);
      if (req.user) return reply.redirect('/compte', 303);
      return reply.html(<SignUpPage ctx={req.ctx} next={next} />);
    });

    app.post('/compte/creer', { config: { access: 'public' } }, async (req, reply) => {
      const form = parseForm(signUpSchema, req.body);
      const next = nextFrom(form.values.suivant);
      if (!form.ok) return reply.html(<SignUpPage ctx={req.ctx} next={next} values={form.values} errors={form.errors} />, 400);
      const result = await accounts.signUp({ name: form.data.name, email: form.data.email, password: form.data.password, lang: form.data.lang, ip: req.ip, next });
      if (result === 'rateLimited') return reply.html(<SignUpPage ctx={req.ctx} next={next} values={form.values} rateLimited />, 429);
      return reply.html(<SignUpSentPage ctx={req.ctx} email={form.data.email} />);
    });

    // ---- Personal space ---------------------------------------------------------------

    app.get('/compte', { config: { access: 'signed-in' } }, async (req, reply) => renderSpace(req, reply));

    app.post('/compte/profil', { config: { access: 'signed-in' } }, async (req, reply) => {
      const form = parseForm(profileSchema, req.body);
      if (!form.ok) return renderSpace(req, reply, { profile: { values: form.values, errors: form.errors } }, 400);
      await accounts.updateProfile(req.user!.id, form.data);
      reply.setCookie(LANG_COOKIE, form.data.lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', secure: deps.secureCookies });
      return reply.flashRedirect('/compte', 'accounts.profile.saved');
    });

    app.post('/compte/mot-de-passe', { config: { access: 'signed-in' } }, async (req, reply) => {
      const form = parseForm(passwordChangeSchema, req.body);
      if (!form.ok) return renderSpace(req, reply, { password: { errors: form.errors } }, 400);
      const result = await accounts.changePassword({ userId: req.user!.id, sessionId: req.user!.sessionId }, { current: form.data.current, password: form.data.password, ip: req.ip });
      if (result !== 'ok') {
        const errors = { [result === 'signInAgain' ? 'password' : 'current']: { key: PASSWORD_PROBLEMS[result] } };
        return renderSpace(req, reply, { password: { errors } }, result === 'rateLimited' ? 429 : 400);
      }
      return reply.flashRedirect('/compte', 'accounts.password.saved');
    });

    app.post('/compte/deconnexion-partout', { config: { access: 'signed-in' } }, async (req, reply) => {
      await accounts.closeAllSessions(req.user!.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.flashRedirect('/', 'accounts.signedOutEverywhere');
    });

    app.get('/compte/donnees.json', { config: { access: 'signed-in' } }, async (req, reply) => {
      const data = await accounts.exportData(req.user!.id);
      noStore(reply);
      return reply
        .header('content-disposition', 'attachment; filename="palabre-mes-donnees.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.get('/compte/supprimer', { config: { access: 'signed-in' } }, async (req, reply) => {
      noStore(reply);
      return reply.html(<DeleteAccountPage ctx={req.ctx} />);
    });

    app.post('/compte/supprimer', { config: { access: 'signed-in' } }, async (req, reply) => {
      const form = parseForm(deleteSchema, req.body);
      if (!form.ok) return reply.html(<DeleteAccountPage ctx={req.ctx} errors={form.errors} />, 400);
      await accounts.deleteAccount(req.user!.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.flashRedirect('/', 'accounts.delete.done');
    });

    // ---- Administration ---------------------------------------------------------------

    app.get('/admin/comptes', { config: { access: 'admin' } }, async (req, reply) => {
      const query = adminListQuery.parse(req.query ?? {});
      const { rows, hasMore } = await accounts.listAccounts({ q: query.q, page: query.page });
      noStore(reply);
      return reply.html(
        <AdminAccountsPage
          ctx={req.ctx}
          q={query.q ?? ''}
          page={query.page}
          hasMore={hasMore}
          rows={rows.map((r) => ({
            id: r.id,
            name: r.name,
            email: r.email ?? '',
            role: r.role,
            membership: r.membership,
            verified: r.email_verified_at !== null,
            created: formatDate(r.created_at, req.lang),
          }))}
        />,
      );
    });

    app.post('/admin/comptes/:id/role', { config: { access: 'admin' } }, async (req, reply) => {
      const id = userIdParams.safeParse(req.params).data?.id;
      if (!id) throw new NotFoundError();
      const form = parseForm(roleSchema, req.body);
      if (!form.ok) throw new BadRequestError();
      const result = await accounts.changeRole(req.user!.id, id, form.data.role);
      if (result === 'notFound') throw new NotFoundError();
      if (result === 'self') throw new ConflictError('accounts.admin.cannotDemoteSelf');
      return reply.flashRedirect('/admin/comptes', 'accounts.admin.roleChanged');
    });
  };
}
