/** Staff pages: calls (create, edit, committee dates) and the files of a call. */
import { ImageSection, type ImageEditorVM } from '../media/media.views.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDate, formatDateTime } from '../platform/format.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Checkboxes, Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { CallRow } from './initiatives.calls.ts';
import { CALL_STATUSES, HOLDER_KINDS, type InitiativeApplicationsTable, type InitiativeCommitteesTable } from './initiatives.tables.ts';
import { communeName } from './initiatives.territories.ts';
import { euros, StateBadge } from './initiatives.ui.tsx';

export function MessagePage({ ctx, title, message }: { ctx: ViewContext; title: string; message: string }) {
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/initiatives">{ctx.t('initiatives.title')}</a>
      </p>
    </Layout>
  );
}

export function AdminCallsPage({ ctx, calls }: { ctx: ViewContext; calls: CallRow[] }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.admin.title') }}>
      <p class="breadcrumb">
        <a href="/admin">{ctx.t('initiatives.admin.dashboard')}</a>
      </p>
      <h1>{ctx.t('initiatives.admin.title')}</h1>
      {ctx.user?.role !== 'user' && (
        <p>
          <a class="button" href="/admin/initiatives/nouveau">
            {ctx.t('initiatives.admin.new')}
          </a>
        </p>
      )}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{ctx.t('initiatives.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('initiatives.admin.call')}</th>
              <th scope="col">{ctx.t('initiatives.admin.status')}</th>
              <th scope="col">{ctx.t('initiatives.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr>
                <td>
                  <a href={`/initiatives/${c.slug}`}>{c.title}</a>
                </td>
                <td>{ctx.t(`initiatives.status.${c.status}`)}</td>
                <td>
                  <a href={`/admin/initiatives/${c.id}/dossiers`}>
                    {ctx.t('initiatives.admin.files')}
                    <span class="visually-hidden"> — {c.title}</span>
                  </a>{' '}
                  ·{' '}
                  <a href={`/admin/initiatives/${c.id}/modifier`}>
                    {ctx.t('initiatives.admin.edit')}
                    <span class="visually-hidden"> — {c.title}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

const CALL_FIELDS = [
  'title',
  'slug',
  'reference_prefix',
  'summary',
  'description',
  'fund_name',
  'funders',
  'operator_name',
  'operator_contact',
  'themes',
  'eligible_holders',
  'eligibility',
  'communes',
  'neighbourhoods',
  'project_ceiling',
  'repeat_project_ceiling',
  'yearly_envelope',
  'eligible_costs',
  'ineligible_costs',
  'status',
  'opens_on',
  'closes_on',
  'deadline_days_before',
  'quorum',
  'documents',
  'first_tranche_percent',
  'report_due_days',
  'checklist',
  'criteria',
  'vote_enabled',
  'vote_opens_on',
  'vote_closes_on',
  'vote_points',
  'events',
];

export interface CallFormValues {
  fields: FormValues;
  themes: string[];
  eligible_holders: string[];
}

export function CallFormPage({
  ctx,
  id,
  values,
  errors,
  themes,
  image,
  managers,
  managerForm,
}: {
  ctx: ViewContext;
  id: string | null;
  values: CallFormValues;
  errors: FieldErrors;
  themes: Map<string, string>;
  /** The picture form (media module), once the call exists. */
  image?: ImageEditorVM | null;
  /** Who runs the call besides the animators; null for a manager (only animators appoint). */
  managers?: Array<{ userId: string; name: string; email: string | null }> | null;
  managerForm?: { values: FormValues; errors: FieldErrors };
}) {
  const v = values.fields;
  const e = errors;
  const labels = Object.fromEntries(CALL_FIELDS.map((f) => [f, ctx.t(`initiatives.callField.${f}`)]));
  const title = id ? ctx.t('initiatives.admin.editTitle', { title: v.title ?? '' }) : ctx.t('initiatives.admin.new');
  const f = (name: string, extra: Record<string, unknown> = {}) => <Field ctx={ctx} name={name} label={labels[name]} value={v[name]} errors={e} {...extra} />;
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href="/admin/initiatives">{ctx.t('initiatives.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={id ? `/admin/initiatives/${id}/modifier` : '/admin/initiatives/nouveau'} class="form-card" novalidate>
        <ErrorSummary ctx={ctx} errors={e} labels={labels} />
        <Csrf ctx={ctx} />
        {f('title', { maxLength: 160 })}
        {f('slug', { hint: ctx.t('initiatives.callField.slugHint'), maxLength: 80 })}
        {f('reference_prefix', { hint: ctx.t('initiatives.callField.prefixHint'), maxLength: 12 })}
        {f('summary', { textarea: true, rows: 3, maxLength: 400 })}
        {f('description', { textarea: true, rows: 6, maxLength: 6000 })}
        {f('fund_name', { maxLength: 160 })}
        {f('funders', { textarea: true, rows: 3, hint: ctx.t('initiatives.callField.fundersHint') })}
        {f('operator_name', { maxLength: 160 })}
        {f('operator_contact', { maxLength: 200 })}
        <Checkboxes id="f-themes" legend={labels.themes} name="themes" options={[...themes].map(([value, label]) => ({ value, label }))} checked={values.themes} />
        <Checkboxes
          id="f-eligible_holders"
          legend={labels.eligible_holders}
          name="eligible_holders"
          options={HOLDER_KINDS.map((k) => ({ value: k, label: ctx.t(`initiatives.holder.${k}`) }))}
          checked={values.eligible_holders}
        />
        {f('eligibility', { textarea: true, rows: 3 })}
        {f('communes', { textarea: true, rows: 3, hint: ctx.t('initiatives.callField.communesHint') })}
        {f('neighbourhoods', { textarea: true, rows: 3, hint: ctx.t('initiatives.callField.linesHint') })}
        {f('project_ceiling', { hint: ctx.t('initiatives.callField.eurosHint') })}
        {f('repeat_project_ceiling', { hint: ctx.t('initiatives.callField.repeatHint') })}
        {f('yearly_envelope', { hint: ctx.t('initiatives.callField.eurosHint') })}
        {f('eligible_costs', { textarea: true, rows: 3 })}
        {f('ineligible_costs', { textarea: true, rows: 3 })}
        <Field ctx={ctx} name="status" label={labels.status} errors={e}>
          {(attrs) => (
            <select {...attrs}>
              {CALL_STATUSES.map((s) => (
                <option value={s} selected={v.status === s}>
                  {ctx.t(`initiatives.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {f('opens_on', { type: 'date' })}
        {f('closes_on', { type: 'date', hint: ctx.t('initiatives.callField.closesHint') })}
        {f('deadline_days_before', { hint: ctx.t('initiatives.callField.deadlineHint') })}
        {f('quorum')}
        {f('documents', { textarea: true, rows: 3, hint: ctx.t('initiatives.callField.documentsHint') })}
        {f('first_tranche_percent', { hint: ctx.t('initiatives.callField.trancheHint') })}
        {f('report_due_days')}
        {f('checklist', { textarea: true, rows: 5, hint: ctx.t('initiatives.callField.linesHint') })}
        {f('criteria', { textarea: true, rows: 5, hint: ctx.t('initiatives.callField.criteriaHint') })}
        {f('events', { textarea: true, rows: 3, hint: ctx.t('initiatives.callField.eventsHint') })}
        <label class="checkbox">
          <input type="checkbox" name="vote_enabled" value="1" checked={v.vote_enabled === '1'} />
          {labels.vote_enabled}
        </label>
        {f('vote_opens_on', { type: 'date', hint: ctx.t('initiatives.callField.voteWindowHint') })}
        {f('vote_closes_on', { type: 'date' })}
        {f('vote_points', { type: 'number' })}
        <div class="actions">
          <button type="submit" class="button">
            {ctx.t('initiatives.admin.saveCall')}
          </button>
        </div>
      </form>
      {image && <ImageSection ctx={ctx} vm={image} />}
      {id && managers && <ManagersSection ctx={ctx} callId={id} managers={managers} form={managerForm} />}
    </Layout>
  );
}

export function CallFilesPage({
  ctx,
  call,
  files,
  committees,
  committeeValues,
  errors,
}: {
  ctx: ViewContext;
  call: CallRow;
  files: InitiativeApplicationsTable[];
  committees: InitiativeCommitteesTable[];
  committeeValues: FormValues;
  errors: FieldErrors;
}) {
  const labels = {
    day: ctx.t('initiatives.committee.day'),
    time: ctx.t('initiatives.committee.time'),
    place: ctx.t('initiatives.committee.place'),
    deadline_days: ctx.t('initiatives.committee.deadlineDays'),
  };
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.admin.filesOf', { title: call.title }) }}>
      <p class="breadcrumb">
        <a href="/admin/initiatives">{ctx.t('initiatives.admin.title')}</a>
      </p>
      <h1>{ctx.t('initiatives.admin.filesOf', { title: call.title })}</h1>
      <p>
        {ctx.t('initiatives.admin.ceilings', { project: euros(ctx, call.project_ceiling_cents), year: euros(ctx, call.yearly_envelope_cents) })} —{' '}
        {(JSON.parse(call.commune_codes) as string[]).map(communeName).join(', ')}
      </p>
      <h2>{ctx.t('initiatives.admin.files')}</h2>
      {files.length === 0 ? (
        <p>{ctx.t('initiatives.admin.noFiles')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{ctx.t('initiatives.admin.files')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('initiatives.admin.reference')}</th>
                <th scope="col">{ctx.t('initiatives.field.title')}</th>
                <th scope="col">{ctx.t('initiatives.field.holder_name')}</th>
                <th scope="col">{ctx.t('initiatives.field.requested')}</th>
                <th scope="col">{ctx.t('initiatives.admin.state')}</th>
                <th scope="col">{ctx.t('initiatives.admin.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr>
                  <td>
                    <a href={`/admin/initiatives/dossiers/${f.id}`}>{f.reference}</a>
                  </td>
                  <td>{f.title || ctx.t('initiatives.file.untitled')}</td>
                  <td>{f.holder_name}</td>
                  <td>{euros(ctx, f.requested_cents)}</td>
                  <td>
                    <StateBadge ctx={ctx} state={f.state} />
                  </td>
                  <td>{f.submitted_at ? formatDate(f.submitted_at, ctx.lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('initiatives.call.committees')}</h2>
      {committees.length > 0 && (
        <ul>
          {committees.map((c) => (
            <li>
              {ctx.t('initiatives.admin.committeeLine', { meets: formatDateTime(c.meets_at, ctx.lang), deadline: formatDateTime(c.filing_deadline, ctx.lang) })} {c.place}
              {c.status === 'planned' && (
                <form method="post" action={`/admin/initiatives/${call.id}/comites/${c.id}/supprimer`} class="inline-form">
                  <Csrf ctx={ctx} />{' '}
                  <button type="submit" class="link-button">
                    {ctx.t('initiatives.admin.removeCommittee')}
                    <span class="visually-hidden"> {formatDateTime(c.meets_at, ctx.lang)}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/admin/initiatives/${call.id}/comites`} class="form-card" novalidate>
        <h3>{ctx.t('initiatives.admin.addCommittee')}</h3>
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="day" type="date" label={labels.day} value={committeeValues.day} errors={errors} />
        <Field ctx={ctx} name="time" type="time" label={labels.time} value={committeeValues.time ?? '18:00'} errors={errors} />
        <Field ctx={ctx} name="place" label={labels.place} value={committeeValues.place} maxLength={200} errors={errors} />
        <Field ctx={ctx} name="deadline_days" label={labels.deadline_days} value={committeeValues.deadline_days ?? String(call.deadline_days_before)} errors={errors} />
        <button type="submit" class="button">
          {ctx.t('initiatives.admin.addCommittee')}
        </button>
      </form>
    </Layout>
  );
}

/** Who runs the call for a member of the network: they get this call's staff pages, nothing else. */
function ManagersSection({
  ctx,
  callId,
  managers,
  form = { values: {}, errors: {} },
}: {
  ctx: ViewContext;
  callId: string;
  managers: Array<{ userId: string; name: string; email: string | null }>;
  form?: { values: FormValues; errors: FieldErrors };
}) {
  const labels = { email: ctx.t('initiatives.managers.email'), name: ctx.t('initiatives.managers.name') };
  return (
    <section id="gestionnaires" aria-labelledby="managers-title" class="form-card">
      <h2 id="managers-title">{ctx.t('initiatives.managers.title')}</h2>
      <p>{ctx.t('initiatives.managers.help')}</p>
      {managers.length === 0 ? (
        <p>{ctx.t('initiatives.managers.none')}</p>
      ) : (
        <ul>
          {managers.map((m) => (
            <li>
              <bdi>{m.name}</bdi>
              {m.email ? ` (${m.email})` : ''}{' '}
              <form method="post" action={`/admin/initiatives/${callId}/gestionnaires/${m.userId}/retirer`} class="inline-form">
                <Csrf ctx={ctx} />
                <button type="submit" class="button-small button-secondary" aria-label={ctx.t('initiatives.managers.removeLabel', { name: m.name })}>
                  {ctx.t('initiatives.managers.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/admin/initiatives/${callId}/gestionnaires`} novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} prefix="manager-" />
        <Field ctx={ctx} name="email" prefix="manager-" label={labels.email} type="email" autocomplete="off" value={form.values.email} errors={form.errors} />
        <Field ctx={ctx} name="name" prefix="manager-" label={labels.name} value={form.values.name} errors={form.errors} />
        <button type="submit">{ctx.t('initiatives.managers.add')}</button>
      </form>
    </section>
  );
}
