import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDateTime, formatTime } from '../platform/format.ts';
import type { ForumSummary, ReportView, ThemeCard } from './forum.read.ts';
import type { ReportSection } from './forum.tables.ts';
import { StatusBadge } from './forum.ui.tsx';
import { OwnCorrections } from './forum.followup.views.tsx';

export interface ConflictModel {
  section: ReportSection;
  mine: string;
  theirs: string;
  theirsBy: string | null;
  version: number;
}

/** Text a save refused (the report closed meanwhile): shown back with the reason, never lost (0032). */
export interface UnsavedModel {
  section: ReportSection;
  body: string;
  message: string;
}

export function ThemePage(props: {
  ctx: ViewContext;
  forum: ForumSummary;
  theme: ThemeCard;
  where: string;
  report: ReportView;
  canWrite: boolean;
  canComment: boolean;
  /** Reports still take text after closing, until then (0032). */
  graceUntil: string | null;
  /** A participant or a facilitator: the page's script keeps their drafts. */
  writer: boolean;
  /** A participant on their phone: "←" goes back to their page. */
  phone: boolean;
  /** The participant reading, to offer corrections of their own theme and comments (0035). */
  me?: string | null;
  conflict?: ConflictModel;
  unsaved?: UnsavedModel;
  errors?: FieldErrors;
  /** The comment form's own errors, shown next to it. */
  commentErrors?: FieldErrors;
  values?: FormValues;
  saved?: boolean;
}) {
  const { ctx, forum, theme, report, conflict } = props;
  const base = `/forums/${forum.slug}/themes/${theme.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: theme.title, scripts: props.writer ? ['/static/forum/report.js'] : [], compact: true }}>
      <p>{props.phone ? <a href={`/forums/${forum.slug}/participer#theme-${theme.id}`}>← {ctx.t('forum.report.backToPhone')}</a> : <a href={`/forums/${forum.slug}`}>← {forum.title}</a>}</p>
      <h1 dir="auto">{theme.title}</h1>
      {theme.description && <p class="lead forum-prewrap">{theme.description}</p>}
      <p class="muted">
        {[theme.conveners.length ? `${ctx.t('forum.theme.conveners')} : ${theme.conveners.join(', ')}` : '', props.where, ctx.t('forum.size', { n: theme.size })].filter(Boolean).join(' · ')}
      </p>
      <OwnCorrections ctx={ctx} slug={forum.slug} theme={theme} report={report} me={props.me ?? null} />
      {props.saved && (
        <p class="flash" role="status">
          {ctx.t('forum.report.saved')}
        </p>
      )}
      {props.graceUntil && props.canWrite && <p class="notice">{ctx.t('forum.report.grace', { time: formatTime(props.graceUntil, ctx.lang) })}</p>}
      {props.unsaved && (
        <section class="error-summary forum-conflict" role="alert" aria-labelledby="unsaved-title" tabindex={-1} id="unsaved">
          <h2 id="unsaved-title">{ctx.t('forum.report.unsavedTitle')}</h2>
          <p>{props.unsaved.message}</p>
          {!props.canWrite && (
            <>
              <label for="unsaved-text">{ctx.t('forum.report.unsavedCopy', { section: ctx.t(`forum.section.${props.unsaved.section}`) })}</label>
              <textarea id="unsaved-text" readonly>
                {props.unsaved.body}
              </textarea>
            </>
          )}
        </section>
      )}
      {conflict && (
        <section class="error-summary forum-conflict" role="alert" aria-labelledby="conflict-title" tabindex={-1}>
          <h2 id="conflict-title">{ctx.t('forum.conflict.title')}</h2>
          <p>{ctx.t('forum.conflict.text', { who: conflict.theirsBy ?? '?' })}</p>
          <div class="forum-conflict-columns">
            <div>
              <h3>{ctx.t('forum.conflict.theirs')}</h3>
              <pre class="forum-prewrap">{conflict.theirs}</pre>
            </div>
            <div>
              <h3>{ctx.t('forum.conflict.mine')}</h3>
              <pre class="forum-prewrap">{conflict.mine}</pre>
            </div>
          </div>
        </section>
      )}
      <section
        aria-labelledby="report-title"
        id="report"
        data-theme={theme.id}
        data-forum={forum.slug}
        data-labels={JSON.stringify(Object.fromEntries(['saved', 'error', 'offline', 'sending', 'unsaved'].map((k) => [k, ctx.t(`forum.report.live.${k}`)])))}
      >
        <h2 id="report-title">{ctx.t('forum.report.title')}</h2>
        {!props.canWrite && forum.phase !== 'closed' && forum.phase !== 'followup' && <p class="notice">{ctx.t('forum.report.readOnly')}</p>}
        <p class="forum-live-status muted small" role="status" aria-live="polite" id="report-status" />
        {report.members.length > 0 && (
          <p>
            <strong>{ctx.t('forum.report.members')} :</strong> {report.members.map((m) => (m.organisation ? `${m.name} (${m.organisation})` : m.name)).join(', ')}
          </p>
        )}
        {report.sections.map((s) => {
          const isConflict = conflict?.section === s.section;
          const id = `section-${s.section}`;
          // Text refused by the server (written here without JavaScript) goes back into its field.
          const typed = isConflict ? conflict!.mine : props.unsaved?.section === s.section && props.canWrite ? props.unsaved.body : s.body;
          return (
            <div class="forum-section" data-section={s.section}>
              <h3 id={`${id}-title`}>{ctx.t(`forum.section.${s.section}`)}</h3>
              {props.canWrite ? (
                <form method="post" action={`${base}/compte-rendu/${s.section}`} class="forum-section-form" data-section={s.section}>
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="version" value={String(isConflict ? conflict!.version : s.version)} />
                  <label for={id} class="visually-hidden">
                    {ctx.t(`forum.section.${s.section}`)}
                  </label>
                  <span class="hint" id={`${id}-hint`}>
                    {ctx.t(`forum.section.${s.section}.hint`)}
                    {s.updatedBy && ` · ${ctx.t('forum.report.lastBy', { who: s.updatedBy })}`}
                  </span>
                  <textarea id={id} name="body" aria-describedby={`${id}-hint`}>
                    {typed}
                  </textarea>
                  <div class="actions">
                    <button type="submit">{isConflict ? ctx.t('forum.conflict.saveMine') : ctx.t('forum.report.save')}</button>
                  </div>
                </form>
              ) : s.body ? (
                <p class="forum-prewrap">{s.body}</p>
              ) : (
                <p class="muted">{ctx.t('forum.report.emptySection')}</p>
              )}
            </div>
          );
        })}
      </section>
      <section aria-labelledby="plan-title">
        <h2 id="plan-title">{ctx.t('forum.report.actionPlan')}</h2>
        {report.actions.length === 0 ? (
          <p class="muted">{ctx.t('forum.report.noActions')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{ctx.t('forum.report.actionPlan')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('forum.action.title')}</th>
                  <th scope="col">{ctx.t('forum.action.carrier')}</th>
                  <th scope="col">{ctx.t('forum.action.partners')}</th>
                  <th scope="col">{ctx.t('forum.action.due')}</th>
                  <th scope="col">{ctx.t('forum.action.status')}</th>
                </tr>
              </thead>
              <tbody>
                {report.actions.map((a) => (
                  <tr id={`action-${a.id}`}>
                    <td>
                      {a.kind === 'proposal' && <span class="badge">{ctx.t('forum.action.kind.proposal')}</span>} {a.title}
                    </td>
                    <td>{a.carrier}</td>
                    <td>{a.partners}</td>
                    <td>{a.due}</td>
                    <td>
                      <StatusBadge ctx={ctx} status={a.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.canWrite && (
          <form method="post" action={`${base}/actions`} class="form-card" novalidate>
            <Csrf ctx={ctx} />
            <h3>{ctx.t('forum.action.add')}</h3>
            <ErrorSummary ctx={ctx} errors={props.errors} />
            <div class="field">
              <label for="f-kind">{ctx.t('forum.action.kind')}</label>
              <select id="f-kind" name="kind">
                <option value="action" selected={props.values?.kind !== 'proposal'}>
                  {ctx.t('forum.action.kind.action')}
                </option>
                <option value="proposal" selected={props.values?.kind === 'proposal'}>
                  {ctx.t('forum.action.kind.proposal')}
                </option>
              </select>
            </div>
            <Field ctx={ctx} name="title" label={ctx.t('forum.action.title')} errors={props.errors} value={props.values?.title} required />
            <Field ctx={ctx} name="carrier" label={ctx.t('forum.action.carrier')} errors={props.errors} value={props.values?.carrier} />
            <Field ctx={ctx} name="partners" label={ctx.t('forum.action.partners')} errors={props.errors} value={props.values?.partners} />
            <Field ctx={ctx} name="due" label={ctx.t('forum.action.due')} hint={ctx.t('forum.action.dueHint')} errors={props.errors} value={props.values?.due} />
            <button type="submit">{ctx.t('forum.action.submit')}</button>
          </form>
        )}
      </section>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{ctx.t('forum.report.comments')}</h2>
        {report.comments.length === 0 && <p class="muted">{ctx.t('forum.comment.none')}</p>}
        <ul class="plain-list">
          {report.comments.map((c) => (
            <li class="forum-comment">
              <strong>{c.author}</strong> <span class="muted small">{formatDateTime(c.at, ctx.lang)}</span>
              <p class="forum-prewrap">{c.body}</p>
            </li>
          ))}
        </ul>
        {props.canComment && (
          <form method="post" action={`${base}/commentaires`} class="form-card">
            <Csrf ctx={ctx} />
            <ErrorSummary ctx={ctx} errors={props.commentErrors} id="comment-errors" prefix="f-comment-" />
            <div class="field">
              <label for="f-comment-body">{ctx.t('forum.comment.label')}</label>
              <textarea id="f-comment-body" name="body" required>
                {props.values?.comment ?? ''}
              </textarea>
            </div>
            <button type="submit">{ctx.t('forum.comment.submit')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}
