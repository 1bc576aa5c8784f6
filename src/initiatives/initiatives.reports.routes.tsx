/** The reports page of a funded file: its holder writes, staff of the call read and acknowledge. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldMessage, parseForm, type FieldErrors } from '../platform/forms/forms.ts';
import { z } from 'zod';
import { BadRequestError } from '../platform/http/errors.ts';
import { reportSchema } from './initiatives.committee.schema.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import { parseEuros } from './initiatives.model.ts';
import { ReportsPage } from './initiatives.reports.views.tsx';

const param = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '').slice(0, 100);
const signedIn = { config: { access: 'signed-in' as const } };
const kindSchema = z.object({ kind: z.enum(['progress', 'final']) });

export function initiativesReportsRoutes(service: FollowUpService): FastifyPluginAsync {
  const r = service.reports;
  return async (app) => {
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
