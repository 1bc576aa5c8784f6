import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { PHASES } from './forum.tables.ts';
import type { ActionView, ForumSummary, ThemeCard, WallState } from './forum.read.ts';
import { CellSelect, slotText } from './forum.ui.tsx';
import { slotTimes } from './forum.wall.pages.ts';
import { RoomBanner } from './forum.room.views.tsx';

const PHONE_CSS = <link rel="stylesheet" href="/static/forum/participant.css" />;

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
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.join.title', { title: forum.title }), compact: true, head: PHONE_CSS }}>
      <h1>{ctx.t('forum.join.title', { title: forum.title })}</h1>
      <p class="forum-question" dir="auto">
        « {forum.question} »
      </p>
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
  /** For "now / next" during the sessions. */
  now: Date;
}

/** The answer to a tap, shown next to what was tapped: `on` is that element's id. */
export interface ParticipantNote {
  on: string;
  key: string;
  params?: Record<string, string | number>;
  refused: boolean;
}

/**
 * The answer's place in a card: always there (empty when there is nothing to say), so that the
 * page's script only changes its text and screen readers hear it. Without JavaScript a refusal
 * takes the focus, which brings it on screen.
 */
function Note({ ctx, id, note, left }: { ctx: ViewContext; id: string; note?: ParticipantNote; left: number }) {
  const mine = note?.on === id ? note : undefined;
  return (
    <p
      class={mine ? `forum-note ${mine.refused ? 'is-refused' : 'is-done'}` : 'forum-note'}
      id={`note-${id}`}
      role="status"
      data-swap-text={id === 'top' ? true : undefined}
      tabindex={mine?.refused ? -1 : undefined}
      autofocus={mine?.refused || undefined}
    >
      {mine && ctx.t(mine.key, { n: left, ...mine.params })}
    </p>
  );
}

/** A swappable piece of the phone page: the script replaces its body and leaves its answer's region in place. */
function Swap({ id, section, cls, children, note }: { id: string; section?: string; cls?: string; children: ComponentChildren; note: ComponentChildren }) {
  const inner = (
    <>
      <div class="forum-swap-body">{children}</div>
      {note}
    </>
  );
  return section ? (
    <section id={id} class={cls} aria-labelledby={section} data-swap>
      {inner}
    </section>
  ) : (
    <li id={id} class={cls} data-swap>
      {inner}
    </li>
  );
}

export function ParticipantPage({ ctx, m, errors, values, note }: { ctx: ViewContext; m: ParticipantModel; errors?: FieldErrors; values?: FormValues; note?: ParticipantNote }) {
  const f = m.state.forum;
  const base = `/forums/${f.slug}`;
  const usedVotes = [...m.votes.values()].reduce((a, b) => a + b, 0);
  const left = Math.max(0, f.votesPerPerson - usedVotes);
  const step = PHASES.indexOf(f.phase) + 1;
  const themes = m.state.themes;
  // An answer about something this phase does not show (a proposal once the marketplace closed) goes at the top.
  const anchors = new Set([...(f.phase === 'marketplace' ? ['propose'] : []), ...themes.map((t) => `theme-${t.id}`), ...(f.phase === 'convergence' ? m.actions.map((a) => `action-${a.id}`) : [])]);
  const topNote = note && !anchors.has(note.on) ? { ...note, on: 'top' } : undefined;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('forum.participant.title', { title: f.title }), scripts: ['/static/forum/participant.js'], compact: true, head: PHONE_CSS }}>
      <div
        id="forum-live"
        data-stream={`${base}/flux`}
        data-slug={f.slug}
        data-phase={f.phase}
        data-labels={JSON.stringify({
          offline: ctx.t('forum.wall.offline'),
          newThemes: ctx.t('forum.participant.newThemes', { n: '{n}' }),
          sending: ctx.t('forum.report.live.sending'),
          failed: ctx.t('forum.note.failed'),
          queued: ctx.t('forum.note.proposalQueued'),
          queuedSent: ctx.t('forum.note.proposalSent'),
        })}
      >
        <header class="phone-head">
          <h1>
            <a href={base} dir="auto">
              {f.title}
            </a>
          </h1>
          <p class="phone-me">
            {ctx.t('forum.participant.hello', { name: m.me.name })}{' '}
            <strong class="phone-step">{ctx.t('forum.participant.step', { n: step, total: PHASES.length, phase: ctx.t(`forum.phase.${f.phase}`) })}</strong>
          </p>
        </header>
        <RoomBanner ctx={ctx} room={f.room} slug={f.slug} />
        <p class="forum-live-status muted small" role="status" aria-live="polite" id="forum-live-status" />
        <Note ctx={ctx} id="top" note={topNote} left={left} />
        {f.phase === 'preparation' && <p class="notice">{ctx.t('forum.participant.preparation')}</p>}
        {f.phase === 'marketplace' && <ProposeForm ctx={ctx} base={base} errors={errors} values={values} note={note} left={left} count={themes.length} />}
        {f.phase === 'sessions' && <NowNext ctx={ctx} m={m} base={base} />}
        {f.phase === 'convergence' && <VoteSection ctx={ctx} m={m} base={base} left={left} note={note} />}
        <section aria-labelledby="themes" class="phone-themes">
          <h2 id="themes">{ctx.t('forum.themes.title', { n: themes.length })}</h2>
          {themes.length === 0 && <p>{ctx.t('forum.themes.none')}</p>}
          <ul class="forum-theme-list" id="forum-theme-list" data-swap-list>
            {themes.map((t) => (
              <ThemeItem ctx={ctx} m={m} t={t} base={base} note={note} left={left} />
            ))}
          </ul>
        </section>
        <p>
          <a href={`${base}/mur`}>{ctx.t('forum.wall.open')}</a>
        </p>
      </div>
    </Layout>
  );
}

function ProposeForm(props: { ctx: ViewContext; base: string; errors?: FieldErrors; values?: FormValues; note?: ParticipantNote; left: number; count: number }) {
  const { ctx, errors, values } = props;
  return (
    <Swap id="propose" section="propose-title" cls="phone-propose" note={<Note ctx={ctx} id="propose" note={props.note} left={props.left} />}>
      <h2 id="propose-title">{ctx.t('forum.propose.title')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`${props.base}/themes`} class="form-card" novalidate data-queue-offline>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="title" label={ctx.t('forum.propose.themeTitle')} errors={errors} value={values?.title} required />
        <Field ctx={ctx} name="description" label={ctx.t('forum.propose.description')} hint={ctx.t('forum.optional')} errors={errors} value={values?.description} />
        <label class="checkbox">
          <input type="checkbox" name="queue" value="1" checked={values?.queue === '1'} />
          {ctx.t('forum.propose.queue')}
        </label>
        <button type="submit" id="propose-submit">
          {ctx.t('forum.propose.submit')}
        </button>
      </form>
      {props.count > 0 && (
        <p>
          <a href="#themes">{ctx.t('forum.participant.toThemes', { n: props.count })}</a>
        </p>
      )}
    </Swap>
  );
}

/** During the sessions: where I am now, what comes next, and my own programme, before the list. */
function NowNext({ ctx, m, base }: { ctx: ViewContext; m: ParticipantModel; base: string }) {
  const { slots, spaces, themes } = m.state;
  const when = slotTimes(slots, m.now);
  const nowIndex = when.indexOf('now');
  const nextIndex = when.indexOf('next');
  const group = themes.find((t) => t.id === m.group);
  const where = (t: ThemeCard) => {
    const slot = slots.find((s) => s.id === t.slotId);
    const space = spaces.find((s) => s.id === t.spaceId);
    return slot && space ? `${slotText(slot, ctx)} · ${space.name}` : '';
  };
  const mine = themes.filter((t) => t.slotId && (t.convenerIds.includes(m.me.id) || m.interests.has(t.id) || t.id === m.group));
  const line = (i: number) => {
    const slot = slots[i];
    const inSlot = themes.filter((t) => t.slotId === slot.id);
    const pick = inSlot.filter((t) => mine.includes(t));
    return (
      <p>
        <strong>
          {ctx.t(`forum.wall.when.${when[i]}`)} · {slotText(slot, ctx)}
        </strong>{' '}
        {pick.length > 0
          ? pick.map((t, k) => (
              <>
                {k > 0 && ' · '}
                <a href={`#theme-${t.id}`} dir="auto">
                  {t.title}
                </a>
              </>
            ))
          : ctx.t('forum.participant.groupsInSlot', { n: inSlot.length })}
      </p>
    );
  };
  return (
    <section aria-labelledby="now-title" id="now" class="phone-now" data-swap>
      <h2 id="now-title">{ctx.t('forum.participant.now')}</h2>
      {group ? (
        <p class="phone-group">
          {ctx.t('forum.participant.inGroup')}{' '}
          <a href={`${base}/themes/${group.id}`} dir="auto">
            {group.title}
          </a>{' '}
          <span class="muted">{where(group)}</span>
        </p>
      ) : (
        <p>{ctx.t('forum.participant.noGroup')}</p>
      )}
      {nowIndex >= 0 && line(nowIndex)}
      {nextIndex >= 0 && line(nextIndex)}
      {mine.length > 0 && (
        <>
          <h3>{ctx.t('forum.participant.mySessions')}</h3>
          <ul class="phone-mine">
            {mine.map((t) => (
              <li>
                <a href={`#theme-${t.id}`} dir="auto">
                  {t.title}
                </a>{' '}
                <span class="muted small">{where(t)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function VoteSection({ ctx, m, base, left, note }: { ctx: ViewContext; m: ParticipantModel; base: string; left: number; note?: ParticipantNote }) {
  const total = m.state.forum.votesPerPerson;
  return (
    <section aria-labelledby="vote" class="phone-vote">
      <h2 id="vote">{ctx.t('forum.vote.title')}</h2>
      <p class={left === 0 ? 'notice phone-left is-empty' : 'notice phone-left'} id="votes-left" data-swap-text>
        {ctx.t('forum.vote.left', { n: left, total })}
        {left === 0 && ` ${ctx.t('forum.vote.noneLeft')}`}
      </p>
      <ul class="forum-vote-list" id="forum-vote-list">
        {m.actions.map((a) => {
          const mine = m.votes.get(a.id) ?? 0;
          return (
            <Swap id={`action-${a.id}`} cls="card" note={<Note ctx={ctx} id={`action-${a.id}`} note={note} left={left} />}>
              <strong dir="auto">{a.title}</strong>
              <span class="muted small">
                {a.kind === 'proposal' ? ctx.t('forum.action.kind.proposal') : ctx.t('forum.action.kind.action')} · <bdi>{a.themeTitle}</bdi> · {ctx.t('forum.vote.count', { n: a.votes })}
                {mine > 0 && ` · ${ctx.t('forum.vote.mine', { n: mine })}`}
              </span>
              <div class="actions">
                <form method="post" action={`${base}/votes`} class="inline-form">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="action" value={a.id} />
                  <button type="submit" class="button-small" id={`vote-${a.id}`} disabled={left === 0}>
                    {ctx.t('forum.vote.add')}
                    <span class="visually-hidden"> : {a.title}</span>
                  </button>
                </form>
                {mine > 0 && (
                  <form method="post" action={`${base}/votes`} class="inline-form">
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="action" value={a.id} />
                    <input type="hidden" name="remove" value="1" />
                    <button type="submit" class="button-small button-secondary" id={`unvote-${a.id}`}>
                      {ctx.t('forum.vote.remove', { n: mine })}
                      <span class="visually-hidden"> : {a.title}</span>
                    </button>
                  </form>
                )}
              </div>
            </Swap>
          );
        })}
      </ul>
    </section>
  );
}

function ThemeItem({ ctx, m, t, base, note, left }: { ctx: ViewContext; m: ParticipantModel; t: ThemeCard; base: string; note?: ParticipantNote; left: number }) {
  const phase = m.state.forum.phase;
  const slot = m.state.slots.find((s) => s.id === t.slotId);
  const space = m.state.spaces.find((s) => s.id === t.spaceId);
  const inGroup = m.group === t.id;
  const convener = t.convenerIds.includes(m.me.id);
  const id = `theme-${t.id}`;
  return (
    <Swap id={id} cls={inGroup ? 'card forum-theme is-mine' : 'card forum-theme'} note={<Note ctx={ctx} id={id} note={note} left={left} />}>
      <h3 dir="auto">
        <a href={`${base}/themes/${t.id}`}>{t.title}</a>
      </h3>
      {t.description && (
        <p class="forum-clamp" dir="auto">
          {t.description}
        </p>
      )}
      <span class="muted small">
        {t.conveners.length > 0 && (
          <>
            {ctx.t('forum.theme.conveners')} : <bdi>{t.conveners.join(', ')}</bdi> ·{' '}
          </>
        )}
        {slot && space && (
          <>
            {slotText(slot, ctx)} · <bdi>{space.name}</bdi> ·{' '}
          </>
        )}
        {ctx.t('forum.interest.count', { n: t.interest })} · {ctx.t('forum.size', { n: t.size })}
        {t.full && <strong class="forum-full"> · ⚑ {ctx.t('forum.full')}</strong>}
      </span>
      <div class="actions card-actions">
        {phase === 'marketplace' && (
          <form method="post" action={`${base}/themes/${t.id}/interet`} class="inline-form">
            <Csrf ctx={ctx} />
            <button type="submit" class="button-small button-secondary" id={`interest-${t.id}`} aria-pressed={m.interests.has(t.id) ? 'true' : 'false'}>
              {m.interests.has(t.id) ? ctx.t('forum.interest.remove') : ctx.t('forum.interest.add')}
            </button>
          </form>
        )}
        {phase === 'marketplace' && convener && (
          <form method="post" action={`${base}/themes/${t.id}/micro`} class="inline-form">
            <Csrf ctx={ctx} />
            <input type="hidden" name="queued" value={t.queued ? '0' : '1'} />
            <button type="submit" class="button-small button-secondary" id={`mic-${t.id}`}>
              {t.queued ? ctx.t('forum.mic.leave') : ctx.t('forum.mic.join')}
            </button>
          </form>
        )}
        {(phase === 'marketplace' || phase === 'sessions') && convener && (
          <form method="post" action={`${base}/themes/${t.id}/placer`} class="inline-form forum-place-form">
            <Csrf ctx={ctx} />
            <label for={`cell-${t.id}`}>{ctx.t('forum.place.label')}</label>
            <CellSelect ctx={ctx} state={m.state} theme={t} id={`cell-${t.id}`} />
            <button type="submit" class="button-small" id={`place-${t.id}`}>
              {ctx.t('forum.place.submit')}
            </button>
          </form>
        )}
        {phase === 'sessions' && (
          <form method="post" action={inGroup ? `${base}/groupe/quitter` : `${base}/themes/${t.id}/rejoindre`} class="inline-form">
            <Csrf ctx={ctx} />
            {inGroup && <input type="hidden" name="theme" value={t.id} />}
            <button type="submit" class={inGroup ? 'button-small button-secondary' : 'button-small'} id={`group-${t.id}`}>
              {inGroup ? ctx.t('forum.group.leave') : ctx.t('forum.group.join')}
            </button>
          </form>
        )}
        {inGroup && <strong>{ctx.t('forum.group.youAreHere')}</strong>}
      </div>
    </Swap>
  );
}
