import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { can } from '../platform/http/access.ts';
import { NotFoundError, RateLimitedError } from '../platform/http/errors.ts';
import { FORM_FIELD, fieldMessage, parseForm, type FieldErrors } from '../platform/forms/forms.ts';
import { hit } from '../platform/http/rate-limit.ts';
import type { Database } from '../database.ts';
import { parseAgendaQuery, readAnswers, registrationFormSchema } from './events.schema.ts';
import { onlineLinkFor, placesAllowed, refusalMessage, type EventModel, type Refusal } from './events.model.ts';
import type { EventsService } from './events.service.ts';
import { presentCards } from '../catalog/catalog.present.ts';
import { nowIso } from '../platform/db/ids.ts';
import { parisDay } from '../platform/format.ts';
import { AgendaPage } from './events.agenda.views.tsx';
import { monthGrid, monthOf } from './events.calendar.ts';
import { EventPage } from './events.event.views.tsx';
import { CancelPage, PersonalPage, type PersonalView } from './events.personal.views.tsx';
import { CheckMailPage, RegistrationFormPage, type RegistrationFormValues } from './events.registration.views.tsx';

type Body = Record<string, unknown>;

/** Anonymous registrations send mail to the address typed in: a cap per IP keeps the form from being used to spam. */
const ANONYMOUS_PER_IP = { limit: 60, windowMs: 10 * 60_000 };

/** A change the service refused: registration closed is about the whole form, the seats (none left, too many asked) about the places field. */
const changeRefused = (result: 'closed' | 'noSeats' | 'tooManyPlaces'): FieldErrors => ({ [result === 'closed' ? FORM_FIELD : 'places']: fieldMessage(`events.change.${result}`) });

export function formValues(body: Body, fallbackName = ''): RegistrationFormValues {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (/^q[0-9a-f]{8}$/.test(k) && typeof v === 'string') answers[k] = v;
  return { name: str('name') || fallbackName, email: str('email'), organisation: str('organisation'), places: str('places') || '1', answers };
}

export function eventsRoutes(service: EventsService, db: Kysely<Database>): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    /** A draft is visible to the animators only; to everyone else it does not exist. */
    async function visibleEvent(req: FastifyRequest, slug: string): Promise<EventModel> {
      const e = await service.getEventBySlug(slug);
      if (!e || (e.status === 'draft' && !can.animate(req.user))) throw new NotFoundError('events.notFound');
      return e;
    }

    /** The registration behind a personal link; its pages show a name and an address, so nothing may keep a copy. */
    async function personal(req: FastifyRequest, reply: FastifyReply): Promise<PersonalView> {
      reply.header('cache-control', 'no-store');
      const { token } = req.params as { token: string };
      const found = await service.findRegistrationByToken(token);
      if (!found) throw new NotFoundError('events.link.invalid');
      const [links, seats] = await Promise.all([
        service.extensions.linksForRegistration(found.event, found.registration, { token, lang: req.lang }),
        found.registration.status === 'invited' ? service.availability(found.event) : null,
      ]);
      return { ...found, token, links, seats: seats && { full: seats.full, waiting: seats.waiting } };
    }

    const personalPath = (v: PersonalView) => `/agenda/${v.event.slug}/inscription/${v.token}`;

    app.get('/agenda', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const { filters, typedMonth, errors, unknownKind } = parseAgendaQuery(req.query);
      // The month view shows a month: the one asked for, or this one.
      const calendarMonth = filters.view === 'month' ? filters.month || monthOf(nowIso()) : '';
      const [items, known, territories] = await Promise.all([
        service.listAgenda({
          when: calendarMonth ? 'calendar' : filters.when,
          theme: filters.theme || undefined,
          territory: filters.territory || undefined,
          month: calendarMonth || filters.month || undefined,
          kind: filters.kind || undefined,
          mode: filters.mode || undefined,
        }),
        service.knownThemes(req.lang),
        service.territories(),
      ]);
      // Anything else would be text of the visitor's choosing, echoed in the links of a cached page.
      if (unknownKind || (filters.theme && !known.has(filters.theme)) || (filters.territory && !territories.includes(filters.territory))) {
        throw new NotFoundError('events.agenda.unknownFilter');
      }
      const themes = [...known].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      const calendar = calendarMonth
        ? {
            grid: monthGrid(
              calendarMonth,
              items.map(({ event: e }) => ({ slug: e.slug, title: e.title, kind: e.kind, startsAt: e.startsAt, endsAt: e.endsAt, cancelled: e.status === 'cancelled' })),
            ),
            today: parisDay(nowIso()),
          }
        : null;
      const page = (
        <AgendaPage
          ctx={req.ctx}
          items={items}
          filters={{ ...filters, month: calendarMonth || filters.month }}
          themes={themes}
          territories={territories}
          typedMonth={typedMonth || calendarMonth}
          errors={errors}
          calendar={calendar}
        />
      );
      return reply.html(page, Object.keys(errors).length ? 400 : 200);
    });

    app.get('/agenda.ics', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const { filters } = parseAgendaQuery(req.query);
      const theme = filters.theme || undefined;
      const known = await service.knownThemes(req.lang);
      // Only a known theme names the calendar: the name is shown by calendar apps, and the feed is cached.
      if (theme && !known.has(theme)) throw new NotFoundError('events.agenda.unknownFilter');
      const [upcoming, past] = await Promise.all([service.listAgenda({ when: 'upcoming', theme }), service.listAgenda({ when: 'past', theme, limit: 50 })]);
      const name = theme ? `${req.ctx.siteName} · ${known.get(theme)}` : req.ctx.siteName;
      const body = service.icsOf(
        [...upcoming, ...past].map((i) => i.event),
        name,
      );
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="agenda.ics"').send(body);
    });

    app.get('/agenda/:slug', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const { slug } = req.params as { slug: string };
      if (slug.endsWith('.ics')) {
        const e = await visibleEvent(req, slug.slice(0, -4));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="${e.slug}.ics"`)
          .send(service.icsOf([e], e.title));
      }
      const e = await visibleEvent(req, slug);
      const { catalog } = service;
      const [availability, themes, mine, relatedRows, savedSet] = await Promise.all([
        service.availability(e),
        service.themeNames(req.lang),
        req.user ? service.mineFor(e.id, req.user.id) : null,
        catalog.related({ kind: 'event', id: e.id, title: e.title, summary: e.summary, themes: e.themes }),
        req.user ? catalog.bookmarks.savedSet(req.user.id, [{ kind: 'event', id: e.id }]) : null,
      ]);
      const [related, picture] = await Promise.all([presentCards(catalog, req, relatedRows), service.picture(e.id)]);
      // A signed-in reader holding a seat sees the link here (pages of signed-in readers are never cached).
      const onlineLink = onlineLinkFor(e, mine);
      return reply.html(<EventPage ctx={req.ctx} vm={{ event: e, availability, themes, mine, onlineLink, related, picture, saved: savedSet ? savedSet.has(`event:${e.id}`) : null }} />);
    });

    /** Why the visitor cannot register (a message key), by the service's rules; null: they can. */
    const refusalKey = (e: EventModel, user: FastifyRequest['user']) => {
      const refusal = service.refusalFor(e, user);
      return refusal ? refusalMessage(refusal) : null;
    };
    const refusalStatus = (r: Refusal) => (r.reason === 'membersOnly' ? 403 : 409);

    app.get('/agenda/:slug/inscription', { config: { access: 'public' } }, async (req, reply) => {
      const e = await visibleEvent(req, (req.params as { slug: string }).slug);
      if (req.user) {
        const mine = await service.mineFor(e.id, req.user.id);
        if (mine) return reply.redirect(mine.url, 303);
      }
      const availability = await service.availability(e);
      const values = formValues({}, req.user?.name ?? '');
      return reply.html(<RegistrationFormPage ctx={req.ctx} event={e} availability={availability} values={values} errors={{}} refusal={refusalKey(e, req.user)} />);
    });

    app.post('/agenda/:slug/inscription', { config: { access: 'public' } }, async (req, reply) => {
      const e = await visibleEvent(req, (req.params as { slug: string }).slug);
      const body = (req.body ?? {}) as Body;
      const values = formValues(body);
      // Counting the seats is left to the pages that show them: the registration itself decides on the event's counter.
      const render = async (errors: FieldErrors, refusal: string | null, status: number) =>
        reply.html(<RegistrationFormPage ctx={req.ctx} event={e} availability={await service.availability(e)} values={values} errors={errors} refusal={refusal} />, status);

      const refusal = service.refusalFor(e, req.user);
      if (refusal) return render({}, refusalMessage(refusal), refusalStatus(refusal));
      const parsed = parseForm(registrationFormSchema, { ...body, email: req.user ? req.user.email : body.email });
      const { answers, errors: answerErrors } = readAnswers(e.questions, body);
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...answerErrors };
      if (parsed.ok && !placesAllowed(e, parsed.data.places ?? 1)) errors.places = fieldMessage('events.form.tooManyPlaces');
      if (!parsed.ok || Object.keys(errors).length) return render(errors, null, 400);

      if (!req.user && !(await hit(db, `events:register:${req.ip}`, ANONYMOUS_PER_IP))) throw new RateLimitedError();
      const outcome = await service.register({
        eventId: e.id,
        event: e,
        user: req.user,
        name: parsed.data.name,
        email: parsed.data.email!,
        organisation: parsed.data.organisation,
        places: parsed.data.places ?? 1,
        answers,
        lang: req.lang,
      });
      switch (outcome.kind) {
        case 'refused':
          if (outcome.reason === 'tooManyPlaces') return render({ places: fieldMessage('events.form.tooManyPlaces') }, null, 400);
          if (outcome.reason === 'notFound') throw new NotFoundError('events.notFound');
          return render({}, refusalMessage(outcome), refusalStatus(outcome));
        case 'pending':
          return reply.html(<CheckMailPage ctx={req.ctx} event={e} kind="pending" />);
        case 'duplicate':
          if (outcome.signedIn) return reply.flashRedirect(`/agenda/${e.slug}/inscription/${outcome.token}`, 'events.flash.duplicate');
          return reply.html(<CheckMailPage ctx={req.ctx} event={e} kind="duplicate" />, 409);
        default:
          return reply.flashRedirect(`/agenda/${e.slug}/inscription/${outcome.token}`, `events.flash.${outcome.kind}`);
      }
    });

    const showPersonal = async (req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, values: RegistrationFormValues | null = null, status = 200) => {
      const view = await personal(req, reply);
      return reply.html(<PersonalPage ctx={req.ctx} view={view} errors={errors} values={values} />, status);
    };

    app.get('/agenda/:slug/inscription/:token', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      const { slug } = req.params as { slug: string };
      // The slug may have changed since the mail was sent; the token alone identifies the registration.
      if (slug !== view.event.slug) return reply.redirect(personalPath(view), 301);
      // Opening the link confirms nothing: mail gateways open every link, even of a registration someone else made.
      return showPersonal(req, reply);
    });

    app.post('/agenda/:slug/inscription/:token/confirmer', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      const result = await service.confirmAddress(view.token);
      if (result === null) throw new NotFoundError('events.link.invalid');
      if (result === 'unchanged') return reply.redirect(personalPath(view), 303);
      return reply.flashRedirect(personalPath(view), result === 'closed' ? 'events.flash.confirmClosed' : `events.flash.${result}`);
    });

    app.post('/agenda/:slug/inscription/:token/modifier', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      const body = (req.body ?? {}) as Body;
      const values = formValues(body);
      const parsed = parseForm(registrationFormSchema, { ...body, email: undefined });
      const { answers, errors: answerErrors } = readAnswers(view.event.questions, body);
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...answerErrors };
      if (!parsed.ok || Object.keys(errors).length) return showPersonal(req, reply, errors, values, 400);
      const result = await service.updateRegistration(view.token, { name: parsed.data.name, organisation: parsed.data.organisation, places: parsed.data.places ?? 1, answers });
      if (result === null) throw new NotFoundError('events.link.invalid');
      if (result === 'ok') return reply.flashRedirect(personalPath(view), 'events.flash.changed');
      return showPersonal(req, reply, changeRefused(result), values, 409);
    });

    app.get('/agenda/:slug/inscription/:token/annuler', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      return reply.html(<CancelPage ctx={req.ctx} view={view} />);
    });

    app.post('/agenda/:slug/inscription/:token/annuler', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      const result = await service.cancelByToken(view.token);
      if (result === null) throw new NotFoundError('events.link.invalid');
      if (result === 'already') return reply.html(<CancelPage ctx={req.ctx} view={view} />, 409);
      return reply.flashRedirect(personalPath(view), view.registration.status === 'invited' ? 'events.flash.declined' : 'events.flash.cancelled');
    });

    app.post('/agenda/:slug/inscription/:token/accepter', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      const result = await service.acceptOffer(view.token);
      return reply.flashRedirect(personalPath(view), result === 'confirmed' ? 'events.flash.confirmed' : 'events.flash.offerExpired');
    });

    app.post('/agenda/:slug/inscription/:token/repondre', { config: { access: 'public' } }, async (req, reply) => {
      const view = await personal(req, reply);
      const body = (req.body ?? {}) as Body;
      const yes = body.reponse !== 'non';
      const values = formValues(body, view.registration.name);
      let answers: Record<string, string> = {};
      let places = 1;
      if (yes) {
        const parsed = parseForm(registrationFormSchema, { ...body, name: values.name, email: undefined });
        const read = readAnswers(view.event.questions, body);
        const errors = { ...(parsed.ok ? {} : parsed.errors), ...read.errors };
        if (!parsed.ok || Object.keys(errors).length) return showPersonal(req, reply, errors, values, 400);
        answers = read.answers;
        places = parsed.data.places ?? 1;
      }
      const result = await service.answerInvitation(view.token, { yes, name: values.name, organisation: values.organisation, places, answers });
      if (result === null) throw new NotFoundError('events.link.invalid');
      if (result === 'closed' || result === 'tooManyPlaces') return showPersonal(req, reply, changeRefused(result), values, 409);
      return reply.flashRedirect(personalPath(view), `events.flash.${result === 'already' ? 'answered' : result}`);
    });
  };
}
