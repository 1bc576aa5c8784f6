import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { isCalendarDay } from '../platform/dates.ts';
import { formatDate, formatLongDate } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import type { Availability, Closure, EventModel } from './events.service.ts';
import { Badges, whenOf } from './events.ui.tsx';

function programmeTime(time: string, ctx: ViewContext) {
  const [h, m] = time.split(':');
  return ctx.lang === 'fr' ? `${Number(h)}h${m === '00' ? '' : m}` : `${Number(h)}:${m}`;
}

export function Programme({ ctx, event }: { ctx: ViewContext; event: EventModel }) {
  if (event.programme.length === 0) return null;
  const days = [...new Set(event.programme.map((p) => p.day))];
  return (
    <section aria-labelledby="programme-title" class="programme">
      <h2 id="programme-title">{ctx.t('events.page.programme')}</h2>
      {days.map((day) => (
        <>
          {/* Programmes saved before days were checked may hold an impossible one: shown as typed, not a 500. */}
          {day && <h3>{isCalendarDay(day) ? formatLongDate(`${day}T12:00:00Z`, ctx.lang) : day}</h3>}
          <ol class="programme-list">
            {event.programme
              .filter((p) => p.day === day)
              .map((p) => (
                <li>
                  <span class="programme-time">{programmeTime(p.time, ctx)}</span> <span class="programme-label">{p.label}</span>
                </li>
              ))}
          </ol>
        </>
      ))}
    </section>
  );
}

function closureText(ctx: ViewContext, closure: Closure) {
  return ctx.t(`events.closure.${closure}`);
}

export function RegistrationBox({ ctx, event, availability, mine }: { ctx: ViewContext; event: EventModel; availability: Availability; mine: { url: string; status: string } | null }) {
  if (event.registrationMode === 'none') return null;
  const past = event.endsAt < new Date().toISOString();
  return (
    <section class="registration-box notice" aria-labelledby="registration-title">
      <h2 id="registration-title">{ctx.t('events.page.registration')}</h2>
      {event.capacity !== null && !past && (
        <p>
          {availability.full
            ? ctx.t('events.page.fullWaiting', { waiting: availability.waiting })
            : ctx.t(availability.remaining === 1 ? 'events.page.remaining.one' : 'events.page.remaining', { n: availability.remaining ?? 0, capacity: event.capacity })}
        </p>
      )}
      {event.deadline && !past && <p>{ctx.t('events.page.deadline', { date: formatDate(event.deadline, ctx.lang) })}</p>}
      {event.registrationMode === 'members' && <p class="notice notice-members">{ctx.t('events.page.membersOnly')}</p>}
      {event.registrationMode === 'invitation' && <p>{ctx.t('events.page.invitationOnly')}</p>}
      {mine ? (
        <p>
          {ctx.t(`events.page.mine.${mine.status}`)} <a href={mine.url}>{ctx.t('events.page.mine.link')}</a>
        </p>
      ) : availability.closure ? (
        !past && <p class="strong">{closureText(ctx, availability.closure)}</p>
      ) : event.registrationMode === 'invitation' ? null : (
        <p>
          <a class="button" href={`/agenda/${event.slug}/inscription`}>
            {availability.full ? ctx.t('events.page.joinWaiting') : ctx.t('events.page.register')}
          </a>
        </p>
      )}
    </section>
  );
}

export function EventPage({
  ctx,
  event,
  availability,
  themes,
  mine,
}: {
  ctx: ViewContext;
  event: EventModel;
  availability: Availability;
  themes: Map<string, string>;
  mine: { url: string; status: string } | null;
}) {
  const place = [event.placeName, event.placeAddress].filter(Boolean).join(', ');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: event.title,
        description: event.summary || undefined,
        canonical: `/agenda/${event.slug}`,
        head: <link rel="alternate" type="text/calendar" href={`/agenda/${event.slug}.ics`} />,
        bodyClass: 'event-page',
      }}
    >
      <p class="breadcrumb no-print">
        <a href="/agenda">{ctx.t('events.agenda.title')}</a>
      </p>
      <article class="event" aria-labelledby="event-title">
        <header>
          <p class="card-kind">{ctx.t('events.card.kind')}</p>
          <h1 id="event-title">{event.title}</h1>
          <p class="tags">
            <Badges ctx={ctx} event={event} availability={availability} />
          </p>
          {(event.status === 'cancelled' || event.status === 'postponed') && (
            <p class="notice notice-members" role="note">
              {ctx.t(`events.page.${event.status}`)} {event.statusNote}
            </p>
          )}
          <dl class="event-facts">
            <dt>{ctx.t('events.page.when')}</dt>
            <dd>
              <time datetime={event.startsAt}>{whenOf(event, ctx)}</time>
            </dd>
            {place && (
              <>
                <dt>{ctx.t('events.page.where')}</dt>
                <dd>{place}</dd>
              </>
            )}
            {event.onlineUrl && (
              <>
                <dt>{ctx.t('events.page.online')}</dt>
                <dd>
                  <a href={event.onlineUrl}>{event.onlineUrl}</a>
                </dd>
              </>
            )}
            {event.organisers.length > 0 && (
              <>
                <dt>{ctx.t('events.page.organisers')}</dt>
                <dd>{event.organisers.join(', ')}</dd>
              </>
            )}
            {event.themes.length > 0 && (
              <>
                <dt>{ctx.t('events.page.themes')}</dt>
                <dd>
                  {event.themes.map((slug, i) => (
                    <>
                      {i > 0 && ', '}
                      <a href={`/thematiques/${slug}`}>{themes.get(slug) ?? slug}</a>
                    </>
                  ))}
                </dd>
              </>
            )}
          </dl>
        </header>
        {event.summary && <p class="lead">{event.summary}</p>}
        {paragraphs(event.description).map((p) => (
          <p>{p}</p>
        ))}
        <Programme ctx={ctx} event={event} />
        {event.documents.length > 0 && (
          <section aria-labelledby="documents-title">
            <h2 id="documents-title">{ctx.t('events.page.documents')}</h2>
            <ul>
              {event.documents.map((d) => (
                <li>
                  <a href={d.url}>{d.title}</a>
                  {d.format && <span class="muted small"> ({d.format})</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
        <RegistrationBox ctx={ctx} event={event} availability={availability} mine={mine} />
        <p class="actions no-print">
          <a href={`/agenda/${event.slug}.ics`} download={`${event.slug}.ics`}>
            {ctx.t('events.page.addToCalendar')}
          </a>
        </p>
      </article>
    </Layout>
  );
}
