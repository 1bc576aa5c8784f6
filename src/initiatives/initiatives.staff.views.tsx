/** Staff's page of one file: the project, the admissibility checklist, complements, the decision, reviewers and the grid's averages. */
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDate } from '../platform/format.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { CallRow } from './initiatives.calls.ts';
import type { GridSummary } from './initiatives.review.ts';
import type {
  InitiativeApplicationsTable,
  InitiativeAttachmentsTable,
  InitiativeBudgetLinesTable,
  InitiativeChecklistAnswersTable,
  InitiativeChecklistItemsTable,
  InitiativeHistoryTable,
} from './initiatives.tables.ts';
import { AttachmentList, BudgetTable, ProjectFacts, StateBadge } from './initiatives.ui.tsx';

export interface StaffFileVM {
  app: InitiativeApplicationsTable;
  call: CallRow;
  budget: InitiativeBudgetLinesTable[];
  attachments: InitiativeAttachmentsTable[];
  history: InitiativeHistoryTable[];
  checklist: Array<InitiativeChecklistItemsTable & { answer: InitiativeChecklistAnswersTable | null }>;
  reviewers: Array<{ id: string; name: string; conflict: string; completed: boolean }>;
  grid: GridSummary;
  /** The staff member reading recused on this file: no score is shown. */
  recused: boolean;
  /** Which form was refused, with what was typed. */
  form?: { name: 'complements' | 'admissibility' | 'reviewer'; values: FormValues; errors: FieldErrors };
}

const num = (ctx: ViewContext, n: number | null) => (n === null ? '—' : new Intl.NumberFormat(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n));

export function GridSummaryTable({ ctx, grid }: { ctx: ViewContext; grid: GridSummary }) {
  return (
    <>
      <p>{ctx.t('initiatives.grid.reviewers', { assigned: grid.reviewers.assigned, completed: grid.reviewers.completed, recused: grid.reviewers.recused })}</p>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('initiatives.grid.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('initiatives.grid.criterion')}</th>
              <th scope="col">{ctx.t('initiatives.grid.weight')}</th>
              <th scope="col">{ctx.t('initiatives.grid.average')}</th>
              <th scope="col">{ctx.t('initiatives.grid.spread')}</th>
            </tr>
          </thead>
          <tbody>
            {grid.criteria.map((c) => (
              <tr>
                <th scope="row">{c.label}</th>
                <td>{c.weight}</td>
                <td>
                  {num(ctx, c.average)} / {c.max_score}
                </td>
                <td>{num(ctx, c.spread)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{ctx.t('initiatives.grid.overall')}</th>
              <td />
              <td>
                <strong>{num(ctx, grid.overall.average)} / 100</strong>
              </td>
              <td>{num(ctx, grid.overall.spread)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

export function StaffFilePage({ ctx, vm }: { ctx: ViewContext; vm: StaffFileVM }) {
  const { app } = vm;
  const base = `/admin/initiatives/dossiers/${app.id}`;
  const formOf = (name: string) => (vm.form?.name === name ? vm.form : { values: {} as FormValues, errors: {} as FieldErrors });
  const comp = formOf('complements');
  const adm = formOf('admissibility');
  const rev = formOf('reviewer');
  const canCheck = app.state === 'submitted';
  const canReview = app.state === 'admissible' || app.state === 'under_review';
  return (
    <Layout ctx={ctx} meta={{ title: `${app.reference} — ${app.title}` }}>
      <p class="breadcrumb">
        <a href={`/admin/initiatives/${vm.call.id}/dossiers`}>{ctx.t('initiatives.admin.filesOf', { title: vm.call.title })}</a>
      </p>
      <h1>
        {app.reference} — {app.title || ctx.t('initiatives.file.untitled')}
      </h1>
      <p>
        <StateBadge ctx={ctx} state={app.state} />
        {app.submitted_at && ` ${ctx.t('initiatives.file.submittedAt', { date: formatDate(app.submitted_at, ctx.lang) })}`}
      </p>
      <p>{app.summary}</p>
      <ProjectFacts ctx={ctx} app={app} />
      <BudgetTable ctx={ctx} lines={vm.budget} caption={ctx.t('initiatives.field.budget')} />
      <h2>{ctx.t('initiatives.attachments.title')}</h2>
      <AttachmentList ctx={ctx} appId={app.id} attachments={vm.attachments} />

      <h2>{ctx.t('initiatives.admissibility.title')}</h2>
      {vm.checklist.length > 0 && (
        <form method="post" action={`${base}/checklist`} class="form-card">
          <Csrf ctx={ctx} />
          {vm.checklist.map((item, i) => (
            <fieldset>
              <legend>{item.label}</legend>
              {(['yes', 'no', 'na'] as const).map((a) => (
                <label class="checkbox">
                  <input type="radio" name={`answer_${item.id}`} value={a} checked={item.answer?.answer === a} disabled={!canCheck} />
                  {ctx.t(`initiatives.checklist.${a}`)}
                </label>
              ))}
              <Field ctx={ctx} name={`note_${item.id}`} id={`note-${i}`} label={ctx.t('initiatives.checklist.note')} value={item.answer?.note ?? ''} maxLength={500} />
            </fieldset>
          ))}
          {canCheck && (
            <button type="submit" class="button button-secondary">
              {ctx.t('initiatives.checklist.save')}
            </button>
          )}
        </form>
      )}
      {canCheck && (
        <>
          <form method="post" action={`${base}/complements`} class="form-card" novalidate>
            <h3>{ctx.t('initiatives.complements.title')}</h3>
            <ErrorSummary ctx={ctx} errors={comp.errors} prefix="comp-" id="comp-errors" labels={{ reason: ctx.t('initiatives.complements.reason'), due_on: ctx.t('initiatives.complements.due') }} />
            <Csrf ctx={ctx} />
            <Field ctx={ctx} name="reason" prefix="comp-" label={ctx.t('initiatives.complements.reason')} textarea rows={3} value={comp.values.reason} maxLength={2000} errors={comp.errors} />
            <Field ctx={ctx} name="due_on" prefix="comp-" type="date" label={ctx.t('initiatives.complements.due')} value={comp.values.due_on} errors={comp.errors} />
            <button type="submit" class="button button-secondary">
              {ctx.t('initiatives.complements.send')}
            </button>
          </form>
          <form method="post" action={`${base}/recevabilite`} class="form-card" novalidate>
            <h3>{ctx.t('initiatives.admissibility.decide')}</h3>
            <ErrorSummary
              ctx={ctx}
              errors={adm.errors}
              prefix="adm-"
              id="adm-errors"
              labels={{ decision: ctx.t('initiatives.admissibility.decision'), reason: ctx.t('initiatives.admissibility.reason') }}
            />
            <Csrf ctx={ctx} />
            <fieldset id="adm-decision">
              <legend>{ctx.t('initiatives.admissibility.decision')}</legend>
              {(['admissible', 'not_admissible'] as const).map((d) => (
                <label class="checkbox">
                  <input type="radio" name="decision" value={d} checked={adm.values.decision === d} />
                  {ctx.t(`initiatives.state.${d}`)}
                </label>
              ))}
            </fieldset>
            <Field
              ctx={ctx}
              name="reason"
              prefix="adm-"
              label={ctx.t('initiatives.admissibility.reason')}
              hint={ctx.t('initiatives.admissibility.reasonHint')}
              textarea
              rows={3}
              value={adm.values.reason}
              maxLength={2000}
              errors={adm.errors}
            />
            <button type="submit" class="button">
              {ctx.t('initiatives.admissibility.record')}
            </button>
          </form>
        </>
      )}

      <h2>{ctx.t('initiatives.review.title')}</h2>
      {vm.reviewers.length > 0 && (
        <ul>
          {vm.reviewers.map((r) => (
            <li>
              {r.name} — {ctx.t(`initiatives.conflict.${r.conflict}`)}
              {r.completed ? ` — ${ctx.t('initiatives.review.completed')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {canReview && (
        <form method="post" action={`${base}/evaluateurs`} class="form-card" novalidate>
          <h3>{ctx.t('initiatives.review.assign')}</h3>
          <p class="hint">{ctx.t('initiatives.review.assignHint')}</p>
          <ErrorSummary ctx={ctx} errors={rev.errors} prefix="rev-" id="rev-errors" labels={{ name: ctx.t('initiatives.review.name'), email: ctx.t('initiatives.review.email') }} />
          <Csrf ctx={ctx} />
          <Field ctx={ctx} name="name" prefix="rev-" label={ctx.t('initiatives.review.name')} value={rev.values.name} maxLength={120} errors={rev.errors} />
          <Field ctx={ctx} name="email" prefix="rev-" type="email" label={ctx.t('initiatives.review.email')} value={rev.values.email} maxLength={200} errors={rev.errors} />
          <button type="submit" class="button button-secondary">
            {ctx.t('initiatives.review.assignButton')}
          </button>
        </form>
      )}
      {vm.recused ? <p class="notice">{ctx.t('initiatives.conflict.recusedNotice')}</p> : vm.grid.criteria.length > 0 && <GridSummaryTable ctx={ctx} grid={vm.grid} />}
      <h2>{ctx.t('initiatives.file.history')}</h2>
      <ol>
        {vm.history.map((h) => (
          <li>
            {formatDate(h.at, ctx.lang)} — {ctx.t(`initiatives.state.${h.to_state}`)}
            {h.note ? ` — ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
