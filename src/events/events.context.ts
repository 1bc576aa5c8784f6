import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { randomToken } from '../platform/db/ids.ts';
import { getOrCreateSetting } from '../platform/db/settings.ts';
import type { AfterCommit } from '../platform/db/transaction.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import type { Platform } from '../platform/platform.ts';
import { createEventsExtensions, type EventsExtensions } from './events.extensions.ts';
import { eventsCatalogue } from './events.i18n.ts';
import { createLinkSigner, type LinkSigner } from './events.links.ts';
import { toEvent, type EventModel } from './events.model.ts';
import * as repo from './events.repo.ts';
import type { EventRegistrationsTable, EventsTable } from './events.tables.ts';

export const JOB_REMINDER = 'events.reminder';
export const JOB_OFFER_EXPIRY = 'events.offerExpiry';

/** What every part of the events service shares: the platform, the translator, the signed links, the event lock. */
export interface EventsContext {
  platform: Platform<Database>;
  db: Kysely<Database>;
  t: ReturnType<typeof createI18n>['t'];
  links: LinkSigner;
  extensions: EventsExtensions;
  /** The network's name, signed at the foot of mails. */
  site: string;
  /** PUBLIC_URL, for absolute links in mails. */
  base: string;
  host: string;
  /** The registration a personal link names, read once while the link is verified (null: no such link or registration). */
  registrationByToken(token: string): Promise<EventRegistrationsTable | null>;
  tokenOf(r: EventRegistrationsTable): Promise<string>;
  personalUrl(e: EventModel | EventsTable, r: EventRegistrationsTable): Promise<string>;
  /** Takes the event's lock for the rest of the transaction (see repo.lockEvent). */
  lock(trx: Kysely<Database>, eventId: string): Promise<EventModel | null>;
  /** After commit: sends the mail written and tells the live pages that registrations changed. */
  changed(afterCommit: AfterCommit, eventId: string): void;
}

export function createEventsContext(platform: Platform<Database>): EventsContext {
  const db = platform.db;
  let secret: Promise<string> | null = null;
  const links = createLinkSigner(() => (secret ??= platform.config.secret ? Promise.resolve(`${platform.config.secret}:events`) : getOrCreateSetting(db, 'events_link_secret', () => randomToken(48))));
  const base = platform.config.publicUrl;
  const tokenOf = (r: EventRegistrationsTable) => links.personal(r.id, r.link_version);
  return {
    platform,
    db,
    t: createI18n([eventsCatalogue]).t,
    links,
    extensions: createEventsExtensions(db),
    site: platform.config.networkName,
    base,
    host: new URL(base).hostname || 'palabre.local',
    async registrationByToken(token) {
      let row: EventRegistrationsTable | undefined;
      const id = await links.verifyPersonal(token, async (id) => {
        row = await repo.findRegistration(db, id);
        return row?.link_version ?? null;
      });
      return id && row ? row : null;
    },
    tokenOf,
    personalUrl: async (e, r) => `${base}/agenda/${e.slug}/inscription/${await tokenOf(r)}`,
    async lock(trx, eventId) {
      const row = await repo.lockEvent(trx, platform.dbKind, eventId);
      return row ? toEvent(row) : null;
    },
    changed: (afterCommit, eventId) =>
      afterCommit(async () => {
        platform.mail.wake();
        await platform.bus.publish(`events:${eventId}`, { registrations: true });
      }),
  };
}
