import type { Database } from '../database.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import type { Platform } from '../platform/platform.ts';
import type { MediaService } from '../media/media.service.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { createAgenda } from './events.agenda.ts';
import { createCheckin } from './events.checkin.ts';
import { createEventsContext } from './events.context.ts';
import { createInvitations } from './events.invitations.ts';
import { createEventsMail } from './events.mail.ts';
import { createPersonalData } from './events.personal-data.ts';
import { createRegistrations } from './events.registrations.ts';
import { createRoster } from './events.roster.ts';
import { createSeating } from './events.seating.ts';
import { createWaitingList } from './events.waiting.ts';

export { JOB_OFFER_EXPIRY, JOB_REMINDER } from './events.context.ts';
export { createEventsExtensions, type EventsExtension, type EventsExtensions, type ExtensionContext, type RegistrationLink } from './events.extensions.ts';
export {
  availabilityOf,
  closureOf,
  halfDays,
  refusalMessage,
  toEvent,
  toRegistration,
  type Availability,
  type Closure,
  type EventModel,
  type RegisterOutcome,
  type RegistrationModel,
  type Refusal,
} from './events.model.ts';

/**
 * What the agenda needs of other modules: the site-wide catalogue its events are listed in, the themes'
 * names, and for the event page the blocks every item page has (related items, the reader's bookmarks).
 */
export interface EventsDeps {
  catalog: Pick<CatalogService, 'upsert' | 'remove' | 'related' | 'bookmarks' | 'forReader'> & { themes: Pick<ThemesService, 'names'> } & Partial<Pick<MediaService, 'pictures'>>;
  /** The events' pictures (media module): cards, the event page, the picture form of the edit page. */
  media: Pick<MediaService, 'pictures' | 'picture' | 'editor'>;
}

/**
 * The events service, assembled from one part per concept: the events themselves (agenda), seats
 * (seating, decision 0007), registrations, the waiting list and its offers, invitations, check-in,
 * the animator's roster, personal data; mail composition is shared by all of them.
 */
export function createEventsService(platform: Platform<Database>, deps: EventsDeps) {
  const ctx = createEventsContext(platform);
  const mail = createEventsMail(ctx);
  const seating = createSeating(ctx, mail);
  const waiting = createWaitingList(ctx, mail, seating);
  const { promote: _promote, ...offers } = waiting;
  const agenda = createAgenda(ctx, deps, mail, waiting);
  const registrations = createRegistrations(ctx, mail, seating, waiting);
  const invitations = createInvitations(ctx, mail, seating);
  const roster = createRoster(ctx, mail);
  const checkin = createCheckin(ctx);
  const personalData = createPersonalData(ctx, waiting);
  // Registrations per minute on the operators' dashboard (/metrics): forms sent, and addresses confirmed by their link.
  const counted = platform.metrics.counter(
    'palabre_registrations_total',
    'Registrations by outcome: confirmed, waiting, pending (address to confirm), duplicate, refused; address_confirmed when a personal link seats a pending one',
    ['outcome'],
  );
  return {
    links: ctx.links,
    extensions: ctx.extensions,
    toIcs: mail.toIcs,
    icsOf: mail.icsOf,
    whenText: mail.whenText,
    ...agenda,
    /** The event's picture, for its page. */
    picture: (eventId: string) => deps.media.picture('event', eventId),
    /** The picture form of the event's edit page. */
    imageEditor: (eventId: string, lang: Lang) => deps.media.editor('event', eventId, `/admin/rencontres/${eventId}/modifier`, lang),
    /** The catalogue's blocks of an event page: related items and whether this reader saved it. */
    catalog: deps.catalog,
    // biome-ignore lint/nursery/noMisusedPromises: an object of async methods, not a promise (the rule's inference is wrong here)
    ...registrations,
    async register(input: Parameters<typeof registrations.register>[0]) {
      const outcome = await registrations.register(input);
      counted.inc({ outcome: outcome.kind });
      return outcome;
    },
    async confirmAddress(token: string) {
      const outcome = await registrations.confirmAddress(token);
      if (outcome === 'confirmed' || outcome === 'waiting') counted.inc({ outcome: 'address_confirmed' });
      return outcome;
    },
    ...offers,
    // biome-ignore lint/nursery/noMisusedPromises: an object of async methods, not a promise (the rule's inference is wrong here)
    ...invitations,
    ...roster,
    ...checkin,
    ...personalData,
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
