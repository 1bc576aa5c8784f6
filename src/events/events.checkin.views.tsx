import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { formatTime } from '../platform/format.ts';
import type { EventModel, RegistrationModel } from './events.service.ts';
import { slotLabel } from './events.exports.ts';
import { adminBase, type Figures, type Row } from './events.admin.views.tsx';

// Check-in is done standing at the door with a phone: the compact layout keeps the list on the first screen.
const CHECKIN_CSS = <link rel="stylesheet" href="/static/events/events.css" />;

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
    <Layout ctx={ctx} meta={{ title: `${title} · ${event.title}`, bodyClass: 'checkin', compact: true, head: CHECKIN_CSS }}>
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
    <Layout ctx={ctx} meta={{ title: `${ctx.t('events.checkin.title')} · ${title}`, bodyClass: 'checkin', compact: true, head: CHECKIN_CSS }}>
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
    <Layout ctx={ctx} meta={{ title, scripts: ['/static/events/events.js'], bodyClass: 'checkin', compact: true, head: CHECKIN_CSS }}>
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
