import { describe, expect, it } from 'vitest';
import { createI18n, frenchTypography, negotiateLang } from './i18n.ts';
import { platformCatalogue } from './platform.i18n.ts';

describe('i18n', () => {
  it('puts non-breaking spaces before « ; : ! ? » in French', () => {
    expect(frenchTypography('Abonnez-vous ! Lieu : Amiens ; « oui » ?')).toBe('Abonnez-vous\u202f! Lieu\u00a0: Amiens\u202f; «\u202foui\u202f»\u202f?');
  });

  it('leaves French text without a space before the mark as typed, and is idempotent', () => {
    expect(frenchTypography('Oui! 14h30')).toBe('Oui! 14h30');
    const once = frenchTypography('Oui ! Non ? « Là » : ok ;');
    expect(frenchTypography(once)).toBe(once);
  });

  it('keeps web addresses whole: only a colon after a space gets the non-breaking space', () => {
    expect(frenchTypography('Voir https://exemple.fr : ici')).toBe('Voir https://exemple.fr\u00a0: ici');
  });

  it('applies French typography to the French catalogue only, never to the parameters', () => {
    const i18n = createI18n([{ fr: { a: 'Lieu : {place}' }, en: { a: 'Place : {place} !' } }]);
    expect(i18n.t('fr')('a', { place: 'Amiens ?' })).toBe('Lieu\u00a0: Amiens ?');
    expect(i18n.t('en')('a', { place: 'Arras' })).toBe('Place : Arras !');
  });

  it('prefers the cookie, then Accept-Language by weight, then French', () => {
    expect(negotiateLang('en', 'fr')).toBe('en');
    expect(negotiateLang(undefined, 'de;q=1, en;q=0.8, fr;q=0.5')).toBe('en');
    expect(negotiateLang('klingon', 'xx')).toBe('fr');
    expect(negotiateLang(undefined, undefined)).toBe('fr');
  });

  it('fills parameters and falls back to French for a key missing in English', () => {
    const i18n = createI18n([{ fr: { a: 'Bonjour {name}', b: 'seulement' }, en: { a: 'Hello {name}' } }]);
    expect(i18n.t('en')('a', { name: 'Camille' })).toBe('Hello Camille');
    expect(i18n.t('en')('b')).toBe('seulement');
  });

  it('has every platform message in both languages', () => {
    expect(Object.keys(platformCatalogue.en).sort()).toEqual(Object.keys(platformCatalogue.fr).sort());
  });

  it('refuses a key defined twice by two catalogues', () => {
    expect(() =>
      createI18n([
        { fr: { x: '1' }, en: {} },
        { fr: { x: '2' }, en: {} },
      ]),
    ).toThrow(/duplicate/);
  });
});
