import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf } from '../platform/layout/forms.tsx';
import { formatTime } from '../platform/format.ts';
import type { ActionView, WallState } from './forum.read.ts';
import type { ForumCorrectionsTable } from './forum.tables.ts';
import { AdminNav } from './forum.print.views.tsx';

interface CommentRow {
  id: string;
  theme_title: string;
  author: string;
  body: string;
  created_at: string;
  hidden_at?: string | null;
}

/** A small form with one button: hide or bring back. */
function Toggle({ ctx, action, hidden, label, title }: { ctx: ViewContext; action: string; hidden: boolean; label: string; title: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf ctx={ctx} />
      <input type="hidden" name="hidden" value={hidden ? '0' : '1'} />
      <button type="submit" class="button-small button-secondary">
        {label}
        <span class="visually-hidden">
          {' '}
          : <bdi>{title}</bdi>
        </span>
      </button>
    </form>
  );
}

/** Moderation and corrections (0035): every theme, action and comment with hide and edit, and the history. */
export function ModerationPage(props: {
  ctx: ViewContext;
  state: WallState;
  actions: ActionView[];
  comments: CommentRow[];
  hiddenThemes: Array<{ id: string; title: string }>;
  hiddenActions: Array<{ id: string; title: string }>;
  corrections: ForumCorrectionsTable[];
  people: Array<{ id: string; name: string; organisation: string | null }>;
}) {
  const { ctx, state } = props;
  const f = state.forum;
  const base = `/admin/forums/${f.id}`;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.moderation.title', { title: f.title }) }}>
      <AdminNav ctx={ctx} id={f.id} slug={f.slug} current="moderation" />
      <h1>{t('forum.moderation.title', { title: f.title })}</h1>
      <p>{t('forum.moderation.intro')}</p>

      <section aria-labelledby="mod-themes">
        <h2 id="mod-themes">{t('forum.moderation.themes', { n: state.themes.length })}</h2>
        {state.themes.length === 0 && <p>{t('forum.themes.none')}</p>}
        <ul class="forum-mod-list">
          {state.themes.map((th) => (
            <li class="card" id={`theme-${th.id}`}>
              <h3>
                <bdi>{th.title}</bdi>
              </h3>
              <p class="muted small">
                {th.conveners.length > 0 && (
                  <>
                    {t('forum.theme.conveners')} : <bdi>{th.conveners.join(', ')}</bdi> ·{' '}
                  </>
                )}
                {t('forum.interest.count', { n: th.interest })}
              </p>
              <div class="actions">
                <Toggle ctx={ctx} action={`${base}/themes/${th.id}/masquer`} hidden={false} label={t('forum.moderation.hide')} title={th.title} />
              </div>
              <details>
                <summary>
                  {t('forum.admin.editTheme')}
                  <span class="visually-hidden">
                    {' '}
                    : <bdi>{th.title}</bdi>
                  </span>
                </summary>
                <form method="post" action={`${base}/themes/${th.id}/corriger`}>
                  <Csrf ctx={ctx} />
                  <div class="field">
                    <label for={`mt-${th.id}`}>{t('forum.propose.themeTitle')}</label>
                    <input id={`mt-${th.id}`} type="text" name="title" value={th.title} required maxlength={200} dir="auto" />
                  </div>
                  <div class="field">
                    <label for={`md-${th.id}`}>{t('forum.propose.description')}</label>
                    <textarea id={`md-${th.id}`} name="description" rows={3} dir="auto">
                      {th.description}
                    </textarea>
                  </div>
                  <button type="submit" class="button-small">
                    {t('forum.admin.save')}
                  </button>
                </form>
              </details>
            </li>
          ))}
        </ul>
        <HiddenList ctx={ctx} heading={t('forum.moderation.hiddenThemes')} items={props.hiddenThemes} action={(id) => `${base}/themes/${id}/masquer`} />
      </section>

      <section aria-labelledby="mod-actions">
        <h2 id="mod-actions">{t('forum.moderation.actions', { n: props.actions.length })}</h2>
        {props.actions.length === 0 && <p>{t('forum.followup.none')}</p>}
        <ul class="forum-mod-list">
          {props.actions.map((a) => (
            <li class="card" id={`action-${a.id}`}>
              <h3>
                <bdi>{a.title}</bdi>
              </h3>
              <p class="muted small">
                <bdi>{a.themeTitle}</bdi> · {t(`forum.status.${a.status}`)}
                {a.carried && (
                  <>
                    {' '}
                    · {t('forum.followup.carriedBy')} <bdi>{a.owner}</bdi>
                  </>
                )}
              </p>
              <div class="actions">
                <Toggle ctx={ctx} action={`${base}/actions/${a.id}/masquer`} hidden={false} label={t('forum.moderation.hide')} title={a.title} />
              </div>
              <details>
                <summary>
                  {t('forum.moderation.editAction')}
                  <span class="visually-hidden">
                    {' '}
                    : <bdi>{a.title}</bdi>
                  </span>
                </summary>
                <form method="post" action={`${base}/actions/${a.id}/corriger`}>
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="kind" value={a.kind} />
                  {(['title', 'carrier', 'partners', 'due'] as const).map((k) => (
                    <div class="field">
                      <label for={`a${k}-${a.id}`}>{t(k === 'title' ? 'forum.action.title' : `forum.action.${k}`)}</label>
                      <input id={`a${k}-${a.id}`} type="text" name={k} value={a[k]} required={k === 'title'} dir="auto" />
                    </div>
                  ))}
                  <button type="submit" class="button-small">
                    {t('forum.admin.save')}
                  </button>
                </form>
                <form method="post" action={`${base}/actions/${a.id}/porteur`}>
                  <Csrf ctx={ctx} />
                  <div class="field">
                    <label for={`ao-${a.id}`}>{t('forum.moderation.owner')}</label>
                    <select id={`ao-${a.id}`} name="participant">
                      <option value="">{t('forum.moderation.noOwner')}</option>
                      {props.people.map((p) => (
                        <option value={p.id}>{p.organisation ? `${p.name} (${p.organisation})` : p.name}</option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" class="button-small button-secondary">
                    {t('forum.moderation.assign')}
                  </button>
                </form>
              </details>
            </li>
          ))}
        </ul>
        <HiddenList ctx={ctx} heading={t('forum.moderation.hiddenActions')} items={props.hiddenActions} action={(id) => `${base}/actions/${id}/masquer`} />
      </section>

      <section aria-labelledby="mod-comments">
        <h2 id="mod-comments">{t('forum.moderation.comments', { n: props.comments.length })}</h2>
        {props.comments.length === 0 && <p>{t('forum.moderation.noComments')}</p>}
        <ul class="forum-mod-list">
          {props.comments.map((cm) => (
            <li class={cm.hidden_at ? 'card is-hidden' : 'card'} id={`comment-${cm.id}`}>
              <p>
                <strong>
                  <bdi>{cm.author}</bdi>
                </strong>{' '}
                ({<bdi>{cm.theme_title}</bdi>}, {formatTime(cm.created_at, ctx.lang)}){cm.hidden_at ? ` · ${t('forum.moderation.hidden')}` : ''}
              </p>
              <p class="forum-prewrap" dir="auto">
                {cm.body}
              </p>
              <Toggle
                ctx={ctx}
                action={`${base}/commentaires/${cm.id}/masquer`}
                hidden={!!cm.hidden_at}
                label={cm.hidden_at ? t('forum.moderation.restore') : t('forum.moderation.hide')}
                title={cm.author}
              />
              {!cm.hidden_at && (
                <details>
                  <summary>{t('forum.moderation.editComment')}</summary>
                  <form method="post" action={`${base}/commentaires/${cm.id}`}>
                    <Csrf ctx={ctx} />
                    <div class="field">
                      <label for={`cb-${cm.id}`}>{t('forum.moderation.commentText')}</label>
                      <textarea id={`cb-${cm.id}`} name="body" rows={3} required dir="auto">
                        {cm.body}
                      </textarea>
                    </div>
                    <button type="submit" class="button-small">
                      {t('forum.admin.save')}
                    </button>
                  </form>
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="mod-history">
        <h2 id="mod-history">{t('forum.moderation.history')}</h2>
        {props.corrections.length === 0 ? (
          <p>{t('forum.moderation.noHistory')}</p>
        ) : (
          <div class="table-wrap" tabindex={0} role="region" aria-labelledby="mod-history">
            <table>
              <caption class="visually-hidden">{t('forum.moderation.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('forum.moderation.when')}</th>
                  <th scope="col">{t('forum.moderation.who')}</th>
                  <th scope="col">{t('forum.moderation.what')}</th>
                  <th scope="col">{t('forum.moderation.before')}</th>
                  <th scope="col">{t('forum.moderation.after')}</th>
                </tr>
              </thead>
              <tbody>
                {props.corrections.map((c) => (
                  <tr>
                    <td>{formatTime(c.at, ctx.lang)}</td>
                    <td>
                      <bdi>{c.by_name}</bdi>
                    </td>
                    <td>{t(`forum.moderation.change.${c.item_kind}.${c.change}`)}</td>
                    <td class="forum-prewrap" dir="auto">
                      {c.before_text}
                    </td>
                    <td class="forum-prewrap" dir="auto">
                      {c.change === 'hide' || c.change === 'restore' || c.change === 'remove' ? '' : c.after_text}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

/** Hidden themes or actions, each with the button that shows it again. */
function HiddenList({ ctx, heading, items, action }: { ctx: ViewContext; heading: string; items: Array<{ id: string; title: string }>; action: (id: string) => string }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{heading}</h3>
      <ul>
        {items.map((item) => (
          <li>
            <bdi>{item.title}</bdi> <Toggle ctx={ctx} action={action(item.id)} hidden={true} label={ctx.t('forum.moderation.restore')} title={item.title} />
          </li>
        ))}
      </ul>
    </>
  );
}
