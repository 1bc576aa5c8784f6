import fs from 'node:fs';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { NotFoundError } from '../platform/http/errors.ts';
import { fieldMessage, parseForm, type FieldErrors } from '../platform/forms/forms.ts';
import { formatSize, formatTime } from '../platform/format.ts';
import { acceptUploads, readUploads } from '../platform/http/uploads.ts';
import type { EventStreams } from '../platform/live/sse.ts';
import { emailSchema, parseEventForm, parseInvitees } from './events.schema.ts';
import { halfDays, type EventModel, type EventsService } from './events.service.ts';
import { registrationsCsv, registrationsXlsx, signInSheetPdf } from './events.exports.ts';
import { whenOf } from './events.ui.tsx';
import { z } from 'zod';
import { AdminEventPage, AdminEventsPage, FiguresList, MessagePage, RegistrationsTable } from './events.admin.views.tsx';
import { EventFormPage, eventToForm, type EventFormValues } from './events.admin.form.views.tsx';
import { InvitationsPage, type InvitationsView } from './events.admin.invitations.views.tsx';
import { CheckinCodePage, CheckinPage, SignPage } from './events.checkin.views.tsx';

type Body = Record<string, unknown>;
const ACTIVE = ['confirmed', 'waiting', 'offered', 'pending', 'invited'] as const;
// A drawn signature is a small PNG; anything bigger is not one.
const MAX_SIGNATURE_BYTES = 300_000;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const messageSchema = z.object({
  subject: z.string().trim().min(1, 'form.required').max(200, 'form.tooLong'),
  body: z.string().trim().min(1, 'form.required').max(20000, 'form.tooLong'),
  audience: z.enum(['confirmed', 'waiting', 'all']).catch('confirmed'),
});

const walkInSchema = z.object({
  name: z.string().trim().min(1, 'form.required').max(120, 'form.tooLong'),
  organisation: z.string().trim().max(200, 'form.tooLong').optional().default(''),
  email: z
    .union([z.literal(''), emailSchema])
    .optional()
    .default(''),
});

/** An invitation list is a few thousand lines at most. */
const INVITATION_CSV_MAX_BYTES = 2_000_000;

export function eventsAdminRoutes(service: EventsService, live: EventStreams, opts: { uploadDir: string }): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const cfg = { config: { access: 'animator' as const } };
    // Every page and export here names people: no browser, proxy or shared computer may keep a copy.
    app.addHook('onRequest', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
    });

    async function eventOf(req: FastifyRequest): Promise<EventModel> {
      const e = await service.getEvent((req.params as { id: string }).id);
      if (!e) throw new NotFoundError('events.notFound');
      return e;
    }

    async function themeOptions(req: FastifyRequest) {
      const names = await service.themeNames(req.lang);
      return [...names].map(([slug, name]) => ({ slug, name }));
    }

    function formValuesOf(body: Body): EventFormValues {
      const out: EventFormValues = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || Array.isArray(v)) out[k] = v as string | string[];
      return out;
    }

    app.get('/admin/rencontres', cfg, async (req, reply) => {
      return reply.html(<AdminEventsPage ctx={req.ctx} items={await service.listAllForAdmin()} />);
    });

    app.get('/admin/rencontres/nouvelle', cfg, async (req, reply) => {
      const values: EventFormValues = { status: 'draft', registrationMode: 'open', maxPlaces: '1', reminderHours: '24' };
      return reply.html(<EventFormPage ctx={req.ctx} values={values} errors={{}} event={null} themes={await themeOptions(req)} />);
    });

    app.post('/admin/rencontres/nouvelle', cfg, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      const parsed = parseEventForm(body);
      if (parsed.errors) return reply.html(<EventFormPage ctx={req.ctx} values={formValuesOf(body)} errors={parsed.errors} event={null} themes={await themeOptions(req)} />, 400);
      const e = await service.createEvent({ ...parsed.input, createdBy: req.user!.id });
      return reply.flashRedirect(`/admin/rencontres/${e.id}`, 'events.flash.eventSaved');
    });

    app.get('/admin/rencontres/:id', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const [availability, figures, rows] = await Promise.all([service.availability(e), service.figures(e.id), service.listRegistrations(e.id)]);
      return reply.html(<AdminEventPage ctx={req.ctx} event={e} availability={availability} figures={figures} rows={rows} />);
    });

    // What the live page swaps in when a registration changes.
    app.get('/admin/rencontres/:id/fragment', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const [figures, rows] = await Promise.all([service.figures(e.id), service.listRegistrations(e.id)]);
      const html = renderToString(
        <div>
          <FiguresList ctx={req.ctx} figures={figures} event={e} />
          <RegistrationsTable ctx={{ ...req.ctx }} event={e} rows={rows} />
        </div>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    });

    app.get('/admin/rencontres/:id/direct', cfg, async (req, reply) => {
      const e = await eventOf(req);
      await live.open(req, reply, {
        channels: [`events:${e.id}`, '*reconnected'],
        toEvent: () => ({ event: 'registrations', data: { id: e.id } }),
      });
    });

    app.get('/admin/rencontres/:id/modifier', cfg, async (req, reply) => {
      const e = await eventOf(req);
      return reply.html(<EventFormPage ctx={req.ctx} values={eventToForm(e)} errors={{}} event={e} themes={await themeOptions(req)} image={await service.imageEditor(e.id, req.lang)} />);
    });

    app.post('/admin/rencontres/:id/modifier', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const body = (req.body ?? {}) as Body;
      const parsed = parseEventForm(body);
      if (parsed.errors)
        return reply.html(
          <EventFormPage ctx={req.ctx} values={formValuesOf(body)} errors={parsed.errors} event={e} themes={await themeOptions(req)} image={await service.imageEditor(e.id, req.lang)} />,
          400,
        );
      await service.updateEvent(e.id, parsed.input);
      return reply.flashRedirect(`/admin/rencontres/${e.id}`, 'events.flash.eventSaved');
    });

    app.post('/admin/rencontres/:id/dupliquer', cfg, async (req, reply) => {
      const copy = await service.duplicateEvent((req.params as { id: string }).id, req.user!.id);
      if (!copy) throw new NotFoundError('events.notFound');
      return reply.flashRedirect(`/admin/rencontres/${copy.id}/modifier`, 'events.flash.duplicated');
    });

    app.post('/admin/rencontres/:id/inscriptions/:rid/annuler', cfg, async (req, reply) => {
      const e = await eventOf(req);
      // The registration must be one of this event's: the id in the URL is not enough.
      const result = await service.cancelRegistration((req.params as { rid: string }).rid, 'animator', e.id);
      if (result === null) throw new NotFoundError();
      return reply.flashRedirect(`/admin/rencontres/${e.id}`, 'events.flash.registrationCancelled');
    });

    app.get('/admin/rencontres/:id/inscrits.csv', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const rows = await service.listRegistrations(e.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="inscrits-${e.slug}.csv"`)
        .send(registrationsCsv(e, rows, req.t, req.lang));
    });

    app.get('/admin/rencontres/:id/inscrits.xlsx', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const rows = await service.listRegistrations(e.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="inscrits-${e.slug}.xlsx"`)
        .send(await registrationsXlsx(e, rows, req.t, req.lang));
    });

    app.get('/admin/rencontres/:id/emargement.pdf', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const [rows, signatures] = await Promise.all([service.listRegistrations(e.id, ['confirmed']), service.signatures(e.id)]);
      const pdf = await signInSheetPdf({
        event: e,
        rows,
        slots: halfDays(e),
        signatures,
        t: req.t,
        lang: req.lang,
        siteName: req.ctx.siteName,
        place: [e.placeName, e.placeAddress].filter(Boolean).join(', '),
        when: whenOf(e, req.ctx),
        notes: await service.extensions.sheetNotes(e, { lang: req.lang }),
      });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="emargement-${e.slug}.pdf"`).send(pdf);
    });

    app.get('/admin/rencontres/:id/message', cfg, async (req, reply) => {
      const e = await eventOf(req);
      return reply.html(<MessagePage ctx={req.ctx} event={e} values={{ subject: e.title, body: '', audience: 'confirmed' }} errors={{}} sent={null} />);
    });

    app.post('/admin/rencontres/:id/message', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const body = (req.body ?? {}) as Record<string, string>;
      const values = { subject: String(body.subject ?? ''), body: String(body.body ?? ''), audience: String(body.audience ?? 'confirmed') };
      const parsed = parseForm(messageSchema, body);
      if (!parsed.ok) return reply.html(<MessagePage ctx={req.ctx} event={e} values={values} errors={parsed.errors} sent={null} />, 400);
      const statuses =
        parsed.data.audience === 'all' ? (['confirmed', 'waiting', 'offered'] as const) : parsed.data.audience === 'waiting' ? (['waiting'] as const) : (['confirmed', 'offered'] as const);
      const sent = await service.messageAll(e.id, parsed.data.subject, parsed.data.body, [...statuses]);
      return reply.html(<MessagePage ctx={req.ctx} event={e} values={{ ...values, body: '' }} errors={{}} sent={sent} />);
    });

    const invitedRows = (id: string) => service.listRegistrations(id).then((rs) => rs.filter((r) => r.source === 'invitation' || r.status === 'invited'));

    async function invitationsPage(req: FastifyRequest, reply: FastifyReply, e: EventModel, state: Omit<InvitationsView, 'seats' | 'invited'>, status = 200) {
      const [seats, invited] = await Promise.all([service.invitationSeats(e.id), invitedRows(e.id)]);
      return reply.html(<InvitationsPage ctx={req.ctx} event={e} view={{ ...state, seats, invited }} />, status);
    }

    app.get('/admin/rencontres/:id/invitations', cfg, async (req, reply) => {
      const e = await eventOf(req);
      return invitationsPage(req, reply, e, { addresses: '', errors: {}, result: null, refused: [], confirm: null });
    });

    /**
     * Invites the people of a list. More invitations than seats left is asked again first: those who answer
     * "yes" once the seats are gone go on the waiting list (the invitation says so), which the animator should
     * know before sending. Every line that invites nobody is reported, with its number and why.
     */
    async function invite(req: FastifyRequest, reply: FastifyReply, source: string, confirmed: boolean) {
      const e = await eventOf(req);
      const { invitees, invalid } = parseInvitees(source);
      if (invitees.length === 0) {
        const errors = { addresses: fieldMessage(invalid.length ? 'events.invite.noneValid' : 'form.required') };
        return invitationsPage(req, reply, e, { addresses: source, errors, result: null, refused: invalid, confirm: null }, 400);
      }
      const seats = await service.invitationSeats(e.id);
      if (!confirmed && seats && seats.remaining !== null && invitees.length + seats.unanswered > seats.remaining) {
        return invitationsPage(req, reply, e, { addresses: source, errors: {}, result: null, refused: invalid, confirm: { count: invitees.length } }, 200);
      }
      const result = await service.invite(e.id, invitees);
      if (!result) throw new NotFoundError('events.notFound');
      return invitationsPage(req, reply, e, { addresses: '', errors: {}, result, refused: invalid, confirm: null });
    }

    app.post('/admin/rencontres/:id/invitations', cfg, async (req, reply) => {
      const body = (req.body as Body | undefined) ?? {};
      const addresses = String(body.addresses ?? '').slice(0, 500_000);
      return invite(req, reply, addresses, body.confirmer === '1');
    });

    // Only the CSV upload takes a file, read after the access rule and the CSRF check (see acceptUploads).
    const csvUpload = { fileBytes: INVITATION_CSV_MAX_BYTES, files: 1, dir: opts.uploadDir };
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin (register's overloads confuse the rule)
    await app.register(async (scope) => {
      await acceptUploads(scope, csvUpload);
      scope.post('/admin/rencontres/:id/invitations/csv', cfg, async (req, reply) => {
        const form = await readUploads(req, csvUpload);
        try {
          const e = await eventOf(req);
          const refuse = (key: string) =>
            invitationsPage(
              req,
              reply,
              e,
              { addresses: '', errors: { file: fieldMessage(key, { max: formatSize(INVITATION_CSV_MAX_BYTES, req.ctx.lang) }) }, result: null, refused: [], confirm: null },
              400,
            );
          if (form.tooLarge.length) return await refuse('events.invite.fileTooLarge');
          const file = form.files[0];
          if (!file) return await refuse('events.invite.fileMissing');
          const text = await fs.promises.readFile(file.path, 'utf8');
          return await invite(req, reply, text.slice(0, 500_000), false);
        } finally {
          await form.discard();
        }
      });
    });

    app.post('/admin/rencontres/:id/invitations/relance', cfg, async (req, reply) => {
      const e = await eventOf(req);
      await service.remindInvitees(e.id);
      return reply.flashRedirect(`/admin/rencontres/${e.id}/invitations`, 'events.flash.reminded');
    });

    // ---- Check-in -------------------------------------------------------------------------

    async function checkinPage(req: FastifyRequest, e: EventModel, errors: FieldErrors = {}, values = { name: '', organisation: '', email: '' }) {
      const q = String((req.query as { q?: string }).q ?? '').slice(0, 100);
      const all = await service.listRegistrations(
        e.id,
        [...ACTIVE].filter((s) => s !== 'invited' && s !== 'pending'),
      );
      const needle = fold(q.trim());
      const rows = all.filter((r) => !needle || fold(`${r.name} ${r.organisation}`).includes(needle)).sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }));
      const figures = await service.figures(e.id);
      return <CheckinPage ctx={req.ctx} event={e} q={q} rows={rows} figures={figures} errors={errors} values={values} />;
    }

    app.get('/admin/rencontres/:id/accueil', cfg, async (req, reply) => reply.html(await checkinPage(req, await eventOf(req))));

    app.post('/admin/rencontres/:id/accueil/sur-place', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const body = (req.body ?? {}) as Body;
      const values = { name: String(body.name ?? ''), organisation: String(body.organisation ?? ''), email: String(body.email ?? '') };
      const parsed = parseForm(walkInSchema, body);
      if (!parsed.ok) return reply.html(await checkinPage(req, e, parsed.errors, values), 400);
      const added = await service.addWalkIn(e.id, { name: parsed.data.name, organisation: parsed.data.organisation, email: parsed.data.email || null });
      if (added === 'duplicate') return reply.html(await checkinPage(req, e, { email: fieldMessage('events.checkin.alreadyRegistered') }, values), 409);
      return reply.flashRedirect(`/admin/rencontres/${e.id}/accueil?q=${encodeURIComponent(parsed.data.name)}`, 'events.flash.walkIn');
    });

    app.get('/admin/rencontres/:id/accueil/code/:code', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const { code } = req.params as { code: string };
      const r = await service.findByCheckinCode(e.id, code);
      if (!r) throw new NotFoundError('events.checkin.unknownCode');
      return reply.html(<CheckinCodePage ctx={req.ctx} event={e} registration={r} code={code} />);
    });

    app.post('/admin/rencontres/:id/accueil/code/:code', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const { code } = req.params as { code: string };
      const r = await service.findByCheckinCode(e.id, code);
      if (!r) throw new NotFoundError('events.checkin.unknownCode');
      await service.setCheckedIn(e.id, r.id, true);
      return reply.flashRedirect(`/admin/rencontres/${e.id}/accueil/code/${code}`, 'events.flash.checkedIn');
    });

    app.post('/admin/rencontres/:id/accueil/:rid', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const body = (req.body ?? {}) as Body;
      const r = await service.setCheckedIn(e.id, (req.params as { rid: string }).rid, body.present !== '0');
      if (!r) throw new NotFoundError('events.notFound');
      const q = typeof body.q === 'string' && body.q ? `?q=${encodeURIComponent(body.q)}` : '';
      return reply.flashRedirect(`/admin/rencontres/${e.id}/accueil${q}`, body.present === '0' ? 'events.flash.checkedOut' : 'events.flash.checkedIn');
    });

    // ---- Émargement numérique ------------------------------------------------------------

    async function signPage(req: FastifyRequest, e: EventModel, error: string | null) {
      const rid = (req.params as { rid: string }).rid;
      const r = (await service.listRegistrations(e.id)).find((x) => x.id === rid);
      if (!r) throw new NotFoundError('events.notFound');
      const signed = new Map((await service.signatures(e.id)).filter((s) => s.registration_id === rid).map((s) => [s.slot, formatTime(s.signed_at, req.lang)]));
      return <SignPage ctx={req.ctx} event={e} registration={r} slots={halfDays(e)} signed={signed} error={error} />;
    }

    app.get('/admin/rencontres/:id/signature/:rid', cfg, async (req, reply) => reply.html(await signPage(req, await eventOf(req), null)));

    app.post('/admin/rencontres/:id/signature/:rid', cfg, async (req, reply) => {
      const e = await eventOf(req);
      const body = (req.body ?? {}) as Body;
      const rid = (req.params as { rid: string }).rid;
      const dataUrl = typeof body.png === 'string' ? body.png : '';
      const png = dataUrl.startsWith('data:image/png;base64,') ? dataUrl.slice('data:image/png;base64,'.length) : '';
      const typed = typeof body.typed === 'string' ? body.typed.trim().slice(0, 120) : '';
      const validPng =
        png.length > 0 &&
        png.length < MAX_SIGNATURE_BYTES &&
        Buffer.from(png, 'base64')
          .subarray(0, 8)
          .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (!validPng && !typed) return reply.html(await signPage(req, e, 'events.sign.empty'), 400);
      const ok = await service.sign(e.id, rid, String(body.slot ?? ''), { png: validPng ? png : null, typedName: validPng ? null : typed });
      if (!ok) return reply.html(await signPage(req, e, 'events.sign.badSlot'), 400);
      return reply.flashRedirect(`/admin/rencontres/${e.id}/accueil`, 'events.flash.signed');
    });
  };
}
