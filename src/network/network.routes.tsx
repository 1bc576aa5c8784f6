import fs from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { can } from '../platform/http/access.ts';
import { acceptUploads, readUploads, type UploadForm } from '../platform/http/uploads.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { FORM_FIELD, fieldMessage, toFieldErrors, type FieldErrors, type FieldMessage } from '../platform/forms/forms.ts';
import { contactSchema, decisionSchema, joinSchema, postSchema, preferencesSchema, replySchema, tokenSchema } from './network.schema.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX, type AttachmentInput, type NetworkService } from './network.service.ts';
import { searchTerritories, territoryByCode } from '../platform/territories.ts';
import { directoryGroups, organisationView, postView, preferencesView, requestView, threadView } from './network.present.ts';
import { AdminQueuePage } from './network.admin.views.tsx';
import { ContactPage, DirectoryPage, OrganisationPage } from './network.directory.views.tsx';
import { ButtonPage, CharterPage, ConfirmJoinPage, JoinPage, MessagePage, NetworkPage, PreferencesPage, type JoinValues } from './network.join.views.tsx';
import { ListPage, PostFormPage, ThreadPage } from './network.list.views.tsx';

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'));

function tokenOf(req: FastifyRequest): string | null {
  const parsed = tokenSchema.safeParse((req.params as { token?: string }).token);
  return parsed.success ? parsed.data : null;
}

/** Files of a post, and the first problem with them (too big, too many) as a message. */
function filesOf(form: UploadForm): { files: AttachmentInput[]; error?: FieldMessage } {
  const big = form.tooLarge[0];
  if (big !== undefined) return { files: [], error: fieldMessage('network.list.fileTooLarge', { name: big }) };
  if (form.tooMany) return { files: [], error: fieldMessage('network.list.tooManyFiles') };
  const files = form.files.filter((f) => f.size > 0).map((f) => ({ filename: f.filename, mimetype: f.mimetype, read: () => fs.promises.readFile(f.path) }));
  return { files };
}

const departementsList = () => ['02', '59', '60', '62', '80'].map((code) => ({ code, name: territoryByCode(`departement:${code}`)?.name ?? code }));

export function networkRoutes(service: NetworkService, opts: { uploadDir: string }): FastifyPluginAsync {
  const uploads = { fileBytes: ATTACHMENT_MAX_BYTES, files: ATTACHMENTS_MAX, dir: opts.uploadDir };
  return async (app) => {
    app.get('/reseau', { config: { access: 'public' } }, async (req, reply) => reply.html(<NetworkPage ctx={req.ctx} />));
    app.get('/reseau/charte', { config: { access: 'public' } }, async (req, reply) => reply.html(<CharterPage ctx={req.ctx} />));

    // ---- Joining ----
    const emptyJoin = (req: FastifyRequest): JoinValues => ({
      name: req.user?.name ?? '',
      email: req.user?.email ?? '',
      role: '',
      org_name: '',
      org_type: '',
      territory: '',
      territory_label: '',
      territory_q: '',
      themes: [],
      motivation: '',
      directory: true,
      charter: false,
    });

    app.get('/reseau/adhesion', { config: { access: 'public' } }, async (req, reply) => {
      if (req.user?.membership === 'approved') return reply.html(<MessagePage ctx={req.ctx} title={req.t('network.join.title')} message={req.t('network.join.alreadyMember')} />);
      return reply.html(<JoinPage ctx={req.ctx} values={emptyJoin(req)} errors={{}} themes={await service.themeOptions(req.lang)} results={null} />);
    });

    app.get('/reseau/territoires', { config: { access: 'public' } }, async (req, reply) => {
      const q = str((req.query as Body).q).slice(0, 80);
      return reply.header('cache-control', 'public, max-age=3600').send(searchTerritories(q, 12).map((t) => ({ code: t.code, label: t.label })));
    });

    app.post('/reseau/adhesion', { config: { access: 'public' } }, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      // A picked result wins over an earlier choice; the no-JS picker posts the whole form to search.
      const pick = str(body.territory_pick) || str(body.territory);
      const picked = pick ? territoryByCode(pick) : null;
      const values: JoinValues = {
        name: str(body.name),
        email: str(body.email),
        role: str(body.role),
        org_name: str(body.org_name),
        org_type: str(body.org_type),
        territory: picked?.code ?? '',
        territory_label: picked?.label ?? '',
        territory_q: str(body.territory_q),
        themes: list(body.themes),
        motivation: str(body.motivation),
        directory: str(body.directory) === 'oui',
        charter: str(body.charter) === 'oui',
      };
      const themes = await service.themeOptions(req.lang);
      if (str(body.action) === 'search-territory') {
        return reply.html(<JoinPage ctx={req.ctx} values={values} errors={{}} themes={themes} results={searchTerritories(values.territory_q)} />);
      }
      const parsed = joinSchema.safeParse({ ...body, territory: values.territory });
      if (!parsed.success) {
        const results = !values.territory && values.territory_q ? searchTerritories(values.territory_q) : null;
        return reply.html(<JoinPage ctx={req.ctx} values={values} errors={toFieldErrors(parsed.error, body)} themes={themes} results={results} />, 400);
      }
      const known = new Set(themes.map((t) => t.slug));
      const sent = await service.requestJoin({ ...parsed.data, themes: parsed.data.themes.filter((t) => known.has(t)) }, req.lang, req.t('network.join.charter'), req.ip);
      if (sent === 'limited') return reply.html(<JoinPage ctx={req.ctx} values={values} errors={{ [FORM_FIELD]: fieldMessage('network.join.tooMany') }} themes={themes} results={null} />, 429);
      return reply.flashRedirect('/reseau', 'network.join.sent');
    });

    app.get('/reseau/adhesion/confirmer/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const { state, request } = token ? await service.requestToConfirm(token) : { state: 'invalid' as const, request: null };
      if (token && request) return reply.html(<ConfirmJoinPage ctx={req.ctx} token={token} request={request} />);
      return reply.html(<MessagePage ctx={req.ctx} title={req.t('network.join.confirmTitle')} message={req.t(`network.join.${state}`)} />, state === 'already' ? 200 : 404);
    });

    app.post('/reseau/adhesion/confirmer/:token/annuler', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const result = token ? await service.dropUnconfirmed(token) : 'invalid';
      return reply.html(<MessagePage ctx={req.ctx} title={req.t('network.join.confirmTitle')} message={req.t(`network.join.${result}`)} />, result === 'invalid' ? 404 : 200);
    });

    app.post('/reseau/adhesion/confirmer/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const result = token ? await service.confirmJoin(token) : 'invalid';
      return reply.html(<MessagePage ctx={req.ctx} title={req.t('network.join.confirmTitle')} message={req.t(`network.join.${result}`)} />, result === 'invalid' ? 404 : 200);
    });

    app.get('/reseau/preferences', { config: { access: 'signed-in' } }, async (req, reply) => {
      return reply.html(<PreferencesPage ctx={req.ctx} member={await service.member(req.user!.id).then((m) => (m ? preferencesView(m) : null))} />);
    });

    app.post('/reseau/preferences', { config: { access: 'member' } }, async (req, reply) => {
      const parsed = preferencesSchema.safeParse(req.body ?? {});
      if (!parsed.success) return reply.redirect('/reseau/preferences', 303);
      await service.setPreferences(req.user!.id, parsed.data.delivery, parsed.data.directory === 'oui');
      return reply.flashRedirect('/reseau/preferences', 'network.preferences.saved');
    });

    app.post('/reseau/quitter', { config: { access: 'signed-in' } }, async (req, reply) => {
      await service.leave(req.user!.id);
      return reply.flashRedirect('/reseau', 'network.leave.done');
    });

    // ---- Directory (members only) ----
    app.get('/reseau/membres', { config: { access: 'member' } }, async (req, reply) => {
      const q = req.query as Body;
      const filters = { q: str(q.q).slice(0, 100), theme: str(q.theme).slice(0, 80), departement: str(q.departement).slice(0, 3) };
      const rows = await service.directory({ q: filters.q || undefined, theme: filters.theme || undefined, departement: filters.departement || undefined });
      const departements = departementsList();
      return reply.html(
        <DirectoryPage ctx={req.ctx} groups={directoryGroups(rows, departements)} count={rows.length} filters={filters} themes={await service.themeOptions(req.lang)} departements={departements} />,
      );
    });

    async function listed(userId: string) {
      const m = await service.member(userId);
      if (m?.directory !== 1) throw new NotFoundError();
      return { userId: m.user_id, name: m.name };
    }

    app.get('/reseau/membres/:id/contact', { config: { access: 'member' } }, async (req, reply) => {
      const m = await listed((req.params as { id: string }).id);
      return reply.html(<ContactPage ctx={req.ctx} member={m} values={{ subject: '', message: '' }} errors={{}} />);
    });

    app.post('/reseau/membres/:id/contact', { config: { access: 'member' } }, async (req, reply) => {
      const m = await listed((req.params as { id: string }).id);
      const body = (req.body ?? {}) as Body;
      const parsed = contactSchema.safeParse(body);
      if (!parsed.success)
        return reply.html(<ContactPage ctx={req.ctx} member={m} values={{ subject: str(body.subject), message: str(body.message) }} errors={toFieldErrors(parsed.error, body)} />, 400);
      const sent = await service.contact(req.user!, m.userId, parsed.data.subject, parsed.data.message, req.ip);
      if (sent === 'limited') return reply.html(<ContactPage ctx={req.ctx} member={m} values={parsed.data} errors={{ message: fieldMessage('network.contact.tooMany') }} />, 429);
      return reply.flashRedirect('/reseau/membres', 'network.contact.sent');
    });

    app.get('/reseau/structures/:slug', { config: { access: 'member' } }, async (req, reply) => {
      return reply.html(<OrganisationPage ctx={req.ctx} data={organisationView(await service.organisation((req.params as { slug: string }).slug))} />);
    });

    // ---- Mailing list (members only) ----
    app.get('/reseau/liste', { config: { access: 'member' } }, async (req, reply) => {
      const q = str((req.query as Body).q).slice(0, 100);
      return reply.html(<ListPage ctx={req.ctx} threads={(await service.threads(q || undefined)).map((p) => postView(p))} q={q} />);
    });

    app.get('/reseau/liste/nouveau', { config: { access: 'member' } }, async (req, reply) => reply.html(<PostFormPage ctx={req.ctx} values={{ title: '', body: '', links: '' }} errors={{}} />));

    /** Posts, or shows the form again with what was typed when the author may not post (never a bare 403 that loses the text). */
    async function post(req: FastifyRequest, reply: FastifyReply, input: Parameters<NetworkService['post']>[1], again: (errors: FieldErrors) => VNode) {
      let result: Awaited<ReturnType<NetworkService['post']>>;
      try {
        result = await service.post(req.user!, input);
      } catch (err) {
        if (err instanceof ForbiddenError) return reply.html(again({ [FORM_FIELD]: fieldMessage('network.list.notMember') }), 403);
        throw err;
      }
      if (result.status === 'pending') return reply.flashRedirect('/reseau/liste', 'network.list.pending');
      return reply.flashRedirect(`/reseau/liste/${result.threadId}`, 'network.list.published');
    }

    app.get('/reseau/liste/:id', { config: { access: 'member' } }, async (req, reply) => {
      const posts = threadView(await service.thread((req.params as { id: string }).id));
      return reply.html(<ThreadPage ctx={req.ctx} posts={posts} values={{ title: '', body: '', links: '' }} errors={{}} />);
    });

    // Only the list takes files, and only after the access rule and the CSRF check (see acceptUploads).
    await app.register(async (scope) => {
      await acceptUploads(scope, uploads);

      scope.post('/reseau/liste/nouveau', { config: { access: 'member' } }, async (req, reply) => {
        const form = await readUploads(req, uploads);
        try {
          const values = { title: str(form.fields.title), body: str(form.fields.body), links: str(form.fields.links) };
          const parsed = postSchema.safeParse(values);
          const { files, error } = filesOf(form);
          const errors = { ...(parsed.success ? {} : toFieldErrors(parsed.error, values)), ...(error ? { files: error } : {}) };
          if (!parsed.success || error) return reply.html(<PostFormPage ctx={req.ctx} values={values} errors={errors} />, 400);
          // Awaited here: the files on disk are discarded in `finally`.
          return await post(req, reply, { ...parsed.data, files }, (refused) => <PostFormPage ctx={req.ctx} values={values} errors={refused} />);
        } finally {
          await form.discard();
        }
      });

      scope.post('/reseau/liste/:id', { config: { access: 'member' } }, async (req, reply) => {
        const threadId = (req.params as { id: string }).id;
        const form = await readUploads(req, uploads);
        try {
          const values = { title: '', body: str(form.fields.body), links: '' };
          const parsed = replySchema.safeParse(values);
          const { files, error } = filesOf(form);
          const posts = threadView(await service.thread(threadId));
          if (!parsed.success || error) {
            const errors = { ...(parsed.success ? {} : toFieldErrors(parsed.error, values)), ...(error ? { files: error } : {}) };
            return reply.html(<ThreadPage ctx={req.ctx} posts={posts} values={values} errors={errors} />, 400);
          }
          // Awaited here: the files on disk are discarded in `finally`.
          return await post(req, reply, { title: '', body: parsed.data.body, links: '', threadId, files }, (refused) => <ThreadPage ctx={req.ctx} posts={posts} values={values} errors={refused} />);
        } finally {
          await form.discard();
        }
      });
    });

    app.get('/reseau/liste/pieces/:id', { config: { access: 'member' } }, async (req, reply) => {
      const f = await service.attachment((req.params as { id: string }).id, req.user!);
      if (!f) throw new NotFoundError();
      // Always a download, never rendered by the browser: an uploaded HTML or SVG file cannot run here.
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'private, no-store')
        .type('application/octet-stream')
        .send(Buffer.from(f.data));
    });

    app.get('/reseau/liste/desabonnement/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const m = token ? await service.memberByListToken(token) : null;
      if (!m) return reply.html(<MessagePage ctx={req.ctx} title={req.t('network.unsubscribe.title')} message={req.t('network.unsubscribe.invalid')} />, 404);
      return reply.html(
        <ButtonPage
          ctx={req.ctx}
          title={req.t('network.unsubscribe.title')}
          text={req.t('network.unsubscribe.text')}
          action={`/reseau/liste/desabonnement/${token}/confirmer`}
          button={req.t('network.unsubscribe.button')}
        />,
      );
    });

    const unsubscribe = async (req: FastifyRequest, reply: FastifyReply) => {
      const token = tokenOf(req);
      const result = token ? await service.listUnsubscribe(token) : 'invalid';
      return reply.html(<MessagePage ctx={req.ctx} title={req.t('network.unsubscribe.title')} message={req.t(`network.unsubscribe.${result}`)} />, result === 'invalid' ? 404 : 200);
    };
    // RFC 8058 one-click from the mail client: no cookie, the token is the proof.
    app.post('/reseau/liste/desabonnement/:token', { config: { access: 'public', csrf: false } }, unsubscribe);
    app.post('/reseau/liste/desabonnement/:token/confirmer', { config: { access: 'public' } }, unsubscribe);

    // ---- Animators ----
    app.get('/admin/reseau', { config: { access: 'animator' } }, async (req, reply) => {
      return reply.html(<AdminQueuePage ctx={req.ctx} requests={(await service.queue()).map(requestView)} pending={(await service.pendingPosts()).map((p) => postView(p))} />);
    });

    app.post('/admin/reseau/demandes/:id', { config: { access: 'animator' } }, async (req, reply) => {
      const parsed = decisionSchema.safeParse(req.body ?? {});
      if (!parsed.success) return reply.redirect('/admin/reseau', 303);
      if (!can.animate(req.user)) throw new ForbiddenError();
      await service.decide((req.params as { id: string }).id, parsed.data.decision, parsed.data.message, req.user!);
      return reply.flashRedirect('/admin/reseau', 'network.admin.decided');
    });

    app.post('/admin/reseau/messages/:id', { config: { access: 'animator' } }, async (req, reply) => {
      const decision = str((req.body as Body | undefined)?.decision);
      if (decision !== 'approve' && decision !== 'reject') return reply.redirect('/admin/reseau', 303);
      await service.moderate((req.params as { id: string }).id, decision);
      return reply.flashRedirect('/admin/reseau', 'network.admin.moderated');
    });

    app.get('/admin/reseau/annuaire.csv', { config: { access: 'animator' } }, async (_req, reply) => {
      return reply
        .header('content-disposition', 'attachment; filename="annuaire-reseau.csv"')
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(`\uFEFF${await service.exportCsv()}`);
    });
  };
}
