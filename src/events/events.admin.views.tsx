import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/http/errors.ts';
import { formatDate, formatTime, parisDay, TIME_ZONE } from '../platform/format.ts';
import { formatDocuments, formatProgramme, formatQuestions } from './events.schema.ts';
import type { Availability, EventModel, RegistrationModel } from './events.service.ts';
import { slotLabel } from './events.exports.ts';
import { Badges, Csrf, ErrorSummary, Field, whenOf } from './events.ui.tsx';

type Row = RegistrationModel & { position: number | null };
export type Figures = {
  confirmed: number;
  offered: number;
  waiting: number;
  pending: number;
  invited: number;
  declined: number;
  cancelled: number;
  present: number;
  walkIns: number;
  attendanceRate: number | null;
};

const adminBase = (e: { id: string }) => `/admin/rencontres/${e.id}`;

function parisHm(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(new Date(iso));
}

export function AdminEventsPage({ ctx, items }: { ctx: ViewContext; items: Array<{ event: EventModel; availability: Availability }> }) {
  const title = ctx.t('events.admin.title');
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href="/admin">{ctx.t('layout.admin')}</a>
      </p>
      <div class="section-head">
        <h1>{title}</h1>
        <a class="button" href="/admin/rencontres/nouvelle">
          {ctx.t('events.admin.new')}
        </a>
      </div>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('events.admin.col.event')}</th>
              <th scope="col">{ctx.t('events.admin.col.date')}</th>
              <th scope="col">{ctx.t('events.admin.col.status')}</th>
              <th scope="col">{ctx.t('events.admin.col.seats')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ event, availability }) => (
              <tr>
                <td>
                  <a href={adminBase(event)}>{event.title}</a>
                </td>
                <td>{formatDate(event.startsAt, ctx.lang)}</td>
                <td>
                  {ctx.t(`events.status.${event.status}`)} <Badges ctx={ctx} event={event} availability={availability} />
                </td>
                <td>{event.registrationMode === 'none' ? '—' : ctx.t('events.admin.seats', { taken: availability.taken, capacity: event.capacity ?? '∞', waiting: availability.waiting })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export type EventFormValues = Record<string, string | string[]>;

export function eventToForm(e: EventModel): EventFormValues {
  return {
    title: e.title,
    slug: e.slug,
    summary: e.summary,
    description: e.description,
    themes: e.themes,
    territory: e.territory ?? '',
    startDay: parisDay(e.startsAt),
    startTime: parisHm(e.startsAt),
    endDay: parisDay(e.endsAt),
    endTime: parisHm(e.endsAt),
    placeName: e.placeName ?? '',
    placeAddress: e.placeAddress ?? '',
    onlineUrl: e.onlineUrl ?? '',
    organisers: e.organisers.join('\n'),
    programme: formatProgramme(e.programme),
    documents: formatDocuments(e.documents),
    status: e.status,
    statusNote: e.statusNote ?? '',
    registrationMode: e.registrationMode,
    capacity: e.capacity === null ? '' : String(e.capacity),
    deadlineDay: e.deadline ? parisDay(e.deadline) : '',
    deadlineTime: e.deadline ? parisHm(e.deadline) : '',
    maxPlaces: String(e.maxPlaces),
    membersReserved: e.membersReserved ? String(e.membersReserved) : '',
    membersReservedUntilDay: e.membersReservedUntil ? parisDay(e.membersReservedUntil) : '',
    offerHours: e.offerHours === null ? '' : String(e.offerHours),
    reminderHours: String(e.reminderHours),
    questions: formatQuestions(e.questions),
  };
}

export function EventFormPage({
  ctx,
  values,
  errors,
  event,
  themes,
}: {
  ctx: ViewContext;
  values: EventFormValues;
  errors: FieldErrors;
  event: EventModel | null;
  themes: Array<{ slug: string; name: string }>;
}) {
  const title = event ? ctx.t('events.admin.editTitle', { title: event.title }) : ctx.t('events.admin.new');
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const chosen = new Set(
    Array.isArray(values.themes)
      ? values.themes
      : v('themes')
          .split(',')
          .map((s) => s.trim()),
  );
  const L = (k: string) => ctx.t(`events.field.${k}`);
  const labels = Object.fromEntries(
    [
      'title',
      'slug',
      'summary',
      'description',
      'themes',
      'territory',
      'startDay',
      'startTime',
      'endDay',
      'endTime',
      'placeName',
      'placeAddress',
      'onlineUrl',
      'organisers',
      'programme',
      'documents',
      'status',
      'statusNote',
      'registrationMode',
      'capacity',
      'deadlineDay',
      'deadlineTime',
      'maxPlaces',
      'membersReserved',
      'membersReservedUntilDay',
      'offerHours',
      'reminderHours',
      'questions',
    ].map((k) => [k, L(k)]),
  );
  const input = (name: string, type = 'text', extra: Record<string, unknown> = {}, hint?: string) => (
    <Field ctx={ctx} name={name} label={labels[name]} hint={hint} errors={errors}>
      {(a) => <input type={type as 'text'} {...a} value={v(name)} {...extra} />}
    </Field>
  );
  const textarea = (name: string, hint?: string, rows = 5) => (
    <Field ctx={ctx} name={name} label={labels[name]} hint={hint} errors={errors}>
      {(a) => (
        <textarea {...a} rows={rows}>
          {v(name)}
        </textarea>
      )}
    </Field>
  );
  const select = (name: string, options: string[], prefix: string) => (
    <Field ctx={ctx} name={name} label={labels[name]} errors={errors}>
      {(a) => (
        <select {...a}>
          {options.map((o) => (
            <option value={o} selected={v(name) === o}>
              {ctx.t(`${prefix}.${o}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href="/admin/rencontres">{ctx.t('events.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={event ? `${adminBase(event)}/modifier` : '/admin/rencontres/nouvelle'} class="form-card event-form" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <fieldset>
          <legend>{ctx.t('events.admin.section.what')}</legend>
          {input('title', 'text', { required: true, maxLength: 200 })}
          {input('slug', 'text', { maxLength: 100, pattern: '[a-z0-9-]+' }, ctx.t('events.field.slugHint'))}
          {textarea('summary', undefined, 2)}
          {textarea('description', ctx.t('events.field.descriptionHint'), 8)}
          {themes.length > 0 ? (
            <fieldset id="f-themes">
              <legend>{labels.themes}</legend>
              {themes.map((th) => (
                <label class="checkbox" for={`theme-${th.slug}`}>
                  <input type="checkbox" id={`theme-${th.slug}`} name="themes" value={th.slug} checked={chosen.has(th.slug)} />
                  {th.name}
                </label>
              ))}
            </fieldset>
          ) : (
            input('themes', 'text', {}, ctx.t('events.field.themesHint'))
          )}
          {input('territory', 'text', { maxLength: 100 }, ctx.t('events.field.territoryHint'))}
          {textarea('organisers', ctx.t('events.field.organisersHint'), 3)}
        </fieldset>
        <fieldset>
          <legend>{ctx.t('events.admin.section.when')}</legend>
          {input('startDay', 'date', { required: true })}
          {input('startTime', 'time')}
          {input('endDay', 'date', {}, ctx.t('events.field.endDayHint'))}
          {input('endTime', 'time')}
          {input('placeName', 'text', { maxLength: 200 })}
          {input('placeAddress', 'text', { maxLength: 300 })}
          {input('onlineUrl', 'url', { maxLength: 500 })}
          {textarea('programme', ctx.t('events.field.programmeHint'), 6)}
          {textarea('documents', ctx.t('events.field.documentsHint'), 3)}
        </fieldset>
        <fieldset>
          <legend>{ctx.t('events.admin.section.status')}</legend>
          {select('status', ['draft', 'published', 'postponed', 'cancelled'], 'events.status')}
          {textarea('statusNote', ctx.t('events.field.statusNoteHint'), 2)}
        </fieldset>
        <fieldset>
          <legend>{ctx.t('events.admin.section.registration')}</legend>
          {select('registrationMode', ['none', 'open', 'members', 'invitation'], 'events.mode')}
          {input('capacity', 'number', { min: 1 }, ctx.t('events.field.capacityHint'))}
          {input('deadlineDay', 'date')}
          {input('deadlineTime', 'time')}
          {input('maxPlaces', 'number', { min: 1, max: 50 }, ctx.t('events.field.maxPlacesHint'))}
          {input('membersReserved', 'number', { min: 0 }, ctx.t('events.field.membersReservedHint'))}
          {input('membersReservedUntilDay', 'date')}
          {input('offerHours', 'number', { min: 1, max: 720 }, ctx.t('events.field.offerHoursHint'))}
          {input('reminderHours', 'number', { min: 0, max: 720 }, ctx.t('events.field.reminderHoursHint'))}
          {textarea('questions', ctx.t('events.field.questionsHint'), 5)}
        </fieldset>
        <div class="actions">
          <button type="submit">{ctx.t('events.admin.save')}</button>
          <a href={event ? adminBase(event) : '/admin/rencontres'}>{ctx.t('events.form.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

export function RegistrationsTable({ ctx, event, rows }: { ctx: ViewContext; event: EventModel; rows: Row[] }) {
  return (
    <div class="table-wrap" id="registrations-table">
      <table>
        <caption>{ctx.t('events.admin.registrations', { n: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('events.export.name')}</th>
            <th scope="col">{ctx.t('events.export.organisation')}</th>
            <th scope="col">{ctx.t('events.export.email')}</th>
            <th scope="col">{ctx.t('events.export.places')}</th>
            <th scope="col">{ctx.t('events.export.status')}</th>
            {event.questions.map((q) => (
              <th scope="col">{q.label}</th>
            ))}
            <th scope="col">{ctx.t('events.admin.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.name}</td>
              <td>{r.organisation}</td>
              <td>{r.email}</td>
              <td>{r.places}</td>
              <td>
                {ctx.t(`events.regStatus.${r.status}`)}
                {r.position ? ` (${r.position})` : ''}
                {r.checkedInAt && <span class="badge badge-ok">{ctx.t('events.checkin.present')}</span>}
              </td>
              {event.questions.map((q) => (
                <td>{r.answers[q.id]}</td>
              ))}
              <td>
                {['confirmed', 'waiting', 'offered', 'pending', 'invited'].includes(r.status) && (
                  <form method="post" action={`${adminBase(event)}/inscriptions/${r.id}/annuler`} class="inline-form">
                    <Csrf ctx={ctx} />
                    <button type="submit" class="link-button" aria-label={ctx.t('events.admin.cancelFor', { name: r.name })}>
                      {ctx.t('events.admin.cancelRegistration')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FiguresList({ ctx, figures, event }: { ctx: ViewContext; figures: Figures; event: EventModel }) {
  const items: Array<[string, string | number]> = [
    ['confirmed', event.capacity ? `${figures.confirmed} / ${event.capacity}` : figures.confirmed],
    ['waiting', figures.waiting],
    ['offered', figures.offered],
    ['pending', figures.pending],
    ['invited', figures.invited],
    ['declined', figures.declined],
    ['cancelled', figures.cancelled],
    ['present', figures.present],
    ['walkIns', figures.walkIns],
    ['attendance', figures.attendanceRate === null ? '—' : `${figures.attendanceRate} %`],
  ];
  return (
    <dl class="figures" id="figures">
      {items.map(([k, n]) => (
        <div>
          <dt>{ctx.t(`events.figures.${k}`)}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AdminEventPage({ ctx, event, availability, figures, rows }: { ctx: ViewContext; event: EventModel; availability: Availability; figures: Figures; rows: Row[] }) {
  const base = adminBase(event);
  return (
    <Layout ctx={ctx} meta={{ title: event.title, scripts: ['/static/events/events.js'] }}>
      <p class="breadcrumb">
        <a href="/admin/rencontres">{ctx.t('events.admin.title')}</a>
      </p>
      <h1>{event.title}</h1>
      <p>
        <time datetime={event.startsAt}>{whenOf(event, ctx)}</time> · {ctx.t(`events.status.${event.status}`)} · {ctx.t(`events.mode.${event.registrationMode}`)}{' '}
        <Badges ctx={ctx} event={event} availability={availability} />
      </p>
      <nav aria-label={ctx.t('events.admin.actions')}>
        <ul class="plain-list actions">
          <li>
            <a class="button" href={`/agenda/${event.slug}`}>
              {ctx.t('events.admin.view')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`${base}/modifier`}>
              {ctx.t('events.admin.edit')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`${base}/accueil`}>
              {ctx.t('events.admin.checkin')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`${base}/invitations`}>
              {ctx.t('events.admin.invitations')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`${base}/message`}>
              {ctx.t('events.admin.message')}
            </a>
          </li>
          <li>
            <form method="post" action={`${base}/dupliquer`} class="inline-form">
              <Csrf ctx={ctx} />
              <button type="submit" class="button-secondary">
                {ctx.t('events.admin.duplicate')}
              </button>
            </form>
          </li>
        </ul>
      </nav>
      <h2>{ctx.t('events.admin.figures')}</h2>
      <div data-live={`${base}/direct`} data-fragment={`${base}/fragment`} aria-live="polite">
        <FiguresList ctx={ctx} figures={figures} event={event} />
      </div>
      <h2>{ctx.t('events.admin.exports')}</h2>
      <ul class="plain-list actions">
        <li>
          <a href={`${base}/inscrits.csv`}>{ctx.t('events.admin.csv')}</a>
        </li>
        <li>
          <a href={`${base}/inscrits.xlsx`}>{ctx.t('events.admin.xlsx')}</a>
        </li>
        <li>
          <a href={`${base}/emargement.pdf`}>{ctx.t('events.admin.pdf')}</a>
        </li>
      </ul>
      <h2>{ctx.t('events.admin.registrationsTitle')}</h2>
      <p class="muted small">{ctx.t('events.admin.live')}</p>
      <div id="registrations-live">
        <RegistrationsTable ctx={ctx} event={event} rows={rows} />
      </div>
    </Layout>
  );
}

export function MessagePage({
  ctx,
  event,
  values,
  errors,
  sent,
}: {
  ctx: ViewContext;
  event: EventModel;
  values: { subject: string; body: string; audience: string };
  errors: FieldErrors;
  sent: number | null;
}) {
  const title = ctx.t('events.message.title');
  const labels = { subject: ctx.t('events.message.subject'), body: ctx.t('events.message.body'), audience: ctx.t('events.message.audience') };
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href={adminBase(event)}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      {sent !== null && (
        <p class="flash" role="status">
          {ctx.t('events.message.sent', { n: sent })}
        </p>
      )}
      <form method="post" action={`${adminBase(event)}/message`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <Field ctx={ctx} name="audience" label={labels.audience} errors={errors}>
          {(a) => (
            <select {...a}>
              {['confirmed', 'waiting', 'all'].map((o) => (
                <option value={o} selected={values.audience === o}>
                  {ctx.t(`events.message.audience.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field ctx={ctx} name="subject" label={labels.subject} errors={errors}>
          {(a) => <input type="text" {...a} value={values.subject} maxLength={200} required />}
        </Field>
        <Field ctx={ctx} name="body" label={labels.body} hint={ctx.t('events.message.bodyHint')} errors={errors}>
          {(a) => (
            <textarea {...a} rows={10} required>
              {values.body}
            </textarea>
          )}
        </Field>
        <button type="submit">{ctx.t('events.message.send')}</button>
      </form>
    </Layout>
  );
}

export function InvitationsPage({
  ctx,
  event,
  values,
  errors,
  result,
  invited,
}: {
  ctx: ViewContext;
  event: EventModel;
  values: { addresses: string };
  errors: FieldErrors;
  result: { invited: number; already: number; invalid: string[] } | null;
  invited: Row[];
}) {
  const title = ctx.t('events.invite.title');
  const labels = { addresses: ctx.t('events.invite.addresses'), file: ctx.t('events.invite.file') };
  const waitingAnswer = invited.filter((r) => r.status === 'invited').length;
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href={adminBase(event)}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      {result && (
        <div class="flash" role="status">
          <p>{ctx.t('events.invite.result', { invited: result.invited, already: result.already })}</p>
          {result.invalid.length > 0 && (
            <p>
              {ctx.t('events.invite.invalid', { n: result.invalid.length })} {result.invalid.slice(0, 10).join(' · ')}
            </p>
          )}
        </div>
      )}
      <form method="post" action={`${adminBase(event)}/invitations`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <Field ctx={ctx} name="addresses" label={labels.addresses} hint={ctx.t('events.invite.hint')} errors={errors}>
          {(a) => (
            <textarea {...a} rows={10}>
              {values.addresses}
            </textarea>
          )}
        </Field>
        <button type="submit">{ctx.t('events.invite.send')}</button>
      </form>
      <form method="post" action={`${adminBase(event)}/invitations/csv`} enctype="multipart/form-data" class="form-card">
        <Csrf ctx={ctx} />
        <div class="field">
          <label for="f-file">{labels.file}</label>
          <span class="hint" id="f-file-hint">
            {ctx.t('events.invite.fileHint')}
          </span>
          <input type="file" id="f-file" name="file" accept=".csv,text/csv,text/plain" aria-describedby="f-file-hint" />
        </div>
        <button type="submit">{ctx.t('events.invite.import')}</button>
      </form>
      <h2>{ctx.t('events.invite.list', { n: invited.length })}</h2>
      <p>{ctx.t('events.invite.noAnswer', { n: waitingAnswer })}</p>
      {waitingAnswer > 0 && (
        <form method="post" action={`${adminBase(event)}/invitations/relance`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="button-secondary">
            {ctx.t('events.invite.remind', { n: waitingAnswer })}
          </button>
        </form>
      )}
      <ul>
        {invited.map((r) => (
          <li>
            {r.name} &lt;{r.email}&gt; — {ctx.t(`events.regStatus.${r.status}`)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** Check-in on a phone at the door: search by name, one big button per person, walk-ins below. */
export function CheckinPage({
  ctx,
  event,
  q,
  rows,
  figures,
  errors,
  values,
}: {
  ctx: ViewContext;
  event: EventModel;
  q: string;
  rows: Row[];
  figures: Figures;
  errors: FieldErrors;
  values: { name: string; organisation: string; email: string };
}) {
  const base = adminBase(event);
  const title = ctx.t('events.checkin.title');
  const labels = { name: ctx.t('events.form.name'), organisation: ctx.t('events.form.organisation'), email: ctx.t('events.checkin.emailOptional') };
  return (
    <Layout ctx={ctx} meta={{ title: `${title} · ${event.title}`, bodyClass: 'checkin' }}>
      <p class="breadcrumb">
        <a href={base}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {ctx.t('events.checkin.count', { present: figures.present, confirmed: figures.confirmed })}
      </p>
      <form method="get" action={`${base}/accueil`} role="search" class="checkin-search">
        <label for="checkin-q">{ctx.t('events.checkin.search')}</label>
        <input type="search" id="checkin-q" name="q" value={q} autocomplete="off" />
        <button type="submit">{ctx.t('events.checkin.find')}</button>
      </form>
      <h2>{q ? ctx.t('events.checkin.results', { n: rows.length }) : ctx.t('events.checkin.everyone', { n: rows.length })}</h2>
      <ul class="checkin-list plain-list">
        {rows.map((r) => (
          <li class={r.checkedInAt ? 'checkin-row is-present' : 'checkin-row'}>
            <span class="checkin-name">
              <strong>{r.name}</strong>
              {r.organisation && <span class="muted"> · {r.organisation}</span>}
              {r.places > 1 && <span> · {ctx.t('events.checkin.places', { n: r.places })}</span>}
              {r.status !== 'confirmed' && <span class="badge badge-members">{ctx.t(`events.regStatus.${r.status}`)}</span>}
            </span>
            <form method="post" action={`${base}/accueil/${r.id}`} class="inline-form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="q" value={q} />
              {r.checkedInAt ? (
                <>
                  <span class="badge badge-ok">{ctx.t('events.checkin.arrived', { time: formatTime(r.checkedInAt, ctx.lang) })}</span>{' '}
                  <button type="submit" name="present" value="0" class="link-button">
                    {ctx.t('events.checkin.undo')}
                    <span class="visually-hidden"> {ctx.t('events.checkin.undoWhom', { name: r.name })}</span>
                  </button>
                </>
              ) : (
                <button type="submit" name="present" value="1">
                  <span class="visually-hidden">{ctx.t('events.checkin.markWhom', { name: r.name })} </span>
                  {ctx.t('events.checkin.mark')}
                </button>
              )}
            </form>{' '}
            <a href={`${base}/signature/${r.id}`}>{ctx.t('events.checkin.sign')}</a>
          </li>
        ))}
      </ul>
      <section aria-labelledby="walkin-title">
        <h2 id="walkin-title">{ctx.t('events.checkin.walkIn')}</h2>
        <form method="post" action={`${base}/accueil/sur-place`} class="form-card" novalidate>
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
          <Field ctx={ctx} name="name" label={labels.name} errors={errors}>
            {(a) => <input type="text" {...a} value={values.name} required maxLength={120} />}
          </Field>
          <Field ctx={ctx} name="organisation" label={labels.organisation} errors={errors}>
            {(a) => <input type="text" {...a} value={values.organisation} maxLength={200} />}
          </Field>
          <Field ctx={ctx} name="email" label={labels.email} errors={errors}>
            {(a) => <input type="email" {...a} value={values.email} maxLength={254} />}
          </Field>
          <button type="submit">{ctx.t('events.checkin.addWalkIn')}</button>
        </form>
      </section>
    </Layout>
  );
}

/** What an animator sees after scanning a QR code. */
export function CheckinCodePage({ ctx, event, registration, code }: { ctx: ViewContext; event: EventModel; registration: RegistrationModel; code: string }) {
  const base = adminBase(event);
  const title = registration.name;
  return (
    <Layout ctx={ctx} meta={{ title: `${ctx.t('events.checkin.title')} · ${title}`, bodyClass: 'checkin' }}>
      <p class="breadcrumb">
        <a href={`${base}/accueil`}>{ctx.t('events.checkin.title')}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        {registration.organisation} · {ctx.t(`events.regStatus.${registration.status}`)}
      </p>
      {registration.checkedInAt ? (
        <p class="flash" role="status">
          {ctx.t('events.checkin.arrived', { time: formatTime(registration.checkedInAt, ctx.lang) })}
        </p>
      ) : (
        <form method="post" action={`${base}/accueil/code/${code}`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="button-large">
            {ctx.t('events.checkin.markFor', { name: registration.name })}
          </button>
        </form>
      )}
      <p>
        <a href={`${base}/signature/${registration.id}`}>{ctx.t('events.checkin.sign')}</a>
      </p>
    </Layout>
  );
}

/** Émargement numérique: drawn on the tablet with the module script, or the typed name without it. */
export function SignPage({
  ctx,
  event,
  registration,
  slots,
  signed,
  error,
}: {
  ctx: ViewContext;
  event: EventModel;
  registration: RegistrationModel;
  slots: string[];
  signed: Map<string, string>;
  error: string | null;
}) {
  const base = adminBase(event);
  const current = slots.find((s) => !signed.has(s)) ?? slots[slots.length - 1];
  const title = ctx.t('events.sign.title', { name: registration.name });
  return (
    <Layout ctx={ctx} meta={{ title, scripts: ['/static/events/events.js'], bodyClass: 'checkin' }}>
      <p class="breadcrumb">
        <a href={`${base}/accueil`}>{ctx.t('events.checkin.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>{event.title}</p>
      {error && (
        <p class="error-summary" role="alert">
          {ctx.t(error)}
        </p>
      )}
      <ul class="plain-list">
        {slots.map((s) => (
          <li>
            {slotLabel(s, ctx.lang, ctx.t)} : {signed.has(s) ? ctx.t('events.sign.signedAt', { time: signed.get(s)! }) : ctx.t('events.sign.notSigned')}
          </li>
        ))}
      </ul>
      <form method="post" action={`${base}/signature/${registration.id}`} class="form-card sign-form" data-signature>
        <Csrf ctx={ctx} />
        <div class="field">
          <label for="f-slot">{ctx.t('events.sign.slot')}</label>
          <select id="f-slot" name="slot">
            {slots.map((s) => (
              <option value={s} selected={s === current}>
                {slotLabel(s, ctx.lang, ctx.t)}
              </option>
            ))}
          </select>
        </div>
        <div class="signature-pad" hidden>
          <p id="pad-help">{ctx.t('events.sign.draw')}</p>
          <canvas width={600} height={220} class="signature-canvas" role="img" aria-label={ctx.t('events.sign.canvas')} aria-describedby="pad-help"></canvas>
          <p>
            <button type="button" class="button-secondary" data-clear>
              {ctx.t('events.sign.clear')}
            </button>
          </p>
        </div>
        <input type="hidden" name="png" value="" />
        <div class="field typed-signature">
          <label for="f-typed">{ctx.t('events.sign.typed')}</label>
          <span class="hint" id="f-typed-hint">
            {ctx.t('events.sign.typedHint')}
          </span>
          <input type="text" id="f-typed" name="typed" aria-describedby="f-typed-hint" maxLength={120} autocomplete="off" />
        </div>
        <button type="submit">{ctx.t('events.sign.submit')}</button>
      </form>
    </Layout>
  );
}
