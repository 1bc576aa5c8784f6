import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { FORM_FIELD, type FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import type { Availability, EventModel } from './events.service.ts';
import type { Question } from './events.schema.ts';
import { whenOf } from './events.ui.tsx';

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
          const a = fieldAttrs(q.id, { error: Boolean(errors[q.id]) });
          return (
            <div class="field">
              <FieldError ctx={ctx} id={a.id} error={errors[q.id]} />
              <label class="checkbox" for={a.id}>
                <input type="checkbox" {...a} value="oui" checked={Boolean(values[q.id])} />
                {label}
              </label>
            </div>
          );
        }
        if (q.type === 'choice') {
          // The summary links to the fieldset: its legend names the question, its radios follow.
          const a = fieldAttrs(q.id, { error: Boolean(errors[q.id]) });
          return (
            <fieldset class="field" id={a.id} aria-describedby={a['aria-describedby']}>
              <legend>{label}</legend>
              <FieldError ctx={ctx} id={a.id} error={errors[q.id]} />
              {q.options.map((o, i) => (
                <label class="checkbox" for={`${a.id}-${i}`}>
                  <input type="radio" id={`${a.id}-${i}`} name={q.id} value={o} checked={values[q.id] === o} required={q.required} />
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
    [FORM_FIELD]: ctx.t('events.form.general'),
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
