import fs from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import { formatSize } from '../platform/format.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { acceptUploads, readUploads } from '../platform/http/uploads.ts';
import { isKind } from './imports.model.ts';
import type { ImportsService } from './imports.service.ts';
import { ImportHomePage, RunPage } from './imports.views.tsx';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const ID = /^[a-z0-9]{9,40}$/;

export function importsRoutes(service: ImportsService, opts: { uploadDir: string; uploadMaxBytes: number }): FastifyPluginAsync {
  return async (app) => {
    const animator = { config: { access: 'animator' as const } };

    async function runOf(req: FastifyRequest) {
      const { id } = req.params as { id: string };
      const run = ID.test(id) ? await service.getRun(id) : undefined;
      if (!run) throw new NotFoundError();
      return run;
    }

    app.get('/admin/import', animator, async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return reply.html(<ImportHomePage ctx={req.ctx} runs={await service.listRuns()} maxSize={formatSize(opts.uploadMaxBytes, req.lang)} />);
    });

    app.get('/admin/import/:id', animator, async (req, reply) => {
      const run = await runOf(req);
      const report = run.status === 'ready' ? await service.dryRun(run) : await service.report(run.id);
      reply.header('Cache-Control', 'no-store');
      return reply.html(<RunPage ctx={req.ctx} run={run} report={report} canWelcome={run.kind === 'members' && report.counts.created + report.counts.updated + report.counts.unchanged > 0} />);
    });

    app.get('/admin/import/:id/avancement', animator, async (req, reply) => {
      const run = await runOf(req);
      reply.header('Cache-Control', 'no-store');
      return reply.send({ status: run.status, processed: run.processed, total: run.total, text: req.t('imports.progress.text', { processed: run.processed, total: run.total }) });
    });

    app.post('/admin/import/:id/lancer', animator, async (req, reply) => {
      const run = await runOf(req);
      const started = await service.start(run.id);
      return reply.flashRedirect(`/admin/import/${run.id}`, started ? 'imports.started' : 'imports.notStartable');
    });

    app.post('/admin/import/:id/bienvenue', animator, async (req, reply) => {
      const run = await runOf(req);
      if (run.kind !== 'members' || run.status !== 'done') throw new NotFoundError();
      await service.welcome(run.id);
      return reply.flashRedirect(`/admin/import/${run.id}`, 'imports.welcome.sent');
    });

    const limits = { fileBytes: opts.uploadMaxBytes, files: 1 };
    await app.register(async (uploads) => {
      await acceptUploads(uploads, limits);

      uploads.post('/admin/import', animator, async (req, reply) => {
        const form = await readUploads(req, { ...limits, dir: opts.uploadDir });
        const maxSize = formatSize(opts.uploadMaxBytes, req.lang);
        let kept = false;
        try {
          const chosen = one(form.fields.kind);
          const errors: FieldErrors = {};
          const file = form.files[0];
          if (form.tooLarge.length) errors.file = fieldMessage('imports.error.tooLarge', { max: maxSize });
          else if (!file || file.size === 0) errors.file = fieldMessage('imports.error.fileMissing');
          const kind = file && !errors.file ? (isKind(chosen) ? chosen : chosen === 'site' ? 'site' : service.guessKind(file.filename, file.path)) : null;
          if (file && !errors.file && !kind) errors.kind = fieldMessage('imports.error.kindNeeded');
          if (kind === 'site') errors.kind = fieldMessage('imports.error.siteHere');
          if (Object.keys(errors).length || !file || !kind || kind === 'site') {
            const runs = await service.listRuns();
            return reply.html(<ImportHomePage ctx={req.ctx} runs={runs} errors={errors} kind={isKind(chosen) || chosen === 'site' ? chosen : 'auto'} maxSize={maxSize} />, 400);
          }
          const { run } = await service.createRun({ file: file.path, filename: file.filename, kind, startedBy: req.user!.id, move: true });
          kept = true;
          return reply.redirect(`/admin/import/${run.id}`, 303);
        } finally {
          if (!kept) await form.discard();
          else await Promise.all(form.files.slice(1).map((f) => fs.promises.rm(f.path, { force: true })));
        }
      });
    });
  };
}
