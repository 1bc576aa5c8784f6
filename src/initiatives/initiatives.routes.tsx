/** Public pages and the holder's file: thin handlers over the service. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { FORM_FIELD, fieldMessage, parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import { acceptUploads, readUploads } from '../platform/http/uploads.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_UPLOAD } from './initiatives.applications.ts';
import { callIsOpen } from './initiatives.calls.ts';
import { CallPage, CallsPage } from './initiatives.calls.views.tsx';
import { FilePage, FilesPage, type FilePageVM } from './initiatives.file.views.tsx';
import { type BudgetLineAmount, budgetTotals, centsToInput } from './initiatives.model.ts';
import { applicationSchema, BUDGET_ROWS_MAX, BUDGET_ROWS_MIN, parseBudget, type BudgetRowInput } from './initiatives.schema.ts';
import type { InitiativesService } from './initiatives.service.ts';
import { MessagePage } from './initiatives.admin.views.tsx';

type Params = { slug?: string; id?: string; att?: string };
const param = (req: FastifyRequest, k: keyof Params) => String((req.params as Params)[k] ?? '').slice(0, 100);

/** Blank rows after the filled ones, so there is always room to type another line without JavaScript. */
function withBlankRows(rows: BudgetRowInput[], extra = 2): BudgetRowInput[] {
  const out: BudgetRowInput[] = [];
  for (const side of ['expense', 'resource'] as const) {
    const filled = rows.filter((r) => r.side === side);
    const n = Math.min(BUDGET_ROWS_MAX, Math.max(BUDGET_ROWS_MIN, filled.length + extra));
    out.push(...filled.slice(0, n));
    for (let i = filled.length; i < n; i++) out.push({ side, kind: side === 'expense' ? 'purchase' : i === 0 ? 'requested' : 'other_funding', label: '', amount: '' });
  }
  return out;
}

export function initiativesRoutes(service: InitiativesService, opts: { uploadDir: string }): FastifyPluginAsync {
  const uploads = { fileBytes: ATTACHMENT_MAX_BYTES, files: ATTACHMENTS_PER_UPLOAD, dir: opts.uploadDir };

  async function fileVM(
    req: FastifyRequest,
    id: string,
    typed?: { values: FormValues; themes: string[]; rows: BudgetRowInput[]; lines: BudgetLineAmount[]; errors: FieldErrors; extra?: number },
    uploadErrors?: FieldErrors,
    withdrawErrors?: FieldErrors,
  ): Promise<FilePageVM | null> {
    const f = await service.fileFor(req.user, id);
    if (!f || f.role !== 'holder') return null;
    const { app } = f;
    const stored: FormValues = {
      title: app.title,
      summary: app.summary,
      holder_kind: app.holder_kind,
      holder_name: app.holder_name,
      holder_people: app.holder_people,
      contact_phone: app.contact_phone,
      commune_code: app.commune_code ?? '',
      neighbourhood: app.neighbourhood,
      place: app.place,
      starts_on: app.starts_on ?? '',
      ends_on: app.ends_on ?? '',
      audience: app.audience,
      expected_participants: app.expected_participants === null ? '' : String(app.expected_participants),
      public: app.public ? '1' : '',
      revision: String(app.revision),
    };
    const rows = typed?.rows ?? f.budget.map((l) => ({ side: l.side, kind: l.kind, label: l.label, amount: centsToInput(l.amount_cents) }));
    // After a refusal the totals are those of the rows as typed, not as last saved.
    const totals = budgetTotals(typed?.lines ?? f.budget);
    return {
      ...f,
      themes: await service.ctx.deps.themes.names(req.lang),
      values: typed?.values ?? stored,
      checkedThemes: typed?.themes ?? (JSON.parse(app.themes) as string[]),
      rows: withBlankRows(rows, typed?.extra ?? 2),
      errors: typed?.errors ?? {},
      uploadErrors,
      withdrawErrors,
      totals: { expenses: totals.expenses, resources: totals.resources },
    };
  }

  return async (app) => {
    app.get('/initiatives', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const { open, past } = await service.listPublicCalls();
      const agenda = [...(await service.ctx.deps.events.listAgenda({ when: 'upcoming' })), ...(await service.ctx.deps.events.listAgenda({ when: 'past' }))];
      const labs = agenda.filter((i) => i.event.kind === 'pic-lab');
      const pictures = await service.ctx.deps.media.pictures([...open, ...past].map((c) => ({ kind: 'call', id: c.id })));
      return reply.html(<CallsPage ctx={req.ctx} open={open} past={past} labs={labs} pictures={pictures} />);
    });

    app.get('/initiatives/mes-dossiers', { config: { access: 'signed-in' } }, async (req, reply) => reply.html(<FilesPage ctx={req.ctx} files={await service.myFiles(req.user!.id)} />));

    app.get('/initiatives/:slug', { config: { access: 'public' } }, async (req, reply) => {
      const call = await service.getCallBySlug(param(req, 'slug'));
      if (!call || (call.status === 'draft' && !(await service.ctx.isStaff(req.user, call.id)))) throw new NotFoundError();
      const [committees, events, themes, mine, picture] = await Promise.all([
        service.committees(call.id),
        service.linkedEvents(call.id),
        service.ctx.deps.themes.names(req.lang),
        req.user ? service.myFiles(req.user.id) : Promise.resolve([]),
        service.ctx.deps.media.picture('call', call.id),
      ]);
      const vm = { call, open: callIsOpen(call), committees, events, themes, myFiles: mine.filter((f) => f.call_id === call.id), picture };
      return reply.html(<CallPage ctx={req.ctx} vm={vm} />);
    });

    app.post('/initiatives/:slug/candidature', { config: { access: 'signed-in' } }, async (req, reply) => {
      const call = await service.getCallBySlug(param(req, 'slug'));
      if (!call || call.status === 'draft') throw new NotFoundError();
      const outcome = await service.startDraft(req.user!, call.id);
      if (outcome.kind === 'unverified') return reply.html(<MessagePage ctx={req.ctx} title={req.t('initiatives.apply.title')} message={req.t('initiatives.apply.unverified')} />, 403);
      if (outcome.kind === 'closed') throw new ConflictError('initiatives.apply.closed');
      return reply.redirect(`/initiatives/dossiers/${outcome.id}`, 303);
    });

    app.get('/initiatives/dossiers/:id', { config: { access: 'signed-in' } }, async (req, reply) => {
      const id = param(req, 'id');
      const f = await service.fileFor(req.user, id);
      if (!f) throw new NotFoundError();
      if (f.role === 'staff' && f.app.holder_user_id !== req.user!.id) return reply.redirect(`/admin/initiatives/dossiers/${id}`, 303);
      if (f.role === 'reviewer') {
        const mine = (await service.myReviews(req.user!.id)).find((r) => r.application_id === f.app.id);
        if (mine) return reply.redirect(`/initiatives/evaluations/${mine.id}`, 303);
      }
      const vm = await fileVM(req, id);
      if (!vm) throw new NotFoundError();
      return reply.html(<FilePage ctx={req.ctx} vm={vm} />);
    });

    app.post('/initiatives/dossiers/:id', { config: { access: 'signed-in' } }, async (req, reply) => {
      const id = param(req, 'id');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const action = body.action === 'submit' ? 'submit' : body.action === 'more' ? 'more' : 'save';
      const autosave = req.headers['x-autosave'] === '1';
      const parsed = parseForm(applicationSchema, body);
      const budget = parseBudget(body);
      const values: FormValues = { ...parsed.values };
      const themes = (Array.isArray(body.themes) ? body.themes : [body.themes]).filter((x): x is string => typeof x === 'string');
      const again = async (errors: FieldErrors, status: number, extra = 2) => {
        const vm = await fileVM(req, id, { values, themes, rows: budget.rows, lines: budget.lines, errors, extra });
        if (!vm) throw new NotFoundError();
        return reply.html(<FilePage ctx={req.ctx} vm={vm} />, status);
      };
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...budget.errors };
      if (!parsed.ok || Object.keys(budget.errors).length) {
        if (autosave) return reply.code(400).send({ ok: false, message: req.t('initiatives.autosave.invalid') });
        return again(errors, 400);
      }
      const saved = await service.saveDraft(req.user!, id, parsed.data, budget.lines);
      if (saved.kind === 'stale') {
        if (autosave) return reply.code(409).send({ ok: false, message: req.t('initiatives.autosave.stale') });
        // Shown again with the current revision: saving the page as shown (after checking it) then works.
        values.revision = String(saved.revision);
        return again({ [FORM_FIELD]: fieldMessage('initiatives.file.stale') }, 409);
      }
      if (saved.kind === 'invalid') {
        if (autosave) return reply.code(400).send({ ok: false, message: req.t('initiatives.autosave.invalid') });
        return again(saved.errors, 400);
      }
      if (autosave) return reply.header('cache-control', 'no-store').send({ ok: true, revision: saved.revision, message: req.t('initiatives.autosave.saved') });
      values.revision = String(saved.revision);
      if (action === 'more') return again({}, 200, 6);
      if (action === 'save') return reply.flashRedirect(`/initiatives/dossiers/${id}`, 'initiatives.file.saved');
      const submitted = await service.submit(req.user!, id, req.lang);
      if (submitted.kind === 'refused') return again(submitted.errors, 400);
      return reply.flashRedirect(`/initiatives/dossiers/${id}`, 'initiatives.file.submitted');
    });

    // Only the attachments form takes files, and only after the access rule and the CSRF check.
    await app.register(async (scope) => {
      await acceptUploads(scope, uploads);
      scope.post('/initiatives/dossiers/:id/pieces', { config: { access: 'signed-in' } }, async (req, reply) => {
        const id = param(req, 'id');
        const form = await readUploads(req, uploads);
        try {
          const refuse = async (errors: FieldErrors) => {
            const vm = await fileVM(req, id, undefined, errors);
            if (!vm) throw new NotFoundError();
            return reply.html(<FilePage ctx={req.ctx} vm={vm} />, 400);
          };
          if (form.tooLarge.length) return await refuse({ file: fieldMessage('initiatives.attachments.tooLarge', { name: form.tooLarge[0] }) });
          if (form.tooMany) return await refuse({ file: fieldMessage('initiatives.attachments.tooMany') });
          const files = form.files.filter((f) => f.size > 0);
          if (files.length === 0) return await refuse({ file: fieldMessage('initiatives.attachments.missing') });
          const kind = typeof form.fields.kind === 'string' ? form.fields.kind : 'other';
          const result = await service.addAttachments(
            req.user!,
            id,
            files.map((f) => ({ kind, filename: f.filename, path: f.path, size: f.size })),
          );
          if (result.tooMany) return await refuse({ file: fieldMessage('initiatives.attachments.tooMany') });
          if (result.refused.length) return await refuse({ file: fieldMessage('initiatives.attachments.type', { name: result.refused[0] }) });
          return reply.flashRedirect(`/initiatives/dossiers/${id}`, 'initiatives.attachments.added');
        } finally {
          await form.discard();
        }
      });
    });

    app.get('/initiatives/dossiers/:id/pieces/:att', { config: { access: 'signed-in' } }, async (req, reply) => {
      const f = await service.readAttachment(req.user, param(req, 'id'), param(req, 'att'));
      const stored = f && (await f.read());
      if (!f || !stored) throw new NotFoundError();
      // Always a download, never shown by the browser: an uploaded file cannot run on this site.
      return reply
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .type('application/octet-stream')
        .header('content-length', stored.length)
        .send(stored.stream);
    });

    app.post('/initiatives/dossiers/:id/retirer', { config: { access: 'signed-in' } }, async (req, reply) => {
      const id = param(req, 'id');
      if ((req.body as Record<string, unknown> | undefined)?.confirm !== '1') {
        const vm = await fileVM(req, id, undefined, undefined, { confirm: fieldMessage('initiatives.withdraw.confirmFirst') });
        if (!vm) throw new NotFoundError();
        return reply.html(<FilePage ctx={req.ctx} vm={vm} />, 400);
      }
      await service.withdraw(req.user!, id);
      return reply.flashRedirect(`/initiatives/dossiers/${id}`, 'initiatives.withdraw.done');
    });

    app.post('/initiatives/dossiers/:id/pieces/:att/supprimer', { config: { access: 'signed-in' } }, async (req, reply) => {
      const id = param(req, 'id');
      await service.removeAttachment(req.user!, id, param(req, 'att'));
      return reply.flashRedirect(`/initiatives/dossiers/${id}`, 'initiatives.attachments.removed');
    });
  };
}
