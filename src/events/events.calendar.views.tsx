import type { ViewContext } from '../platform/layout/context.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { MonthGrid } from './events.calendar.ts';
import type { EventKind } from './events.tables.ts';

export interface CalendarEntry {
  slug: string;
  title: string;
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
}

export interface CalendarVM {
  grid: MonthGrid<CalendarEntry>;
  /** Today in Paris, "2027-04-08", marked in the grid. */
  today: string;
}

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const utc = (day: string) => new Date(`${day}T12:00:00Z`);

export function monthName(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(`${month}-15`));
}

/** Monday to Sunday, long and short. */
function weekdays(lang: Lang) {
  // 2027-03-01 is a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = utc(`2027-03-0${i + 1}`);
    return {
      long: new Intl.DateTimeFormat(locale(lang), { weekday: 'long', timeZone: 'UTC' }).format(d),
      short: new Intl.DateTimeFormat(locale(lang), { weekday: 'short', timeZone: 'UTC' }).format(d),
    };
  });
}

/**
 * The month as a table (a grid of weeks, days under their weekday), each day listing its events as links.
 * On a phone the table becomes a list of the days that have events (events.css); each day names its full
 * date for that, and for screen readers everywhere.
 */
export function MonthCalendar({ ctx, calendar, hrefOf }: { ctx: ViewContext; calendar: CalendarVM; hrefOf: (month: string) => string }) {
  const { grid, today } = calendar;
  const days = weekdays(ctx.lang);
  const fullDate = new Intl.DateTimeFormat(locale(ctx.lang), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const count = new Set(grid.weeks.flat().flatMap((c) => c?.events.map((e) => e.slug) ?? [])).size;
  const name = monthName(grid.month, ctx.lang);
  return (
    <section aria-labelledby="calendar-title" class="month-calendar">
      <div class="calendar-head">
        <h2 id="calendar-title">{name}</h2>
        <nav aria-label={ctx.t('events.calendar.nav')}>
          <ul class="plain-list calendar-nav">
            <li>
              <a href={hrefOf(grid.previous)} rel="prev">
                <span aria-hidden="true">← </span>
                {ctx.t('events.calendar.previous', { month: monthName(grid.previous, ctx.lang) })}
              </a>
            </li>
            <li>
              <a href={hrefOf(grid.next)} rel="next">
                {ctx.t('events.calendar.next', { month: monthName(grid.next, ctx.lang) })}
                <span aria-hidden="true"> →</span>
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <p role="status" class="muted">
        {count === 0 ? ctx.t('events.calendar.none') : ctx.t(count === 1 ? 'events.agenda.count.one' : 'events.agenda.count', { n: count })}
      </p>
      <table class="month-grid">
        <caption class="visually-hidden">{ctx.t('events.calendar.caption', { month: name })}</caption>
        <thead>
          <tr>
            {days.map((d) => (
              <th scope="col">
                <abbr title={d.long}>{d.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr>
              {week.map((cell) =>
                cell === null ? (
                  <td class="calendar-out" />
                ) : (
                  <td class={[cell.events.length ? 'has-events' : 'no-events', cell.day === today ? 'is-today' : ''].filter(Boolean).join(' ')} aria-current={cell.day === today ? 'date' : undefined}>
                    <p class="calendar-day">
                      <time datetime={cell.day}>
                        <span class="day-number" aria-hidden="true">
                          {Number(cell.day.slice(8))}
                        </span>
                        <span class="day-full">{fullDate.format(utc(cell.day))}</span>
                      </time>
                      {cell.day === today && <span class="badge today-badge">{ctx.t('events.calendar.today')}</span>}
                    </p>
                    {cell.events.length > 0 && (
                      <ul class="plain-list calendar-events">
                        {cell.events.map((e) => (
                          <li class={e.cancelled ? 'is-cancelled' : undefined}>
                            <a href={`/agenda/${e.slug}`}>
                              <span class="calendar-kind">{ctx.t(`events.kind.${e.kind}`)} · </span>
                              {e.title}
                              {e.cancelled && <> ({ctx.t('events.badge.cancelled')})</>}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
