import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { formatDate } from '../platform/format.ts';
import type { Availability, EventModel, RegistrationModel } from './events.service.ts';
import { Badges, whenOf } from './events.ui.tsx';

export type Row = RegistrationModel & { position: number | null };
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

export const adminBase = (e: { id: string }) => `/admin/rencontres/${e.id}`;

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
