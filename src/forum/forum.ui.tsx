import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate } from '../platform/format.ts';
import { PHASES, type ForumPhase } from './forum.tables.ts';
import { hourText } from './forum.rules.ts';
import type { ForumSummary, ThemeCard, WallState } from './forum.read.ts';

/** The pieces several forum screens share: phase badges and steps, the agenda grid, the cell picker. */

export const dayText = (day: string, ctx: ViewContext) => formatDate(`${day}T12:00:00Z`, ctx.lang);
export const slotText = (s: { startsAt: string; endsAt: string }, ctx: ViewContext) => `${hourText(s.startsAt, ctx.lang)}–${hourText(s.endsAt, ctx.lang)}`;

export function PhaseBadge({ ctx, phase }: { ctx: ViewContext; phase: ForumPhase }) {
  return <span class={`badge forum-phase forum-phase-${phase}`}>{ctx.t(`forum.phase.${phase}`)}</span>;
}

export function PhaseSteps({ ctx, phase }: { ctx: ViewContext; phase: ForumPhase }) {
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
    // Focusable and named: a wide agenda scrolls sideways on a small screen, and the keyboard must reach it.
    <div class="table-wrap forum-grid-wrap" tabindex={0} role="region" aria-label={ctx.t('forum.grid.caption')}>
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

export function ForumHeader({ ctx, forum }: { ctx: ViewContext; forum: ForumSummary }) {
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

export function CellSelect({ ctx, state, theme, name = 'cell', id }: { ctx: ViewContext; state: WallState; theme: ThemeCard; name?: string; id: string }) {
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
