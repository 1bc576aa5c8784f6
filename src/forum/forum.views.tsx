import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatDateTime } from '../platform/format.ts';
import { ACTION_STATUSES, PHASES, type ForumPhase, type ReportSection } from './forum.tables.ts';
import type { ActionView, ForumSummary, ReportView, ThemeCard, WallState } from './forum.read.ts';
import type { ProceedingsModel } from './forum.read.ts';

type Errors = Record<string, string>;
type Values = Record<string, string>;

const dayText = (day: string, ctx: ViewContext) => formatDate(`${day}T12:00:00Z`, ctx.lang);
const hm = (t: string, ctx: ViewContext) => (ctx.lang === 'fr' ? t.replace(/^0?(\d+):00$/, '$1h').replace(/^0?(\d+):(\d\d)$/, '$1h$2') : t);
export const slotText = (s: { startsAt: string; endsAt: string }, ctx: ViewContext) => `${hm(s.startsAt, ctx)}–${hm(s.endsAt, ctx)}`;

function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

function Field(props: {
  ctx: ViewContext;
  name: string;
  label: string;
  hint?: string;
  errors?: Errors;
  values?: Values;
  type?: 'text' | 'date' | 'number';
  textarea?: boolean;
  required?: boolean;
  id?: string;
  autocomplete?: string;
}) {
  const id = props.id ?? `f-${props.name}`;
  const error = props.errors?.[props.name];
  const value = props.values?.[props.name] ?? '';
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.hint && (
          <span class="hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        )}
      </label>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {props.textarea ? (
        <textarea id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} required={props.required}>
          {value}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type={(props.type ?? 'text') as 'text'}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          required={props.required}
          autocomplete={props.autocomplete}
        />
      )}
    </div>
  );
}

function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors?: Errors }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{ctx.t('form.errors.title')}</h2>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li>{field === '_' ? message : <a href={`#f-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export function PhaseBadge({ ctx, phase }: { ctx: ViewContext; phase: ForumPhase }) {
  return <span class={`badge forum-phase forum-phase-${phase}`}>{ctx.t(`forum.phase.${phase}`)}</span>;
}

function PhaseSteps({ ctx, phase }: { ctx: ViewContext; phase: ForumPhase }) {
  const current = PHASES.indexOf(phase);
  return (
    <ol class="forum-steps" aria-label={ctx.t('forum.phases')}>
      {PHASES.map((p, i) => (
        <li class={i === current ? 'is-current' : i < current ? 'is-done' : ''} aria-current={i === current ? 'step' : undefined}>
          {ctx.t(`forum.phase.${p}`)}
        </li>
      ))}
    </ol>
  );
}

/** The agenda wall as a table: slots down, spaces across. Used by the forum page, the wall and the facilitator. */
export function AgendaGrid({ ctx, state, linkThemes, id }: { ctx: ViewContext; state: WallState; linkThemes?: boolean; id?: string }) {
  const days = new Set(state.slots.map((s) => s.day)).size > 1;
  return (
    <div class="table-wrap forum-grid-wrap">
      <table class="forum-grid" id={id}>
        <caption class="visually-hidden">{ctx.t('forum.grid.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('forum.grid.slot')}</th>
            {state.spaces.map((s) => (
              <th scope="col" data-space={s.id}>
                {s.name}
                <span class="forum-capacity">{ctx.t('forum.grid.capacity', { n: s.capacity })}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.slots.map((slot) => (
            <tr>
              <th scope="row">
                {days && <span class="forum-day">{dayText(slot.day, ctx)}</span>}
                {slotText(slot, ctx)}
              </th>
              {state.spaces.map((space) => {
                const theme = state.themes.find((t) => t.slotId === slot.id && t.spaceId === space.id);
                return (
                  <td data-cell={`${slot.id}|${space.id}`} class={theme ? 'forum-cell is-taken' : 'forum-cell'}>
                    {theme && <GridTheme ctx={ctx} theme={theme} link={linkThemes} slug={state.forum.slug} />}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GridTheme({ ctx, theme, link, slug }: { ctx: ViewContext; theme: ThemeCard; link?: boolean; slug: string }) {
  return (
    <div class="forum-grid-theme" data-theme={theme.id}>
      <strong class="forum-theme-title">{link ? <a href={`/forums/${slug}/themes/${theme.id}`}>{theme.title}</a> : theme.title}</strong>
      {theme.conveners.length > 0 && <span class="forum-conveners">{theme.conveners.join(', ')}</span>}
      <span class="forum-size">
        {ctx.t('forum.size', { n: theme.size })}
        {theme.full && <span class="badge badge-full forum-full"> ⚑ {ctx.t('forum.full')}</span>}
      </span>
    </div>
  );
}

export interface ForumListItem {
  slug: string;
  title: string;
  question: string;
  date: string;
  place: string;
  phase: ForumPhase;
  past: boolean;
}

export function ForumListPage({ ctx, forums }: { ctx: ViewContext; forums: ForumListItem[] }) {
  const upcoming = forums.filter((f) => !f.past);
  const past = forums.filter((f) => f.past);
  const list = (items: ForumListItem[]) => (
    <ul class="cards">
      {items.map((f) => (
        <li class="card">
          <span class="card-kind">{ctx.t('forum.kind')}</span>
          <h3>
            <a href={`/forums/${f.slug}`}>{f.title}</a>
          </h3>
          <span class="card-date">
            {f.date} · {f.place}
          </span>
          <p>« {f.question} »</p>
          <span>
            <PhaseBadge ctx={ctx} phase={f.phase} />
          </span>
        </li>
      ))}
    </ul>
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

function ForumHeader({ ctx, forum }: { ctx: ViewContext; forum: ForumSummary }) {
  return (
    <header class="forum-header">
      <p class="card-kind">{ctx.t('forum.kind')}</p>
      <h1>{forum.title}</h1>
      <p class="forum-question">
        <span class="visually-hidden">{ctx.t('forum.question')} : </span>« {forum.question} »
      </p>
      <p>
        {dayText(forum.startsOn, ctx)} · {forum.place} · <PhaseBadge ctx={ctx} phase={forum.phase} />
      </p>
    </header>
  );
}

export function StatusBadge({ ctx, status }: { ctx: ViewContext; status: string }) {
  return <span class={`badge forum-status forum-status-${status}`}>{ctx.t(`forum.status.${status}`)}</span>;
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
          <ul class="cards">
            {state.themes.map((t) => (
              <li class="card">
                <h3>
                  <a href={`/forums/${f.slug}/themes/${t.id}`}>{t.title}</a>
                </h3>
                {t.conveners.length > 0 && (
                  <span class="muted small">
                    {ctx.t('forum.theme.conveners')} : {t.conveners.join(', ')}
                  </span>
                )}
                <p class="forum-clamp">{t.report.keyPoints || t.description}</p>
              </li>
            ))}
          </ul>
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
                      <td>{a.owner || a.carrier}</td>
                      <td>
                        <StatusBadge ctx={ctx} status={a.status} />
                      </td>
                      <td>{last ? `${formatDate(last.at, ctx.lang)} — ${last.body}` : '—'}</td>
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

export function JoinPage({ ctx, forum, errors, values, registrationLinkInvalid }: { ctx: ViewContext; forum: ForumSummary; errors?: Errors; values?: Values; registrationLinkInvalid?: boolean }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.join.title', { title: forum.title }) }}>
      <h1>{ctx.t('forum.join.title', { title: forum.title })}</h1>
      <p class="forum-question">« {forum.question} »</p>
      {registrationLinkInvalid && <p class="notice">{ctx.t('forum.join.registrationInvalid')}</p>}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/forums/${forum.slug}/participer`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="code" label={ctx.t('forum.join.code')} hint={ctx.t('forum.join.codeHint')} errors={errors} values={values} required autocomplete="off" />
        <Field ctx={ctx} name="name" label={ctx.t('forum.join.name')} errors={errors} values={values} required autocomplete="name" />
        <Field ctx={ctx} name="organisation" label={ctx.t('forum.join.organisation')} hint={ctx.t('forum.optional')} errors={errors} values={values} autocomplete="organization" />
        <button type="submit">{ctx.t('forum.join.submit')}</button>
      </form>
      <p class="muted small">{ctx.t('forum.join.privacy')}</p>
    </Layout>
  );
}

export interface ParticipantModel {
  state: WallState;
  me: { id: string; name: string };
  interests: Set<string>;
  group: string | null;
  votes: Map<string, number>;
  actions: ActionView[];
  facilitator: boolean;
}

function CellSelect({ ctx, state, theme, name = 'cell', id }: { ctx: ViewContext; state: WallState; theme: ThemeCard; name?: string; id: string }) {
  const taken = new Set(state.themes.filter((t) => t.slotId && t.id !== theme.id).map((t) => `${t.slotId}|${t.spaceId}`));
  const current = theme.slotId ? `${theme.slotId}|${theme.spaceId}` : '';
  return (
    <select name={name} id={id}>
      <option value="">{ctx.t('forum.place.none')}</option>
      {state.slots.map((slot) => (
        <optgroup label={slotText(slot, ctx)}>
          {state.spaces.map((space) => {
            const key = `${slot.id}|${space.id}`;
            return (
              <option value={key} selected={key === current} disabled={taken.has(key)}>
                {slotText(slot, ctx)} · {space.name}
                {taken.has(key) ? ` (${ctx.t('forum.place.taken')})` : ''}
              </option>
            );
          })}
        </optgroup>
      ))}
    </select>
  );
}

export function ParticipantPage({ ctx, m, errors, values, notice }: { ctx: ViewContext; m: ParticipantModel; errors?: Errors; values?: Values; notice?: string }) {
  const f = m.state.forum;
  const base = `/forums/${f.slug}`;
  const mineOnly = (t: ThemeCard) => t.convenerIds.includes(m.me.id);
  const usedVotes = [...m.votes.values()].reduce((a, b) => a + b, 0);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.participant.title', { title: f.title }), scripts: ['/static/forum/participant.js'] }}>
      <div id="forum-live" data-stream={`${base}/flux`} data-slug={f.slug} data-phase={f.phase}>
        <ForumHeader ctx={ctx} forum={f} />
        <p>{ctx.t('forum.participant.hello', { name: m.me.name })}</p>
        <PhaseSteps ctx={ctx} phase={f.phase} />
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        <p class="forum-live-status muted small" role="status" aria-live="polite" id="forum-live-status" />
        {f.phase === 'preparation' && <p class="notice">{ctx.t('forum.participant.preparation')}</p>}
        {f.phase === 'marketplace' && (
          <section aria-labelledby="propose">
            <h2 id="propose">{ctx.t('forum.propose.title')}</h2>
            <ErrorSummary ctx={ctx} errors={errors} />
            <form method="post" action={`${base}/themes`} class="form-card" novalidate>
              <Csrf ctx={ctx} />
              <Field ctx={ctx} name="title" label={ctx.t('forum.propose.themeTitle')} errors={errors} values={values} required />
              <Field ctx={ctx} name="description" label={ctx.t('forum.propose.description')} hint={ctx.t('forum.optional')} errors={errors} values={values} />
              <label class="checkbox">
                <input type="checkbox" name="queue" value="1" checked={values?.queue === '1'} />
                {ctx.t('forum.propose.queue')}
              </label>
              <button type="submit">{ctx.t('forum.propose.submit')}</button>
            </form>
          </section>
        )}
        {f.phase === 'convergence' && <p class="notice">{ctx.t('forum.vote.left', { n: f.votesPerPerson - usedVotes, total: f.votesPerPerson })}</p>}
        <section aria-labelledby="themes">
          <h2 id="themes">{ctx.t('forum.themes.title', { n: m.state.themes.length })}</h2>
          {m.state.themes.length === 0 && <p>{ctx.t('forum.themes.none')}</p>}
          <ul class="forum-theme-list" id="forum-theme-list">
            {m.state.themes.map((t) => {
              const slot = m.state.slots.find((s) => s.id === t.slotId);
              const space = m.state.spaces.find((s) => s.id === t.spaceId);
              const inGroup = m.group === t.id;
              return (
                <li class="card forum-theme" data-theme={t.id}>
                  <h3>
                    <a href={`${base}/themes/${t.id}`}>{t.title}</a>
                  </h3>
                  {t.description && <p class="forum-clamp">{t.description}</p>}
                  <span class="muted small">
                    {t.conveners.length > 0 && `${ctx.t('forum.theme.conveners')} : ${t.conveners.join(', ')} · `}
                    {slot && space ? `${slotText(slot, ctx)} · ${space.name} · ` : ''}
                    {ctx.t('forum.interest.count', { n: t.interest })} · {ctx.t('forum.size', { n: t.size })}
                    {t.full && ` · ⚑ ${ctx.t('forum.full')}`}
                  </span>
                  <div class="actions card-actions">
                    {f.phase === 'marketplace' && (
                      <form method="post" action={`${base}/themes/${t.id}/interet`} class="inline-form">
                        <Csrf ctx={ctx} />
                        <button type="submit" class="button-small button-secondary" aria-pressed={m.interests.has(t.id) ? 'true' : 'false'}>
                          {m.interests.has(t.id) ? ctx.t('forum.interest.remove') : ctx.t('forum.interest.add')}
                        </button>
                      </form>
                    )}
                    {f.phase === 'marketplace' && mineOnly(t) && (
                      <form method="post" action={`${base}/themes/${t.id}/micro`} class="inline-form">
                        <Csrf ctx={ctx} />
                        <input type="hidden" name="queued" value={t.queued ? '0' : '1'} />
                        <button type="submit" class="button-small button-secondary">
                          {t.queued ? ctx.t('forum.mic.leave') : ctx.t('forum.mic.join')}
                        </button>
                      </form>
                    )}
                    {(f.phase === 'marketplace' || f.phase === 'sessions') && mineOnly(t) && (
                      <form method="post" action={`${base}/themes/${t.id}/placer`} class="inline-form forum-place-form">
                        <Csrf ctx={ctx} />
                        <label for={`cell-${t.id}`}>{ctx.t('forum.place.label')}</label>
                        <CellSelect ctx={ctx} state={m.state} theme={t} id={`cell-${t.id}`} />
                        <button type="submit" class="button-small">
                          {ctx.t('forum.place.submit')}
                        </button>
                      </form>
                    )}
                    {f.phase === 'sessions' && (
                      <form method="post" action={inGroup ? `${base}/groupe/quitter` : `${base}/themes/${t.id}/rejoindre`} class="inline-form">
                        <Csrf ctx={ctx} />
                        <button type="submit" class={inGroup ? 'button-small button-secondary' : 'button-small'}>
                          {inGroup ? ctx.t('forum.group.leave') : ctx.t('forum.group.join')}
                        </button>
                      </form>
                    )}
                    {inGroup && <strong>{ctx.t('forum.group.youAreHere')}</strong>}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
        {f.phase === 'convergence' && (
          <section aria-labelledby="vote">
            <h2 id="vote">{ctx.t('forum.vote.title')}</h2>
            <ul class="forum-vote-list">
              {m.actions.map((a) => (
                <li class="card">
                  <strong>{a.title}</strong>
                  <span class="muted small">
                    {a.kind === 'proposal' ? ctx.t('forum.action.kind.proposal') : ctx.t('forum.action.kind.action')} · {a.themeTitle} · {ctx.t('forum.vote.count', { n: a.votes })}
                  </span>
                  <div class="actions">
                    <form method="post" action={`${base}/votes`} class="inline-form">
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="action" value={a.id} />
                      <button type="submit" class="button-small">
                        {ctx.t('forum.vote.add')}
                        <span class="visually-hidden"> : {a.title}</span>
                      </button>
                    </form>
                    {(m.votes.get(a.id) ?? 0) > 0 && (
                      <form method="post" action={`${base}/votes`} class="inline-form">
                        <Csrf ctx={ctx} />
                        <input type="hidden" name="action" value={a.id} />
                        <input type="hidden" name="remove" value="1" />
                        <button type="submit" class="button-small button-secondary">
                          {ctx.t('forum.vote.remove', { n: m.votes.get(a.id) ?? 0 })}
                          <span class="visually-hidden"> : {a.title}</span>
                        </button>
                      </form>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        <p>
          <a href={`${base}/mur`}>{ctx.t('forum.wall.open')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface ConflictModel {
  section: ReportSection;
  mine: string;
  theirs: string;
  theirsBy: string | null;
  version: number;
}

export function ThemePage(props: {
  ctx: ViewContext;
  forum: ForumSummary;
  theme: ThemeCard;
  where: string;
  report: ReportView;
  canWrite: boolean;
  canComment: boolean;
  conflict?: ConflictModel;
  errors?: Errors;
  values?: Values;
  saved?: boolean;
}) {
  const { ctx, forum, theme, report, conflict } = props;
  const base = `/forums/${forum.slug}/themes/${theme.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: theme.title, scripts: props.canWrite ? ['/static/forum/report.js'] : [] }}>
      <p>
        <a href={`/forums/${forum.slug}`}>← {forum.title}</a>
      </p>
      <h1>{theme.title}</h1>
      {theme.description && <p class="lead forum-prewrap">{theme.description}</p>}
      <p class="muted">
        {[theme.conveners.length ? `${ctx.t('forum.theme.conveners')} : ${theme.conveners.join(', ')}` : '', props.where, ctx.t('forum.size', { n: theme.size })].filter(Boolean).join(' · ')}
      </p>
      {props.saved && (
        <p class="flash" role="status">
          {ctx.t('forum.report.saved')}
        </p>
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
      <section aria-labelledby="report-title" id="report" data-theme={theme.id} data-forum={forum.slug}>
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
          return (
            <div class="forum-section">
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
                    {isConflict ? conflict!.mine : s.body}
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
            <Field ctx={ctx} name="title" label={ctx.t('forum.action.title')} errors={props.errors} values={props.values} required />
            <Field ctx={ctx} name="carrier" label={ctx.t('forum.action.carrier')} errors={props.errors} values={props.values} />
            <Field ctx={ctx} name="partners" label={ctx.t('forum.action.partners')} errors={props.errors} values={props.values} />
            <Field ctx={ctx} name="due" label={ctx.t('forum.action.due')} hint={ctx.t('forum.action.dueHint')} errors={props.errors} values={props.values} />
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
            <div class="field">
              <label for="f-comment">{ctx.t('forum.comment.label')}</label>
              <textarea id="f-comment" name="body" required />
            </div>
            <button type="submit">{ctx.t('forum.comment.submit')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}

/** The projector view: large type, high contrast, icons and words besides colour. */
export function WallPage({ ctx, state, qrSvg, joinUrl }: { ctx: ViewContext; state: WallState; qrSvg: string; joinUrl: string }) {
  const f = state.forum;
  const labels = {
    full: ctx.t('forum.full'),
    size: ctx.t('forum.size', { n: '{n}' }),
    interest: ctx.t('forum.interest.count', { n: '{n}' }),
    votes: ctx.t('forum.vote.count', { n: '{n}' }),
    live: ctx.t('forum.wall.live'),
    offline: ctx.t('forum.wall.offline'),
    noReport: ctx.t('forum.wall.noReport'),
    phase: Object.fromEntries(PHASES.map((p) => [p, ctx.t(`forum.phase.${p}`)])),
  };
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('forum.wall.title', { title: f.title }),
        bare: true,
        bodyClass: 'forum-wall-body',
        scripts: ['/static/forum/wall.js'],
        head: (
          <noscript>
            <meta http-equiv="refresh" content="20" />
          </noscript>
        ),
      }}
    >
      <main id="contenu" class="forum-wall" data-stream={`/forums/${f.slug}/flux`} data-labels={JSON.stringify(labels)} data-slug={f.slug}>
        <header class="forum-wall-head">
          <div>
            <h1>« {f.question} »</h1>
            <p class="forum-wall-meta">
              {f.title} · <span id="wall-phase">{ctx.t(`forum.phase.${f.phase}`)}</span> · <span id="wall-stats">{ctx.t('forum.wall.stats', { participants: f.participants, groups: f.groups })}</span>
            </p>
            <p class="forum-wall-status" role="status" aria-live="polite" id="wall-status">
              <a href={`/forums/${f.slug}/mur`}>{ctx.t('forum.wall.reload')}</a>
            </p>
          </div>
          <aside class="forum-wall-join" aria-labelledby="wall-join" hidden={f.phase === 'closed' || f.phase === 'followup'}>
            <h2 id="wall-join">{ctx.t('forum.wall.join')}</h2>
            <p class="forum-join-code">
              <span class="visually-hidden">{ctx.t('forum.join.code')} : </span>
              <span id="wall-code">{f.joinCode}</span>
            </p>
            <p class="forum-join-url">{joinUrl}</p>
            <img class="forum-qr" src={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`} alt={ctx.t('forum.wall.qrAlt', { url: joinUrl })} width={180} height={180} />
          </aside>
        </header>
        <section aria-labelledby="wall-queue-title" class="forum-wall-queue" hidden={f.queue.length === 0 || f.phase !== 'marketplace'} id="wall-queue-section">
          <h2 id="wall-queue-title">{ctx.t('forum.mic.queue')}</h2>
          <ol id="wall-queue">
            {f.queue.map((q) => (
              <li>{q.title}</li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="wall-grid-title">
          <h2 id="wall-grid-title">{ctx.t('forum.grid.title')}</h2>
          <AgendaGrid ctx={ctx} state={state} id="wall-grid" />
        </section>
        <section aria-labelledby="wall-themes-title">
          <h2 id="wall-themes-title">{ctx.t('forum.wall.themes')}</h2>
          <ul class="forum-wall-themes" id="wall-themes">
            {state.themes.map((t) => (
              <WallThemeCard ctx={ctx} theme={t} />
            ))}
          </ul>
        </section>
        <section aria-labelledby="wall-ranking-title" hidden={f.ranking.length === 0} id="wall-ranking-section">
          <h2 id="wall-ranking-title">{ctx.t('forum.proceedings.vote')}</h2>
          <ol id="wall-ranking" class="forum-wall-ranking">
            {f.ranking.map((r) => (
              <li>
                <strong>{r.label}</strong> — {ctx.t('forum.vote.count', { n: r.votes })}
                {r.initiator && ` · ${r.initiator}`}
              </li>
            ))}
          </ol>
        </section>
      </main>
    </Layout>
  );
}

export function WallThemeCard({ ctx, theme }: { ctx: ViewContext; theme: ThemeCard }) {
  return (
    <li class="forum-wall-theme" data-theme={theme.id}>
      <h3>{theme.title}</h3>
      <p class="forum-wall-theme-meta">
        {theme.conveners.join(', ')}
        {theme.conveners.length > 0 && ' · '}
        {ctx.t('forum.size', { n: theme.size })} · {ctx.t('forum.interest.count', { n: theme.interest })}
        {theme.full && <strong class="forum-full"> · ⚑ {ctx.t('forum.full')}</strong>}
      </p>
      {theme.report.filled ? (
        <div class="forum-wall-report">
          {theme.report.keyPoints && <p>{theme.report.keyPoints}</p>}
          {theme.report.proposals && <p>{theme.report.proposals}</p>}
          {theme.report.actions.length > 0 && (
            <ul>
              {theme.report.actions.map((a) => (
                <li>→ {a}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p class="forum-wall-empty">{ctx.t('forum.wall.noReport')}</p>
      )}
    </li>
  );
}

export function ProceedingsPage({ ctx, slug, m }: { ctx: ViewContext; slug: string; m: ProceedingsModel }) {
  return (
    <Layout ctx={ctx} meta={{ title: m.labels.title, canonical: `/forums/${slug}/actes` }}>
      <p>
        <a href={`/forums/${slug}`}>← {m.forum.title}</a> · <a href={`/forums/${slug}/actes.pdf`}>{ctx.t('forum.proceedings.pdf')}</a>
      </p>
      <h1>{m.labels.title}</h1>
      <p class="forum-question">« {m.forum.question} »</p>
      <p>
        {m.forum.date} · {m.forum.place}
      </p>
      <h2>{m.labels.figures}</h2>
      <dl class="forum-figures-dl">
        {m.figures.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </>
        ))}
      </dl>
      <h2>{m.labels.grid}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{m.labels.grid}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('forum.grid.slot')}</th>
              {m.grid.spaces.map((s) => (
                <th scope="col">{s}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.grid.slots.map((slot, i) => (
              <tr>
                <th scope="row">{slot}</th>
                {m.grid.cells[i].map((c) => (
                  <td>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{m.labels.reports}</h2>
      {m.reports.map((r, i) => (
        <article class="forum-proceedings-report" aria-labelledby={`r-${r.id}`}>
          <h3 id={`r-${r.id}`}>
            {i + 1}. {r.title}
          </h3>
          <p class="muted">{[r.where, r.conveners.length ? `${m.labels.conveners} : ${r.conveners.join(', ')}` : '', r.size ? ctx.t('forum.size', { n: r.size }) : ''].filter(Boolean).join(' · ')}</p>
          {r.sections.length === 0 && r.actions.length === 0 && <p class="muted">{m.labels.empty}</p>}
          {r.sections.map((s) => (
            <>
              <h4>{s.label}</h4>
              <p class="forum-prewrap">{s.body}</p>
            </>
          ))}
          {r.actions.length > 0 && (
            <>
              <h4>{m.labels.actionPlan}</h4>
              <ul>
                {r.actions.map((a) => (
                  <li>
                    {a.kind === 'proposal' && `[${m.labels.proposal}] `}
                    {a.title}
                    {[a.carrier && ` — ${m.labels.carrier} : ${a.carrier}`, a.partners && ` ; ${m.labels.partners} : ${a.partners}`, a.due && ` ; ${m.labels.due} : ${a.due}`].filter(Boolean).join('')}
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.comments.length > 0 && (
            <>
              <h4>{m.labels.comments}</h4>
              <ul>
                {r.comments.map((c) => (
                  <li>
                    <strong>{c.author}</strong> : {c.body}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
      {m.ranking.length > 0 && (
        <>
          <h2>{m.labels.vote}</h2>
          <ol>
            {m.ranking.map((r) => (
              <li>
                <strong>{r.label}</strong> — {r.votes} {m.labels.votes}
                {r.initiator && (
                  <>
                    {' '}
                    · {m.labels.initiator} : {r.initiator}
                  </>
                )}
                {r.items.length > 0 && (
                  <ul>
                    {r.items.map((x) => (
                      <li>{x}</li>
                    ))}
                  </ul>
                )}
                {r.nextSteps && (
                  <p>
                    {m.labels.nextSteps} : {r.nextSteps}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}

// ---- facilitator ------------------------------------------------------------

export function AdminListPage({ ctx, forums, errors, values }: { ctx: ViewContext; forums: ForumListItem[] & { id?: string }[]; errors?: Errors; values?: Values }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.admin.title') }}>
      <h1>{ctx.t('forum.admin.title')}</h1>
      <ul>
        {(forums as Array<ForumListItem & { id: string }>).map((f) => (
          <li>
            <a href={`/admin/forums/${f.id}`}>{f.title}</a> — {f.date} · <PhaseBadge ctx={ctx} phase={f.phase} />
          </li>
        ))}
      </ul>
      <h2>{ctx.t('forum.admin.create')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/forums" class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="title" label={ctx.t('forum.form.title')} errors={errors} values={values} required />
        <Field ctx={ctx} name="slug" label={ctx.t('forum.form.slugLabel')} hint={ctx.t('forum.form.slugHint')} errors={errors} values={values} required />
        <Field ctx={ctx} name="question" label={ctx.t('forum.question')} errors={errors} values={values} required />
        <Field ctx={ctx} name="place" label={ctx.t('forum.form.place')} errors={errors} values={values} required />
        <Field ctx={ctx} name="starts_on" type="date" label={ctx.t('forum.form.date')} errors={errors} values={values} required />
        <Field ctx={ctx} name="event" label={ctx.t('forum.form.event')} hint={ctx.t('forum.form.eventHint')} errors={errors} values={values} />
        <Field ctx={ctx} name="slots" textarea label={ctx.t('forum.form.slotsLabel')} hint={ctx.t('forum.form.slotsHint')} errors={errors} values={values} required />
        <Field ctx={ctx} name="spaces" textarea label={ctx.t('forum.form.spacesLabel')} hint={ctx.t('forum.form.spacesHint')} errors={errors} values={values} required />
        <Field ctx={ctx} name="votes" type="number" label={ctx.t('forum.form.votes')} errors={errors} values={values ?? { votes: '5' }} />
        <button type="submit">{ctx.t('forum.admin.createSubmit')}</button>
      </form>
    </Layout>
  );
}

export function AdminForumPage(props: {
  ctx: ViewContext;
  state: WallState;
  actions: ActionView[];
  clusters: Array<{ id: string; name: string; initiator: string; next_steps: string }>;
  notice?: string;
  errors?: Errors;
  values?: Values;
}) {
  const { ctx, state, actions } = props;
  const f = state.forum;
  const base = `/admin/forums/${f.id}`;
  const index = PHASES.indexOf(f.phase);
  const next = PHASES[index + 1];
  const prev = PHASES[index - 1];
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.admin.manageTitle', { title: f.title }), scripts: ['/static/forum/agenda.js'] }}>
      <p>
        <a href="/admin/forums">← {ctx.t('forum.admin.title')}</a> · <a href={`/forums/${f.slug}`}>{ctx.t('forum.admin.public')}</a> · <a href={`/forums/${f.slug}/mur`}>{ctx.t('forum.wall.open')}</a>
      </p>
      <h1>{ctx.t('forum.admin.manageTitle', { title: f.title })}</h1>
      <p class="forum-question">« {f.question} »</p>
      {props.notice && (
        <p class="notice" role="alert">
          {props.notice}
        </p>
      )}
      <section aria-labelledby="phase-title">
        <h2 id="phase-title">{ctx.t('forum.phases')}</h2>
        <PhaseSteps ctx={ctx} phase={f.phase} />
        <p>
          {ctx.t('forum.join.code')} : <strong class="forum-code-inline">{f.joinCode}</strong> · {ctx.t('forum.wall.stats', { participants: f.participants, groups: f.groups })}
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
              <button type="submit">{ctx.t('forum.phase.next', { phase: ctx.t(`forum.phase.${next}`) })}</button>
            </form>
          )}
        </div>
      </section>
      <section aria-labelledby="behalf-title">
        <h2 id="behalf-title">{ctx.t('forum.admin.behalf')}</h2>
        <ErrorSummary ctx={ctx} errors={props.errors} />
        <form method="post" action={`${base}/themes`} class="form-card" novalidate>
          <Csrf ctx={ctx} />
          <Field ctx={ctx} name="title" label={ctx.t('forum.propose.themeTitle')} errors={props.errors} values={props.values} required />
          <Field ctx={ctx} name="description" label={ctx.t('forum.propose.description')} errors={props.errors} values={props.values} />
          <Field ctx={ctx} name="convener" label={ctx.t('forum.admin.convener')} hint={ctx.t('forum.admin.convenerHint')} errors={props.errors} values={props.values} />
          <button type="submit">{ctx.t('forum.propose.submit')}</button>
        </form>
      </section>
      {f.queue.length > 0 && (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{ctx.t('forum.mic.queue')}</h2>
          <ol>
            {f.queue.map((q) => (
              <li>
                {q.title}{' '}
                <form method="post" action={`${base}/themes/${q.id}/micro`} class="inline-form">
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-small button-secondary">
                    {ctx.t('forum.mic.done')}
                    <span class="visually-hidden"> : {q.title}</span>
                  </button>
                </form>
              </li>
            ))}
          </ol>
        </section>
      )}
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
              <h3>{t.title}</h3>
              <span class="muted small">
                {t.conveners.join(', ')} · {ctx.t('forum.interest.count', { n: t.interest })} · {ctx.t('forum.size', { n: t.size })}
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
                    <input id={`title-${t.id}`} name="title" value={t.title} />
                  </div>
                  <div class="field">
                    <label for={`desc-${t.id}`}>{ctx.t('forum.propose.description')}</label>
                    <textarea id={`desc-${t.id}`} name="description">
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
          {[...props.clusters, { id: '', name: '', initiator: '', next_steps: '' }].map((c) => (
            <form method="post" action={c.id ? `${base}/clusters/${c.id}` : `${base}/clusters`} class="form-card">
              <Csrf ctx={ctx} />
              <h3>{c.id ? c.name : ctx.t('forum.cluster.new')}</h3>
              <div class="field">
                <label for={`cn-${c.id}`}>{ctx.t('forum.cluster.name')}</label>
                <input id={`cn-${c.id}`} name="name" value={c.name} />
              </div>
              <div class="field">
                <label for={`ci-${c.id}`}>{ctx.t('forum.cluster.initiator')}</label>
                <input id={`ci-${c.id}`} name="initiator" value={c.initiator} />
              </div>
              <div class="field">
                <label for={`cs-${c.id}`}>{ctx.t('forum.cluster.nextSteps')}</label>
                <textarea id={`cs-${c.id}`} name="next_steps">
                  {c.next_steps}
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
              <h3>{a.title}</h3>
              <p class="muted small">
                {a.themeTitle} · <StatusBadge ctx={ctx} status={a.status} />
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
                <input id={`ow-${a.id}`} name="owner" value={a.owner} />
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
