import { Layout } from '../platform/layout/layout.tsx';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate } from '../platform/format.ts';
import type { ActionView, ForumListItem, WallState } from './forum.read.ts';
import { AgendaGrid, ForumHeader, PhaseBadge, PhaseSteps, StatusBadge } from './forum.ui.tsx';
import { CarrierCell } from './forum.followup.views.tsx';

export function ForumListPage({ ctx, forums }: { ctx: ViewContext; forums: ForumListItem[] }) {
  const upcoming = forums.filter((f) => !f.past);
  const past = forums.filter((f) => f.past);
  const list = (items: ForumListItem[]) => (
    <CardGrid>
      {items.map((f) => (
        <Card
          href={`/forums/${f.slug}`}
          title={f.title}
          kicker={ctx.t('forum.kind')}
          meta={
            <p class="card-date">
              {f.date} · {f.place}
            </p>
          }
        >
          <p>« {f.question} »</p>
          <p>
            <PhaseBadge ctx={ctx} phase={f.phase} />
          </p>
        </Card>
      ))}
    </CardGrid>
  );
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.list.title'), canonical: '/forums' }}>
      <h1>{ctx.t('forum.list.title')}</h1>
      <p class="lead">{ctx.t('forum.list.intro')}</p>
      <h2>{ctx.t('forum.list.upcoming')}</h2>
      {upcoming.length ? list(upcoming) : <p>{ctx.t('forum.list.none')}</p>}
      <h2>{ctx.t('forum.list.past')}</h2>
      {past.length ? list(past) : <p>{ctx.t('forum.list.none')}</p>}
    </Layout>
  );
}

export function ForumPage(props: { ctx: ViewContext; state: WallState; actions: ActionView[]; participant: { name: string } | null; facilitator: boolean; facilitators: string[] }) {
  const { ctx, state, actions } = props;
  const f = state.forum;
  const done = actions.filter((a) => a.status === 'done').length;
  const started = actions.filter((a) => a.status === 'started').length;
  const live = f.phase !== 'closed' && f.phase !== 'followup';
  return (
    <Layout ctx={ctx} meta={{ title: f.title, description: f.question, canonical: `/forums/${f.slug}` }}>
      <ForumHeader ctx={ctx} forum={f} />
      <PhaseSteps ctx={ctx} phase={f.phase} />
      <p class="actions">
        {live && (
          <a class="button" href={`/forums/${f.slug}/participer`}>
            {props.participant ? ctx.t('forum.continue', { name: props.participant.name }) : ctx.t('forum.join.cta')}
          </a>
        )}
        <a class="button button-secondary" href={`/forums/${f.slug}/mur`}>
          {ctx.t('forum.wall.open')}
        </a>
        {f.proceedingsPublished && (
          <>
            <a class="button button-secondary" href={`/forums/${f.slug}/actes`}>
              {ctx.t('forum.proceedings.html')}
            </a>
            <a class="button button-secondary" href={`/forums/${f.slug}/actes.pdf`}>
              {ctx.t('forum.proceedings.pdf')}
            </a>
          </>
        )}
        {props.facilitator && <a href={`/admin/forums/${f.id}`}>{ctx.t('forum.admin.manage')}</a>}
      </p>
      {live && f.phase !== 'preparation' && (
        <p class="notice">
          {ctx.t('forum.join.codeShown')} <strong class="forum-code-inline">{f.joinCode}</strong>
        </p>
      )}
      {props.facilitators.length > 0 && (
        <p class="muted">
          {ctx.t('forum.facilitators')} : {props.facilitators.join(', ')}
        </p>
      )}
      <section aria-labelledby="forum-figures">
        <h2 id="forum-figures">{ctx.t('forum.figures.title')}</h2>
        <ul class="forum-figures">
          <li>
            <strong>{f.participants}</strong> {ctx.t('forum.figures.participants')}
          </li>
          <li>
            <strong>{f.groups}</strong> {ctx.t('forum.figures.groups')}
          </li>
          <li>
            <strong>{actions.length}</strong> {ctx.t('forum.figures.actions')}
          </li>
        </ul>
      </section>
      <section aria-labelledby="forum-agenda">
        <h2 id="forum-agenda">{ctx.t('forum.grid.title')}</h2>
        <AgendaGrid ctx={ctx} state={state} linkThemes />
      </section>
      <section aria-labelledby="forum-themes">
        <h2 id="forum-themes">{ctx.t('forum.themes.title', { n: state.themes.length })}</h2>
        {state.themes.length === 0 ? (
          <p>{ctx.t('forum.themes.none')}</p>
        ) : (
          <CardGrid>
            {state.themes.map((t) => (
              <Card
                href={`/forums/${f.slug}/themes/${t.id}`}
                title={t.title}
                meta={
                  t.conveners.length > 0 && (
                    <p class="muted small">
                      {ctx.t('forum.theme.conveners')} : {t.conveners.join(', ')}
                    </p>
                  )
                }
              >
                <p class="forum-clamp">{t.report.keyPoints || t.description}</p>
              </Card>
            ))}
          </CardGrid>
        )}
      </section>
      {actions.length > 0 && (
        <section aria-labelledby="forum-followup">
          <h2 id="forum-followup">{ctx.t('forum.followup.title')}</h2>
          <p>{ctx.t('forum.followup.progress', { done, started, total: actions.length })}</p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{ctx.t('forum.followup.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('forum.action.title')}</th>
                  <th scope="col">{ctx.t('forum.action.carrier')}</th>
                  <th scope="col">{ctx.t('forum.action.status')}</th>
                  <th scope="col">{ctx.t('forum.action.lastUpdate')}</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => {
                  const last = a.updates[a.updates.length - 1];
                  return (
                    <tr id={`action-${a.id}`}>
                      <td>
                        {a.title}
                        <span class="hint">{a.themeTitle}</span>
                      </td>
                      <td>
                        <CarrierCell ctx={ctx} action={a} slug={f.slug} />
                      </td>
                      <td>
                        <StatusBadge ctx={ctx} status={a.status} />
                      </td>
                      <td>
                        {last ? (
                          <>
                            {formatDate(last.at, ctx.lang)}
                            {last.body && (
                              <>
                                {' — '}
                                <span dir="auto">{last.body}</span>
                              </>
                            )}
                          </>
                        ) : (
                          <span class="muted">{ctx.t('forum.followup.noNews')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Layout>
  );
}
