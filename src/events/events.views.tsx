import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/http/errors.ts';
import { isCalendarDay } from '../platform/dates.ts';
import { formatDate, formatLongDate, formatTime } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import type { Availability, Closure, EventModel, RegistrationModel } from './events.service.ts';
import type { Question } from './events.schema.ts';
import { Badges, Csrf, ErrorSummary, EventCard, Field, whenOf } from './events.ui.tsx';

export interface AgendaItem {
  event: EventModel;
  availability: Availability;
}

export interface AgendaFilters {
  when: 'upcoming' | 'past';
  theme: string;
  territory: string;
  month: string;
}

function filterQuery(f: AgendaFilters, patch: Partial<AgendaFilters>) {
  const merged = { ...f, ...patch };
  const params = new URLSearchParams();
  if (merged.when === 'past') params.set('periode', 'passees');
  if (merged.theme) params.set('thematique', merged.theme);
  if (merged.territory) params.set('territoire', merged.territory);
  if (merged.month) params.set('mois', merged.month);
  const q = params.toString();
  return q ? `/agenda?${q}` : '/agenda';
}

export function AgendaPage({
  ctx,
  items,
  filters,
  themes,
  territories,
  typedMonth = filters.month,
  errors = {},
}: {
  ctx: ViewContext;
  items: AgendaItem[];
  filters: AgendaFilters;
  themes: Array<{ slug: string; name: string }>;
  territories: string[];
  /** What was typed in the month field, shown again beside its error. */
  typedMonth?: string;
  errors?: FieldErrors;
}) {
  const title = ctx.t(filters.when === 'past' ? 'events.agenda.pastTitle' : 'events.agenda.title');
  const feed = filters.theme ? `/agenda.ics?thematique=${encodeURIComponent(filters.theme)}` : '/agenda.ics';
  return (
    <Layout
      ctx={ctx}
      meta={{ title, canonical: '/agenda', description: ctx.t('events.agenda.description'), head: <link rel="alternate" type="text/calendar" href={feed} title={ctx.t('events.agenda.subscribe')} /> }}
    >
      <h1>{title}</h1>
      <p class="lead">{ctx.t('events.agenda.lead')}</p>
      <nav aria-label={ctx.t('events.agenda.periods')} class="agenda-tabs">
        <ul class="plain-list actions">
          <li>
            <a
              class={filters.when === 'upcoming' ? 'button' : 'button button-secondary'}
              href={filterQuery(filters, { when: 'upcoming' })}
              aria-current={filters.when === 'upcoming' ? 'page' : undefined}
            >
              {ctx.t('events.agenda.upcoming')}
            </a>
          </li>
          <li>
            <a class={filters.when === 'past' ? 'button' : 'button button-secondary'} href={filterQuery(filters, { when: 'past' })} aria-current={filters.when === 'past' ? 'page' : undefined}>
              {ctx.t('events.agenda.past')}
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action="/agenda" class="agenda-filters" role="search" aria-label={ctx.t('events.agenda.filters')}>
        {filters.when === 'past' && <input type="hidden" name="periode" value="passees" />}
        <div class="field">
          <label for="filter-theme">{ctx.t('events.agenda.theme')}</label>
          <select id="filter-theme" name="thematique">
            <option value="">{ctx.t('events.agenda.allThemes')}</option>
            {themes.map((th) => (
              <option value={th.slug} selected={th.slug === filters.theme}>
                {th.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-territory">{ctx.t('events.agenda.territory')}</label>
          <select id="filter-territory" name="territoire">
            <option value="">{ctx.t('events.agenda.allTerritories')}</option>
            {territories.map((tr) => (
              <option value={tr} selected={tr === filters.territory}>
                {tr}
              </option>
            ))}
          </select>
        </div>
        <Field ctx={ctx} name="mois" label={ctx.t('events.agenda.month')} errors={errors}>
          {(a) => <input {...a} type="month" value={typedMonth} placeholder="2027-03" />}
        </Field>
        <div class="actions">
          <button type="submit">{ctx.t('events.agenda.filter')}</button>
          {(filters.theme || filters.territory || filters.month) && <a href={filterQuery({ ...filters, theme: '', territory: '', month: '' }, {})}>{ctx.t('events.agenda.reset')}</a>}
        </div>
      </form>
      <h2 class="visually-hidden" id="results-title">
        {ctx.t('events.agenda.results')}
      </h2>
      <p role="status" class="muted">
        {ctx.t(items.length === 1 ? 'events.agenda.count.one' : 'events.agenda.count', { n: items.length })}
      </p>
      {items.length === 0 ? (
        <p>{ctx.t('events.agenda.empty')}</p>
      ) : (
        <ul class="cards" aria-labelledby="results-title">
          {items.map((i) => (
            <EventCard ctx={ctx} event={i.event} availability={i.availability} />
          ))}
        </ul>
      )}
      <p class="agenda-feeds">
        <a href={feed}>{ctx.t('events.agenda.subscribe')}</a> <span class="muted small">{ctx.t('events.agenda.subscribeHint')}</span>
      </p>
    </Layout>
  );
}

function programmeTime(time: string, ctx: ViewContext) {
  const [h, m] = time.split(':');
  return ctx.lang === 'fr' ? `${Number(h)}h${m === '00' ? '' : m}` : `${Number(h)}:${m}`;
}

export function Programme({ ctx, event }: { ctx: ViewContext; event: EventModel }) {
  if (event.programme.length === 0) return null;
  const days = [...new Set(event.programme.map((p) => p.day))];
  return (
    <section aria-labelledby="programme-title" class="programme">
      <h2 id="programme-title">{ctx.t('events.page.programme')}</h2>
      {days.map((day) => (
        <>
          {/* Programmes saved before days were checked may hold an impossible one: shown as typed, not a 500. */}
          {day && <h3>{isCalendarDay(day) ? formatLongDate(`${day}T12:00:00Z`, ctx.lang) : day}</h3>}
          <ol class="programme-list">
            {event.programme
              .filter((p) => p.day === day)
              .map((p) => (
                <li>
                  <span class="programme-time">{programmeTime(p.time, ctx)}</span> <span class="programme-label">{p.label}</span>
                </li>
              ))}
          </ol>
        </>
      ))}
    </section>
  );
}

function closureText(ctx: ViewContext, closure: Closure) {
  return ctx.t(`events.closure.${closure}`);
}

export function RegistrationBox({ ctx, event, availability, mine }: { ctx: ViewContext; event: EventModel; availability: Availability; mine: { url: string; status: string } | null }) {
  if (event.registrationMode === 'none') return null;
  const past = event.endsAt < new Date().toISOString();
  return (
    <section class="registration-box notice" aria-labelledby="registration-title">
      <h2 id="registration-title">{ctx.t('events.page.registration')}</h2>
      {event.capacity !== null && !past && (
        <p>
          {availability.full
            ? ctx.t('events.page.fullWaiting', { waiting: availability.waiting })
            : ctx.t(availability.remaining === 1 ? 'events.page.remaining.one' : 'events.page.remaining', { n: availability.remaining ?? 0, capacity: event.capacity })}
        </p>
      )}
      {event.deadline && !past && <p>{ctx.t('events.page.deadline', { date: formatDate(event.deadline, ctx.lang) })}</p>}
      {event.registrationMode === 'members' && <p class="notice notice-members">{ctx.t('events.page.membersOnly')}</p>}
      {event.registrationMode === 'invitation' && <p>{ctx.t('events.page.invitationOnly')}</p>}
      {mine ? (
        <p>
          {ctx.t(`events.page.mine.${mine.status}`)} <a href={mine.url}>{ctx.t('events.page.mine.link')}</a>
        </p>
      ) : availability.closure ? (
        !past && <p class="strong">{closureText(ctx, availability.closure)}</p>
      ) : event.registrationMode === 'invitation' ? null : (
        <p>
          <a class="button" href={`/agenda/${event.slug}/inscription`}>
            {availability.full ? ctx.t('events.page.joinWaiting') : ctx.t('events.page.register')}
          </a>
        </p>
      )}
    </section>
  );
}

export function EventPage({
  ctx,
  event,
  availability,
  themes,
  mine,
}: {
  ctx: ViewContext;
  event: EventModel;
  availability: Availability;
  themes: Map<string, string>;
  mine: { url: string; status: string } | null;
}) {
  const place = [event.placeName, event.placeAddress].filter(Boolean).join(', ');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: event.title,
        description: event.summary || undefined,
        canonical: `/agenda/${event.slug}`,
        head: <link rel="alternate" type="text/calendar" href={`/agenda/${event.slug}.ics`} />,
        bodyClass: 'event-page',
      }}
    >
      <p class="breadcrumb no-print">
        <a href="/agenda">{ctx.t('events.agenda.title')}</a>
      </p>
      <article class="event" aria-labelledby="event-title">
        <header>
          <p class="card-kind">{ctx.t('events.card.kind')}</p>
          <h1 id="event-title">{event.title}</h1>
          <p class="tags">
            <Badges ctx={ctx} event={event} availability={availability} />
          </p>
          {(event.status === 'cancelled' || event.status === 'postponed') && (
            <p class="notice notice-members" role="note">
              {ctx.t(`events.page.${event.status}`)} {event.statusNote}
            </p>
          )}
          <dl class="event-facts">
            <dt>{ctx.t('events.page.when')}</dt>
            <dd>
              <time datetime={event.startsAt}>{whenOf(event, ctx)}</time>
            </dd>
            {place && (
              <>
                <dt>{ctx.t('events.page.where')}</dt>
                <dd>{place}</dd>
              </>
            )}
            {event.onlineUrl && (
              <>
                <dt>{ctx.t('events.page.online')}</dt>
                <dd>
                  <a href={event.onlineUrl}>{event.onlineUrl}</a>
                </dd>
              </>
            )}
            {event.organisers.length > 0 && (
              <>
                <dt>{ctx.t('events.page.organisers')}</dt>
                <dd>{event.organisers.join(', ')}</dd>
              </>
            )}
            {event.themes.length > 0 && (
              <>
                <dt>{ctx.t('events.page.themes')}</dt>
                <dd>
                  {event.themes.map((slug, i) => (
                    <>
                      {i > 0 && ', '}
                      <a href={`/thematiques/${slug}`}>{themes.get(slug) ?? slug}</a>
                    </>
                  ))}
                </dd>
              </>
            )}
          </dl>
        </header>
        {event.summary && <p class="lead">{event.summary}</p>}
        {paragraphs(event.description).map((p) => (
          <p>{p}</p>
        ))}
        <Programme ctx={ctx} event={event} />
        {event.documents.length > 0 && (
          <section aria-labelledby="documents-title">
            <h2 id="documents-title">{ctx.t('events.page.documents')}</h2>
            <ul>
              {event.documents.map((d) => (
                <li>
                  <a href={d.url}>{d.title}</a>
                  {d.format && <span class="muted small"> ({d.format})</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
        <RegistrationBox ctx={ctx} event={event} availability={availability} mine={mine} />
        <p class="actions no-print">
          <a href={`/agenda/${event.slug}.ics`} download={`${event.slug}.ics`}>
            {ctx.t('events.page.addToCalendar')}
          </a>
        </p>
      </article>
    </Layout>
  );
}

export interface RegistrationFormValues {
  name: string;
  email: string;
  organisation: string;
  places: string;
  answers: Record<string, string>;
}

export function QuestionFields({ ctx, questions, values, errors }: { ctx: ViewContext; questions: Question[]; values: Record<string, string>; errors: FieldErrors }) {
  if (questions.length === 0) return null;
  return (
    <fieldset>
      <legend>{ctx.t('events.form.questions')}</legend>
      {questions.map((q) => {
        const label = q.required ? `${q.label} ${ctx.t('events.form.requiredMark')}` : q.label;
        if (q.type === 'checkbox') {
          return (
            <div class="field">
              {errors[q.id] && (
                <span class="field-error" id={`f-${q.id}-error`}>
                  {ctx.t(errors[q.id])}
                </span>
              )}
              <label class="checkbox" for={`f-${q.id}`}>
                <input
                  type="checkbox"
                  id={`f-${q.id}`}
                  name={q.id}
                  value="oui"
                  checked={Boolean(values[q.id])}
                  aria-invalid={errors[q.id] ? 'true' : undefined}
                  aria-describedby={errors[q.id] ? `f-${q.id}-error` : undefined}
                />
                {label}
              </label>
            </div>
          );
        }
        if (q.type === 'choice') {
          return (
            <fieldset class="field" id={`f-${q.id}`} aria-describedby={errors[q.id] ? `f-${q.id}-error` : undefined}>
              <legend>{label}</legend>
              {errors[q.id] && (
                <span class="field-error" id={`f-${q.id}-error`}>
                  {ctx.t(errors[q.id])}
                </span>
              )}
              {q.options.map((o, i) => (
                <label class="checkbox" for={`f-${q.id}-${i}`}>
                  <input type="radio" id={`f-${q.id}-${i}`} name={q.id} value={o} checked={values[q.id] === o} required={q.required} />
                  {o}
                </label>
              ))}
            </fieldset>
          );
        }
        return (
          <Field ctx={ctx} name={q.id} label={label} errors={errors}>
            {(a) => <input type="text" {...a} value={values[q.id] ?? ''} maxLength={1000} required={q.required} />}
          </Field>
        );
      })}
    </fieldset>
  );
}

export function RegistrationFormPage({
  ctx,
  event,
  availability,
  values,
  errors,
  refusal,
}: {
  ctx: ViewContext;
  event: EventModel;
  availability: Availability;
  values: RegistrationFormValues;
  errors: FieldErrors;
  /** i18n key of the reason registration is refused, shown instead of the form. */
  refusal: string | null;
}) {
  const title = ctx.t('events.form.title', { title: event.title });
  const labels: Record<string, string> = {
    name: ctx.t('events.form.name'),
    email: ctx.t('events.form.email'),
    organisation: ctx.t('events.form.organisation'),
    places: ctx.t('events.form.places'),
    _form: ctx.t('events.form.general'),
  };
  for (const q of event.questions) labels[q.id] = q.label;
  return (
    <Layout ctx={ctx} meta={{ title, canonical: `/agenda/${event.slug}/inscription` }}>
      <p class="breadcrumb">
        <a href={`/agenda/${event.slug}`}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <time datetime={event.startsAt}>{whenOf(event, ctx)}</time>
        {event.placeName && ` · ${event.placeName}`}
      </p>
      {refusal ? (
        <div class="notice notice-members" role="alert">
          <p>{ctx.t(refusal)}</p>
          {refusal === 'events.refused.membersOnly' && !ctx.user && (
            <p>
              <a class="button" href={`/connexion?suivant=${encodeURIComponent(`/agenda/${event.slug}/inscription`)}`}>
                {ctx.t('layout.signIn')}
              </a>{' '}
              <a href="/reseau/adhesion">{ctx.t('events.refused.join')}</a>
            </p>
          )}
          <p>
            <a href={`/agenda/${event.slug}`}>{ctx.t('events.form.back')}</a>
          </p>
        </div>
      ) : (
        <form method="post" action={`/agenda/${event.slug}/inscription`} class="form-card" novalidate>
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
          {availability.full && <p class="notice">{ctx.t('events.form.willWait', { waiting: availability.waiting })}</p>}
          <p class="small muted">{ctx.t('events.form.requiredNote')}</p>
          <Field ctx={ctx} name="name" label={`${labels.name} ${ctx.t('events.form.requiredMark')}`} errors={errors}>
            {(a) => <input type="text" {...a} value={values.name} autocomplete="name" required maxLength={120} />}
          </Field>
          {ctx.user ? (
            <p>{ctx.t('events.form.signedInAs', { email: ctx.user.email })}</p>
          ) : (
            <Field ctx={ctx} name="email" label={`${labels.email} ${ctx.t('events.form.requiredMark')}`} hint={ctx.t('events.form.emailHint')} errors={errors}>
              {(a) => <input type="email" {...a} value={values.email} autocomplete="email" required maxLength={254} />}
            </Field>
          )}
          <Field ctx={ctx} name="organisation" label={labels.organisation} hint={ctx.t('events.form.organisationHint')} errors={errors}>
            {(a) => <input type="text" {...a} value={values.organisation} autocomplete="organization" maxLength={200} />}
          </Field>
          {event.maxPlaces > 1 && (
            <Field ctx={ctx} name="places" label={labels.places} hint={ctx.t('events.form.placesHint', { max: event.maxPlaces })} errors={errors}>
              {(a) => <input type="number" {...a} value={values.places || '1'} min={1} max={event.maxPlaces} inputMode="numeric" />}
            </Field>
          )}
          <QuestionFields ctx={ctx} questions={event.questions} values={values.answers} errors={errors} />
          <p class="small muted">{ctx.t('events.form.privacy')}</p>
          <div class="actions">
            <button type="submit">{availability.full ? ctx.t('events.page.joinWaiting') : ctx.t('events.form.submit')}</button>
            <a href={`/agenda/${event.slug}`}>{ctx.t('events.form.cancel')}</a>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** After a registration without an account, or a duplicate: "look at your mailbox". */
export function CheckMailPage({ ctx, event, kind }: { ctx: ViewContext; event: EventModel; kind: 'pending' | 'duplicate' }) {
  const title = ctx.t(`events.checkMail.${kind}.title`);
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {ctx.t(`events.checkMail.${kind}.text`, { title: event.title })}
      </p>
      <p>{ctx.t('events.checkMail.spam')}</p>
      <p>
        <a href={`/agenda/${event.slug}`}>{ctx.t('events.form.back')}</a>
      </p>
    </Layout>
  );
}

export interface PersonalView {
  event: EventModel;
  registration: RegistrationModel;
  position: number | null;
  token: string;
  /** Links other modules give a person with a seat (the forum ouvert of the day). */
  links?: Array<{ label: string; url: string }>;
}

export function PersonalPage({ ctx, view, errors, values }: { ctx: ViewContext; view: PersonalView; errors: FieldErrors; values: RegistrationFormValues | null }) {
  const { event, registration: r, token } = view;
  const base = `/agenda/${event.slug}/inscription/${token}`;
  const title = ctx.t('events.personal.title', { title: event.title });
  const active = ['confirmed', 'waiting', 'offered', 'pending', 'invited'].includes(r.status);
  const editable = active && r.status !== 'invited' && event.startsAt > new Date().toISOString();
  const v = values ?? { name: r.name, email: r.email ?? '', organisation: r.organisation, places: String(r.places), answers: r.answers };
  const labels: Record<string, string> = { name: ctx.t('events.form.name'), organisation: ctx.t('events.form.organisation'), places: ctx.t('events.form.places'), _form: ctx.t('events.form.general') };
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
      {r.status === 'invited' && <InvitationAnswer ctx={ctx} event={event} base={base} values={v} errors={errors} labels={labels} />}
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
}: {
  ctx: ViewContext;
  event: EventModel;
  base: string;
  values: RegistrationFormValues;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  return (
    <section aria-labelledby="answer-title">
      <h2 id="answer-title">{ctx.t('events.invitation.answerTitle')}</h2>
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
            {ctx.t('events.invitation.yes')}
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

/** "Prochaines rencontres" on the home page. */
export function UpcomingSection({ ctx, items }: { ctx: ViewContext; items: AgendaItem[] }) {
  return (
    <section aria-labelledby="home-events">
      <div class="section-head">
        <h2 id="home-events">{ctx.t('events.home.title')}</h2>
        <a href="/agenda">{ctx.t('events.home.all')}</a>
      </div>
      {items.length === 0 ? (
        <p>{ctx.t('events.agenda.empty')}</p>
      ) : (
        <ul class="cards">
          {items.map((i) => (
            <EventCard ctx={ctx} event={i.event} availability={i.availability} />
          ))}
        </ul>
      )}
    </section>
  );
}
