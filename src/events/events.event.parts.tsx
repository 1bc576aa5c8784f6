/** The blocks of an event page: programme, speakers, venue, what happened, the registration box. */
import type { ViewContext } from '../platform/layout/context.ts';
import { isCalendarDay } from '../platform/dates.ts';
import { formatDate, formatLongDate } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import type { Availability, Closure, EventModel } from './events.service.ts';

function programmeTime(time: string, ctx: ViewContext) {
  const [h, m] = time.split(':');
  return ctx.lang === 'fr' ? `${Number(h)}h${m === '00' ? '' : m}` : `${Number(h)}:${m}`;
}

/** The "déroulé", by day on an event of several days ("Jour 2 — mardi 26 mars 2024"). */
export function Programme({ ctx, event }: { ctx: ViewContext; event: EventModel }) {
  if (event.programme.length === 0) return null;
  const days = [...new Set(event.programme.map((p) => p.day))];
  const numbered = days.filter(Boolean).length > 1;
  return (
    <section aria-labelledby="programme-title" class="programme">
      <h2 id="programme-title">{ctx.t('events.page.programme')}</h2>
      {days.map((day, i) => (
        <>
          {/* Programmes saved before days were checked may hold an impossible one: shown as typed, not a 500. */}
          {day && (
            <h3>
              {numbered && `${ctx.t('events.page.dayNumber', { n: i + 1 })} — `}
              {isCalendarDay(day) ? formatLongDate(`${day}T12:00:00Z`, ctx.lang) : day}
            </h3>
          )}
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

export function Speakers({ ctx, event }: { ctx: ViewContext; event: EventModel }) {
  if (event.speakers.length === 0) return null;
  return (
    <section aria-labelledby="speakers-title">
      <h2 id="speakers-title">{ctx.t('events.page.speakers')}</h2>
      <ul class="speakers">
        {event.speakers.map((s) => (
          <li>
            <strong>{s.name}</strong>
            {s.organisation && <span class="speaker-org">{s.organisation}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A search on OpenStreetMap for the address: no geocoding here, no map tiles loaded from elsewhere. */
export const osmUrl = (e: Pick<EventModel, 'placeName' | 'placeAddress'>) =>
  `https://www.openstreetmap.org/search?query=${encodeURIComponent([e.placeAddress ? null : e.placeName, e.placeAddress].filter(Boolean).join(', '))}`;

export function Venue({ ctx, event }: { ctx: ViewContext; event: EventModel }) {
  if (!event.placeName && !event.placeAddress) return null;
  return (
    <section aria-labelledby="venue-title" class="venue">
      <h2 id="venue-title">{ctx.t('events.page.venue')}</h2>
      <address>
        {event.placeName && <strong>{event.placeName}</strong>}
        {event.placeName && event.placeAddress && <br />}
        {event.placeAddress}
      </address>
      <p>
        <a href={osmUrl(event)}>{ctx.t('events.page.map', { place: event.placeName ?? event.placeAddress ?? '' })}</a>
      </p>
      {event.placeAccess && (
        <>
          <h3>{ctx.t('events.page.access')}</h3>
          {paragraphs(event.placeAccess).map((p) => (
            <p>{p}</p>
          ))}
        </>
      )}
      <h3>{ctx.t('events.page.accessibility')}</h3>
      {event.placeAccessibility ? paragraphs(event.placeAccessibility).map((p) => <p>{p}</p>) : <p>{ctx.t('events.page.accessibilityAsk')}</p>}
    </section>
  );
}

/** Once the event is over: the recap and the links the animator added, and the documents (the proceedings among them). */
export function Recap({ ctx, event }: { ctx: ViewContext; event: EventModel }) {
  const links = [
    { href: event.reportUrl, label: 'events.page.report' },
    { href: event.replayUrl, label: 'events.page.replay' },
    { href: event.photosUrl, label: 'events.page.photos' },
  ].filter((l): l is { href: string; label: string } => Boolean(l.href));
  const empty = !event.recap && links.length === 0 && event.documents.length === 0;
  return (
    <section aria-labelledby="recap-title" class="recap">
      <h2 id="recap-title">{ctx.t('events.page.recap')}</h2>
      {event.status === 'cancelled' ? (
        <p>{ctx.t('events.page.cancelled')}</p>
      ) : empty ? (
        <p>{ctx.t('events.page.recapEmpty')}</p>
      ) : (
        <>
          {event.recap && paragraphs(event.recap).map((p) => <p>{p}</p>)}
          {links.length > 0 && (
            <ul class="recap-links">
              {links.map((l) => (
                <li>
                  <a class="button button-secondary" href={l.href}>
                    {ctx.t(l.label)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Documents ctx={ctx} event={event} level="h3" />
    </section>
  );
}

export function Documents({ ctx, event, level = 'h2' }: { ctx: ViewContext; event: EventModel; level?: 'h2' | 'h3' }) {
  if (event.documents.length === 0) return null;
  const H = level;
  return (
    <section aria-labelledby="documents-title">
      <H id="documents-title">{ctx.t('events.page.documents')}</H>
      <ul>
        {event.documents.map((d) => (
          <li>
            <a href={d.url}>{d.title}</a>
            {d.format && <span class="muted small"> ({d.format})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function closureText(ctx: ViewContext, closure: Closure) {
  return ctx.t(`events.closure.${closure}`);
}

export function RegistrationBox({ ctx, event, availability, mine }: { ctx: ViewContext; event: EventModel; availability: Availability; mine: { url: string; status: string } | null }) {
  if (event.registrationMode === 'none') return null;
  return (
    <section class="registration-box notice" aria-labelledby="registration-title">
      <h2 id="registration-title">{ctx.t('events.page.registration')}</h2>
      {event.capacity !== null && (
        <p>
          {availability.full
            ? ctx.t('events.page.fullWaiting', { waiting: availability.waiting })
            : ctx.t(availability.remaining === 1 ? 'events.page.remaining.one' : 'events.page.remaining', { n: availability.remaining ?? 0, capacity: event.capacity })}
        </p>
      )}
      {event.deadline && <p>{ctx.t('events.page.deadline', { date: formatDate(event.deadline, ctx.lang) })}</p>}
      {event.registrationMode === 'members' && <p class="notice notice-members">{ctx.t('events.page.membersOnly')}</p>}
      {event.registrationMode === 'invitation' && <p>{ctx.t('events.page.invitationOnly')}</p>}
      {mine ? (
        <p>
          {ctx.t(`events.page.mine.${mine.status}`)} <a href={mine.url}>{ctx.t('events.page.mine.link')}</a>
        </p>
      ) : availability.closure ? (
        <p class="strong">{closureText(ctx, availability.closure)}</p>
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
