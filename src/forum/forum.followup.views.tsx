import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDate } from '../platform/format.ts';
import { ACTION_STATUSES } from './forum.tables.ts';
import type { ActionView, ForumSummary, ReportView, ThemeCard } from './forum.read.ts';
import { StatusBadge } from './forum.ui.tsx';

/** "Carried by Awa since 14 March": who carries what, for the public page and the follow-up page (0038). */
export function ActionCarrier({ ctx, action }: { ctx: ViewContext; action: ActionView }) {
  if (!action.carried) return null;
  return (
    <span class="forum-carrier">
      {ctx.t('forum.followup.carriedBy')} <bdi>{action.owner}</bdi>
      {action.ownerSince && ` ${ctx.t('forum.followup.since', { date: formatDate(action.ownerSince, ctx.lang) })}`}
    </span>
  );
}

/** The carrier cell of the public follow-up table: the owner with since when, else the carrier named on the day. */
export function CarrierCell({ ctx, action, slug }: { ctx: ViewContext; action: ActionView; slug: string }) {
  return action.carried ? (
    <>
      <bdi>{action.owner}</bdi>
      {action.ownerSince && <span class="hint">{ctx.t('forum.followup.since', { date: formatDate(action.ownerSince, ctx.lang) })}</span>}
    </>
  ) : (
    <>
      <bdi>{action.carrier}</bdi>{' '}
      <a href={`/forums/${slug}/suivi#action-${action.id}`} class="hint">
        {ctx.t('forum.followup.claimLink')}
        <span class="visually-hidden">
          {' '}
          : <bdi>{action.title}</bdi>
        </span>
      </a>
    </>
  );
}

/**
 * The follow-up page: every action of the forum; whoever has taken one updates its status and
 * writes a note, from their phone's identity or their account, without anything else to create.
 */
export function FollowUpPage({
  ctx,
  forum,
  actions,
  mine,
  who,
  canClaim,
  notice,
}: {
  ctx: ViewContext;
  forum: ForumSummary;
  actions: ActionView[];
  mine: Set<string>;
  who: string | null;
  canClaim: boolean;
  notice?: string;
}) {
  const t = ctx.t;
  const base = `/forums/${forum.slug}`;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.followup.pageTitle', { title: forum.title }) }}>
      <p>
        <a href={base}>
          ← <bdi>{forum.title}</bdi>
        </a>
      </p>
      <h1>{t('forum.followup.pageTitle', { title: forum.title })}</h1>
      <p>{who ? t('forum.followup.as', { name: who }) : t('forum.followup.anonymous')}</p>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      {actions.length === 0 && <p>{t('forum.followup.none')}</p>}
      <ul class="forum-theme-list">
        {actions.map((a) => (
          <li class="card" id={`action-${a.id}`}>
            <h2 class="h3">
              <bdi>{a.title}</bdi>
            </h2>
            <p class="muted small">
              <bdi>{a.themeTitle}</bdi> · <StatusBadge ctx={ctx} status={a.status} /> <ActionCarrier ctx={ctx} action={a} />
            </p>
            {a.updates.length > 0 && (
              <ul>
                {a.updates.map((u) => (
                  <li>
                    {formatDate(u.at, ctx.lang)} · <bdi>{u.author}</bdi> · {t(`forum.status.${u.status}`)}
                    {u.body && (
                      <>
                        {' '}
                        : <bdi>{u.body}</bdi>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {mine.has(a.id) ? (
              <form method="post" action={`${base}/actions/${a.id}/suivi`} class="form-card">
                <Csrf ctx={ctx} />
                <div class="field">
                  <label for={`st-${a.id}`}>{t('forum.action.status')}</label>
                  <select id={`st-${a.id}`} name="status">
                    {ACTION_STATUSES.map((s) => (
                      <option value={s} selected={a.status === s}>
                        {t(`forum.status.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={`nb-${a.id}`}>{t('forum.action.update')}</label>
                  <textarea id={`nb-${a.id}`} name="body" rows={3} dir="auto" />
                </div>
                <button type="submit" class="button-small">
                  {t('forum.followup.save')}
                  <span class="visually-hidden">
                    {' '}
                    : <bdi>{a.title}</bdi>
                  </span>
                </button>
              </form>
            ) : (
              canClaim &&
              !a.carried && (
                <form method="post" action={`${base}/actions/${a.id}/porter`} class="inline-form">
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-small">
                    {t('forum.followup.claim')}
                    <span class="visually-hidden">
                      {' '}
                      : <bdi>{a.title}</bdi>
                    </span>
                  </button>
                </form>
              )
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** A convener corrects their theme's title and description; the facilitator sees it in the history. */
export function CorrectThemePage({ ctx, slug, themeId, values, errors }: { ctx: ViewContext; slug: string; themeId: string; values: FormValues; errors?: FieldErrors }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.correct.themeTitle') }}>
      <p>
        <a href={`/forums/${slug}/themes/${themeId}`}>← {t('forum.correct.back')}</a>
      </p>
      <h1>{t('forum.correct.themeTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/forums/${slug}/themes/${themeId}/corriger`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="title" label={t('forum.propose.themeTitle')} errors={errors} value={values.title} required />
        <Field ctx={ctx} name="description" textarea rows={4} label={t('forum.propose.description')} errors={errors} value={values.description} />
        <button type="submit">{t('forum.admin.save')}</button>
      </form>
    </Layout>
  );
}

/** The writer of a comment corrects it. */
export function CorrectCommentPage({
  ctx,
  slug,
  themeId,
  commentId,
  values,
  errors,
}: {
  ctx: ViewContext;
  slug: string;
  themeId: string;
  commentId: string;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.correct.commentTitle') }}>
      <p>
        <a href={`/forums/${slug}/themes/${themeId}`}>← {t('forum.correct.back')}</a>
      </p>
      <h1>{t('forum.correct.commentTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/forums/${slug}/commentaires/${commentId}`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="body" textarea rows={4} label={t('forum.moderation.commentText')} errors={errors} value={values.body} required />
        <button type="submit">{t('forum.admin.save')}</button>
      </form>
    </Layout>
  );
}

/** On a theme's page, the reader's own items with a link to correct them: their theme if they convene it, their comments. */
export function OwnCorrections({ ctx, slug, theme, report, me }: { ctx: ViewContext; slug: string; theme: ThemeCard; report: ReportView; me: string | null }) {
  if (!me) return null;
  const convener = theme.convenerIds.includes(me);
  const mine = report.comments.filter((c) => c.participantId === me);
  if (!convener && mine.length === 0) return null;
  return (
    <ul class="inline-list forum-own">
      {convener && (
        <li>
          <a href={`/forums/${slug}/themes/${theme.id}/corriger`}>{ctx.t('forum.correct.themeTitle')}</a>
        </li>
      )}
      {mine.map((c, i) => (
        <li>
          <a href={`/forums/${slug}/commentaires/${c.id}/corriger`}>
            {ctx.t('forum.correct.commentTitle')}
            {mine.length > 1 && ` (${i + 1})`}
          </a>
        </li>
      ))}
    </ul>
  );
}
