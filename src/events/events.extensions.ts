import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { EventModel, RegistrationModel } from './events.model.ts';

/** A link another module offers to a registered person (already translated, absolute URL). */
export interface RegistrationLink {
  label: string;
  url: string;
}

/**
 * What other modules may add to an event without the agenda knowing them (the forum ouvert adds its
 * personal link and its join code): modules depend on events, never the reverse.
 */
export interface EventsExtension {
  /** Links for a person with a seat, in their mail and on their registration page. */
  linksForRegistration?(event: EventModel, registration: RegistrationModel, context: ExtensionContext & { token: string }): Promise<RegistrationLink[]>;
  /** A line printed on the sign-in sheet, with the URL its QR code opens. */
  sheetNote?(event: EventModel, context: ExtensionContext): Promise<{ text: string; url: string } | null>;
}

/**
 * `db` is the caller's transaction when there is one: a mail is often written inside it, and on
 * SQLite a read on another connection would wait for that transaction forever.
 */
export interface ExtensionContext {
  lang: Lang;
  db: Kysely<Database>;
}

export function createEventsExtensions(defaultDb: Kysely<Database>) {
  const list: EventsExtension[] = [];
  // An extension that fails must not stop a registration or a sign-in sheet: it only loses its extra.
  const settle = async <T>(calls: Array<Promise<T> | undefined>): Promise<T[]> =>
    (await Promise.allSettled(calls.filter((c): c is Promise<T> => c !== undefined))).flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  return {
    register(extension: EventsExtension) {
      list.push(extension);
    },
    async linksForRegistration(event: EventModel, registration: RegistrationModel, context: { token: string; lang: Lang; db?: Kysely<Database> }): Promise<RegistrationLink[]> {
      if (registration.status !== 'confirmed' || event.status === 'cancelled' || list.length === 0) return [];
      const full = { ...context, db: context.db ?? defaultDb };
      return (await settle(list.map((x) => x.linksForRegistration?.(event, registration, full)))).flat();
    },
    async sheetNotes(event: EventModel, context: { lang: Lang; db?: Kysely<Database> }): Promise<Array<{ text: string; url: string }>> {
      if (list.length === 0) return [];
      const full = { ...context, db: context.db ?? defaultDb };
      return (await settle(list.map((x) => x.sheetNote?.(event, full)))).filter((n): n is { text: string; url: string } => n !== null);
    },
  };
}
export type EventsExtensions = ReturnType<typeof createEventsExtensions>;
