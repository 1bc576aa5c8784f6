import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { paragraphs } from '../platform/text.ts';
import { BOOKMARK_SCRIPT, BookmarkButton, Cards, type CardVM } from '../catalog/catalog.views.tsx';
import { isPast } from './events.model.ts';
import { Figure, type PictureVM } from '../platform/layout/picture.tsx';
import type { Availability, EventModel } from './events.service.ts';
import { Badges, whenOf } from './events.ui.tsx';
import { Documents, Programme, Recap, RegistrationBox, Speakers, Venue } from './events.event.parts.tsx';

export { Programme, RegistrationBox } from './events.event.parts.tsx';

export interface EventPageVM {
  event: EventModel;
  availability: Availability;
  themes: Map<string, string>;
  mine: { url: string; status: string } | null;
  /** The visio link, for a reader holding a seat only; never on the page anyone else sees (or the cache keeps). */
  onlineLink: string | null;
  /** The catalogue's blocks every item page has. */
  related: CardVM[];
  /** The event's picture (media module); null when it has none. */
  picture: PictureVM | null;
  saved: boolean | null;
}

export function EventPage({ ctx, vm }: { ctx: ViewContext; vm: EventPageVM }) {
  const { event, availability, themes, mine } = vm;
  const past = isPast(event);
  const place = [event.placeName, event.placeAddress].filter(Boolean).join(', ');
  const online = event.onlineUrl !== null || event.kind === 'webinaire';
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: event.title,
        description: event.summary || undefined,
        canonical: `/agenda/${event.slug}`,
        head: (
          <>
            {!past && <link rel="alternate" type="text/calendar" href={`/agenda/${event.slug}.ics`} />}
            <link rel="stylesheet" href="/static/events/events.css" />
          </>
        ),
        scripts: [BOOKMARK_SCRIPT],
        bodyClass: 'event-page',
      }}
    >
      <p class="breadcrumb no-print">
        <a href={past ? '/agenda?periode=passees' : '/agenda'}>{ctx.t(past ? 'events.agenda.pastTitle' : 'events.agenda.title')}</a>
      </p>
      <article class="event" aria-labelledby="event-title">
        <header>
          <p class="card-kind">{ctx.t(`events.kind.${event.kind}`)}</p>
          <h1 id="event-title">{event.title}</h1>
          {vm.picture && <Figure vm={vm.picture} sizes="(min-width: 76rem) 72rem, 96vw" creditLabel={(credit) => ctx.t('media.credit.shown', { credit })} />}
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
                <dd>
                  <a href="#venue-title">{place}</a>
                </dd>
              </>
            )}
            {online && (
              <>
                <dt>{ctx.t('events.page.online')}</dt>
                <dd>
                  {past ? (
                    ctx.t('events.page.onlinePast')
                  ) : vm.onlineLink ? (
                    <a href={vm.onlineLink}>{ctx.t('events.page.join')}</a>
                  ) : (
                    ctx.t(event.registrationMode === 'none' ? 'events.page.onlineAsk' : 'events.page.onlineRegistered')
                  )}
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
          <div class="item-tools no-print">
            <BookmarkButton ctx={ctx} kind="event" id={event.id} title={event.title} saved={vm.saved} />
            {!past && (
              <a class="button button-secondary button-small" href={`/agenda/${event.slug}.ics`} download={`${event.slug}.ics`}>
                {ctx.t('events.page.addToCalendar')}
              </a>
            )}
          </div>
        </header>
        {past && <Recap ctx={ctx} event={event} />}
        {event.summary && <p class="lead">{event.summary}</p>}
        {paragraphs(event.description).map((p) => (
          <p>{p}</p>
        ))}
        {!past && <RegistrationBox ctx={ctx} event={event} availability={availability} mine={mine} />}
        <Speakers ctx={ctx} event={event} />
        <Programme ctx={ctx} event={event} />
        {!past && <Documents ctx={ctx} event={event} />}
        <Venue ctx={ctx} event={event} />
      </article>
      {vm.related.length > 0 && (
        <section aria-labelledby="related-title" class="related">
          <h2 id="related-title">{ctx.t('events.page.related')}</h2>
          <Cards ctx={ctx} cards={vm.related} />
        </section>
      )}
    </Layout>
  );
}
