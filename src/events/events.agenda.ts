import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { isCalendarMonth, nextMonthStart } from '../platform/dates.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { parisToIso } from '../platform/format.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { slugify } from '../platform/text.ts';
import { JOB_REMINDER, type EventsContext } from './events.context.ts';
import type { EventsMail, MailKind } from './events.mail.ts';
import { availabilityOf, rowFromInput, toEvent, type Availability, type EventModel } from './events.model.ts';
import * as repo from './events.repo.ts';
import type { EventDocument, EventInput } from './events.schema.ts';
import type { EventKind, EventsTable, RegistrationStatus } from './events.tables.ts';
import type { EventsDeps } from './events.service.ts';
import type { WaitingList } from './events.waiting.ts';

/** The events themselves: writing them (catalogue, reminders, notices to registrants), listing them, their themes. */
export function createAgenda(ctx: EventsContext, deps: EventsDeps, { mail }: EventsMail, { promote }: WaitingList) {
  const { platform, db, lock, changed } = ctx;

  /** Slug → the theme's name in `lang`, from the catalogue. */
  const themeNames = (lang: Lang): Promise<Map<string, string>> => deps.catalog.themes.names(lang);

  async function scheduleReminder(trx: Kysely<Database>, e: EventModel) {
    if (e.status !== 'published' || e.registrationMode === 'none' || e.reminderHours <= 0) return;
    const runAt = new Date(Date.parse(e.startsAt) - e.reminderHours * 3600_000).toISOString();
    const now = nowIso();
    if (e.startsAt <= now) return;
    // A reminder whose time has passed (an event moved closer) goes out at once.
    const due = runAt > now ? runAt : now;
    await platform.jobs.enqueue(trx, JOB_REMINDER, { eventId: e.id, revision: e.revision }, { runAt: due, uniqueKey: `${JOB_REMINDER}:${e.id}:${e.revision}` });
  }

  async function publishToCatalog(trx: Kysely<Database>, e: EventModel) {
    const { catalog } = deps;
    if (e.status === 'draft') return catalog.remove(trx, 'event', e.id);
    await catalog.upsert(trx, {
      kind: 'event',
      id: e.id,
      url: `/agenda/${e.slug}`,
      title: e.title,
      summary: e.summary,
      body: [
        e.description,
        e.programme.map((p) => p.label).join('\n'),
        e.placeName,
        e.placeAddress,
        e.organisers.join(', '),
        e.speakers.map((s) => [s.name, s.organisation].filter(Boolean).join(', ')).join('\n'),
        e.recap,
      ]
        .filter(Boolean)
        .join('\n'),
      themes: e.themes,
      territory: e.territory,
      format: null,
      membersOnly: false,
      publishedAt: e.publishedAt ?? e.createdAt,
      updatedAt: e.updatedAt,
      startsAt: e.startsAt,
    });
  }

  async function uniqueSlug(trx: Kysely<Database>, wanted: string, exceptId?: string) {
    const root = slugify(wanted) || 'rencontre';
    let slug = root;
    for (let i = 2; await repo.slugTaken(trx, slug, exceptId); i++) slug = `${root}-${i}`;
    return slug;
  }

  const agenda = {
    themeNames,

    /** Themes an agenda filter may name, with their names: the catalogue's, and the slugs events carry. */
    async knownThemes(lang: Lang): Promise<Map<string, string>> {
      const [names, inUse] = await Promise.all([themeNames(lang), repo.listThemesInUse(db)]);
      for (const slug of inUse) if (!names.has(slug)) names.set(slug, slug);
      return names;
    },

    async getEvent(id: string): Promise<EventModel | null> {
      const row = await repo.findEventById(db, id);
      return row ? toEvent(row) : null;
    },

    async getEventBySlug(slug: string): Promise<EventModel | null> {
      const row = await repo.findEventBySlug(db, slug);
      return row ? toEvent(row) : null;
    },

    async createEvent(input: EventInput): Promise<EventModel> {
      return transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        const id = newId();
        const row: EventsTable = {
          id,
          slug: await uniqueSlug(trx, input.slug ?? input.title),
          ...rowFromInput(input),
          revision: 1,
          seats_taken: 0,
          member_seats_taken: 0,
          created_by: input.createdBy ?? null,
          created_at: now,
          updated_at: now,
          published_at: (input.status ?? 'draft') !== 'draft' ? now : null,
        };
        await repo.insertEvent(trx, row);
        const e = toEvent(row);
        await publishToCatalog(trx, e);
        await scheduleReminder(trx, e);
        afterCommit(() => platform.bus.publish('events', { id }));
        return e;
      });
    },

    /**
     * Adds a document to the event's page, inside the caller's transaction (the forum attaches its
     * proceedings). The same URL attached again replaces the entry instead of listing it twice.
     */
    async attachDocument(trx: Kysely<Database>, eventId: string, doc: { title: string; url: string; format: string; size?: number }): Promise<boolean> {
      const row = await repo.findEventById(trx, eventId);
      if (!row) return false;
      const documents = (JSON.parse(row.documents) as EventDocument[]).filter((d) => d.url !== doc.url);
      documents.push({ title: doc.title, url: doc.url, format: doc.format });
      await repo.updateEvent(trx, eventId, { documents: JSON.stringify(documents), updated_at: nowIso() });
      return true;
    },

    /** Saves an edit; moving or cancelling a published event tells everyone registered. */
    async updateEvent(id: string, input: EventInput): Promise<EventModel | null> {
      return transact(db, async (trx, afterCommit) => {
        const before = await lock(trx, id);
        if (!before) return null;
        const now = nowIso();
        const patch = {
          ...rowFromInput(input),
          slug: input.slug && input.slug !== before.slug ? await uniqueSlug(trx, input.slug, id) : before.slug,
          updated_at: now,
          revision: before.revision + 1,
          published_at: before.publishedAt ?? (input.status !== 'draft' ? now : null),
        };
        await repo.updateEvent(trx, id, patch);
        const e = toEvent((await repo.findEventById(trx, id))!);
        await publishToCatalog(trx, e);
        await scheduleReminder(trx, e);
        const wasLive = before.status === 'published' || before.status === 'postponed';
        const notify = (statuses: RegistrationStatus[], kind: MailKind) =>
          repo.listRegistrations(trx, id, statuses).then((rs) => Promise.all(rs.map((r) => mail(trx, e, r, kind, { dedupe: `events:${kind}:${r.id}:${e.revision}` }))));
        if (wasLive && e.status === 'cancelled') await notify(['confirmed', 'offered', 'waiting', 'pending', 'invited'], 'eventCancelled');
        // Postponed: the date no longer holds and the new one is not known; the registrations are kept for it.
        else if (wasLive && e.status === 'postponed' && before.status !== 'postponed') await notify(['confirmed', 'offered', 'waiting', 'pending', 'invited'], 'eventPostponed');
        else if (wasLive && (e.startsAt !== before.startsAt || e.endsAt !== before.endsAt || e.placeName !== before.placeName || e.placeAddress !== before.placeAddress)) {
          await notify(['confirmed', 'offered', 'waiting'], 'eventMoved');
        }
        // More seats, or fewer reserved ones, may let waiting people in.
        if (e.status === 'published') await promote(trx, e, afterCommit);
        await repo.syncSeats(trx, id);
        changed(afterCommit, id);
        afterCommit(() => platform.bus.publish('events', { id }));
        return e;
      });
    },

    async duplicateEvent(id: string, createdBy: string | null): Promise<EventModel | null> {
      const e = await agenda.getEvent(id);
      if (!e) return null;
      return agenda.createEvent({ ...e, title: `${e.title} (copie)`, slug: `${e.slug}-copie`, status: 'draft', createdBy });
    },

    async listAgenda(filter: {
      when: 'upcoming' | 'past' | 'calendar';
      theme?: string;
      territory?: string;
      month?: string;
      kind?: EventKind;
      mode?: 'online' | 'onsite';
      includeDrafts?: boolean;
      limit?: number;
    }) {
      const now = nowIso();
      let monthStart: string | undefined;
      let monthEnd: string | undefined;
      if (filter.month && isCalendarMonth(filter.month)) {
        monthStart = parisToIso(`${filter.month}-01`);
        monthEnd = parisToIso(nextMonthStart(filter.month));
      }
      const rows = await repo.listEvents(db, {
        when: filter.when,
        now,
        statuses: filter.includeDrafts ? ['draft', 'published', 'cancelled', 'postponed'] : ['published', 'cancelled', 'postponed'],
        theme: filter.theme,
        territory: filter.territory,
        kind: filter.kind,
        mode: filter.mode,
        monthStart,
        monthEnd,
        limit: filter.limit,
      });
      const occ = await repo.occupancy(
        db,
        rows.map((r) => r.id),
      );
      const pictures = await deps.media.pictures(rows.map((r) => ({ kind: 'event', id: r.id })));
      return rows.map((r) => {
        const e = toEvent(r);
        return { event: e, availability: availabilityOf(e, occ.get(e.id)!), picture: pictures.get(`event:${e.id}`) ?? null };
      });
    },

    territories: () => repo.listTerritories(db),

    async listAllForAdmin() {
      const rows = await repo.listEvents(db, { when: 'all', now: nowIso(), statuses: ['draft', 'published', 'cancelled', 'postponed'] });
      const occ = await repo.occupancy(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({ event: toEvent(r), availability: availabilityOf(toEvent(r), occ.get(r.id)!) }));
    },

    async availability(e: EventModel): Promise<Availability> {
      const occ = await repo.occupancy(db, [e.id]);
      return availabilityOf(e, occ.get(e.id)!);
    },

    /** Job: the reminder the day before, to everyone with a seat; a job of an older revision does nothing. */
    async sendReminders(eventId: string, revision: number): Promise<void> {
      await transact(db, async (trx, afterCommit) => {
        const row = await repo.findEventById(trx, eventId);
        if (!row || row.revision !== revision || row.status !== 'published' || row.starts_at <= nowIso()) return;
        const e = toEvent(row);
        for (const r of await repo.listRegistrations(trx, eventId, ['confirmed'])) {
          await mail(trx, e, r, 'reminder', { dedupe: `events:reminder:${r.id}:${revision}` });
        }
        afterCommit(() => platform.mail.wake());
      });
    },
  };
  return agenda;
}
