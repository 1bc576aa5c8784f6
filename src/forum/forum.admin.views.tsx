import { Layout } from '../platform/layout/layout.tsx';
import { CloseWarning } from './forum.closing.views.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { ACTION_STATUSES, PHASES } from './forum.tables.ts';
import type { ActionView, ClusterView, ForumListItem, WallState } from './forum.read.ts';
import { AgendaGrid, CellSelect, PhaseBadge, PhaseSteps, StatusBadge, slotText } from './forum.ui.tsx';
import { RoomControls } from './forum.room.views.tsx';
import { AdminNav, LocalAddressWarning } from './forum.print.views.tsx';

export function AdminListPage({ ctx, forums, errors, values }: { ctx: ViewContext; forums: ForumListItem[]; errors?: FieldErrors; values?: FormValues }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.admin.title') }}>
      <h1>{ctx.t('forum.admin.title')}</h1>
      <ul>
        {forums.map((f) => (
          <li>
            <a href={`/admin/forums/${f.id}`}>{f.title}</a> — {f.date} · <PhaseBadge ctx={ctx} phase={f.phase} />
          </li>
        ))}
      </ul>
      <h2>{ctx.t('forum.admin.create')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/forums" class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="title" label={ctx.t('forum.form.title')} errors={errors} value={values?.title} required />
        <Field ctx={ctx} name="slug" label={ctx.t('forum.form.slugLabel')} hint={ctx.t('forum.form.slugHint')} errors={errors} value={values?.slug} required />
        <Field ctx={ctx} name="question" label={ctx.t('forum.question')} errors={errors} value={values?.question} required />
        <Field ctx={ctx} name="place" label={ctx.t('forum.form.place')} errors={errors} value={values?.place} required />
        <Field ctx={ctx} name="starts_on" type="date" label={ctx.t('forum.form.date')} errors={errors} value={values?.starts_on} required />
        <Field ctx={ctx} name="event" label={ctx.t('forum.form.event')} hint={ctx.t('forum.form.eventHint')} errors={errors} value={values?.event} />
        <Field ctx={ctx} name="slots" textarea label={ctx.t('forum.form.slotsLabel')} hint={ctx.t('forum.form.slotsHint')} errors={errors} value={values?.slots} required />
        <Field ctx={ctx} name="spaces" textarea label={ctx.t('forum.form.spacesLabel')} hint={ctx.t('forum.form.spacesHint')} errors={errors} value={values?.spaces} required />
        <Field ctx={ctx} name="votes" type="number" label={ctx.t('forum.form.votes')} errors={errors} value={values?.votes ?? '5'} />
        <button type="submit">{ctx.t('forum.admin.createSubmit')}</button>
      </form>
    </Layout>
  );
}

export function AdminForumPage(props: {
  ctx: ViewContext;
  state: WallState;
  actions: ActionView[];
  clusters: ClusterView[];
  joinUrl: string;
  /** Reports being written, warned about before closing (0032). */
  writing?: Array<{ id: string; title: string }>;
  notice?: string;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { ctx, state, actions } = props;
  const f = state.forum;
  const base = `/admin/forums/${f.id}`;
  const index = PHASES.indexOf(f.phase);
  const next = PHASES[index + 1];
  const prev = PHASES[index - 1];
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.admin.manageTitle', { title: f.title }), scripts: ['/static/forum/agenda.js', '/static/forum/admin.js'] }}>
      <AdminNav ctx={ctx} id={f.id} slug={f.slug} current="dashboard" />
      <h1>{ctx.t('forum.admin.manageTitle', { title: f.title })}</h1>
      <p class="forum-question">
        « <bdi>{f.question}</bdi> »
      </p>
      <LocalAddressWarning ctx={ctx} url={props.joinUrl} />
      {props.notice && (
        <p class="notice" role="alert">
          {props.notice}
        </p>
      )}
      <section aria-labelledby="phase-title">
        <h2 id="phase-title">{ctx.t('forum.phases')}</h2>
        <PhaseSteps ctx={ctx} phase={f.phase} />
        <p>
          {ctx.t('forum.join.code')} : <strong class="forum-code-inline">{f.joinCode}</strong>
        </p>
        <div class="actions">
          {prev && (
            <form method="post" action={`${base}/phase`} class="inline-form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="from" value={f.phase} />
              <input type="hidden" name="to" value={prev} />
              <button type="submit" class="button-secondary">
                {ctx.t('forum.phase.back', { phase: ctx.t(`forum.phase.${prev}`) })}
              </button>
            </form>
          )}
          {next && (
            <form method="post" action={`${base}/phase`} class="inline-form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="from" value={f.phase} />
              <input type="hidden" name="to" value={next} />
              {next === 'closed' && <CloseWarning ctx={ctx} writing={props.writing ?? []} />}
              <button type="submit">{ctx.t('forum.phase.next', { phase: ctx.t(`forum.phase.${next}`) })}</button>
            </form>
          )}
        </div>
      </section>
      <div id="dashboard-live" data-stream={`/forums/${f.slug}/flux`} data-fragment={`${base}/direct`}>
        <DashboardLive ctx={ctx} state={state} />
      </div>
      <RoomControls ctx={ctx} base={base} room={f.room} defaultLabel={currentSlotLabel(ctx, state)} />
      <section aria-labelledby="behalf-title">
        <h2 id="behalf-title">{ctx.t('forum.admin.behalf')}</h2>
        <ErrorSummary ctx={ctx} errors={props.errors} />
        <form method="post" action={`${base}/themes`} class="form-card" novalidate>
          <Csrf ctx={ctx} />
          <Field ctx={ctx} name="title" label={ctx.t('forum.propose.themeTitle')} errors={props.errors} value={props.values?.title} required />
          <Field ctx={ctx} name="description" label={ctx.t('forum.propose.description')} errors={props.errors} value={props.values?.description} />
          <Field ctx={ctx} name="convener" label={ctx.t('forum.admin.convener')} hint={ctx.t('forum.admin.convenerHint')} errors={props.errors} value={props.values?.convener} />
          <button type="submit">{ctx.t('forum.propose.submit')}</button>
        </form>
      </section>
      <section aria-labelledby="agenda-title" id="agenda" data-forum={f.id}>
        <h2 id="agenda-title">{ctx.t('forum.grid.title')}</h2>
        <p class="hint">{ctx.t('forum.admin.dragHint')}</p>
        <form method="post" action={`${base}/placement-auto`} class="actions">
          <Csrf ctx={ctx} />
          <button type="submit">{ctx.t('forum.place.auto')}</button>
        </form>
        <AgendaGrid ctx={ctx} state={state} id="admin-grid" />
      </section>
      <section aria-labelledby="themes-title">
        <h2 id="themes-title">{ctx.t('forum.themes.title', { n: state.themes.length })}</h2>
        <ul class="forum-theme-list">
          {state.themes.map((t) => (
            <li class="card forum-theme" data-theme={t.id} draggable>
              <h3>
                <bdi>{t.title}</bdi>
              </h3>
              <span class="muted small">
                {t.conveners.length > 0 && (
                  <>
                    <bdi>{t.conveners.join(', ')}</bdi> ·{' '}
                  </>
                )}
                {ctx.t('forum.interest.count', { n: t.interest })} · {ctx.t('forum.size', { n: t.size })}
              </span>
              <form method="post" action={`${base}/themes/${t.id}/placer`} class="forum-place-form">
                <Csrf ctx={ctx} />
                <label for={`cell-${t.id}`}>{ctx.t('forum.place.labelFor', { title: t.title })}</label>
                <CellSelect ctx={ctx} state={state} theme={t} id={`cell-${t.id}`} />
                <button type="submit" class="button-small">
                  {ctx.t('forum.place.submit')}
                  <span class="visually-hidden"> : {t.title}</span>
                </button>
              </form>
              <details>
                <summary>{ctx.t('forum.admin.editTheme')}</summary>
                <form method="post" action={`${base}/themes/${t.id}`}>
                  <Csrf ctx={ctx} />
                  <div class="field">
                    <label for={`title-${t.id}`}>{ctx.t('forum.propose.themeTitle')}</label>
                    <input id={`title-${t.id}`} type="text" name="title" value={t.title} dir="auto" />
                  </div>
                  <div class="field">
                    <label for={`desc-${t.id}`}>{ctx.t('forum.propose.description')}</label>
                    <textarea id={`desc-${t.id}`} name="description" dir="auto">
                      {t.description}
                    </textarea>
                  </div>
                  <button type="submit" class="button-small">
                    {ctx.t('forum.admin.save')}
                  </button>
                </form>
              </details>
            </li>
          ))}
        </ul>
        {state.themes.length > 1 && (
          <form method="post" action={`${base}/fusion`} class="form-card">
            <Csrf ctx={ctx} />
            <h3>{ctx.t('forum.merge.title')}</h3>
            <div class="field">
              <label for="merge-from">{ctx.t('forum.merge.from')}</label>
              <select id="merge-from" name="from">
                {state.themes.map((t) => (
                  <option value={t.id}>{t.title}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="merge-into">{ctx.t('forum.merge.into')}</label>
              <select id="merge-into" name="into">
                {state.themes.map((t) => (
                  <option value={t.id}>{t.title}</option>
                ))}
              </select>
            </div>
            <button type="submit">{ctx.t('forum.merge.submit')}</button>
          </form>
        )}
      </section>
      {(f.phase === 'convergence' || f.phase === 'closed') && (
        <section aria-labelledby="clusters-title">
          <h2 id="clusters-title">{ctx.t('forum.cluster.title')}</h2>
          {[...props.clusters, { id: '', name: '', initiator: '', nextSteps: '' }].map((c) => (
            <form method="post" action={c.id ? `${base}/clusters/${c.id}` : `${base}/clusters`} class="form-card">
              <Csrf ctx={ctx} />
              <h3>{c.id ? c.name : ctx.t('forum.cluster.new')}</h3>
              <div class="field">
                <label for={`cn-${c.id}`}>{ctx.t('forum.cluster.name')}</label>
                <input id={`cn-${c.id}`} type="text" name="name" value={c.name} />
              </div>
              <div class="field">
                <label for={`ci-${c.id}`}>{ctx.t('forum.cluster.initiator')}</label>
                <input id={`ci-${c.id}`} type="text" name="initiator" value={c.initiator} />
              </div>
              <div class="field">
                <label for={`cs-${c.id}`}>{ctx.t('forum.cluster.nextSteps')}</label>
                <textarea id={`cs-${c.id}`} name="next_steps">
                  {c.nextSteps}
                </textarea>
              </div>
              <fieldset>
                <legend>{ctx.t('forum.cluster.actions')}</legend>
                {actions.map((a) => (
                  <label class="checkbox">
                    <input type="checkbox" name="actions" value={a.id} checked={!!c.id && a.clusterId === c.id} />
                    {a.title} ({ctx.t('forum.vote.count', { n: a.votes })})
                  </label>
                ))}
              </fieldset>
              <button type="submit">{ctx.t('forum.admin.save')}</button>
            </form>
          ))}
        </section>
      )}
      {(f.phase === 'closed' || f.phase === 'followup') && (
        <section aria-labelledby="proceedings-title">
          <h2 id="proceedings-title">{ctx.t('forum.proceedings.heading')}</h2>
          <form method="post" action={`${base}/actes`}>
            <Csrf ctx={ctx} />
            <button type="submit">{f.proceedingsPublished ? ctx.t('forum.proceedings.regenerate') : ctx.t('forum.proceedings.publish')}</button>
          </form>
        </section>
      )}
      {actions.length > 0 && (f.phase === 'convergence' || f.phase === 'closed' || f.phase === 'followup') && (
        <section aria-labelledby="followup-title">
          <h2 id="followup-title">{ctx.t('forum.followup.title')}</h2>
          {actions.map((a) => (
            <form method="post" action={`${base}/actions/${a.id}/suivi`} class="form-card forum-followup-form">
              <Csrf ctx={ctx} />
              <h3>
                <bdi>{a.title}</bdi>
              </h3>
              <p class="muted small">
                <bdi>{a.themeTitle}</bdi> · <StatusBadge ctx={ctx} status={a.status} />
                {a.carried && (
                  <>
                    {' '}
                    · {ctx.t('forum.followup.carriedBy')} <bdi>{a.owner}</bdi>
                  </>
                )}
              </p>
              <div class="field">
                <label for={`st-${a.id}`}>{ctx.t('forum.action.status')}</label>
                <select id={`st-${a.id}`} name="status">
                  {ACTION_STATUSES.map((s) => (
                    <option value={s} selected={a.status === s}>
                      {ctx.t(`forum.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for={`ow-${a.id}`}>{ctx.t('forum.action.owner')}</label>
                <input id={`ow-${a.id}`} type="text" name="owner" value={a.owner} />
              </div>
              <div class="field">
                <label for={`up-${a.id}`}>{ctx.t('forum.action.update')}</label>
                <textarea id={`up-${a.id}`} name="body" />
              </div>
              <button type="submit" class="button-small">
                {ctx.t('forum.admin.save')}
              </button>
            </form>
          ))}
        </section>
      )}
    </Layout>
  );
}

/** The slot running now or next, as the timer's default label. */
function currentSlotLabel(ctx: ViewContext, state: WallState): string {
  const now = new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
  const slot = state.slots.find((s) => s.endsAt > now) ?? null;
  return slot ? ctx.t('forum.room.sessionLabel', { slot: slotText(slot, ctx) }) : '';
}

/**
 * The dashboard's live parts (0036): counts, the newest themes, the microphone queue and group
 * sizes. `admin.js` fetches them again on every change notice, as the wall does; only buttons
 * are inside (nothing typed), and a part holding the focus is left alone.
 */
export function DashboardLive({ ctx, state }: { ctx: ViewContext; state: WallState }) {
  const f = state.forum;
  const newest = [...state.themes].reverse().slice(0, 8);
  const placed = state.themes.filter((t) => t.slotId);
  return (
    <div class="forum-dashboard" id="dashboard-parts" data-live>
      <section aria-labelledby="live-title" class="forum-dashboard-figures">
        <h2 id="live-title">{ctx.t('forum.dashboard.title')}</h2>
        <ul class="forum-figures">
          <li>
            <strong id="dash-participants">{f.participants}</strong> {ctx.t('forum.figures.participants')}
          </li>
          <li>
            <strong id="dash-themes">{state.themes.length}</strong> {ctx.t('forum.dashboard.themes')}
          </li>
          <li>
            <strong>{f.groups}</strong> {ctx.t('forum.figures.groups')}
          </li>
          <li>
            <strong>{state.themes.reduce((n, t) => n + t.size, 0)}</strong> {ctx.t('forum.dashboard.inGroups')}
          </li>
        </ul>
      </section>
      <section aria-labelledby="newest-title">
        <h2 id="newest-title">{ctx.t('forum.dashboard.newest')}</h2>
        {newest.length === 0 ? (
          <p>{ctx.t('forum.themes.none')}</p>
        ) : (
          <ol id="dash-newest">
            {newest.map((t) => (
              <li>
                <bdi>{t.title}</bdi>
                {t.conveners.length > 0 && (
                  <span class="muted small">
                    {' '}
                    — <bdi>{t.conveners.join(', ')}</bdi>
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{ctx.t('forum.mic.queue')}</h2>
        {f.queue.length === 0 ? (
          <p>{ctx.t('forum.dashboard.queueEmpty')}</p>
        ) : (
          <ol id="dash-queue">
            {f.queue.map((q) => (
              <li>
                <bdi>{q.title}</bdi>{' '}
                <form method="post" action={`/admin/forums/${f.id}/themes/${q.id}/micro`} class="inline-form">
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-small button-secondary">
                    {ctx.t('forum.mic.done')}
                    <span class="visually-hidden">
                      {' '}
                      : <bdi>{q.title}</bdi>
                    </span>
                  </button>
                </form>
              </li>
            ))}
          </ol>
        )}
      </section>
      {placed.length > 0 && (
        <section aria-labelledby="sizes-title">
          <h2 id="sizes-title">{ctx.t('forum.dashboard.sizes')}</h2>
          <div class="table-wrap" tabindex={0} role="region" aria-labelledby="sizes-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('forum.export.col.theme')}</th>
                  <th scope="col">{ctx.t('forum.export.col.space')}</th>
                  <th scope="col">{ctx.t('forum.export.col.size')}</th>
                </tr>
              </thead>
              <tbody>
                {placed.map((t) => (
                  <tr>
                    <th scope="row">
                      <bdi>{t.title}</bdi>
                    </th>
                    <td>{state.spaces.find((s) => s.id === t.spaceId)?.name}</td>
                    <td>
                      {t.capacity ? `${t.size} / ${t.capacity}` : t.size}
                      {t.full && ` · ${ctx.t('forum.full')}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
