import { formatDateTime } from '../platform/format.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { Report, ReportLine } from './imports.engine.ts';
import type { ImportRunsTable, LineOutcome } from './imports.tables.ts';

/** The animators' import screens: upload, preview, progress, report. */

const KIND_OPTIONS = ['auto', 'subscribers', 'members', 'events', 'wordpress', 'documents', 'site'] as const;
const OUTCOMES: LineOutcome[] = ['created', 'updated', 'unchanged', 'skipped', 'error'];

/** A preview cell: some values are catalogue keys (a status, yes/no), the rest is the file's text. */
const shown = (ctx: ViewContext, v: string) => (/^imports\.[a-z]+\.[a-z-]+$/.test(v) ? ctx.t(v) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? formatDateTime(v, ctx.lang) : v);

export function ImportHomePage({ ctx, runs, errors = {}, kind = 'auto', maxSize }: { ctx: ViewContext; runs: ImportRunsTable[]; errors?: FieldErrors; kind?: string; maxSize: string }) {
  const file = fieldAttrs('file', { hint: true, error: !!errors.file });
  const kindAttrs = fieldAttrs('kind', { hint: true, error: !!errors.kind });
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('imports.title') }}>
      <h1>{ctx.t('imports.title')}</h1>
      <p class="lead">{ctx.t('imports.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ file: ctx.t('imports.form.file'), kind: ctx.t('imports.form.kind') }} />
      <form method="post" action="/admin/import" enctype="multipart/form-data" class="stack" novalidate>
        <Csrf ctx={ctx} />
        <div class="field">
          <label for={kindAttrs.id}>{ctx.t('imports.form.kind')}</label>
          <span class="hint" id={`${kindAttrs.id}-hint`}>
            {ctx.t('imports.form.kindHint')}
          </span>
          <FieldError ctx={ctx} id={kindAttrs.id} error={errors.kind} />
          <select {...kindAttrs}>
            {KIND_OPTIONS.map((k) => (
              <option value={k} selected={k === kind}>
                {ctx.t(`imports.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={file.id}>{ctx.t('imports.form.file')}</label>
          <span class="hint" id={`${file.id}-hint`}>
            {ctx.t('imports.form.fileHint', { max: maxSize })}
          </span>
          <FieldError ctx={ctx} id={file.id} error={errors.file} />
          <input {...file} type="file" accept=".csv,.txt,.ics,.xml,.zip" />
        </div>
        <p>
          <button type="submit">{ctx.t('imports.form.submit')}</button>
        </p>
      </form>
      <h2>{ctx.t('imports.runs.title')}</h2>
      {runs.length === 0 ? (
        <p>{ctx.t('imports.runs.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('imports.col.file')}</th>
                <th scope="col">{ctx.t('imports.col.kind')}</th>
                <th scope="col">{ctx.t('imports.col.status')}</th>
                <th scope="col">{ctx.t('imports.col.date')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    <a href={`/admin/import/${r.id}`}>{r.filename}</a>
                  </td>
                  <td>{ctx.t(`imports.kind.${r.kind}`)}</td>
                  <td>{ctx.t(`imports.status.${r.status}`)}</td>
                  <td>{formatDateTime(r.created_at, ctx.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function Lines({ ctx, lines, caption }: { ctx: ViewContext; lines: ReportLine[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('imports.col.line')}</th>
            <th scope="col">{ctx.t('imports.col.entry')}</th>
            <th scope="col">{ctx.t('imports.col.outcome')}</th>
            <th scope="col">{ctx.t('imports.col.field')}</th>
            <th scope="col">{ctx.t('imports.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr class={`import-${l.outcome}`}>
              <td>{l.line}</td>
              <td>{l.label}</td>
              <td>{ctx.t(`imports.outcome.${l.outcome}`)}</td>
              <td>{l.field ?? ''}</td>
              <td>{l.reason ? ctx.t(l.reason, l.params) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const toReview = (lines: ReportLine[]) => lines.filter((l) => l.outcome === 'error' || l.outcome === 'skipped' || l.reason);

function Counts({ ctx, counts }: { ctx: ViewContext; counts: Report['counts'] }) {
  return (
    <ul class="import-counts">
      {OUTCOMES.map((o) => (
        <li>
          <strong>{counts[o]}</strong> {ctx.t(`imports.outcome.${o}`)}
        </li>
      ))}
    </ul>
  );
}

export function RunPage({ ctx, run, report, canWelcome }: { ctx: ViewContext; run: ImportRunsTable; report: Report; canWelcome: boolean }) {
  const live = run.status === 'queued' || run.status === 'running';
  const review = toReview(report.lines);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('imports.run.title', { file: run.filename }), scripts: live ? ['/static/imports/imports.js'] : [] }}>
      <p>
        <a href="/admin/import">{ctx.t('imports.run.back')}</a>
      </p>
      <h1>{ctx.t('imports.run.title', { file: run.filename })}</h1>
      <p>
        {ctx.t(`imports.kind.${run.kind}`)} · {ctx.t(`imports.status.${run.status}`)}
      </p>
      {report.failure && (
        <div class="error-summary" role="alert">
          <p>{ctx.t(report.failure)}</p>
        </div>
      )}
      {run.status === 'ready' && !report.failure && <Preview ctx={ctx} run={run} report={report} />}
      {live && (
        <section aria-labelledby="progress-title" data-progress={`/admin/import/${run.id}/avancement`}>
          <h2 id="progress-title">{ctx.t('imports.progress.title')}</h2>
          <p>
            <label for="import-progress">{ctx.t('imports.progress.label')}</label>{' '}
            <progress id="import-progress" max={Math.max(run.total, 1)} value={run.processed}>
              {run.processed} / {run.total}
            </progress>
          </p>
          <p id="import-progress-text" aria-live="polite">
            {ctx.t('imports.progress.text', { processed: run.processed, total: run.total })}
          </p>
          <p>
            <a href={`/admin/import/${run.id}`}>{ctx.t('imports.progress.refresh')}</a>
          </p>
        </section>
      )}
      {(run.status === 'done' || (run.status === 'failed' && report.lines.length > 0)) && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{ctx.t('imports.report.title')}</h2>
          <p>{ctx.t('imports.report.counts', report.counts)}</p>
          <Counts ctx={ctx} counts={report.counts} />
          {review.length ? <Lines ctx={ctx} lines={review} caption={ctx.t('imports.report.problems')} /> : <p>{ctx.t('imports.report.none')}</p>}
          <details>
            <summary>{ctx.t('imports.report.all')}</summary>
            <Lines ctx={ctx} lines={report.lines} caption={ctx.t('imports.report.all')} />
          </details>
        </section>
      )}
      {run.status === 'failed' && report.failure === 'imports.failure.stopped' && (
        <form method="post" action={`/admin/import/${run.id}/lancer`}>
          <Csrf ctx={ctx} />
          <button type="submit">{ctx.t('imports.resume')}</button>
        </form>
      )}
      {run.status === 'done' && canWelcome && (
        <section aria-labelledby="welcome-title">
          <h2 id="welcome-title">{ctx.t('imports.welcome.title')}</h2>
          <p>{ctx.t('imports.welcome.lead')}</p>
          <form method="post" action={`/admin/import/${run.id}/bienvenue`}>
            <Csrf ctx={ctx} />
            <button type="submit">{ctx.t('imports.welcome.button')}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}

function Preview({ ctx, run, report }: { ctx: ViewContext; run: ImportRunsTable; report: Report }) {
  const { preview } = report;
  const review = toReview(report.lines);
  return (
    <>
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{ctx.t('imports.preview.title')}</h2>
        {preview.flavour && <p>{ctx.t('imports.run.flavour', { flavour: preview.flavour })}</p>}
        {preview.mapping.length > 0 && (
          <div class="table-wrap">
            <table>
              <caption>{ctx.t('imports.preview.mapping')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('imports.col.source')}</th>
                  <th scope="col">{ctx.t('imports.col.target')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.mapping.map((m) => (
                  <tr>
                    <td>{m.source}</td>
                    <td>{ctx.t(m.field)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {preview.rows.length === 0 ? (
          <p>{ctx.t('imports.preview.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{ctx.t('imports.preview.lead', { n: preview.rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('imports.col.line')}</th>
                  {preview.columns.map((c) => (
                    <th scope="col">{ctx.t(c)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr>
                    <td>{r.line}</td>
                    {preview.columns.map((c) => (
                      <td>{shown(ctx, r.values[c] ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="plan-title">
        <h2 id="plan-title">{ctx.t('imports.preview.plan')}</h2>
        <p>{ctx.t('imports.report.counts', report.counts)}</p>
        {review.length > 0 && <Lines ctx={ctx} lines={review} caption={ctx.t('imports.report.problems')} />}
        <form method="post" action={`/admin/import/${run.id}/lancer`}>
          <Csrf ctx={ctx} />
          <button type="submit">{ctx.t('imports.preview.start')}</button>
        </form>
      </section>
    </>
  );
}
