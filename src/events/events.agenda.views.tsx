import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Field } from '../platform/layout/forms.tsx';
import { modeWord, type AgendaQuery } from './events.schema.ts';
import type { Availability, EventModel } from './events.service.ts';
import { EVENT_KINDS } from './events.tables.ts';
import { MonthCalendar, type CalendarVM } from './events.calendar.views.tsx';
import { EventCard } from './events.ui.tsx';
import { CardGrid } from '../platform/layout/card.tsx';
import type { PictureVM } from '../platform/layout/picture.tsx';

export interface AgendaItem {
  event: EventModel;
  availability: Availability;
  /** The event's picture (media module); absent or null when it has none. */
  picture?: PictureVM | null;
}

export type AgendaFilters = AgendaQuery;

/** The agenda's address for these filters: what the GET form itself would make, so that a filtered page can be shared. */
export function filterQuery(f: AgendaFilters, patch: Partial<AgendaFilters>) {
  const merged = { ...f, ...patch };
  const params = new URLSearchParams();
  if (merged.view === 'month') params.set('vue', 'mois');
  else if (merged.when === 'past') params.set('periode', 'passees');
  if (merged.kind) params.set('type', merged.kind);
  if (merged.theme) params.set('thematique', merged.theme);
  if (merged.territory) params.set('territoire', merged.territory);
  if (merged.mode) params.set('modalite', modeWord(merged.mode));
  if (merged.month) params.set('mois', merged.month);
  const q = params.toString();
  return q ? `/agenda?${q}` : '/agenda';
}

function Select({ id, name, label, all, options, current }: { id: string; name: string; label: string; all: string; options: Array<[string, string]>; current: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{all}</option>
        {options.map(([value, text]) => (
          <option value={value} selected={value === current}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Tab({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <li>
      <a class={current ? 'button' : 'button button-secondary'} href={href} aria-current={current ? 'page' : undefined}>
        {children}
      </a>
    </li>
  );
}

export function AgendaPage({
  ctx,
  items,
  filters,
  themes,
  territories,
  typedMonth = filters.month,
  errors = {},
  calendar = null,
}: {
  ctx: ViewContext;
  items: AgendaItem[];
  filters: AgendaFilters;
  themes: Array<{ slug: string; name: string }>;
  territories: string[];
  /** What was typed in the month field, shown again beside its error. */
  typedMonth?: string;
  errors?: FieldErrors;
  /** The month view, when asked for. */
  calendar?: CalendarVM | null;
}) {
  const month = filters.view === 'month';
  const title = ctx.t(month ? 'events.agenda.calendarTitle' : filters.when === 'past' ? 'events.agenda.pastTitle' : 'events.agenda.title');
  const feed = filters.theme ? `/agenda.ics?thematique=${encodeURIComponent(filters.theme)}` : '/agenda.ics';
  const filtered = filters.theme || filters.territory || filters.month || filters.kind || filters.mode;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        canonical: '/agenda',
        description: ctx.t('events.agenda.description'),
        head: (
          <>
            <link rel="alternate" type="text/calendar" href={feed} title={ctx.t('events.agenda.subscribe')} />
            <link rel="stylesheet" href="/static/events/events.css" />
          </>
        ),
      }}
    >
      <h1>{title}</h1>
      <p class="lead">{ctx.t('events.agenda.lead')}</p>
      <nav aria-label={ctx.t('events.agenda.periods')} class="agenda-tabs">
        <ul class="plain-list actions">
          <Tab href={filterQuery(filters, { when: 'upcoming', view: 'list', month: month ? '' : filters.month })} current={!month && filters.when === 'upcoming'}>
            {ctx.t('events.agenda.upcoming')}
          </Tab>
          <Tab href={filterQuery(filters, { when: 'past', view: 'list', month: month ? '' : filters.month })} current={!month && filters.when === 'past'}>
            {ctx.t('events.agenda.past')}
          </Tab>
          <Tab href={filterQuery(filters, { view: 'month', when: 'upcoming' })} current={month}>
            {ctx.t('events.agenda.monthView')}
          </Tab>
        </ul>
      </nav>
      <form method="get" action="/agenda" class="agenda-filters" role="search" aria-label={ctx.t('events.agenda.filters')}>
        {month ? <input type="hidden" name="vue" value="mois" /> : filters.when === 'past' && <input type="hidden" name="periode" value="passees" />}
        <Select
          id="filter-kind"
          name="type"
          label={ctx.t('events.agenda.kind')}
          all={ctx.t('events.agenda.allKinds')}
          options={EVENT_KINDS.map((k) => [k, ctx.t(`events.kind.${k}`)])}
          current={filters.kind}
        />
        <Select
          id="filter-theme"
          name="thematique"
          label={ctx.t('events.agenda.theme')}
          all={ctx.t('events.agenda.allThemes')}
          options={themes.map((th) => [th.slug, th.name])}
          current={filters.theme}
        />
        <Select
          id="filter-territory"
          name="territoire"
          label={ctx.t('events.agenda.territory')}
          all={ctx.t('events.agenda.allTerritories')}
          options={territories.map((tr) => [tr, tr])}
          current={filters.territory}
        />
        <Select
          id="filter-mode"
          name="modalite"
          label={ctx.t('events.agenda.mode')}
          all={ctx.t('events.agenda.allModes')}
          options={[
            ['sur-place', ctx.t('events.agenda.onsite')],
            ['en-ligne', ctx.t('events.agenda.online')],
          ]}
          current={filters.mode ? modeWord(filters.mode) : ''}
        />
        <Field ctx={ctx} name="mois" label={ctx.t('events.agenda.month')} errors={errors}>
          {(a) => <input {...a} type="month" value={typedMonth} />}
        </Field>
        <div class="actions">
          <button type="submit">{ctx.t('events.agenda.filter')}</button>
          {filtered && <a href={filterQuery({ ...filters, theme: '', territory: '', month: '', kind: '', mode: '' }, {})}>{ctx.t('events.agenda.reset')}</a>}
        </div>
      </form>
      {calendar ? (
        <MonthCalendar ctx={ctx} calendar={calendar} hrefOf={(m) => filterQuery(filters, { month: m })} />
      ) : (
        <>
          <h2 class="visually-hidden" id="results-title">
            {ctx.t('events.agenda.results')}
          </h2>
          <p role="status" class="muted">
            {ctx.t(items.length === 1 ? 'events.agenda.count.one' : 'events.agenda.count', { n: items.length })}
          </p>
          {items.length === 0 ? (
            <p>{ctx.t('events.agenda.empty')}</p>
          ) : (
            <CardGrid labelledBy="results-title">
              {items.map((i) => (
                <EventCard ctx={ctx} event={i.event} availability={i.availability} picture={i.picture} />
              ))}
            </CardGrid>
          )}
        </>
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
        <CardGrid>
          {items.map((i) => (
            <EventCard ctx={ctx} event={i.event} availability={i.availability} picture={i.picture} />
          ))}
        </CardGrid>
      )}
    </section>
  );
}
