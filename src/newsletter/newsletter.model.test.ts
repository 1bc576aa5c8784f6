import { describe, expect, it } from 'vitest';
import { cleanAudience, itemsFromInput, parseItems, parseSendTime, type SourceItem } from './newsletter.model.ts';

const news: SourceItem = { kind: 'news', id: 'n1', url: '/actualites/n1', title: 'Rencontre', summary: 'Le compte rendu', publishedAt: '2025-03-01T09:00:00.000Z', startsAt: null };
const event: SourceItem = { kind: 'event', id: 'e1', url: '/agenda/e1', title: 'Atelier', summary: '', publishedAt: '2025-03-02T09:00:00.000Z', startsAt: '2025-04-10T14:00:00.000Z' };

describe('newsletter campaign items', () => {
  it('copies the picked catalogue items in the order picked, dated by the event start when there is one', () => {
    const items = itemsFromInput({ items: ['event:e1', 'news:n1'], extra: '' }, [news, event]);
    expect(items).toEqual([
      { kind: 'event', title: 'Atelier', url: '/agenda/e1', summary: '', date: '2025-04-10T14:00:00.000Z', ref: 'event:e1' },
      { kind: 'news', title: 'Rencontre', url: '/actualites/n1', summary: 'Le compte rendu', date: '2025-03-01T09:00:00.000Z', ref: 'news:n1' },
    ]);
  });

  it('drops a picked key that is no longer among the candidates', () => {
    expect(itemsFromInput({ items: ['news:gone'], extra: '' }, [news])).toEqual([]);
  });

  it('reads free links as "title | url | summary", keeping only web or site addresses', () => {
    const extra = 'Guide | https://exemple.fr/guide | À lire\nPage | /ressources/x\nSans adresse |\nScript | javascript:alert(1)';
    expect(itemsFromInput({ items: [], extra }, [])).toEqual([
      { kind: 'link', title: 'Guide', url: 'https://exemple.fr/guide', summary: 'À lire', date: null },
      { kind: 'link', title: 'Page', url: '/ressources/x', summary: '', date: null },
    ]);
  });

  it('reads a damaged items column as no items', () => {
    expect(parseItems('not json')).toEqual([]);
    expect(parseItems('{"a":1}')).toEqual([]);
    expect(parseItems('[{"kind":"link","title":"T","url":"/","summary":"","date":null}]')).toHaveLength(1);
  });
});

describe('parseSendTime', () => {
  const now = Date.parse('2027-03-20T12:00:00.000Z');

  it('reads an empty field as "as soon as confirmed"', () => {
    expect(parseSendTime('', now)).toEqual({ ok: true, at: null });
    expect(parseSendTime('  ', now)).toEqual({ ok: true, at: null });
  });

  it('reads the date and time as Paris time, on both sides of the change to summer time', () => {
    expect(parseSendTime('2027-03-27T09:00', now)).toEqual({ ok: true, at: '2027-03-27T08:00:00.000Z' });
    expect(parseSendTime('2027-03-29T09:00', now)).toEqual({ ok: true, at: '2027-03-29T07:00:00.000Z' });
    expect(parseSendTime('2027-03-29T09:00:00', now)).toEqual({ ok: true, at: '2027-03-29T07:00:00.000Z' });
  });

  it('refuses a time skipped by the change to summer time', () => {
    expect(parseSendTime('2027-03-28T02:30', now)).toEqual({ ok: false, key: 'newsletter.send.whenSkipped' });
  });

  it('refuses dates that do not exist, moments already past and dates more than a year ahead', () => {
    expect(parseSendTime('2027-02-30T09:00', now)).toEqual({ ok: false, key: 'newsletter.send.whenInvalid' });
    expect(parseSendTime('2027-04-01T24:00', now)).toEqual({ ok: false, key: 'newsletter.send.whenInvalid' });
    expect(parseSendTime('demain 9h', now)).toEqual({ ok: false, key: 'newsletter.send.whenInvalid' });
    expect(parseSendTime('2027-03-20T12:59', now)).toEqual({ ok: false, key: 'newsletter.send.whenPast' });
    expect(parseSendTime('2028-04-01T09:00', now)).toEqual({ ok: false, key: 'newsletter.send.whenTooFar' });
  });
});

describe('cleanAudience', () => {
  it('keeps known themes and territories, each once', () => {
    expect(cleanAudience({ themes: ['climat', 'climat', 'inconnu'], territories: ['59', '59', '99', 'autre'] }, new Set(['climat']))).toEqual({ themes: ['climat'], territories: ['59', 'autre'] });
    expect(cleanAudience({}, new Set())).toEqual({ themes: [], territories: [] });
  });
});
