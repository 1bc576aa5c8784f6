/** A reviewer's pages: the files to review, the conflict-of-interest declaration, then the file and the grid. */
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field, FieldError } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { InitiativesService } from './initiatives.service.ts';
import { GridSummaryTable } from './initiatives.staff.views.tsx';
import type { ApplicationState } from './initiatives.tables.ts';
import { AttachmentList, BudgetTable, ProjectFacts, StateBadge } from './initiatives.ui.tsx';

type ReviewerView = NonNullable<Awaited<ReturnType<InitiativesService['reviewerView']>>>;

export function ReviewsPage({
  ctx,
  rows,
}: {
  ctx: ViewContext;
  rows: Array<{ id: string; conflict: string; completed_at: string | null; reference: string; title: string; state: ApplicationState; call_title: string }>;
}) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.reviews.title') }}>
      <h1>{ctx.t('initiatives.reviews.title')}</h1>
      {rows.length === 0 ? (
        <p>{ctx.t('initiatives.reviews.none')}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li>
              <a href={`/initiatives/evaluations/${r.id}`}>
                {r.reference} — {r.title}
              </a>{' '}
              ({r.call_title}) — {ctx.t(`initiatives.conflict.${r.conflict}`)}
              {r.completed_at ? ` — ${ctx.t('initiatives.review.completed')}` : ''} <StateBadge ctx={ctx} state={r.state} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ReviewerPage({ ctx, vm, values = {}, errors = {} }: { ctx: ViewContext; vm: ReviewerView; values?: FormValues; errors?: FieldErrors }) {
  const { reviewer, app } = vm;
  const action = `/initiatives/evaluations/${reviewer.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: `${app.reference} — ${app.title}` }}>
      <p class="breadcrumb">
        <a href="/initiatives/evaluations">{ctx.t('initiatives.reviews.title')}</a>
      </p>
      <h1>
        {app.reference} — {app.title}
      </h1>
      {reviewer.conflict === 'pending' && (
        <form method="post" action={`${action}/declaration`} class="form-card" novalidate>
          <h2>{ctx.t('initiatives.conflict.title')}</h2>
          <p>{ctx.t('initiatives.conflict.explain', { holder: app.holder_name || '—' })}</p>
          <ErrorSummary ctx={ctx} errors={errors} labels={{ declaration: ctx.t('initiatives.conflict.legend'), note: ctx.t('initiatives.conflict.note') }} />
          <Csrf ctx={ctx} />
          <fieldset id="f-declaration">
            <legend>{ctx.t('initiatives.conflict.legend')}</legend>
            <FieldError ctx={ctx} id="f-declaration" error={errors.declaration} />
            <label class="checkbox">
              <input type="radio" name="declaration" value="declared_none" checked={values.declaration === 'declared_none'} />
              {ctx.t('initiatives.conflict.none')}
            </label>
            <label class="checkbox">
              <input type="radio" name="declaration" value="recused" checked={values.declaration === 'recused'} />
              {ctx.t('initiatives.conflict.recuse')}
            </label>
          </fieldset>
          <Field
            ctx={ctx}
            name="note"
            label={ctx.t('initiatives.conflict.note')}
            hint={ctx.t('initiatives.conflict.noteHint')}
            textarea
            rows={2}
            value={values.note}
            maxLength={1000}
            errors={errors}
          />
          <button type="submit" class="button">
            {ctx.t('initiatives.conflict.submit')}
          </button>
        </form>
      )}
      {reviewer.conflict === 'recused' && <p class="notice">{ctx.t('initiatives.conflict.recusedNotice')}</p>}
      {vm.file && (
        <>
          <p>
            <StateBadge ctx={ctx} state={vm.file.app.state} />
          </p>
          <p>{vm.file.app.summary}</p>
          <ProjectFacts ctx={ctx} app={vm.file.app} />
          <BudgetTable ctx={ctx} lines={vm.file.budget} caption={ctx.t('initiatives.field.budget')} />
          <h2>{ctx.t('initiatives.attachments.title')}</h2>
          <AttachmentList ctx={ctx} appId={vm.file.app.id} attachments={vm.file.attachments} />
          <h2>{ctx.t('initiatives.grid.yours')}</h2>
          <form method="post" action={`${action}/notes`} class="form-card" novalidate>
            <ErrorSummary ctx={ctx} errors={errors} labels={Object.fromEntries(vm.file.criteria.map((c) => [`score_${c.id}`, c.label]))} />
            <Csrf ctx={ctx} />
            {vm.file.criteria.map((c) => {
              const own = vm.file!.own.find((s) => s.criterion_id === c.id);
              return (
                <fieldset>
                  <legend>
                    {c.label} ({ctx.t('initiatives.grid.weightN', { n: c.weight })})
                  </legend>
                  <Field ctx={ctx} name={`score_${c.id}`} label={ctx.t('initiatives.grid.score', { max: c.max_score })} errors={errors}>
                    {(attrs) => <input {...attrs} type="text" inputMode="numeric" maxLength={2} value={values[`score_${c.id}`] ?? (own ? String(own.score) : '')} />}
                  </Field>
                  <Field ctx={ctx} name={`comment_${c.id}`} label={ctx.t('initiatives.grid.comment')} value={values[`comment_${c.id}`] ?? own?.comment ?? ''} maxLength={1000} />
                </fieldset>
              );
            })}
            <Field ctx={ctx} name="comment" label={ctx.t('initiatives.grid.general')} textarea rows={3} value={values.comment ?? reviewer.comment} maxLength={2000} />
            <button type="submit" class="button">
              {ctx.t('initiatives.grid.save')}
            </button>
          </form>
          <h2>{ctx.t('initiatives.grid.committee')}</h2>
          <GridSummaryTable ctx={ctx} grid={vm.file.grid} />
        </>
      )}
    </Layout>
  );
}
