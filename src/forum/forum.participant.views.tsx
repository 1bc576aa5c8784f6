import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import type { ActionView, ForumSummary, ThemeCard, WallState } from './forum.read.ts';
import { CellSelect, ForumHeader, PhaseSteps, slotText } from './forum.ui.tsx';

export function JoinPage({
  ctx,
  forum,
  errors,
  values,
  registrationLinkInvalid,
}: {
  ctx: ViewContext;
  forum: ForumSummary;
  errors?: FieldErrors;
  values?: FormValues;
  registrationLinkInvalid?: boolean;
}) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.join.title', { title: forum.title }) }}>
      <h1>{ctx.t('forum.join.title', { title: forum.title })}</h1>
      <p class="forum-question">« {forum.question} »</p>
      {registrationLinkInvalid && <p class="notice">{ctx.t('forum.join.registrationInvalid')}</p>}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/forums/${forum.slug}/participer`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="code" label={ctx.t('forum.join.code')} hint={ctx.t('forum.join.codeHint')} errors={errors} value={values?.code} required autocomplete="off" />
        <Field ctx={ctx} name="name" label={ctx.t('forum.join.name')} errors={errors} value={values?.name} required autocomplete="name" />
        <Field ctx={ctx} name="organisation" label={ctx.t('forum.join.organisation')} hint={ctx.t('forum.optional')} errors={errors} value={values?.organisation} autocomplete="organization" />
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

export function ParticipantPage({ ctx, m, errors, values, notice }: { ctx: ViewContext; m: ParticipantModel; errors?: FieldErrors; values?: FormValues; notice?: string }) {
  const f = m.state.forum;
  const base = `/forums/${f.slug}`;
  const mineOnly = (t: ThemeCard) => t.convenerIds.includes(m.me.id);
  const usedVotes = [...m.votes.values()].reduce((a, b) => a + b, 0);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.participant.title', { title: f.title }), scripts: ['/static/forum/participant.js'] }}>
      <div
        id="forum-live"
        data-stream={`${base}/flux`}
        data-slug={f.slug}
        data-phase={f.phase}
        data-labels={JSON.stringify({ offline: ctx.t('forum.wall.offline'), newThemes: ctx.t('forum.participant.newThemes', { n: '{n}' }) })}
      >
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
              <Field ctx={ctx} name="title" label={ctx.t('forum.propose.themeTitle')} errors={errors} value={values?.title} required />
              <Field ctx={ctx} name="description" label={ctx.t('forum.propose.description')} hint={ctx.t('forum.optional')} errors={errors} value={values?.description} />
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
