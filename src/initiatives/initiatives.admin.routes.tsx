/** Staff routes (animators): calls, committee dates, and the admissibility and review of files. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldMessage, parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import { can } from '../platform/http/access.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import type { CallRow } from './initiatives.calls.ts';
import { AdminCallsPage, CallFilesPage, CallFormPage, type CallFormValues } from './initiatives.admin.views.tsx';
import { centsToInput } from './initiatives.model.ts';
import { admissibilitySchema, callSchema, committeeSchema, complementsSchema, managerSchema, reviewerSchema } from './initiatives.schema.ts';
import type { InitiativesService } from './initiatives.service.ts';
import { StaffFilePage, type StaffFileVM } from './initiatives.staff.views.tsx';
import { communeName } from './initiatives.territories.ts';

const param = (req: FastifyRequest, k: 'id' | 'cid') => String((req.params as Record<string, string>)[k] ?? '').slice(0, 100);
const list = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'));
const staff = { config: { access: 'animator' as const } };
/** A call's own staff pages: its managers too (a member running its own call); each handler checks the call (isStaff). */
const callStaff = { config: { access: 'signed-in' as const } };

/** The form's values from a stored call. */
function callValues(c: CallRow, checklist: string[], criteria: Array<{ label: string; weight: number; max_score: number }>, events: string[]): CallFormValues {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
  const plan = JSON.parse(c.tranche_plan) as Array<{ percent: number }>;
  return {
    themes: JSON.parse(c.themes) as string[],
    eligible_holders: JSON.parse(c.eligible_holders) as string[],
    fields: {
      title: c.title,
      slug: c.slug,
      reference_prefix: c.reference_prefix,
      summary: c.summary,
      description: c.description,
      fund_name: c.fund_name,
      funders: (JSON.parse(c.funders) as Array<{ name: string; share_percent: number | null }>).map((f) => (f.share_percent === null ? f.name : `${f.name} ${f.share_percent}`)).join('\n'),
      operator_name: c.operator_name,
      operator_contact: c.operator_contact,
      eligibility: c.eligibility,
      communes: (JSON.parse(c.commune_codes) as string[]).map((code) => `${code} ${communeName(code)}`.trim()).join('\n'),
      neighbourhoods: (JSON.parse(c.neighbourhoods) as string[]).join('\n'),
      project_ceiling: centsToInput(c.project_ceiling_cents),
      repeat_project_ceiling: c.repeat_project_ceiling_cents === null ? '' : centsToInput(c.repeat_project_ceiling_cents),
      yearly_envelope: centsToInput(c.yearly_envelope_cents),
      eligible_costs: c.eligible_costs,
      ineligible_costs: c.ineligible_costs,
      status: c.status,
      opens_on: day(c.opens_at),
      closes_on: day(c.closes_at),
      deadline_days_before: String(c.deadline_days_before),
      quorum: String(c.quorum),
      documents: (JSON.parse(c.documents) as Array<{ title: string; url: string }>).map((d) => `${d.title} | ${d.url}`).join('\n'),
      first_tranche_percent: String(plan[0]?.percent ?? 80),
      report_due_days: String(c.report_due_days),
      checklist: checklist.join('\n'),
      criteria: criteria.map((k) => `${k.label} | ${k.weight} | ${k.max_score}`).join('\n'),
      vote_enabled: c.vote_enabled ? '1' : '',
      vote_opens_on: day(c.vote_opens_at),
      vote_closes_on: day(c.vote_closes_at),
      vote_points: String(c.vote_points),
      events: events.join('\n'),
    },
  };
}

const NEW_CALL: CallFormValues = {
  fields: { status: 'draft', reference_prefix: 'PIC', deadline_days_before: '15', quorum: '7', first_tranche_percent: '80', report_due_days: '30', vote_points: '3' },
  themes: [],
  eligible_holders: ['informal_group', 'association'],
};

export function initiativesAdminRoutes(service: InitiativesService): FastifyPluginAsync {
  async function staffFileVM(req: FastifyRequest, id: string, form?: StaffFileVM['form']): Promise<StaffFileVM> {
    const f = await service.fileFor(req.user, id);
    if (!f || f.role !== 'staff') throw new NotFoundError();
    return { ...f, ...(await service.staffView(req.user!, id)), form };
  }
  async function callOr404(req: FastifyRequest) {
    const call = await service.getCall(param(req, 'id'));
    if (!call || !(await service.ctx.isStaff(req.user, call.id))) throw new NotFoundError();
    return call;
  }
  const filesPage = async (req: FastifyRequest, call: CallRow, values: FormValues = {}, errors: FieldErrors = {}) => {
    const [files, committees] = await Promise.all([service.filesOfCall(call.id), service.committees(call.id)]);
    return <CallFilesPage ctx={req.ctx} call={call} files={files} committees={committees} committeeValues={values} errors={errors} />;
  };

  return async (app) => {
    app.get('/admin/initiatives', callStaff, async (req, reply) => {
      const calls = await service.callsRunBy(req.user!);
      if (!can.animate(req.user!) && calls.length === 0) throw new ForbiddenError();
      return reply.html(<AdminCallsPage ctx={req.ctx} calls={calls} />);
    });

    app.get('/admin/initiatives/nouveau', staff, async (req, reply) =>
      reply.html(<CallFormPage ctx={req.ctx} id={null} values={NEW_CALL} errors={{}} themes={await service.ctx.deps.themes.names(req.lang)} />),
    );

    const saveCall = async (req: FastifyRequest, id: string | null) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(callSchema, body);
      const values: CallFormValues = { fields: parsed.values, themes: list(body.themes), eligible_holders: list(body.eligible_holders) };
      const themes = await service.ctx.deps.themes.names(req.lang);
      if (!parsed.ok) return { page: <CallFormPage ctx={req.ctx} id={id} values={values} errors={parsed.errors} themes={themes} />, status: 400 };
      const saved = await service.saveCall(id, parsed.data, req.user!.id);
      if (!saved.ok) {
        const errors = Object.fromEntries(saved.problems.map((p) => [p.field, fieldMessage(p.key, p.params)]));
        return { page: <CallFormPage ctx={req.ctx} id={id} values={values} errors={errors} themes={themes} />, status: 400 };
      }
      return { call: saved.call };
    };

    app.post('/admin/initiatives/nouveau', staff, async (req, reply) => {
      const r = await saveCall(req, null);
      if ('page' in r) return reply.html(r.page!, r.status);
      return reply.flashRedirect(`/admin/initiatives/${r.call.id}/dossiers`, 'initiatives.admin.saved');
    });

    /** The call's edit page; `managerForm`: the appointment form sent back with its errors. */
    async function editPage(req: FastifyRequest, call: CallRow, managerForm?: { values: FormValues; errors: FieldErrors }) {
      const [checklist, criteria, events] = await Promise.all([service.checklist(call.id), service.criteria(call.id), service.linkedEventPaths(call.id)]);
      const values = callValues(
        call,
        checklist.map((c) => c.label),
        criteria,
        events,
      );
      return (
        <CallFormPage
          ctx={req.ctx}
          id={call.id}
          values={values}
          errors={{}}
          themes={await service.ctx.deps.themes.names(req.lang)}
          image={await service.ctx.deps.media.editor('call', call.id, `/admin/initiatives/${call.id}/modifier`, req.lang)}
          managers={can.animate(req.user!) ? await service.managers(call.id) : null}
          managerForm={managerForm}
        />
      );
    }

    app.get('/admin/initiatives/:id/modifier', callStaff, async (req, reply) => reply.html(await editPage(req, await callOr404(req))));

    app.post('/admin/initiatives/:id/modifier', callStaff, async (req, reply) => {
      const call = await callOr404(req);
      const r = await saveCall(req, call.id);
      if ('page' in r) return reply.html(r.page!, r.status);
      return reply.flashRedirect(`/admin/initiatives/${call.id}/dossiers`, 'initiatives.admin.saved');
    });

    // Only the network's animators appoint who runs a call.
    app.post('/admin/initiatives/:id/gestionnaires', staff, async (req, reply) => {
      const call = await callOr404(req);
      const parsed = parseForm(managerSchema, req.body);
      if (!parsed.ok) return reply.html(await editPage(req, call, { values: parsed.values, errors: parsed.errors }), 400);
      await service.addManager(call.id, parsed.data);
      return reply.flashRedirect(`/admin/initiatives/${call.id}/modifier#gestionnaires`, 'initiatives.managers.added');
    });

    app.post('/admin/initiatives/:id/gestionnaires/:cid/retirer', staff, async (req, reply) => {
      const call = await callOr404(req);
      await service.removeManager(call.id, param(req, 'cid'));
      return reply.flashRedirect(`/admin/initiatives/${call.id}/modifier#gestionnaires`, 'initiatives.managers.removed');
    });

    app.get('/admin/initiatives/:id/dossiers', callStaff, async (req, reply) => reply.html(await filesPage(req, await callOr404(req))));

    app.post('/admin/initiatives/:id/comites', callStaff, async (req, reply) => {
      const call = await callOr404(req);
      const parsed = parseForm(committeeSchema, req.body);
      if (!parsed.ok) return reply.html(await filesPage(req, call, parsed.values, parsed.errors), 400);
      await service.addCommittee(call.id, parsed.data);
      return reply.flashRedirect(`/admin/initiatives/${call.id}/dossiers`, 'initiatives.admin.committeeAdded');
    });

    app.post('/admin/initiatives/:id/comites/:cid/supprimer', callStaff, async (req, reply) => {
      const call = await callOr404(req);
      await service.removeCommittee(call.id, param(req, 'cid'));
      return reply.flashRedirect(`/admin/initiatives/${call.id}/dossiers`, 'initiatives.admin.committeeRemoved');
    });

    // ---- One file ----

    app.get('/admin/initiatives/dossiers/:id', callStaff, async (req, reply) => reply.html(<StaffFilePage ctx={req.ctx} vm={await staffFileVM(req, param(req, 'id'))} />));

    app.post('/admin/initiatives/dossiers/:id/checklist', callStaff, async (req, reply) => {
      const id = param(req, 'id');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const answers: Record<string, { answer: string; note: string }> = {};
      for (const [k, v] of Object.entries(body)) {
        const m = /^answer_(.{1,40})$/.exec(k);
        if (m && typeof v === 'string') answers[m[1]] = { answer: v, note: typeof body[`note_${m[1]}`] === 'string' ? (body[`note_${m[1]}`] as string) : '' };
      }
      await service.saveChecklist(req.user!, id, answers);
      return reply.flashRedirect(`/admin/initiatives/dossiers/${id}`, 'initiatives.checklist.saved');
    });

    app.post('/admin/initiatives/dossiers/:id/complements', callStaff, async (req, reply) => {
      const id = param(req, 'id');
      const parsed = parseForm(complementsSchema, req.body);
      if (!parsed.ok) return reply.html(<StaffFilePage ctx={req.ctx} vm={await staffFileVM(req, id, { name: 'complements', values: parsed.values, errors: parsed.errors })} />, 400);
      try {
        await service.requestComplements(req.user!, id, parsed.data.reason, parsed.data.due_on);
      } catch (err) {
        if (err instanceof ConflictError && err.messageKey === 'initiatives.error.pastDay')
          return reply.html(
            <StaffFilePage ctx={req.ctx} vm={await staffFileVM(req, id, { name: 'complements', values: parsed.values, errors: { due_on: fieldMessage('initiatives.error.pastDay') } })} />,
            400,
          );
        throw err;
      }
      return reply.flashRedirect(`/admin/initiatives/dossiers/${id}`, 'initiatives.complements.sent');
    });

    app.post('/admin/initiatives/dossiers/:id/recevabilite', callStaff, async (req, reply) => {
      const id = param(req, 'id');
      const parsed = parseForm(admissibilitySchema, req.body);
      const refuse = async (errors: FieldErrors) => reply.html(<StaffFilePage ctx={req.ctx} vm={await staffFileVM(req, id, { name: 'admissibility', values: parsed.values, errors })} />, 400);
      if (!parsed.ok) return refuse(parsed.errors);
      if (parsed.data.decision === 'not_admissible' && !parsed.data.reason) return refuse({ reason: fieldMessage('initiatives.error.reasonRequired') });
      await service.decideAdmissibility(req.user!, id, parsed.data.decision === 'admissible', parsed.data.reason);
      return reply.flashRedirect(`/admin/initiatives/dossiers/${id}`, 'initiatives.admissibility.recorded');
    });

    app.post('/admin/initiatives/dossiers/:id/evaluateurs', callStaff, async (req, reply) => {
      const id = param(req, 'id');
      const parsed = parseForm(reviewerSchema, req.body);
      const refuse = async (errors: FieldErrors) => reply.html(<StaffFilePage ctx={req.ctx} vm={await staffFileVM(req, id, { name: 'reviewer', values: parsed.values, errors })} />, 400);
      if (!parsed.ok) return refuse(parsed.errors);
      try {
        await service.assignReviewer(req.user!, id, parsed.data);
      } catch (err) {
        if (err instanceof ConflictError && err.messageKey === 'initiatives.error.holderReviewer') return refuse({ email: fieldMessage(err.messageKey) });
        throw err;
      }
      return reply.flashRedirect(`/admin/initiatives/dossiers/${id}`, 'initiatives.review.assigned');
    });
  };
}
