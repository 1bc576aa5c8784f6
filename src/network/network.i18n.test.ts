import { describe, expect, it } from 'vitest';
import { networkCatalogue } from './network.i18n.ts';
import { newsletterCatalogue } from '../newsletter/newsletter.i18n.ts';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['network', networkCatalogue],
  ['newsletter', newsletterCatalogue],
])('%s catalogue', (name, catalogue) => {
  it('has every message in both French and English', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.fr).sort());
  });

  it('uses the same parameters in both languages', () => {
    const mismatched = Object.keys(catalogue.fr).filter((k) => JSON.stringify(params(catalogue.fr[k]!)) !== JSON.stringify(params(catalogue.en[k] ?? '')));
    expect(mismatched).toEqual([]);
  });

  it(`prefixes every key with "${name}."`, () => {
    expect(Object.keys(catalogue.fr).filter((k) => !k.startsWith(`${name}.`))).toEqual([]);
  });
});
