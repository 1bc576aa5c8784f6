import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Field } from '../platform/layout/forms.tsx';
import type { Availability, EventModel } from './events.service.ts';
import { EventCard } from './events.ui.tsx';

export interface AgendaItem {
  event: EventModel;
  availability: Availability;
}

export interface AgendaFilters {
  when: 'upcoming' | 'past';
  theme: string;
  territory: string;
  month: string;
}

function filterQuery(f: AgendaFilters, patch: Partial<AgendaFilters>) {
  const merged = { ...f, ...patch };
  const params = new URLSearchParams();
  if (merged.when === 'past') params.set('periode', 'passees');
  if (merged.theme) params.set('thematique', merged.theme);
  if (merged.territory) params.set('territoire', merged.territory);
  if (merged.month) params.set('mois', merged.month);
  const q = params.toString();
  return q ? `/agenda?${q}` : '/agenda';
}

export function AgendaPage({
  ctx,
  items,
  filters,
  themes,
  territories,
  typedMonth = filters.month,
  errors = {},
}: {
  ctx: ViewContext;
  items: AgendaItem[];
  filters: AgendaFilters;
  themes: Array<{ slug: string; name: string }>;
  territories: string[];
  /** What was typed in the month field, shown again beside its error. */
  typedMonth?: string;
  errors?: FieldErrors;
}) {
  const title = ctx.t(filters.when === 'past' ? 'events.agenda.pastTitle' : 'events.agenda.title');
  const feed = filters.theme ? `/agenda.ics?thematique=${encodeURIComponent(filters.theme)}` : '/agenda.ics';
  return (
    <Layout
      ctx={ctx}
      meta={{ title, canonical: '/agenda', description: ctx.t('events.agenda.description'), head: <link rel="alternate" type="text/calendar" href={feed} title={ctx.t('events.agenda.subscribe')} /> }}
    >
      <h1>{title}</h1>
      <p class="lead">{ctx.t('events.agenda.lead')}</p>
      <nav aria-label={ctx.t('events.agenda.periods')} class="agenda-tabs">
        <ul class="plain-list actions">
          <li>
            <a
              class={filters.when === 'upcoming' ? 'button' : 'button button-secondary'}
              href={filterQuery(filters, { when: 'upcoming' })}
              aria-current={filters.when === 'upcoming' ? 'page' : undefined}
            >
              {ctx.t('events.agenda.upcoming')}
            </a>
          </li>
          <li>
            <a class={filters.when === 'past' ? 'button' : 'button button-secondary'} href={filterQuery(filters, { when: 'past' })} aria-current={filters.when === 'past' ? 'page' : undefined}>
              {ctx.t('events.agenda.past')}
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action="/agenda" class="agenda-filters" role="search" aria-label={ctx.t('events.agenda.filters')}>
        {filters.when === 'past' && <input type="hidden" name="periode" value="passees" />}
        <div class="field">
          <label for="filter-theme">{ctx.t('events.agenda.theme')}</label>
          <select id="filter-theme" name="thematique">
            <option value="">{ctx.t('events.agenda.allThemes')}</option>
            {themes.map((th) => (
              <option value={th.slug} selected={th.slug === filters.theme}>
                {th.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-territory">{ctx.t('events.agenda.territory')}</label>
          <select id="filter-territory" name="territoire">
            <option value="">{ctx.t('events.agenda.allTerritories')}</option>
            {territories.map((tr) => (
              <option value={tr} selected={tr === filters.territory}>
                {tr}
              </option>
            ))}
          </select>
        </div>
        <Field ctx={ctx} name="mois" label={ctx.t('events.agenda.month')} errors={errors}>
          {(a) => <input {...a} type="month" value={typedMonth} placeholder="2027-03" />}
        </Field>
        <div class="actions">
          <button type="submit">{ctx.t('events.agenda.filter')}</button>
          {(filters.theme || filters.territory || filters.month) && <a href={filterQuery({ ...filters, theme: '', territory: '', month: '' }, {})}>{ctx.t('events.agenda.reset')}</a>}
        </div>
      </form>
      <h2 class="visually-hidden" id="results-title">
        {ctx.t('events.agenda.results')}
      </h2>
      <p role="status" class="muted">
        {ctx.t(items.length === 1 ? 'events.agenda.count.one' : 'events.agenda.count', { n: items.length })}
      </p>
      {items.length === 0 ? (
        <p>{ctx.t('events.agenda.empty')}</p>
      ) : (
        <ul class="cards" aria-labelledby="results-title">
          {items.map((i) => (
            <EventCard ctx={ctx} event={i.event} availability={i.availability} />
          ))}
        </ul>
      )}
      <p class="agenda-feeds">
        <a href={feed}>{ctx.t('events.agenda.subscribe')}</a> <span class="muted small">{ctx.t('events.agenda.subscribeHint')}</span>
      </p>
    </Layout>
  );
}

/** "Prochaines rencontres" on the home page. */
export function UpcomingSection({ ctx, items }: { ctx: ViewContext; items: AgendaItem[] }) {
  return (
    <section aria-labelledby="home-events">
      <div class="section-head">
        <h2 id="home-events">{ctx.t('events.home.title')}</h2>
        <a href="/agenda">{ctx.t('events.home.all')}</a>
      </div>
      {items.length === 0 ? (
        <p>{ctx.t('events.agenda.empty')}</p>
      ) : (
        <ul class="cards">
          {items.map((i) => (
            <EventCard ctx={ctx} event={i.event} availability={i.availability} />
          ))}
        </ul>
      )}
    </section>
  );
}
