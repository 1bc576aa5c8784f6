/** Committee sessions: any signed-in person with a role on the call (staff, chair, members); the service checks which. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parisToIso } from '../platform/format.ts';
import { fieldMessage, parseForm } from '../platform/forms/forms.ts';
import { agendaSchema, attendanceSchema, decisionSchema, heardSchema, memberSchema, minutesSchema, voteSchema } from './initiatives.committee.schema.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import { SessionPage, SessionsPage } from './initiatives.committee.views.tsx';

const param = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '').slice(0, 100);
const signedIn = { config: { access: 'signed-in' as const } };

export function initiativesCommitteeRoutes(service: FollowUpService): FastifyPluginAsync {
  const c = service.committee;
  type Extra = Pick<Parameters<typeof SessionPage>[0], 'decision' | 'minutesForm' | 'memberForm'>;
  const page = async (req: FastifyRequest, extra: Extra = {}) => <SessionPage ctx={req.ctx} vm={await c.sessionView(req.user!, param(req))} {...extra} />;
  const back = (req: FastifyRequest) => `/initiatives/comites/${param(req)}`;

  return async (app) => {
    app.get('/initiatives/comites', signedIn, async (req, reply) => reply.html(<SessionsPage ctx={req.ctx} sessions={await c.mySessions(req.user!)} calls={await c.staffCalls(req.user!)} />));

    app.get('/initiatives/comites/:id', signedIn, async (req, reply) => reply.html(await page(req)));

    app.post('/initiatives/comites/:id/presences', signedIn, async (req, reply) => {
      const parsed = parseForm(attendanceSchema, req.body);
      if (!parsed.ok) return reply.html(await page(req), 400);
      const guests = parsed.data.guests
        .split(/\r?\n/)
        .map((g) => g.trim())
        .filter(Boolean)
        .slice(0, 30);
      await c.recordAttendance(req.user!, param(req), parsed.data.present, guests);
      return reply.flashRedirect(back(req), 'initiatives.attendance.saved');
    });

    app.post('/initiatives/comites/:id/membres', signedIn, async (req, reply) => {
      const parsed = parseForm(memberSchema, req.body);
      if (!parsed.ok) return reply.html(await page(req, { memberForm: { values: parsed.values, errors: parsed.errors } }), 400);
      if (!(await c.addMember(req.user!, param(req), parsed.data.email, parsed.data.role))) {
        return reply.html(await page(req, { memberForm: { values: parsed.values, errors: { email: fieldMessage('initiatives.member.unknown') } } }), 400);
      }
      return reply.flashRedirect(back(req), 'initiatives.member.added');
    });

    app.post('/initiatives/comites/:id/ordre-du-jour', signedIn, async (req, reply) => {
      const parsed = parseForm(agendaSchema, req.body);
      if (!parsed.ok) return reply.html(await page(req), 400);
      const vm = await c.sessionView(req.user!, param(req));
      const hearing = parsed.data.hearing_at ? parisToIso(vm.committee.meets_at.slice(0, 10), parsed.data.hearing_at) : null;
      await c.addToAgenda(req.user!, param(req), parsed.data.application_id, hearing);
      return reply.flashRedirect(back(req), 'initiatives.session.added');
    });

    app.post('/initiatives/comites/:id/audition', signedIn, async (req, reply) => {
      const parsed = parseForm(heardSchema, req.body);
      if (!parsed.ok) return reply.html(await page(req), 400);
      await c.markHeard(req.user!, param(req), parsed.data.application_id, parsed.data.heard === '1');
      return reply.flashRedirect(`${back(req)}#file-${parsed.data.application_id}`, 'initiatives.session.heardSaved');
    });

    app.post('/initiatives/comites/:id/votes', signedIn, async (req, reply) => {
      const parsed = parseForm(voteSchema, req.body);
      if (!parsed.ok) return reply.html(await page(req), 400);
      await c.vote(req.user!, param(req), parsed.data.application_id, parsed.data.choice);
      return reply.flashRedirect(`${back(req)}#file-${parsed.data.application_id}`, 'initiatives.vote.saved');
    });

    app.post('/initiatives/comites/:id/decisions', signedIn, async (req, reply) => {
      const parsed = parseForm(decisionSchema, req.body);
      const applicationId = typeof (req.body as Record<string, unknown> | null)?.application_id === 'string' ? String((req.body as Record<string, string>).application_id).slice(0, 100) : '';
      if (!parsed.ok) return reply.html(await page(req, { decision: { applicationId, values: parsed.values, errors: parsed.errors } }), 400);
      const d = parsed.data;
      const out = await c.decide(req.user!, param(req), { application_id: d.application_id, outcome: d.outcome, amount_cents: d.amount, conditions: d.conditions, reason: d.reason }, req.lang);
      if (out.kind === 'refused') return reply.html(await page(req, { decision: { applicationId, values: parsed.values, errors: out.errors } }), 400);
      return reply.flashRedirect(`${back(req)}#file-${d.application_id}`, 'initiatives.decision.saved');
    });

    app.post('/initiatives/comites/:id/signature', signedIn, async (req, reply) => {
      const parsed = parseForm(minutesSchema, req.body);
      if (!parsed.ok) return reply.html(await page(req, { minutesForm: { values: parsed.values, errors: parsed.errors } }), 400);
      await c.signMinutes(req.user!, param(req), parsed.data.notes, req.lang);
      return reply.flashRedirect(back(req), 'initiatives.minutes.signedFlash');
    });

    app.get('/initiatives/comites/:id/proces-verbal.pdf', signedIn, async (req, reply) => {
      const pdf = await c.minutes(req.user!, param(req), req.lang);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="proces-verbal-${param(req).slice(0, 12)}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    });
  };
}
