/** The holder's reports page: the grant's tranches, the progress report and the fiche bilan with spent vs planned per budget line. */
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDate } from '../platform/format.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import { centsToInput } from './initiatives.model.ts';
import type { ReportsService } from './initiatives.reports.ts';
import { euros, Paragraphs } from './initiatives.ui.tsx';

export type ReportsVM = Awaited<ReturnType<ReportsService['reportsView']>>;
const day = (ctx: ViewContext, d: string | null) => (d ? formatDate(`${d}T12:00:00Z`, ctx.lang) : '—');

function ReportFiles({ ctx, vm, r, upload }: { ctx: ViewContext; vm: ReportsVM; r: ReportsVM['reports'][number]; upload?: { values: FormValues; errors: FieldErrors } }) {
  const editable = vm.holder && r.status === 'draft';
  const p = `${r.kind}-file-`;
  return (
    <>
      <h3>{ctx.t('initiatives.report.files')}</h3>
      {r.files.length === 0 ? (
        <p>{ctx.t('initiatives.report.noFiles')}</p>
      ) : (
        <ul>
          {r.files.map((f) => (
            <li>
              <a href={`/initiatives/dossiers/${vm.app.id}/pieces/${f.id}`}>{f.filename}</a> ({ctx.t(`initiatives.report.fileKind.${f.kind}`)}
              {f.kind === 'photo' && ` · ${ctx.t(f.consent ? 'initiatives.report.consented' : 'initiatives.report.private')}`})
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form method="post" action={`/initiatives/dossiers/${vm.app.id}/bilan/pieces`} enctype="multipart/form-data" class="form-card" novalidate>
          <ErrorSummary ctx={ctx} errors={upload?.errors} prefix={p} id={`${p}errors`} labels={{ file: ctx.t('initiatives.report.file'), alt: ctx.t('initiatives.report.alt') }} />
          <Csrf ctx={ctx} />
          <input type="hidden" name="kind" value={r.kind} />
          <fieldset>
            <legend>{ctx.t('initiatives.report.fileKindLegend')}</legend>
            {(['receipt', 'photo'] as const).map((k) => (
              <label class="checkbox">
                <input type="radio" name="file_kind" value={k} checked={(upload?.values.file_kind ?? 'receipt') === k} /> {ctx.t(`initiatives.report.fileKind.${k}`)}
              </label>
            ))}
          </fieldset>
          <Field ctx={ctx} name="file" prefix={p} label={ctx.t('initiatives.report.file')} hint={ctx.t('initiatives.report.fileHint')} errors={upload?.errors}>
            {(attrs) => <input {...attrs} type="file" accept="application/pdf,image/png,image/jpeg" />}
          </Field>
          <Field
            ctx={ctx}
            name="alt"
            prefix={p}
            label={ctx.t('initiatives.report.alt')}
            hint={ctx.t('initiatives.report.altHint')}
            value={upload?.values.alt}
            errors={upload?.errors}
            maxLength={300}
          />
          <label class="checkbox">
            <input type="checkbox" name="consent" value="1" checked={upload?.values.consent === '1'} /> {ctx.t('initiatives.report.consent')}
          </label>
          <button type="submit" class="button button-secondary">
            {ctx.t('initiatives.report.addFile')}
          </button>
        </form>
      )}
    </>
  );
}

export function ReportsPage({
  ctx,
  vm,
  form,
  upload,
}: {
  ctx: ViewContext;
  vm: ReportsVM;
  form?: { kind: string; values: FormValues; errors: FieldErrors };
  upload?: { kind: string; values: FormValues; errors: FieldErrors };
}) {
  const { app } = vm;
  const base = `/initiatives/dossiers/${app.id}/bilan`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.report.pageTitle', { reference: app.reference }) }}>
      <p class="breadcrumb">
        <a href={`/initiatives/dossiers/${app.id}`}>
          {app.reference} — {app.title}
        </a>
      </p>
      <h1>{ctx.t('initiatives.report.pageTitle', { reference: app.reference })}</h1>
      <p>{ctx.t('initiatives.report.granted', { amount: euros(ctx, app.granted_cents ?? 0) })}</p>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('initiatives.payments.tranches')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('initiatives.export.tranche')}</th>
              <th scope="col">{ctx.t('initiatives.export.amount')}</th>
              <th scope="col">{ctx.t('initiatives.export.condition')}</th>
              <th scope="col">{ctx.t('initiatives.export.status')}</th>
            </tr>
          </thead>
          <tbody>
            {vm.tranches.map((t) => (
              <tr>
                <th scope="row">{t.position}</th>
                <td>{euros(ctx, t.amount_cents)}</td>
                <td>{ctx.t(`initiatives.tranche.condition.${t.condition}`)}</td>
                <td>
                  {ctx.t(`initiatives.tranche.status.${t.status}`)}
                  {t.paid_on && ` ${day(ctx, t.paid_on)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {vm.reports.map((r) => {
        const editable = vm.holder && r.status === 'draft' && (app.state === 'granted' || app.state === 'in_progress');
        const f = form?.kind === r.kind ? form : undefined;
        const v = (k: string, fallback: string) => f?.values[k] ?? fallback;
        const p = `${r.kind}-`;
        return (
          <section aria-labelledby={`report-${r.kind}`}>
            <h2 id={`report-${r.kind}`}>{ctx.t(`initiatives.report.kind.${r.kind}`)}</h2>
            <p>
              {ctx.t(`initiatives.report.status.${r.status}`)} · {ctx.t('initiatives.report.due', { date: day(ctx, r.due_on) })}
            </p>
            {editable ? (
              <form method="post" action={base} class="form-card" novalidate>
                <ErrorSummary
                  ctx={ctx}
                  errors={f?.errors}
                  prefix={p}
                  id={`${p}errors`}
                  labels={{ what_happened: ctx.t('initiatives.report.whatHappened'), participants: ctx.t('initiatives.report.participants') }}
                />
                <Csrf ctx={ctx} />
                <input type="hidden" name="kind" value={r.kind} />
                <Field
                  ctx={ctx}
                  name="what_happened"
                  prefix={p}
                  label={ctx.t('initiatives.report.whatHappened')}
                  textarea
                  rows={5}
                  maxLength={6000}
                  value={v('what_happened', r.what_happened)}
                  errors={f?.errors}
                />
                <Field
                  ctx={ctx}
                  name="participants"
                  prefix={p}
                  type="number"
                  label={ctx.t('initiatives.report.participants')}
                  value={v('participants', r.participants === null ? '' : String(r.participants))}
                  errors={f?.errors}
                />
                <Field
                  ctx={ctx}
                  name="self_evaluation"
                  prefix={p}
                  label={ctx.t('initiatives.report.selfEvaluation')}
                  hint={ctx.t('initiatives.report.selfEvaluationHint')}
                  textarea
                  rows={3}
                  maxLength={4000}
                  value={v('self_evaluation', r.self_evaluation)}
                  errors={f?.errors}
                />
                <fieldset>
                  <legend>{ctx.t('initiatives.report.spentLegend')}</legend>
                  {vm.budget.map((b) => (
                    <Field
                      ctx={ctx}
                      name={`spent_${b.id}`}
                      id={`${p}spent-${b.id}`}
                      label={ctx.t('initiatives.report.spentLine', { label: b.label, planned: euros(ctx, b.amount_cents) })}
                      value={v(`spent_${b.id}`, r.lines.has(b.id) ? centsToInput(r.lines.get(b.id)!) : '')}
                      errors={f?.errors}
                      maxLength={20}
                    />
                  ))}
                </fieldset>
                <label class="checkbox">
                  <input type="checkbox" name="published" value="1" checked={v('published', r.published ? '1' : '') === '1'} /> {ctx.t('initiatives.report.publish')}
                </label>
                <p>
                  <button type="submit" name="action" value="save" class="button button-secondary">
                    {ctx.t('initiatives.report.save')}
                  </button>{' '}
                  <button type="submit" name="action" value="submit" class="button">
                    {ctx.t(r.kind === 'final' ? 'initiatives.report.sendFinal' : 'initiatives.report.send')}
                  </button>
                </p>
              </form>
            ) : (
              <>
                <Paragraphs text={r.what_happened} />
                {r.participants !== null && <p>{ctx.t('initiatives.report.participantsCount', { count: r.participants })}</p>}
                <p>{ctx.t('initiatives.report.spent', { spent: euros(ctx, r.spent_cents) })}</p>
                {vm.staff && r.status === 'submitted' && (
                  <form method="post" action={`${base}/accepter`}>
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="kind" value={r.kind} />
                    <button type="submit" class="button button-secondary">
                      {ctx.t('initiatives.report.accept')}
                    </button>
                  </form>
                )}
              </>
            )}
            <ReportFiles ctx={ctx} vm={vm} r={r} upload={upload?.kind === r.kind ? upload : undefined} />
          </section>
        );
      })}
    </Layout>
  );
}
