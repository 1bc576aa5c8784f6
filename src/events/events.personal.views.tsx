import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { FORM_FIELD, type FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { formatDate, formatTime } from '../platform/format.ts';
import type { EventModel, RegistrationModel } from './events.service.ts';
import { whenOf } from './events.ui.tsx';
import { QuestionFields, type RegistrationFormValues } from './events.registration.views.tsx';

export interface PersonalView {
  event: EventModel;
  registration: RegistrationModel;
  position: number | null;
  token: string;
  /** Links other modules give a person with a seat (the forum ouvert of the day). */
  links?: Array<{ label: string; url: string }>;
  /** For an invitation not answered yet: whether a "yes" would land on the waiting list, and behind how many. */
  seats?: { full: boolean; waiting: number } | null;
}

export function PersonalPage({ ctx, view, errors, values }: { ctx: ViewContext; view: PersonalView; errors: FieldErrors; values: RegistrationFormValues | null }) {
  const { event, registration: r, token } = view;
  const base = `/agenda/${event.slug}/inscription/${token}`;
  const title = ctx.t('events.personal.title', { title: event.title });
  const active = ['confirmed', 'waiting', 'offered', 'pending', 'invited'].includes(r.status);
  const editable = active && r.status !== 'invited' && event.startsAt > new Date().toISOString();
  const v = values ?? { name: r.name, email: r.email ?? '', organisation: r.organisation, places: String(r.places), answers: r.answers };
  const labels: Record<string, string> = {
    name: ctx.t('events.form.name'),
    organisation: ctx.t('events.form.organisation'),
    places: ctx.t('events.form.places'),
    [FORM_FIELD]: ctx.t('events.form.general'),
  };
  for (const q of event.questions) labels[q.id] = q.label;
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href={`/agenda/${event.slug}`}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <time datetime={event.startsAt}>{whenOf(event, ctx)}</time>
        {event.placeName && ` · ${[event.placeName, event.placeAddress].filter(Boolean).join(', ')}`}
      </p>
      <div class={`notice registration-status status-${r.status}`} role="status">
        <p class="lead">
          {ctx.t(`events.personal.status.${r.status}`, {
            position: view.position ?? 0,
            name: r.name,
            until: r.offerExpiresAt ? `${formatDate(r.offerExpiresAt, ctx.lang)} ${formatTime(r.offerExpiresAt, ctx.lang)}` : '',
          })}
        </p>
        {event.status === 'cancelled' && <p>{ctx.t('events.page.cancelled')}</p>}
      </div>
      {/* A change refused because the registration closed meanwhile (the event began, it was cancelled elsewhere): no form is shown any more, the reason still is. */}
      {!editable && r.status !== 'invited' && <ErrorSummary ctx={ctx} errors={errors} labels={labels} />}
      {r.status === 'pending' && (
        <form method="post" action={`${base}/confirmer`}>
          <Csrf ctx={ctx} />
          <p>{ctx.t('events.personal.confirmText')}</p>
          <button type="submit">{ctx.t('events.personal.confirm')}</button>
        </form>
      )}
      {r.status === 'offered' && (
        <form method="post" action={`${base}/accepter`} class="actions">
          <Csrf ctx={ctx} />
          <button type="submit">{ctx.t('events.personal.accept')}</button>
        </form>
      )}
      {r.status === 'invited' && <InvitationAnswer ctx={ctx} event={event} base={base} values={v} errors={errors} labels={labels} seats={view.seats ?? null} />}
      {r.status === 'confirmed' && event.onlineUrl && (
        <p class="notice">
          {ctx.t('events.personal.onlineLink')} <a href={event.onlineUrl}>{event.onlineUrl}</a>
        </p>
      )}
      {r.status === 'confirmed' && (
        <p>
          <a href={`/agenda/${event.slug}.ics`} download={`${event.slug}.ics`}>
            {ctx.t('events.page.addToCalendar')}
          </a>
        </p>
      )}
      {r.status === 'confirmed' && view.links && view.links.length > 0 && (
        <ul class="actions plain-list">
          {view.links.map((l) => (
            <li>
              <a class="button" href={l.url}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <section aria-labelledby="change-title">
          <h2 id="change-title">{ctx.t('events.personal.change')}</h2>
          <form method="post" action={`${base}/modifier`} class="form-card" novalidate>
            <Csrf ctx={ctx} />
            <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
            <Field ctx={ctx} name="name" label={labels.name} errors={errors}>
              {(a) => <input type="text" {...a} value={v.name} autocomplete="name" required maxLength={120} />}
            </Field>
            <p class="small">{ctx.t('events.personal.email', { email: r.email ?? '' })}</p>
            <Field ctx={ctx} name="organisation" label={labels.organisation} errors={errors}>
              {(a) => <input type="text" {...a} value={v.organisation} autocomplete="organization" maxLength={200} />}
            </Field>
            {event.maxPlaces > 1 && (
              <Field ctx={ctx} name="places" label={labels.places} hint={ctx.t('events.form.placesHint', { max: event.maxPlaces })} errors={errors}>
                {(a) => <input type="number" {...a} value={v.places} min={1} max={event.maxPlaces} />}
              </Field>
            )}
            <QuestionFields ctx={ctx} questions={event.questions} values={v.answers} errors={errors} />
            <button type="submit">{ctx.t('events.personal.save')}</button>
          </form>
        </section>
      )}
      {active && r.status !== 'invited' && (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{ctx.t('events.personal.cannotCome')}</h2>
          <p>{ctx.t('events.personal.cannotComeText')}</p>
          <form method="post" action={`${base}/annuler`}>
            <Csrf ctx={ctx} />
            <button type="submit" class="button-danger">
              {ctx.t('events.cancel.button')}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

function InvitationAnswer({
  ctx,
  event,
  base,
  values,
  errors,
  labels,
  seats,
}: {
  ctx: ViewContext;
  event: EventModel;
  base: string;
  values: RegistrationFormValues;
  errors: FieldErrors;
  labels: Record<string, string>;
  seats: { full: boolean; waiting: number } | null;
}) {
  const full = seats?.full === true;
  return (
    <section aria-labelledby="answer-title">
      <h2 id="answer-title">{ctx.t('events.invitation.answerTitle')}</h2>
      {/* Said before answering: a "yes" to a full event is a place on the waiting list, not a seat. */}
      {full && (
        <p class="notice notice-members" role="note">
          {ctx.t(seats.waiting === 0 ? 'events.invitation.fullNoQueue' : 'events.invitation.full', { n: seats.waiting })}
        </p>
      )}
      <form method="post" action={`${base}/repondre`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <Field ctx={ctx} name="name" label={labels.name} errors={errors}>
          {(a) => <input type="text" {...a} value={values.name} autocomplete="name" maxLength={120} />}
        </Field>
        <Field ctx={ctx} name="organisation" label={labels.organisation} errors={errors}>
          {(a) => <input type="text" {...a} value={values.organisation} autocomplete="organization" maxLength={200} />}
        </Field>
        {event.maxPlaces > 1 && (
          <Field ctx={ctx} name="places" label={labels.places} errors={errors}>
            {(a) => <input type="number" {...a} value={values.places} min={1} max={event.maxPlaces} />}
          </Field>
        )}
        <QuestionFields ctx={ctx} questions={event.questions} values={values.answers} errors={errors} />
        <div class="actions">
          <button type="submit" name="reponse" value="oui">
            {ctx.t(full ? 'events.invitation.yesWaiting' : 'events.invitation.yes')}
          </button>
          <button type="submit" name="reponse" value="non" class="button-secondary">
            {ctx.t('events.invitation.no')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The page behind "je ne pourrai pas venir" in the mails: one button (mail scanners open links, they do not press buttons). */
export function CancelPage({ ctx, view }: { ctx: ViewContext; view: PersonalView }) {
  const { event, registration: r, token } = view;
  const title = ctx.t(r.status === 'invited' ? 'events.cancel.declineTitle' : 'events.cancel.title');
  const active = ['confirmed', 'waiting', 'offered', 'pending', 'invited'].includes(r.status);
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead">
        {event.title} — <time datetime={event.startsAt}>{whenOf(event, ctx)}</time>
      </p>
      {active ? (
        <form method="post" action={`/agenda/${event.slug}/inscription/${token}/annuler`}>
          <Csrf ctx={ctx} />
          <p>{ctx.t(r.status === 'invited' ? 'events.cancel.declineText' : 'events.cancel.text', { name: r.name })}</p>
          <button type="submit" class="button-danger">
            {ctx.t(r.status === 'invited' ? 'events.invitation.no' : 'events.cancel.button')}
          </button>
        </form>
      ) : (
        <p role="status">{ctx.t('events.cancel.already')}</p>
      )}
      <p>
        <a href={`/agenda/${event.slug}/inscription/${token}`}>{ctx.t('events.cancel.back')}</a>
      </p>
    </Layout>
  );
}

/** "Mes inscriptions" in /compte. */
export function MyRegistrations({
  ctx,
  items,
}: {
  ctx: ViewContext;
  items: Array<{ registration: RegistrationModel; event: { slug: string; title: string; startsAt: string; endsAt: string; status: string }; url: string }>;
}) {
  const now = new Date().toISOString();
  const upcoming = items.filter((i) => i.event.endsAt >= now && i.registration.status !== 'declined');
  const past = items.filter((i) => i.event.endsAt < now);
  return (
    <section aria-labelledby="my-registrations" class="my-registrations">
      <h2 id="my-registrations">{ctx.t('events.account.title')}</h2>
      {items.length === 0 && (
        <p>
          {ctx.t('events.account.empty')} <a href="/agenda">{ctx.t('events.account.agenda')}</a>
        </p>
      )}
      {upcoming.length > 0 && (
        <ul class="plain-list">
          {upcoming.map((i) => (
            <li>
              <a href={i.url}>{i.event.title}</a> — {formatDate(i.event.startsAt, ctx.lang)} — <span class="badge">{ctx.t(`events.regStatus.${i.registration.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <details>
          <summary>{ctx.t('events.account.past', { n: past.length })}</summary>
          <ul class="plain-list">
            {past.map((i) => (
              <li>
                <a href={`/agenda/${i.event.slug}`}>{i.event.title}</a> — {formatDate(i.event.startsAt, ctx.lang)} — {ctx.t(`events.regStatus.${i.registration.status}`)}
                {i.registration.checkedInAt && ` (${ctx.t('events.account.present')})`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
