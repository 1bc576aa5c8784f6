import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { acceptUploads, readUploads, type UploadForm } from '../platform/http/uploads.ts';
import { fieldMessage, toFieldErrors, type FieldErrors, type FieldMessage } from '../platform/forms/forms.ts';
import { parisToIso } from '../platform/format.ts';
import { renderMarkdown } from './content.text.ts';
import { contentFormSchema, CONTENT_KINDS, documentFieldsSchema, scheduleSchema, themeFormSchema } from './content.schema.ts';
import { contentUrl, documentUrl, UploadError, type Actor, type Content, type ContentService } from './content.service.ts';
import { themeVM } from '../catalog/catalog.present.ts';
import { AdminListPage } from './content.admin.views.tsx';
import { AdminEditPage, type EditFormValues, type EditVM } from './content.admin.edit.views.tsx';
import { AdminThemeEditPage, AdminThemesPage, type ThemeFormValues } from './content.admin.themes.views.tsx';
import { formatSize } from '../platform/format.ts';
import { z } from 'zod';
import { boundedInt } from '../platform/http/input.ts';

const PER_PAGE = 30;

const actor = (req: FastifyRequest): Actor => ({ id: req.user!.id, name: req.user!.name });

function valuesOf(body: Record<string, unknown>, kind: string): EditFormValues {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const themes = body.themes === undefined ? [] : Array.isArray(body.themes) ? body.themes.map(String) : [String(body.themes)];
  return {
    kind,
    title: str('title'),
    slug: str('slug'),
    summary: str('summary'),
    body: str('body'),
    resourceType: str('resourceType'),
    territory: str('territory'),
    authorOrg: str('authorOrg'),
    themes,
    membersOnly: body.membersOnly === 'on',
  };
}

function themeValuesOf(body: Record<string, unknown>): ThemeFormValues {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return { nameFr: str('nameFr'), nameEn: str('nameEn'), descriptionFr: str('descriptionFr'), descriptionEn: str('descriptionEn'), slug: str('slug') };
}

const noThemeValues: ThemeFormValues = { nameFr: '', nameEn: '', descriptionFr: '', descriptionEn: '', slug: '' };

function valuesFromContent(c: Content): EditFormValues {
  return {
    kind: c.kind,
    title: c.title,
    slug: c.slug,
    summary: c.summary,
    body: c.body_md,
    resourceType: c.resource_type ?? '',
    territory: c.territory ?? '',
    authorOrg: c.author_org ?? '',
    themes: c.themeList,
    membersOnly: c.members_only === 1,
  };
}

/** /admin/contenus: every route here is for animators. */
export function adminRoutes(service: ContentService, opts: { uploadMaxBytes: number; uploadDir: string }): FastifyPluginAsync {
  return async (app) => {
    const animator = { config: { access: 'animator' as const } };
    // Drafts, members-only bodies and edit forms: no browser or proxy keeps a copy (shared computers, back button after sign-out).
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      return payload;
    });

    async function editVM(req: FastifyRequest, id: string | null, values: EditFormValues, extra: Partial<EditVM> = {}): Promise<EditVM> {
      const themes = (await service.themes.list()).map((t) => themeVM(t, req.lang));
      if (!id) return { id: null, values, errors: {}, themes, documents: [], history: [], maxUpload: opts.uploadMaxBytes, ...extra };
      const content = await service.getContent(id);
      if (!content) throw new NotFoundError();
      const [docs, revisions, image] = await Promise.all([service.listDocuments(id), service.revisions(id), service.imageEditor(content, req.lang)]);
      return {
        id,
        values,
        errors: {},
        themes,
        status: content.status,
        publishAt: content.publish_at,
        viewUrl: contentUrl(content.kind, content.slug),
        documents: docs.map((d) => ({ id: d.id, title: d.title, format: d.format, size: d.size, version: d.version, url: documentUrl(d), membersOnly: d.members_only === 1 })),
        history: revisions.map((r) => ({ at: r.at, who: r.user_name, action: r.action })),
        maxUpload: opts.uploadMaxBytes,
        image,
        ...extra,
      };
    }

    app.get('/admin/contenus', animator, async (req, reply) => {
      const q = z
        .object({
          kind: z.enum(CONTENT_KINDS).optional().catch(undefined),
          status: z.enum(['draft', 'published', 'archived']).optional().catch(undefined),
          page: boundedInt(1, 100_000).catch(1).default(1),
        })
        .parse(req.query ?? {});
      const { rows, total } = await service.adminList({ kind: q.kind, status: q.status, limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE });
      return reply.html(
        <AdminListPage
          ctx={req.ctx}
          rows={rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, status: r.status, publishAt: r.publish_at, updatedAt: r.updated_at, membersOnly: r.members_only === 1 }))}
          kind={q.kind ?? ''}
          status={q.status ?? ''}
          page={q.page}
          pages={Math.ceil(total / PER_PAGE)}
        />,
      );
    });

    // Themes: list, create, rename. The slug is set at creation and never changes.
    async function themesPage(req: FastifyRequest, values: ThemeFormValues, errors: FieldErrors) {
      const themes = (await service.themes.list()).map((t) => ({ slug: t.slug, nameFr: t.name.fr, nameEn: t.name.en, url: `/thematiques/${t.slug}` }));
      return <AdminThemesPage ctx={req.ctx} themes={themes} values={values} errors={errors} />;
    }

    app.get('/admin/contenus/thematiques', animator, async (req, reply) => reply.html(await themesPage(req, noThemeValues, {})));

    app.post('/admin/contenus/thematiques', animator, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = themeValuesOf(body);
      const parsed = themeFormSchema.safeParse(body);
      if (!parsed.success) return reply.html(await themesPage(req, values, toFieldErrors(parsed.error, body)), 400);
      const created = await service.themes.create(parsed.data);
      if ('taken' in created) {
        const errors = { slug: fieldMessage('content.admin.themes.slugTaken', { name: created.taken.name[req.lang] }) };
        return reply.html(await themesPage(req, values, errors), 400);
      }
      return reply.flashRedirect('/admin/contenus/thematiques', 'content.admin.themes.created');
    });

    app.get('/admin/contenus/thematiques/:slug', animator, async (req, reply) => {
      const theme = await service.themes.get((req.params as { slug: string }).slug);
      if (!theme) throw new NotFoundError();
      const values = { nameFr: theme.name.fr, nameEn: theme.name.en, descriptionFr: theme.description.fr, descriptionEn: theme.description.en, slug: theme.slug };
      return reply.html(<AdminThemeEditPage ctx={req.ctx} slug={theme.slug} currentName={theme.name.fr} values={values} errors={{}} />);
    });

    app.post('/admin/contenus/thematiques/:slug', animator, async (req, reply) => {
      const theme = await service.themes.get((req.params as { slug: string }).slug);
      if (!theme) throw new NotFoundError();
      const body = (req.body ?? {}) as Record<string, unknown>;
      // The slug is not editable here: whatever the form says, the theme keeps its own.
      const parsed = themeFormSchema.safeParse({ ...body, slug: '' });
      if (!parsed.success) {
        return reply.html(<AdminThemeEditPage ctx={req.ctx} slug={theme.slug} currentName={theme.name.fr} values={themeValuesOf(body)} errors={toFieldErrors(parsed.error, body)} />, 400);
      }
      await service.themes.rename(theme.slug, parsed.data);
      return reply.flashRedirect('/admin/contenus/thematiques', 'content.admin.themes.renamed');
    });

    app.get('/admin/contenus/nouveau', animator, async (req, reply) => {
      const kind = z
        .enum(CONTENT_KINDS)
        .catch('news')
        .parse((req.query as { kind?: string }).kind);
      return reply.html(<AdminEditPage ctx={req.ctx} vm={await editVM(req, null, valuesOf({}, kind))} />);
    });

    /** Create or edit: "preview" re-renders with the rendered body, "save" writes. */
    async function saveOrPreview(req: FastifyRequest, id: string | null) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const existing = id ? await service.getContent(id) : null;
      if (id && !existing) throw new NotFoundError();
      const kind = existing?.kind ?? z.enum(CONTENT_KINDS).catch('news').parse(body.kind);
      const values = valuesOf(body, kind);
      const parsed = contentFormSchema.safeParse({ ...body, kind });
      const intent = body.intent === 'preview' ? 'preview' : 'save';
      if (!parsed.success) return { status: 400, vm: await editVM(req, id, values, { errors: toFieldErrors(parsed.error, body) }) };
      if (intent === 'preview') return { status: 200, vm: await editVM(req, id, values, { previewHtml: renderMarkdown(values.body) }) };
      const saved = id ? await service.update(id, parsed.data, actor(req)) : await service.create(parsed.data, actor(req));
      return { redirect: `/admin/contenus/${saved.id}`, flash: id ? 'content.admin.saved' : 'content.admin.created' };
    }

    app.post('/admin/contenus', animator, async (req, reply) => {
      const r = await saveOrPreview(req, null);
      if ('redirect' in r) return reply.flashRedirect(r.redirect!, r.flash!);
      return reply.html(<AdminEditPage ctx={req.ctx} vm={r.vm} />, r.status);
    });

    app.get('/admin/contenus/:id', animator, async (req, reply) => {
      const content = await service.getContent((req.params as { id: string }).id);
      if (!content) throw new NotFoundError();
      return reply.html(<AdminEditPage ctx={req.ctx} vm={await editVM(req, content.id, valuesFromContent(content))} />);
    });

    app.post('/admin/contenus/:id', animator, async (req, reply) => {
      const r = await saveOrPreview(req, (req.params as { id: string }).id);
      if ('redirect' in r) return reply.flashRedirect(r.redirect!, r.flash!);
      return reply.html(<AdminEditPage ctx={req.ctx} vm={r.vm} />, r.status);
    });

    const stateRoutes: Array<[string, (id: string, a: Actor) => Promise<void>, string]> = [
      ['publier', (id, a) => service.publish(id, a), 'content.admin.published'],
      ['archiver', (id, a) => service.archive(id, a), 'content.admin.archived'],
      ['brouillon', (id, a) => service.unpublish(id, a), 'content.admin.unpublished'],
    ];
    for (const [path, run, flash] of stateRoutes) {
      app.post(`/admin/contenus/:id/${path}`, animator, async (req, reply) => {
        const { id } = req.params as { id: string };
        await run(id, actor(req));
        return reply.flashRedirect(`/admin/contenus/${id}`, flash);
      });
    }

    app.post('/admin/contenus/:id/programmer', animator, async (req, reply) => {
      const { id } = req.params as { id: string };
      const content = await service.getContent(id);
      if (!content) throw new NotFoundError();
      const parsed = scheduleSchema.safeParse(req.body ?? {});
      let error: FieldMessage | undefined;
      if (!parsed.success) error = Object.values(toFieldErrors(parsed.error))[0];
      else {
        const at = parisToIso(parsed.data.day, parsed.data.time);
        if (Number.isNaN(Date.parse(at)) || Date.parse(at) <= Date.now()) error = fieldMessage('content.form.schedulePast');
        else {
          await service.schedule(id, at, actor(req));
          return reply.flashRedirect(`/admin/contenus/${id}`, 'content.admin.scheduled');
        }
      }
      return reply.html(<AdminEditPage ctx={req.ctx} vm={await editVM(req, id, valuesFromContent(content), { scheduleError: error })} />, 400);
    });

    // Uploads: the fields before the file (the CSRF token first) are read for the CSRF check; the
    // file is streamed to disk, cut at the limit, only once the check passed (platform/http/uploads.ts).
    const limits = { fileBytes: opts.uploadMaxBytes, files: 1 };
    await app.register(async (uploads) => {
      await acceptUploads(uploads, limits);

      /** An error message, or null when stored; `textUnread` when stored without text for search. */
      async function upload(req: FastifyRequest, contentId: string, replaceId?: string): Promise<{ error: FieldMessage | null; textUnread?: boolean }> {
        const form = await readUploads(req, { ...limits, dir: opts.uploadDir });
        try {
          return await store(req, form, contentId, replaceId);
        } finally {
          await form.discard();
        }
      }

      async function store(req: FastifyRequest, form: UploadForm, contentId: string, replaceId?: string): Promise<{ error: FieldMessage | null; textUnread?: boolean }> {
        const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
        const uploaded = form.files[0];
        // A file over the limit is cut, not thrown: the form comes back with a message instead of an error page.
        const file = uploaded
          ? { filename: uploaded.filename, data: { path: uploaded.path }, size: uploaded.size, tooLarge: false }
          : form.tooLarge.length > 0
            ? { filename: form.tooLarge[0], data: null, size: 0, tooLarge: true }
            : undefined;
        const parsed = documentFieldsSchema.safeParse({ title: one(form.fields.title) ?? '', membersOnly: one(form.fields.membersOnly) });
        // A title over the limit is the only way these fields fail: say so next to the upload, keep the rest.
        if (!parsed.success) return { error: fieldMessage('form.tooLong', { max: 200 }) };
        const fields = parsed.data;
        let error: FieldMessage | null = null;
        if (!file?.filename || (!file.tooLarge && (!file.data || file.size === 0))) error = fieldMessage('content.upload.missing');
        else if (file.tooLarge) error = fieldMessage('content.upload.tooLarge', { max: formatSize(opts.uploadMaxBytes, req.lang) });
        else {
          try {
            const doc = await service.upload(contentId, { data: file.data!, filename: file.filename, title: fields.title, membersOnly: fields.membersOnly, replaceId }, actor(req));
            return { error: null, textUnread: doc.textUnread };
          } catch (err) {
            if (!(err instanceof UploadError)) throw err;
            error = fieldMessage(err.messageKey);
          }
        }
        return { error };
      }

      uploads.post('/admin/contenus/:id/documents', animator, async (req, reply) => {
        const { id } = req.params as { id: string };
        const content = await service.getContent(id);
        if (!content) throw new NotFoundError();
        const { error, textUnread } = await upload(req, id);
        if (!error) return reply.flashRedirect(`/admin/contenus/${id}`, textUnread ? 'content.admin.uploadedTextUnread' : 'content.admin.uploaded');
        return reply.html(<AdminEditPage ctx={req.ctx} vm={await editVM(req, id, valuesFromContent(content), { uploadError: error ?? undefined })} />, 400);
      });

      uploads.post('/admin/contenus/:id/documents/:docId', animator, async (req, reply) => {
        const { id, docId } = req.params as { id: string; docId: string };
        const content = await service.getContent(id);
        if (!content) throw new NotFoundError();
        const { error, textUnread } = await upload(req, id, docId);
        if (!error) return reply.flashRedirect(`/admin/contenus/${id}`, textUnread ? 'content.admin.replacedTextUnread' : 'content.admin.replaced');
        return reply.html(<AdminEditPage ctx={req.ctx} vm={await editVM(req, id, valuesFromContent(content), { uploadError: error ?? undefined })} />, 400);
      });
    });

    app.post('/admin/contenus/:id/documents/:docId/supprimer', animator, async (req, reply) => {
      const { id, docId } = req.params as { id: string; docId: string };
      await service.removeDocument(id, docId, actor(req));
      return reply.flashRedirect(`/admin/contenus/${id}`, 'content.admin.documentRemoved');
    });
  };
}
