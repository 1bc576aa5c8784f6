import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { parisDay, TIME_ZONE } from '../platform/format.ts';
import { formatDocuments, formatProgramme, formatQuestions, formatSpeakers } from './events.schema.ts';
import { EVENT_KINDS } from './events.tables.ts';
import type { EventModel } from './events.service.ts';
import { adminBase } from './events.admin.views.tsx';
import { ImageSection, type ImageEditorVM } from '../media/media.views.tsx';

function parisHm(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(new Date(iso));
}

export type EventFormValues = Record<string, string | string[]>;

export function eventToForm(e: EventModel): EventFormValues {
  return {
    kind: e.kind,
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
    placeAccess: e.placeAccess ?? '',
    placeAccessibility: e.placeAccessibility ?? '',
    onlineUrl: e.onlineUrl ?? '',
    speakers: formatSpeakers(e.speakers),
    recap: e.recap ?? '',
    reportUrl: e.reportUrl ?? '',
    replayUrl: e.replayUrl ?? '',
    photosUrl: e.photosUrl ?? '',
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
  image,
}: {
  ctx: ViewContext;
  values: EventFormValues;
  errors: FieldErrors;
  event: EventModel | null;
  themes: Array<{ slug: string; name: string }>;
  /** The picture form (media module), once the event exists. */
  image?: ImageEditorVM;
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
      'kind',
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
      'placeAccess',
      'placeAccessibility',
      'onlineUrl',
      'speakers',
      'recap',
      'reportUrl',
      'replayUrl',
      'photosUrl',
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
          {select('kind', [...EVENT_KINDS], 'events.kind')}
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
          {textarea('speakers', ctx.t('events.field.speakersHint'), 4)}
        </fieldset>
        <fieldset>
          <legend>{ctx.t('events.admin.section.when')}</legend>
          {input('startDay', 'date', { required: true })}
          {input('startTime', 'time')}
          {input('endDay', 'date', {}, ctx.t('events.field.endDayHint'))}
          {input('endTime', 'time')}
          {input('placeName', 'text', { maxLength: 200 })}
          {input('placeAddress', 'text', { maxLength: 300 }, ctx.t('events.field.placeAddressHint'))}
          {textarea('placeAccess', ctx.t('events.field.placeAccessHint'), 3)}
          {textarea('placeAccessibility', ctx.t('events.field.placeAccessibilityHint'), 3)}
          {input('onlineUrl', 'url', { maxLength: 500 }, ctx.t('events.field.onlineUrlHint'))}
          {textarea('programme', ctx.t('events.field.programmeHint'), 6)}
          {textarea('documents', ctx.t('events.field.documentsHint'), 3)}
        </fieldset>
        <fieldset>
          <legend>{ctx.t('events.admin.section.after')}</legend>
          <p class="hint">{ctx.t('events.admin.section.afterHint')}</p>
          {textarea('recap', ctx.t('events.field.recapHint'), 5)}
          {input('reportUrl', 'text', { maxLength: 500 }, ctx.t('events.field.linkHint'))}
          {input('replayUrl', 'url', { maxLength: 500 })}
          {input('photosUrl', 'text', { maxLength: 500 }, ctx.t('events.field.linkHint'))}
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
      {image && <ImageSection ctx={ctx} vm={image} />}
    </Layout>
  );
}
