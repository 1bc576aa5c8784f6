import { describe, expect, it } from 'vitest';
import { readCsv } from '../platform/csv.ts';
import { mergeSubscribers, parseSubscribers } from './imports.csv.ts';
import { importsCatalogue } from './imports.i18n.ts';
import { guessKind, parseDate, redirectPath, themesOf } from './imports.model.ts';

const csv = (text: string) => readCsv(new TextEncoder().encode(text));

describe('imports model', () => {
  it('reads the dates exports write, and refuses impossible ones', () => {
    expect(parseDate('2019-03-04 10:12:33')).toBe('2019-03-04T10:12:33.000Z');
    expect(parseDate('2019-03-04T10:12:33+02:00')).toBe('2019-03-04T08:12:33.000Z');
    expect(parseDate('14/05/2019', 'paris')).toBe('2019-05-13T22:00:00.000Z');
    expect(parseDate('2019-05-14 09:30', 'paris')).toBe('2019-05-14T07:30:00.000Z');
    for (const bad of ['31/02/2020', '2020-13-01', 'hier', '', '2020-02-30 10:00:00']) expect(parseDate(bad), bad).toBeNull();
  });

  it('keeps an old address as its decoded path, without query string or trailing slash', () => {
    expect(redirectPath('https://ancien.example/2019/05/mon-article/')).toBe('/2019/05/mon-article');
    expect(redirectPath('/docs/r%C3%A9sum%C3%A9.pdf?v=2')).toBe('/docs/résumé.pdf');
    expect(redirectPath('https://ancien.example/')).toBeNull();
    expect(redirectPath('pas-un-chemin')).toBeNull();
    expect(redirectPath('/%E0%A4%A')).toBeNull();
  });

  it('guesses the kind from the name and first bytes, and leaves a CSV to the person', () => {
    expect(guessKind('agenda.ics', '')).toBe('events');
    expect(guessKind('flux.txt', 'BEGIN:VCALENDAR\r\n')).toBe('events');
    expect(guessKind('site.zip', 'PK')).toBe('site');
    expect(guessKind('export.xml', '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">')).toBe('wordpress');
    expect(guessKind('flux.xml', '<?xml version="1.0"?><rss>')).toBeNull();
    expect(guessKind('abonnes.csv', '"Email Address"')).toBeNull();
  });

  it('splits theme cells on commas, semicolons and bars, as slugs', () => {
    expect(themesOf('Climat, Mobilité ; Énergie|climat')).toEqual([
      { slug: 'climat', name: 'Climat' },
      { slug: 'mobilite', name: 'Mobilité' },
      { slug: 'energie', name: 'Énergie' },
    ]);
  });

  it('imports Mailchimp’s cleaned export as bounced, and lets "do not mail" win a merge', () => {
    const cleaned = parseSubscribers(csv('"Email Address","OPTIN_TIME","CLEAN_TIME","CLEAN_CAMPAIGN_TITLE"\n"a@b.fr","2019-01-01 00:00:00","2020-01-01 00:00:00","Lettre"\n'));
    expect(cleaned.flavour).toBe('Mailchimp (nettoyé·es)');
    expect(cleaned.items[0].data).toMatchObject({ status: 'bounced', leftAt: '2020-01-01T00:00:00.000Z' });
    const confirmed = { email: 'a@b.fr', status: 'confirmed' as const, requestedAt: '2019-01-01', confirmedAt: '2019-01-02', leftAt: null, consentText: '', consentSource: 'x' };
    const left = { ...confirmed, status: 'unsubscribed' as const, requestedAt: '2021-01-01', confirmedAt: null, leftAt: '2022-01-01' };
    expect(mergeSubscribers(confirmed, left)).toMatchObject({ status: 'unsubscribed', requestedAt: '2019-01-01', confirmedAt: '2019-01-02', leftAt: '2022-01-01' });
    expect(mergeSubscribers(left, confirmed)).toMatchObject({ status: 'unsubscribed', requestedAt: '2019-01-01' });
  });

  it('reports a line whose cells no longer match the header', () => {
    const parsed = parseSubscribers(csv('EMAIL;NOM\na@b.fr;Dupont\nc@d.fr;Du;pont;x;y\n'));
    expect(parsed.items.map((i) => i.key)).toEqual(['a@b.fr']);
    expect(parsed.problems).toEqual([{ line: 3, label: 'c@d.fr', outcome: 'error', field: null, reason: 'imports.reason.columnCount', params: { found: 5, expected: 2 } }]);
  });

  it('says everything in French and English, with the same parameters', () => {
    expect(Object.keys(importsCatalogue.en).sort()).toEqual(Object.keys(importsCatalogue.fr).sort());
    const params = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, fr] of Object.entries(importsCatalogue.fr)) expect(params(importsCatalogue.en[key]), key).toEqual(params(fr));
  });
});
