import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { formatDate, formatLongDate, formatTime, parisDay } from '../platform/format.ts';
import { renderMail } from '../platform/mail/message.tsx';
import type { OutgoingMail } from '../platform/mail/outbox.ts';
import { paragraphs as splitParagraphs } from '../platform/text.ts';
import type { EventsContext } from './events.context.ts';
import { renderCalendar, type IcsEvent } from './events.ics.ts';
import { onlineLinkFor, toRegistration, type EventModel } from './events.model.ts';
import { qrPng } from './events.qr.ts';
import type { EventRegistrationsTable } from './events.tables.ts';

export type MailKind =
  | 'confirmAddress'
  | 'confirmed'
  | 'waiting'
  | 'promoted'
  | 'offered'
  | 'offerExpired'
  | 'cancelled'
  | 'changed'
  | 'duplicate'
  | 'invitation'
  | 'invitationReminder'
  | 'reminder'
  | 'eventCancelled'
  | 'eventPostponed'
  | 'eventMoved'
  | 'message';

/** full: the event had no seat left when an invitation was written (a "yes" joins the waiting list). */
export type MailExtra = { position?: number | string; subject?: string; body?: string; dedupe?: string; full?: boolean };

/** Stands for the position in line in a mail written before the position is known (under the lock). */
export const POSITION_MARK = '\u2063position\u2063';

export function withPosition(m: OutgoingMail, position: number | null): OutgoingMail {
  const n = String(position ?? '');
  return { ...m, subject: m.subject.replaceAll(POSITION_MARK, n), text: m.text.replaceAll(POSITION_MARK, n), html: m.html.replaceAll(POSITION_MARK, n) };
}

/** Mail to registrants: written from the event and the registration, put in the outbox in the caller's transaction. */
export function createEventsMail(ctx: EventsContext) {
  const { platform, db, t, links, extensions, site, base, host, personalUrl, tokenOf } = ctx;
  // Every mail names the date; Intl formatting costs a fifth of a registration's CPU, so it is done once per date.
  const whenCache = new Map<string, string>();
  function whenText(e: Pick<EventModel, 'startsAt' | 'endsAt'>, lang: Lang): string {
    const key = `${e.startsAt}|${e.endsAt}|${lang}`;
    let text = whenCache.get(key);
    if (text === undefined) {
      const tr = t(lang);
      text =
        parisDay(e.startsAt) === parisDay(e.endsAt)
          ? tr('events.when.sameDay', { date: formatLongDate(e.startsAt, lang), start: formatTime(e.startsAt, lang), end: formatTime(e.endsAt, lang) })
          : tr('events.when.range', { start: formatLongDate(e.startsAt, lang), end: formatLongDate(e.endsAt, lang) });
      if (whenCache.size > 1000) whenCache.clear();
      whenCache.set(key, text);
    }
    return text;
  }

  /** The place; "en ligne" without the link, which goes only to people holding a seat (see compose). */
  function whereText(e: EventModel, lang: Lang): string {
    const parts = [e.placeName, e.placeAddress].filter(Boolean).join(', ');
    if (parts) return parts;
    return e.onlineUrl ? t(lang)('events.online') : '';
  }

  /** Calendars anyone can fetch: without the visio link. */
  function icsOf(events: EventModel[], name: string): string {
    return renderCalendar({ name, events: events.map((e) => toIcs(e)) });
  }

  /** seated: the calendar attached to a mail to someone holding a seat, which may carry the visio link. */
  function toIcs(e: EventModel, seated = false): IcsEvent {
    const online = onlineLinkFor(e, seated ? { status: 'confirmed' } : null);
    return {
      uid: `${e.id}@${host}`,
      sequence: e.revision,
      title: e.title,
      description: [e.summary, online, ...e.programme.map((p) => `${p.day ? `${p.day} ` : ''}${p.time.replace(':', 'h')} ${p.label}`)].filter(Boolean).join('\n'),
      location: [e.placeName, e.placeAddress].filter(Boolean).join(', ') || online,
      url: `${base}/agenda/${e.slug}`,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      status: e.status,
      categories: e.themes,
      updatedAt: e.updatedAt,
    };
  }

  /** Puts one mail to a registrant in the outbox, in the caller's transaction. */
  async function mail(trx: Kysely<Database>, e: EventModel, r: EventRegistrationsTable, kind: MailKind, extra: MailExtra = {}) {
    const m = await compose(e, r, kind, extra, trx);
    if (m) await platform.mail.enqueue(trx, m);
  }

  /** Writes one mail to a registrant without touching the database, so that it can be done before taking a lock. */
  async function compose(e: EventModel, r: EventRegistrationsTable, kind: MailKind, extra: MailExtra = {}, via: Kysely<Database> = db): Promise<OutgoingMail | null> {
    if (!r.email) return null;
    const lang = r.lang;
    const tr = t(lang);
    const url = await personalUrl(e, r);
    const params = {
      title: e.title,
      when: whenText(e, lang),
      where: whereText(e, lang),
      position: extra.position ?? 0,
      site,
      hours: e.offerHours ?? 0,
      until: r.offer_expires_at ? `${formatDate(r.offer_expires_at, lang)} ${formatTime(r.offer_expires_at, lang)}` : '',
    };
    const paragraphs: string[] = [];
    if (kind === 'message') paragraphs.push(...splitParagraphs(extra.body ?? ''));
    else paragraphs.push(tr(`events.mail.${kind}.text`, params));
    if ((kind === 'invitation' || kind === 'invitationReminder') && extra.full) paragraphs.push(tr('events.mail.invitationFull'));
    if (kind === 'eventCancelled' || kind === 'eventPostponed' || kind === 'eventMoved') {
      if (e.statusNote) paragraphs.push(e.statusNote);
    }
    // A cancelled or postponed event has no date left to give.
    if (!['eventCancelled', 'eventPostponed', 'message'].includes(kind)) {
      paragraphs.push(tr('events.mail.details', params));
      if (params.where && kind !== 'confirmAddress') paragraphs.push(tr('events.mail.where', params));
    }
    const attachments = [];
    const seated = r.status === 'confirmed';
    if (seated && ['confirmed', 'promoted', 'changed', 'eventMoved', 'reminder', 'duplicate'].includes(kind)) {
      if (e.onlineUrl) paragraphs.push(tr('events.mail.onlineLink', { url: e.onlineUrl }));
      attachments.push({
        filename: `${e.slug}.ics`,
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: Buffer.from(renderCalendar({ name: e.title, events: [toIcs(e, true)] })).toString('base64'),
      });
      for (const link of await extensions.linksForRegistration(e, toRegistration(r), { token: await tokenOf(r), lang, db: via })) paragraphs.push(`${link.label} : ${link.url}`);
      // A QR code for the door: not for an event held online only.
      if (['confirmed', 'promoted', 'reminder'].includes(kind) && (e.placeName || e.placeAddress)) {
        const checkinUrl = `${base}/admin/rencontres/${e.id}/accueil/code/${await links.checkin(r.id)}`;
        const png = qrPng(checkinUrl);
        attachments.push({ filename: 'qr-code-accueil.png', contentType: 'image/png', content: png.toString('base64') });
        paragraphs.push(tr('events.mail.qr'));
      }
    }
    const active = ['pending', 'confirmed', 'offered', 'waiting', 'invited'].includes(r.status);
    const footer = [tr('events.mail.why', { site })];
    if (active && kind !== 'eventCancelled') footer.unshift(tr(r.status === 'invited' ? 'events.mail.decline' : 'events.mail.cannotCome', { url: `${url}/annuler` }));
    const actionLabel: Partial<Record<MailKind, string>> = {
      confirmAddress: 'events.mail.action.confirmAddress',
      offered: 'events.mail.action.accept',
      invitation: 'events.mail.action.answer',
      invitationReminder: 'events.mail.action.answer',
    };
    const content = renderMail({
      greeting: tr('events.mail.greeting', { name: r.name }),
      paragraphs,
      action: kind === 'eventCancelled' || !active ? undefined : { label: tr(actionLabel[kind] ?? 'events.mail.action.see'), url },
      footer,
      siteName: site,
    });
    return {
      to: r.email,
      lang,
      subject: kind === 'message' ? (extra.subject ?? e.title) : tr(`events.mail.${kind}.subject`, params),
      ...content,
      attachments,
      category: 'events',
      dedupeKey: extra.dedupe,
    };
  }

  return { whenText, whereText, icsOf, toIcs, mail, compose };
}
export type EventsMail = ReturnType<typeof createEventsMail>;
