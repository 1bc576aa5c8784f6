import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatLongDate, formatTime, parisDay } from '../platform/format.ts';
import type { Availability, EventModel } from './events.service.ts';
import { Card } from '../platform/layout/card.tsx';
import type { PictureVM } from '../platform/layout/picture.tsx';

/** Small display pieces shared by the public and the animator's pages (the form pieces are the platform's, in layout/forms.tsx). */

/** "jeudi 28 septembre 2017, 14h – 17h" or "du 25 mars au 28 mars 2024". */
export function whenOf(e: Pick<EventModel, 'startsAt' | 'endsAt'>, ctx: ViewContext): string {
  if (parisDay(e.startsAt) === parisDay(e.endsAt)) {
    return ctx.t('events.when.sameDay', { date: formatLongDate(e.startsAt, ctx.lang), start: formatTime(e.startsAt, ctx.lang), end: formatTime(e.endsAt, ctx.lang) });
  }
  return ctx.t('events.when.range', { start: formatDate(e.startsAt, ctx.lang), end: formatDate(e.endsAt, ctx.lang) });
}

export function Badges({ ctx, event, availability }: { ctx: ViewContext; event: EventModel; availability: Availability }) {
  const past = event.endsAt < new Date().toISOString();
  return (
    <>
      {event.status === 'cancelled' && <span class="badge badge-full">{ctx.t('events.badge.cancelled')}</span>}
      {event.status === 'postponed' && <span class="badge badge-members">{ctx.t('events.badge.postponed')}</span>}
      {event.status === 'draft' && <span class="badge">{ctx.t('events.badge.draft')}</span>}
      {!past && event.status === 'published' && availability.full && <span class="badge badge-full">{ctx.t('events.badge.full')}</span>}
      {!past && event.status === 'published' && availability.closure === 'deadline' && <span class="badge badge-members">{ctx.t('events.badge.closed')}</span>}
      {event.registrationMode === 'members' && <span class="badge badge-members">{ctx.t('events.badge.members')}</span>}
      {event.registrationMode === 'invitation' && <span class="badge">{ctx.t('events.badge.invitation')}</span>}
      {past && <span class="badge">{ctx.t('events.badge.past')}</span>}
    </>
  );
}

/** An event as the site's one card (platform/layout/card.tsx); used on the agenda, the home page and /initiatives. */
export function EventCard({
  ctx,
  event,
  availability,
  picture = null,
  headingLevel = 3,
}: {
  ctx: ViewContext;
  event: EventModel;
  availability: Availability;
  picture?: PictureVM | null;
  headingLevel?: 2 | 3;
}) {
  return (
    <Card
      href={`/agenda/${event.slug}`}
      title={event.title}
      headingLevel={headingLevel}
      class="event-card"
      picture={picture}
      kicker={ctx.t(`events.kind.${event.kind}`)}
      meta={
        <>
          <p class="card-date">
            <time datetime={event.startsAt}>{whenOf(event, ctx)}</time>
          </p>
          {(event.placeName || event.onlineUrl) && (
            <p class="small muted event-card-place">{[event.placeName, event.onlineUrl || event.kind === 'webinaire' ? ctx.t('events.online') : null].filter(Boolean).join(' · ')}</p>
          )}
          <p class="tags">
            <Badges ctx={ctx} event={event} availability={availability} />
          </p>
        </>
      }
    />
  );
}
