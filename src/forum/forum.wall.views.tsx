import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { ThemeCard, WallState } from './forum.read.ts';
import { AgendaGrid } from './forum.ui.tsx';

/** The projector view: large type, high contrast, icons and words besides colour. */
export function WallPage({ ctx, state, qrSvg, joinUrl }: { ctx: ViewContext; state: WallState; qrSvg: string; joinUrl: string }) {
  const f = state.forum;
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
      <main
        id="contenu"
        class="forum-wall"
        data-stream={`/forums/${f.slug}/flux`}
        data-fragment={`/forums/${f.slug}/mur/direct`}
        data-labels={JSON.stringify({ live: ctx.t('forum.wall.live'), offline: ctx.t('forum.wall.offline') })}
      >
        <WallBody ctx={ctx} state={state} qrSvg={qrSvg} joinUrl={joinUrl} />
      </main>
    </Layout>
  );
}

/**
 * The wall itself, drawn here only. The page shows it, and when a change notice arrives the
 * wall's script fetches it again (`/mur/direct`) and swaps the parts marked `data-live` whose
 * markup changed: a card is written once, in this file, and never rebuilt in the browser.
 */
export function WallBody({ ctx, state, qrSvg, joinUrl }: { ctx: ViewContext; state: WallState; qrSvg: string; joinUrl: string }) {
  const f = state.forum;
  return (
    <>
      <header class="forum-wall-head">
        <div>
          <h1>« {f.question} »</h1>
          <p class="forum-wall-meta" id="wall-meta" data-live>
            {f.title} · <span id="wall-phase">{ctx.t(`forum.phase.${f.phase}`)}</span> · <span id="wall-stats">{ctx.t('forum.wall.stats', { participants: f.participants, groups: f.groups })}</span>
          </p>
          <p class="forum-wall-status" role="status" aria-live="polite" id="wall-status">
            <a href={`/forums/${f.slug}/mur`}>{ctx.t('forum.wall.reload')}</a>
          </p>
        </div>
        <aside class="forum-wall-join" aria-labelledby="wall-join" hidden={f.phase === 'closed' || f.phase === 'followup'} id="wall-join-aside" data-live>
          <h2 id="wall-join">{ctx.t('forum.wall.join')}</h2>
          <p class="forum-join-code">
            <span class="visually-hidden">{ctx.t('forum.join.code')} : </span>
            <span id="wall-code">{f.joinCode}</span>
          </p>
          <p class="forum-join-url">{joinUrl}</p>
          <img class="forum-qr" src={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`} alt={ctx.t('forum.wall.qrAlt', { url: joinUrl })} width={180} height={180} />
        </aside>
      </header>
      <section aria-labelledby="wall-queue-title" class="forum-wall-queue" hidden={f.queue.length === 0 || f.phase !== 'marketplace'} id="wall-queue-section" data-live>
        <h2 id="wall-queue-title">{ctx.t('forum.mic.queue')}</h2>
        <ol id="wall-queue">
          {f.queue.map((q) => (
            <li>{q.title}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="wall-grid-title" id="wall-grid-section" data-live>
        <h2 id="wall-grid-title">{ctx.t('forum.grid.title')}</h2>
        <AgendaGrid ctx={ctx} state={state} id="wall-grid" />
      </section>
      <section aria-labelledby="wall-themes-title" id="wall-themes-section" data-live>
        <h2 id="wall-themes-title">{ctx.t('forum.wall.themes')}</h2>
        <ul class="forum-wall-themes" id="wall-themes">
          {state.themes.map((t) => (
            <WallThemeCard ctx={ctx} theme={t} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="wall-ranking-title" hidden={f.ranking.length === 0} id="wall-ranking-section" data-live>
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
    </>
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
