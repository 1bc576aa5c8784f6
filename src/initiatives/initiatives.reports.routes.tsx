/** The reports page of a funded file: its holder writes, staff of the call read and acknowledge. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldMessage, parseForm, type FieldErrors } from '../platform/forms/forms.ts';
import { z } from 'zod';
import { BadRequestError } from '../platform/http/errors.ts';
import { acceptUploads, readUploads } from '../platform/http/uploads.ts';
import { reportSchema } from './initiatives.committee.schema.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import { parseEuros } from './initiatives.model.ts';
import { ReportsPage } from './initiatives.reports.views.tsx';

const param = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '').slice(0, 100);
const signedIn = { config: { access: 'signed-in' as const } };
const kindSchema = z.object({ kind: z.enum(['progress', 'final']) });

export function initiativesReportsRoutes(service: FollowUpService, opts: { uploadDir: string }): FastifyPluginAsync {
  const r = service.reports;
  const uploads = { fileBytes: 10 * 1024 * 1024, files: 5, dir: opts.uploadDir };
  return async (app) => {
    // Only the report's files form takes files, after the access rule and the CSRF check.
    await app.register(async (scope) => {
      await acceptUploads(scope, uploads);
      scope.post('/initiatives/dossiers/:id/bilan/pieces', signedIn, async (req, reply) => {
        const form = await readUploads(req, uploads);
        try {
          const field = (k: string) => (typeof form.fields[k] === 'string' ? (form.fields[k] as string).trim() : '');
          const kind = field('kind') === 'progress' ? 'progress' : 'final';
          const fileKind = field('file_kind') === 'photo' ? 'photo' : 'receipt';
          const values = { file_kind: fileKind, alt: field('alt').slice(0, 300), consent: field('consent') === '1' ? '1' : '' };
          const refuse = async (errors: FieldErrors) => reply.html(<ReportsPage ctx={req.ctx} vm={await r.reportsView(req.user, param(req))} upload={{ kind, values, errors }} />, 400);
          const files = form.files.filter((f) => f.size > 0);
          if (form.tooLarge.length) return await refuse({ file: fieldMessage('initiatives.attachments.tooLarge', { name: form.tooLarge[0] }) });
          if (form.tooMany) return await refuse({ file: fieldMessage('initiatives.attachments.tooMany') });
          if (files.length === 0) return await refuse({ file: fieldMessage('initiatives.attachments.missing') });
          if (fileKind === 'photo' && !values.alt) return await refuse({ alt: fieldMessage('initiatives.report.altRequired') });
          const out = await r.addReportFiles(req.user!, param(req), kind, fileKind, files, { consent: values.consent === '1', alt: values.alt });
          if (out.tooMany) return await refuse({ file: fieldMessage('initiatives.attachments.tooMany') });
          if (out.refused.length) return await refuse({ file: fieldMessage(fileKind === 'photo' ? 'initiatives.report.photoType' : 'initiatives.attachments.type', { name: out.refused[0] }) });
          return reply.flashRedirect(`/initiatives/dossiers/${param(req)}/bilan`, 'initiatives.report.fileAdded');
        } finally {
          await form.discard();
        }
      });
    });

    app.get('/initiatives/dossiers/:id/bilan', signedIn, async (req, reply) => reply.html(<ReportsPage ctx={req.ctx} vm={await r.reportsView(req.user, param(req))} />));

    app.post('/initiatives/dossiers/:id/bilan', signedIn, async (req, reply) => {
      const vm = await r.reportsView(req.user, param(req));
      const kind = kindSchema.safeParse(req.body);
      if (!kind.success) throw new BadRequestError();
      const parsed = parseForm(reportSchema, req.body);
      const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
      const spent: Record<string, number> = {};
      for (const b of vm.budget) {
        const raw = parsed.values[`spent_${b.id}`]?.trim() ?? '';
        if (raw === '') continue;
        const cents = parseEuros(raw);
        if (cents === null) errors[`spent_${b.id}`] = fieldMessage('initiatives.form.euros');
        else spent[b.id] = cents;
      }
      const again = (e: FieldErrors) => reply.html(<ReportsPage ctx={req.ctx} vm={vm} form={{ kind: kind.data.kind, values: parsed.values, errors: e }} />, 400);
      if (!parsed.ok || Object.keys(errors).length) return again(errors);
      const d = parsed.data;
      const out = await r.saveReport(
        req.user!,
        vm.app.id,
        kind.data.kind,
        { what_happened: d.what_happened, participants: d.participants === '' ? null : d.participants, self_evaluation: d.self_evaluation, published: d.published, spent },
        d.action === 'submit',
      );
      if (!out.ok) return again(out.errors);
      return reply.flashRedirect(`/initiatives/dossiers/${vm.app.id}/bilan`, d.action === 'submit' ? 'initiatives.report.sent' : 'initiatives.report.saved');
    });

    app.post('/initiatives/dossiers/:id/bilan/accepter', signedIn, async (req, reply) => {
      const kind = kindSchema.safeParse(req.body);
      if (!kind.success) throw new BadRequestError();
      await r.acceptReport(req.user!, param(req), kind.data.kind);
      return reply.flashRedirect(`/initiatives/dossiers/${param(req)}/bilan`, 'initiatives.report.accepted');
    });
  };
}
