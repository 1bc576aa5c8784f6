import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { ThemeCard, WallState } from './forum.read.ts';
import { dayText, slotText } from './forum.ui.tsx';
import type { Part, WallScreen } from './forum.wall.pages.ts';
import { RoomBanner } from './forum.room.views.tsx';

/** Seconds each screen stays up when the wall has several. */
export const WALL_ROTATE_SECONDS = 15;

export interface WallProps {
  ctx: ViewContext;
  state: WallState;
  qrSvg: string;
  joinUrl: string;
  screens: WallScreen[];
  /** The screen shown first (0-based): `?ecran=` without JavaScript. */
  current: number;
}

/** The projector view: one screen at a time, never scrolled; large type, black on white, words and symbols besides colour. */
export function WallPage(props: WallProps) {
  const { ctx, state, screens, current } = props;
  const f = state.forum;
  const next = screens.length > 1 ? `/forums/${f.slug}/mur?ecran=${((current + 1) % screens.length) + 1}` : '';
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('forum.wall.title', { title: f.title }),
        bare: true,
        bodyClass: 'forum-wall-body',
        scripts: ['/static/forum/wall.js'],
        head: (
          <>
            <link rel="stylesheet" href="/static/forum/wall.css" />
            <noscript>
              {/* Without JavaScript the screens turn by reloading the next one; the agenda is fresh on each. */}
              <meta http-equiv="refresh" content={next ? `${WALL_ROTATE_SECONDS}; url=${next}` : '20'} />
            </noscript>
          </>
        ),
      }}
    >
      <main
        id="contenu"
        class={`forum-wall forum-wall-${f.phase}`}
        data-stream={`/forums/${f.slug}/flux`}
        data-fragment={`/forums/${f.slug}/mur/direct`}
        data-rotate={String(WALL_ROTATE_SECONDS)}
        data-labels={JSON.stringify({
          live: ctx.t('forum.wall.live'),
          offline: ctx.t('forum.wall.offline'),
          pause: ctx.t('forum.wall.pause'),
          play: ctx.t('forum.wall.play'),
        })}
      >
        <WallBody {...props} />
      </main>
    </Layout>
  );
}

/**
 * The wall itself, drawn here only (decision 0020). The page shows it, and when a change notice
 * arrives the wall's script fetches it again (`/mur/direct`) and swaps the parts marked
 * `data-live` whose markup changed. Every screen is in the markup; the script shows one at a time.
 */
export function WallBody({ ctx, state, qrSvg, joinUrl, screens, current }: WallProps) {
  const f = state.forum;
  const join = f.phase !== 'closed' && f.phase !== 'followup';
  const qr = `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`;
  const base = `/forums/${f.slug}/mur`;
  return (
    <>
      <header class="wall-head" id="wall-head" data-live>
        <div class="wall-title">
          <h1 class="wall-question" dir="auto">
            « {f.question} »
          </h1>
          <p class="wall-meta" id="wall-meta">
            <span dir="auto">{f.title}</span> · <strong id="wall-phase">{ctx.t(`forum.phase.${f.phase}`)}</strong> ·{' '}
            <span id="wall-stats">{ctx.t('forum.wall.stats', { participants: f.participants, groups: f.groups })}</span>
          </p>
          <RoomBanner ctx={ctx} room={f.room} slug={f.slug} wall />
        </div>
        {join && (
          <aside class="wall-join" aria-labelledby="wall-join">
            <div>
              <h2 id="wall-join">{ctx.t('forum.wall.join')}</h2>
              <p class="wall-code">
                <span class="visually-hidden">{ctx.t('forum.join.code')} : </span>
                <span id="wall-code">{f.joinCode}</span>
              </p>
              <p class="wall-url">{joinUrl}</p>
            </div>
            <img class="wall-qr" src={qr} alt={ctx.t('forum.wall.qrAlt', { url: joinUrl })} width={180} height={180} />
          </aside>
        )}
      </header>
      <div class="wall-screens" id="wall-screens" data-live>
        {screens.map((s, i) => (
          <section class={`wall-screen wall-screen-${s.kind}`} data-key={s.key} hidden={i !== current} aria-labelledby={`screen-${s.key}`}>
            <Screen ctx={ctx} state={state} screen={s} qr={qr} joinUrl={joinUrl} />
          </section>
        ))}
      </div>
      <footer class="wall-foot">
        <p class="wall-status" role="status" aria-live="polite" id="wall-status">
          <a href={base}>{ctx.t('forum.wall.reload')}</a>
        </p>
        <MicQueue ctx={ctx} state={state} />
        <nav class="wall-pager" aria-label={ctx.t('forum.wall.screens')} id="wall-pager" data-live hidden={screens.length < 2}>
          <a href={`${base}?ecran=${((current - 1 + screens.length) % Math.max(screens.length, 1)) + 1}`} data-step="-1">
            <span aria-hidden="true">‹ </span>
            {ctx.t('forum.wall.prevScreen')}
          </a>
          <span class="wall-pager-n" id="wall-pager-n" data-template={ctx.t('forum.wall.screenOf', { n: '{n}', total: screens.length })}>
            {ctx.t('forum.wall.screenOf', { n: current + 1, total: screens.length })}
          </span>
          <a href={`${base}?ecran=${((current + 1) % Math.max(screens.length, 1)) + 1}`} data-step="1">
            {ctx.t('forum.wall.nextScreen')}
            <span aria-hidden="true"> ›</span>
          </a>
          <button type="button" class="wall-pause" id="wall-pause" hidden>
            {ctx.t('forum.wall.pause')}
          </button>
        </nav>
      </footer>
    </>
  );
}

/** The microphone queue of the marketplace: the next three names, and how many wait after them. */
function MicQueue({ ctx, state }: { ctx: ViewContext; state: WallState }) {
  const queue = state.forum.phase === 'marketplace' ? state.forum.queue : [];
  return (
    <p class="wall-queue" id="wall-queue" data-live hidden={queue.length === 0}>
      <strong>{ctx.t('forum.mic.queue')} :</strong>{' '}
      {queue.slice(0, 3).map((q, i) => (
        <span class="wall-queue-item">
          {i + 1}. <bdi>{q.title}</bdi>
        </span>
      ))}
      {queue.length > 3 && <span class="wall-queue-item">{ctx.t('forum.wall.queueMore', { n: queue.length - 3 })}</span>}
    </p>
  );
}

function ScreenTitle({ ctx, id, text, part }: { ctx: ViewContext; id: string; text: string; part?: Part }) {
  return (
    <h2 id={`screen-${id}`} class="wall-screen-title">
      {text}
      {part && part.of > 1 && <span class="wall-part"> {ctx.t('forum.wall.part', { n: part.n, of: part.of })}</span>}
    </h2>
  );
}

function Screen({ ctx, state, screen, qr, joinUrl }: { ctx: ViewContext; state: WallState; screen: WallScreen; qr: string; joinUrl: string }) {
  const f = state.forum;
  switch (screen.kind) {
    case 'welcome':
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={ctx.t('forum.wall.welcome')} />
          <div class="wall-welcome">
            <div>
              <p>{ctx.t('forum.wall.welcomeHow', { url: joinUrl })}</p>
              <p class="wall-code wall-code-big">{f.joinCode}</p>
              <p>{ctx.t('forum.participant.preparation')}</p>
            </div>
            <img class="wall-qr-big" src={qr} alt={ctx.t('forum.wall.qrAlt', { url: joinUrl })} width={360} height={360} />
          </div>
        </>
      );
    case 'grid':
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={ctx.t('forum.grid.title')} part={screen.part} />
          <WallGrid ctx={ctx} state={state} screen={screen} />
        </>
      );
    case 'slot': {
      const title = `${ctx.t(`forum.wall.when.${screen.when}`)} · ${slotText(screen.slot, ctx)}`;
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={title} part={screen.part} />
          <ul class={`wall-cards wall-cards-${screen.cells.length > 8 ? 4 : screen.cells.length > 4 ? 3 : 2}`}>
            {screen.cells.map(({ space, theme }) => (
              <li class={theme?.full ? 'wall-card is-full' : 'wall-card'} data-theme={theme?.id}>
                <p class="wall-room">
                  <bdi>{space.name}</bdi>
                </p>
                {theme ? (
                  <>
                    <h3 dir="auto">{theme.title}</h3>
                    <p class="wall-count">
                      <strong>
                        {theme.size} / {space.capacity}
                      </strong>{' '}
                      <span class="wall-count-label">{ctx.t('forum.wall.inGroup')}</span>
                      {theme.full && <strong class="wall-full">⚑ {ctx.t('forum.full')}</strong>}
                    </p>
                  </>
                ) : (
                  <p class="wall-empty">{ctx.t('forum.wall.free')}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      );
    }
    case 'themes':
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={ctx.t('forum.wall.unplaced')} part={screen.part} />
          <ul class="wall-cards wall-cards-4">
            {screen.themes.map((t) => (
              <li class="wall-card" data-theme={t.id}>
                <h3 dir="auto">{t.title}</h3>
                {t.conveners.length > 0 && <Conveners names={t.conveners} />}
                <p class="wall-count">
                  <strong>{ctx.t('forum.interest.count', { n: t.interest })}</strong>
                </p>
              </li>
            ))}
          </ul>
        </>
      );
    case 'ranking': {
      const top = Math.max(1, ...screen.items.map((r) => r.votes));
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={ctx.t('forum.proceedings.vote')} />
          {screen.items.length === 0 ? (
            <p class="wall-prompt">{ctx.t('forum.wall.voteNow', { n: f.votesPerPerson })}</p>
          ) : (
            <ol class="wall-ranking" id="wall-ranking">
              {screen.items.map((r) => (
                <li>
                  <span class="wall-rank-label" dir="auto">
                    {r.label}
                    {r.initiator && <span class="wall-rank-by"> · {r.initiator}</span>}
                  </span>
                  <span class={`wall-bar wall-bar-${Math.round((r.votes / top) * 10)}`} aria-hidden="true" />
                  <strong class="wall-rank-votes">{ctx.t('forum.vote.count', { n: r.votes })}</strong>
                </li>
              ))}
            </ol>
          )}
        </>
      );
    }
    case 'thanks':
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={ctx.t('forum.wall.thanks')} />
          <ul class="wall-figures">
            <li>
              <strong>{f.participants}</strong> {ctx.t('forum.figures.participants')}
            </li>
            <li>
              <strong>{state.themes.length}</strong> {ctx.t('forum.wall.themesCount')}
            </li>
            <li>
              <strong>{f.groups}</strong> {ctx.t('forum.figures.groups')}
            </li>
          </ul>
          {f.proceedingsPublished && <p class="wall-prompt">{ctx.t('forum.wall.proceedingsAt', { url: `${joinUrl.split('/forums/')[0]}/forums/${f.slug}/actes` })}</p>}
        </>
      );
    case 'reports':
      return (
        <>
          <ScreenTitle ctx={ctx} id={screen.key} text={ctx.t('forum.wall.themes')} part={screen.part} />
          <ul class="wall-cards wall-cards-3 wall-reports">
            {screen.themes.map(({ theme, started }) => (
              <WallReport ctx={ctx} state={state} theme={theme} started={started} />
            ))}
          </ul>
        </>
      );
  }
}

function Conveners({ names }: { names: string[] }) {
  return (
    <p class="wall-conveners" dir="auto">
      {names.map((n, i) => (
        <>
          {i > 0 && ', '}
          <bdi>{n}</bdi>
        </>
      ))}
    </p>
  );
}

/** A part of the agenda grid: the slots and spaces of one screen, each cell with its theme. */
function WallGrid({ ctx, state, screen }: { ctx: ViewContext; state: WallState; screen: Extract<WallScreen, { kind: 'grid' }> }) {
  const days = new Set(state.slots.map((s) => s.day)).size > 1;
  const byCell = new Map(screen.themes.filter((t) => t.slotId).map((t) => [`${t.slotId}|${t.spaceId}`, t]));
  const marketplace = state.forum.phase === 'marketplace';
  return (
    <table class={`wall-grid wall-grid-${screen.slots.length}`}>
      <caption class="visually-hidden">{ctx.t('forum.grid.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" class="wall-grid-corner">
            {ctx.t('forum.grid.slot')}
          </th>
          {screen.spaces.map((s) => (
            <th scope="col">
              <bdi>{s.name}</bdi>
              <span class="wall-capacity">{ctx.t('forum.grid.capacity', { n: s.capacity })}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {screen.slots.map((slot) => (
          <tr>
            <th scope="row">
              {days && <span class="wall-day">{dayText(slot.day, ctx)}</span>}
              {slotText(slot, ctx)}
            </th>
            {screen.spaces.map((space) => {
              const t = byCell.get(`${slot.id}|${space.id}`);
              return (
                <td class={t ? 'is-taken' : undefined}>
                  {t && (
                    <div class="wall-cell" data-theme={t.id}>
                      <strong class="wall-cell-title" dir="auto">
                        {t.title}
                      </strong>
                      {t.conveners.length > 0 && <Conveners names={t.conveners} />}
                      {marketplace && <span class="wall-cell-count">{ctx.t('forum.interest.count', { n: t.interest })}</span>}
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WallReport({ ctx, state, theme, started }: { ctx: ViewContext; state: WallState; theme: ThemeCard; started: boolean }) {
  const over = state.forum.phase === 'closed' || state.forum.phase === 'followup';
  const empty = over ? 'forum.wall.noReportAfter' : started ? 'forum.wall.noReport' : theme.slotId ? 'forum.wall.upcoming' : 'forum.wall.notPlaced';
  return (
    <li class="wall-card wall-report" data-theme={theme.id}>
      <h3 dir="auto">{theme.title}</h3>
      {theme.report.filled ? (
        <>
          {(theme.report.keyPoints || theme.report.proposals) && (
            <p class="wall-report-text" dir="auto">
              {theme.report.keyPoints || theme.report.proposals}
            </p>
          )}
          {theme.report.actions.length > 0 && (
            <ul class="wall-actions">
              {theme.report.actions.slice(0, 3).map((a) => (
                <li dir="auto">→ {a}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p class="wall-empty">{ctx.t(empty)}</p>
      )}
    </li>
  );
}
