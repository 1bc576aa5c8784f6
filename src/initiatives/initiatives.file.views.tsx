/** The holder's file: the form saved as it is typed (budget rows, attachments), or the file as submitted. */
import { formatDate, formatDateTime } from '../platform/format.ts';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import { APPLICATION_TRANSITIONS, FUNDED, HOLDER_EDITABLE } from './initiatives.model.ts';
import type { BudgetRowInput } from './initiatives.schema.ts';
import {
  ATTACHMENT_KINDS,
  EXPENSE_KINDS,
  HOLDER_KINDS,
  RESOURCE_KINDS,
  type InitiativeApplicationsTable,
  type InitiativeAttachmentsTable,
  type InitiativeBudgetLinesTable,
  type InitiativeHistoryTable,
} from './initiatives.tables.ts';
import type { CallRow } from './initiatives.calls.ts';
import { communeName } from './initiatives.territories.ts';
import { AttachmentList, BalanceNote, BudgetTable, euros, ProjectFacts, StateBadge } from './initiatives.ui.tsx';

export interface FilePageVM {
  app: InitiativeApplicationsTable;
  call: CallRow;
  budget: InitiativeBudgetLinesTable[];
  attachments: InitiativeAttachmentsTable[];
  history: InitiativeHistoryTable[];
  themes: Map<string, string>;
  /** What was typed (after a refused save or submit), else built from the stored file. */
  values: FormValues;
  checkedThemes: string[];
  rows: BudgetRowInput[];
  errors: FieldErrors;
  /** Messages about the attachments form. */
  uploadErrors?: FieldErrors;
  /** The withdrawal form sent without its confirmation. */
  withdrawErrors?: FieldErrors;
  totals: { expenses: number; resources: number };
}

const FIELD_ORDER = [
  'title',
  'summary',
  'holder_kind',
  'holder_name',
  'holder_people',
  'contact_phone',
  'commune_code',
  'neighbourhood',
  'place',
  'starts_on',
  'ends_on',
  'audience',
  'expected_participants',
];

function BudgetRows({ ctx, side, rows, errors }: { ctx: ViewContext; side: 'expense' | 'resource'; rows: BudgetRowInput[]; errors: FieldErrors }) {
  const prefix = side === 'expense' ? 'exp' : 'res';
  const kinds = side === 'expense' ? EXPENSE_KINDS : RESOURCE_KINDS;
  return (
    <fieldset>
      <legend>{ctx.t(`initiatives.budget.${side}s`)}</legend>
      <p class="hint">{ctx.t(`initiatives.budget.${side}Hint`)}</p>
      {rows.map((r, i) => (
        <fieldset class="budget-row">
          <legend class="visually-hidden">{ctx.t(`initiatives.budget.${side}Row`, { n: i + 1 })}</legend>
          <Field ctx={ctx} name={`${prefix}_kind_${i}`} label={ctx.t(`initiatives.budget.${side}KindN`, { n: i + 1 })} errors={errors}>
            {(attrs) => (
              <select {...attrs}>
                {kinds.map((k) => (
                  <option value={k} selected={r.kind === k}>
                    {ctx.t(`initiatives.${side}.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field ctx={ctx} name={`${prefix}_label_${i}`} label={ctx.t(`initiatives.budget.${side}LabelN`, { n: i + 1 })} value={r.label} maxLength={200} errors={errors} />
          <Field ctx={ctx} name={`${prefix}_amount_${i}`} label={ctx.t(`initiatives.budget.${side}AmountN`, { n: i + 1 })} errors={errors}>
            {(attrs) => <input {...attrs} type="text" inputMode="decimal" value={r.amount} maxLength={20} autocomplete="off" />}
          </Field>
        </fieldset>
      ))}
    </fieldset>
  );
}

function FileForm({ ctx, vm }: { ctx: ViewContext; vm: FilePageVM }) {
  const v = vm.values;
  const e = vm.errors;
  const communes = JSON.parse(vm.call.commune_codes) as string[];
  const neighbourhoods = JSON.parse(vm.call.neighbourhoods) as string[];
  const callThemes = JSON.parse(vm.call.themes) as string[];
  const labels = Object.fromEntries([...FIELD_ORDER, 'budget', 'themes'].map((f) => [f, ctx.t(`initiatives.field.${f}`)]));
  const exp = vm.rows.filter((r) => r.side === 'expense');
  const res = vm.rows.filter((r) => r.side === 'resource');
  return (
    <form method="post" action={`/initiatives/dossiers/${vm.app.id}`} id="file-form" data-autosave="true" novalidate>
      <ErrorSummary ctx={ctx} errors={e} labels={labels} />
      <Csrf ctx={ctx} />
      <input type="hidden" name="revision" value={v.revision ?? String(vm.app.revision)} />
      <h2>{ctx.t('initiatives.file.project')}</h2>
      <Field ctx={ctx} name="title" label={labels.title} value={v.title} maxLength={160} errors={e} />
      <Field ctx={ctx} name="summary" label={labels.summary} hint={ctx.t('initiatives.field.summaryHint')} textarea rows={5} value={v.summary} maxLength={1000} errors={e} />
      <Field ctx={ctx} name="holder_kind" label={labels.holder_kind} errors={e}>
        {(attrs) => (
          <select {...attrs}>
            {HOLDER_KINDS.map((k) => (
              <option value={k} selected={v.holder_kind === k}>
                {ctx.t(`initiatives.holder.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field ctx={ctx} name="holder_name" label={labels.holder_name} value={v.holder_name} maxLength={160} errors={e} />
      <Field ctx={ctx} name="holder_people" label={labels.holder_people} hint={ctx.t('initiatives.field.holderPeopleHint')} textarea rows={3} value={v.holder_people} maxLength={1000} errors={e} />
      <Field ctx={ctx} name="contact_phone" label={labels.contact_phone} type="tel" autocomplete="tel" value={v.contact_phone} maxLength={30} errors={e} />
      <h2>{ctx.t('initiatives.file.whereWhen')}</h2>
      <Field ctx={ctx} name="commune_code" label={labels.commune_code} errors={e}>
        {(attrs) => (
          <select {...attrs}>
            <option value="">{ctx.t('initiatives.field.choose')}</option>
            {communes.map((c) => (
              <option value={c} selected={v.commune_code === c}>
                {communeName(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {neighbourhoods.length > 0 ? (
        <Field ctx={ctx} name="neighbourhood" label={labels.neighbourhood} errors={e}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{ctx.t('initiatives.field.choose')}</option>
              {neighbourhoods.map((n) => (
                <option value={n} selected={v.neighbourhood === n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field ctx={ctx} name="neighbourhood" label={labels.neighbourhood} value={v.neighbourhood} maxLength={160} errors={e} />
      )}
      <Field ctx={ctx} name="place" label={labels.place} hint={ctx.t('initiatives.field.placeHint')} value={v.place} maxLength={300} errors={e} />
      <Field ctx={ctx} name="starts_on" label={labels.starts_on} type="date" value={v.starts_on} errors={e} />
      <Field ctx={ctx} name="ends_on" label={labels.ends_on} type="date" value={v.ends_on} errors={e} />
      <Field ctx={ctx} name="audience" label={labels.audience} textarea rows={3} value={v.audience} maxLength={1000} errors={e} />
      <Field ctx={ctx} name="expected_participants" label={labels.expected_participants} errors={e}>
        {(attrs) => <input {...attrs} type="text" inputMode="numeric" value={v.expected_participants} maxLength={6} />}
      </Field>
      {callThemes.length > 0 && (
        <fieldset id="f-themes">
          <legend>{labels.themes}</legend>
          {callThemes.map((t) => (
            <label class="checkbox">
              <input type="checkbox" name="themes" value={t} checked={vm.checkedThemes.includes(t)} />
              {vm.themes.get(t) ?? t}
            </label>
          ))}
        </fieldset>
      )}
      <h2 id="f-budget" tabindex={-1}>
        {labels.budget}
      </h2>
      <FieldError ctx={ctx} id="f-budget" error={e.budget} />
      <p>{ctx.t('initiatives.budget.intro', { ceiling: euros(ctx, vm.call.project_ceiling_cents) })}</p>
      <BudgetRows ctx={ctx} side="expense" rows={exp} errors={e} />
      <BudgetRows ctx={ctx} side="resource" rows={res} errors={e} />
      <BalanceNote ctx={ctx} expenses={vm.totals.expenses} resources={vm.totals.resources} />
      <p>
        <button type="submit" name="action" value="more" class="button button-secondary">
          {ctx.t('initiatives.budget.more')}
        </button>
      </p>
      <label class="checkbox">
        <input type="checkbox" name="public" value="1" checked={v.public === '1'} />
        {ctx.t('initiatives.field.public')}
      </label>
      <p class="muted" id="autosave-status" role="status" aria-live="polite" />
      <div class="actions">
        <button type="submit" name="action" value="save" class="button button-secondary">
          {ctx.t('initiatives.file.save')}
        </button>
        <button type="submit" name="action" value="submit" class="button">
          {ctx.t('initiatives.file.submit')}
        </button>
      </div>
    </form>
  );
}

function UploadForm({ ctx, vm }: { ctx: ViewContext; vm: FilePageVM }) {
  const e = vm.uploadErrors ?? {};
  const kindAttrs = fieldAttrs('kind', { prefix: 'upload-' });
  return (
    <form method="post" action={`/initiatives/dossiers/${vm.app.id}/pieces`} enctype="multipart/form-data" class="form-card">
      <ErrorSummary ctx={ctx} errors={e} prefix="upload-" id="upload-errors" labels={{ file: ctx.t('initiatives.attachments.file') }} />
      <Csrf ctx={ctx} />
      <div class="field">
        <label for={kindAttrs.id}>{ctx.t('initiatives.attachments.kind')}</label>
        <select {...kindAttrs}>
          {ATTACHMENT_KINDS.filter((k) => k !== 'receipt' && k !== 'photo').map((k) => (
            <option value={k}>{ctx.t(`initiatives.attachment.${k}`)}</option>
          ))}
        </select>
      </div>
      <Field ctx={ctx} name="file" prefix="upload-" label={ctx.t('initiatives.attachments.file')} hint={ctx.t('initiatives.attachments.hint')} errors={e}>
        {(attrs) => <input {...attrs} type="file" accept=".pdf,.png,.jpg,.jpeg,.odt,.docx,.xlsx,application/pdf,image/png,image/jpeg" />}
      </Field>
      <button type="submit" class="button button-secondary">
        {ctx.t('initiatives.attachments.add')}
      </button>
    </form>
  );
}

function WithdrawForm({ ctx, vm }: { ctx: ViewContext; vm: FilePageVM }) {
  const e = vm.withdrawErrors ?? {};
  const attrs = fieldAttrs('confirm', { prefix: 'withdraw-', error: e.confirm !== undefined });
  return (
    <form method="post" action={`/initiatives/dossiers/${vm.app.id}/retirer`} class="form-card">
      <h2>{ctx.t('initiatives.withdraw.title')}</h2>
      <ErrorSummary ctx={ctx} errors={e} prefix="withdraw-" id="withdraw-errors" labels={{ confirm: ctx.t('initiatives.withdraw.title') }} />
      <Csrf ctx={ctx} />
      <FieldError ctx={ctx} id={attrs.id} error={e.confirm} />
      <label class="checkbox">
        <input {...attrs} type="checkbox" value="1" />
        {ctx.t('initiatives.withdraw.confirm')}
      </label>
      <button type="submit" class="button button-danger">
        {ctx.t('initiatives.withdraw.button')}
      </button>
    </form>
  );
}

export function FilePage({ ctx, vm }: { ctx: ViewContext; vm: FilePageVM }) {
  const { app, call } = vm;
  const editable = HOLDER_EDITABLE.includes(app.state);
  const title = app.title || ctx.t('initiatives.file.untitled');
  return (
    <Layout
      ctx={ctx}
      meta={{ title: `${app.reference} — ${title}`, scripts: editable ? ['/static/initiatives/autosave.js'] : undefined, head: <link rel="stylesheet" href="/static/initiatives/initiatives.css" /> }}
    >
      <p class="breadcrumb">
        <a href={`/initiatives/${call.slug}`}>{call.title}</a>
      </p>
      <h1>
        {app.reference} — {title}
      </h1>
      <p>
        <StateBadge ctx={ctx} state={app.state} />
      </p>
      {app.state === 'complements_requested' && (
        <div class="notice notice-members">
          <h2>{ctx.t('initiatives.file.complementsTitle')}</h2>
          <p>{app.complements_reason}</p>
          {app.complements_due_at && <p>{ctx.t('initiatives.file.complementsDue', { date: formatDateTime(app.complements_due_at, ctx.lang) })}</p>}
        </div>
      )}
      {(app.state === 'not_admissible' || app.state === 'refused') && app.state_reason && <p class="notice notice-members">{app.state_reason}</p>}
      {FUNDED.includes(app.state) && (
        <p class="actions">
          <a class="button" href={`/initiatives/dossiers/${app.id}/bilan`}>
            {ctx.t('initiatives.file.reportsLink')}
          </a>
        </p>
      )}
      {editable ? (
        <>
          <p>{ctx.t('initiatives.file.draftHelp')}</p>
          <FileForm ctx={ctx} vm={vm} />
          <h2>{ctx.t('initiatives.attachments.title')}</h2>
          <p>{ctx.t('initiatives.attachments.private')}</p>
          <AttachmentList ctx={ctx} appId={app.id} attachments={vm.attachments} remove />
          <UploadForm ctx={ctx} vm={vm} />
        </>
      ) : (
        <>
          {app.submitted_at && <p>{ctx.t('initiatives.file.submittedAt', { date: formatDateTime(app.submitted_at, ctx.lang) })}</p>}
          <h2>{ctx.t('initiatives.file.project')}</h2>
          <p>{app.summary}</p>
          <ProjectFacts ctx={ctx} app={app} />
          <BudgetTable ctx={ctx} lines={vm.budget} caption={ctx.t('initiatives.field.budget')} />
          <h2>{ctx.t('initiatives.attachments.title')}</h2>
          <AttachmentList ctx={ctx} appId={app.id} attachments={vm.attachments} />
        </>
      )}
      {APPLICATION_TRANSITIONS[app.state].includes('withdrawn') && <WithdrawForm ctx={ctx} vm={vm} />}
      <h2>{ctx.t('initiatives.file.history')}</h2>
      <ol>
        {vm.history.map((h) => (
          <li>
            {formatDate(h.at, ctx.lang)} — {ctx.t(`initiatives.state.${h.to_state}`)}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function FilesPage({ ctx, files }: { ctx: ViewContext; files: Array<InitiativeApplicationsTable & { call_title: string }> }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.myFiles.title') }}>
      <h1>{ctx.t('initiatives.myFiles.title')}</h1>
      {files.length === 0 ? (
        <p>
          {ctx.t('initiatives.myFiles.none')} <a href="/initiatives">{ctx.t('initiatives.myFiles.calls')}</a>
        </p>
      ) : (
        <ul>
          {files.map((f) => (
            <li>
              <a href={`/initiatives/dossiers/${f.id}`}>
                {f.reference} — {f.title || ctx.t('initiatives.file.untitled')}
              </a>{' '}
              ({f.call_title}) <StateBadge ctx={ctx} state={f.state} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The block of /compte: the person's files and the files it reviews. */
export function AccountSection({ ctx, files, reviews, managed }: { ctx: ViewContext; files: number; reviews: number; managed: number }) {
  return (
    <section aria-labelledby="account-initiatives">
      <h2 id="account-initiatives">{ctx.t('initiatives.account.title')}</h2>
      <ul>
        {files > 0 && (
          <li>
            <a href="/initiatives/mes-dossiers">{ctx.t('initiatives.account.files', { n: files })}</a>
          </li>
        )}
        {reviews > 0 && (
          <li>
            <a href="/initiatives/evaluations">{ctx.t('initiatives.account.reviews', { n: reviews })}</a>
          </li>
        )}
        {managed > 0 && (
          <li>
            <a href="/admin/initiatives">{ctx.t('initiatives.account.managed', { n: managed })}</a>
          </li>
        )}
      </ul>
    </section>
  );
}
