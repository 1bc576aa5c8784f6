import { describe, expect, it } from 'vitest';
import { excerpt, fold, ftsMatch, isEmptyQuery, parseQuery, stem, stemText, words } from './catalog.query.ts';

describe('fold and words', () => {
  it('lowers case, strips accents and spells out œ and æ', () => {
    expect(fold('Énergie CŒUR Ægir')).toBe('energie coeur aegir');
  });

  it('cuts runs of letters and digits like the FTS5 tokenizer', () => {
    expect(words("L'éco-quartier, 2024 : « vélo » !")).toEqual(['l', 'eco', 'quartier', '2024', 'velo']);
  });
});

describe('stem', () => {
  it('folds plural and feminine forms onto one stem', () => {
    expect(new Set(['participatives', 'participatif', 'participative'].map(stem)).size).toBe(1);
    expect(stem('citoyennes')).toBe(stem('citoyen'));
    expect(stem('territoriaux')).toBe(stem('territorial'));
  });

  it('leaves short words alone', () => {
    expect(stem('gaz')).toBe('gaz');
    expect(stem('bus')).toBe('bus');
  });

  it('indexes text as folded, stemmed words', () => {
    expect(stemText('Énergies citoyennes')).toBe(`${stem('energies')} ${stem('citoyennes')}`);
  });
});

describe('parseQuery', () => {
  it('keeps words without stop words, stemmed and unstemmed', () => {
    const q = parseQuery('La transition des territoires');
    expect(q.plain).toEqual(['transition', 'territoires']);
    expect(q.terms).toEqual([stem('transition'), stem('territoires')]);
    expect(q.phrases).toEqual([]);
  });

  it('reads "quoted text" as a phrase, and a quoted single word as a word', () => {
    const q = parseQuery('"budget participatif" "climat" énergie');
    expect(q.phrasesPlain).toEqual([['budget', 'participatif']]);
    expect(q.phrases).toEqual([[stem('budget'), stem('participatif')]]);
    expect(q.plain).toEqual(['climat', 'energie']);
  });

  it('drops operators, brackets, stars and SQL: only letters and digits remain', () => {
    const q = parseQuery(`énergie* OR (vélo) -"x'; DROP TABLE catalog_items; --" NEAR/3 {title}:climat`);
    for (const w of [...q.plain, ...q.terms, ...q.phrasesPlain.flat()]) expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(q.plain).toContain('energie');
    expect(q.plain).toContain('velo');
  });

  it('removes duplicates and keeps at most 12 words and 4 phrases', () => {
    expect(parseQuery('vélo velo Vélo').plain).toEqual(['velo']);
    const many = Array.from({ length: 20 }, (_, i) => `mot${i}`).join(' ');
    expect(parseQuery(many).plain).toHaveLength(12);
    expect(parseQuery('"a1 b1" "a2 b2" "a3 b3" "a4 b4" "a5 b5"').phrases).toHaveLength(4);
  });

  it('reads only the first 500 characters', () => {
    const q = parseQuery(`${'x '.repeat(250)}lointain`);
    expect(q.plain).not.toContain('lointain');
  });

  it('is empty for stop words, punctuation or nothing', () => {
    expect(isEmptyQuery(parseQuery(''))).toBe(true);
    expect(isEmptyQuery(parseQuery('le la les des'))).toBe(true);
    expect(isEmptyQuery(parseQuery('*** "" ()'))).toBe(true);
    expect(isEmptyQuery(parseQuery('vélo'))).toBe(false);
  });
});

describe('ftsMatch', () => {
  it('quotes every term and phrase and joins them with AND', () => {
    const q = parseQuery('"budget participatif" vélo');
    expect(ftsMatch(q)).toBe(`"${stem('velo')}" AND "${stem('budget')} ${stem('participatif')}"`);
  });

  it('restricts to the given columns', () => {
    expect(ftsMatch(parseQuery('vélo'), ['title', 'summary'])).toBe(`{title summary} : ("${stem('velo')}")`);
  });
});

describe('excerpt', () => {
  it('marks the query words, whatever their accents and plural', () => {
    const segments = excerpt('Les énergies renouvelables du territoire.', parseQuery('energie'));
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['énergies']);
    expect(segments.map((s) => s.text).join('')).toBe('Les énergies renouvelables du territoire.');
  });

  it('cuts a long text around the words found, with ellipses', () => {
    const text = `${'Début sans rapport. '.repeat(30)}Ici le compostage partagé. ${'Suite sans rapport. '.repeat(30)}`;
    const segments = excerpt(text, parseQuery('compostage'), 120);
    const joined = segments.map((s) => s.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(segments.some((s) => s.mark && s.text === 'compostage')).toBe(true);
  });

  it('gives nothing for an empty text', () => {
    expect(excerpt('   ', parseQuery('vélo'))).toEqual([]);
  });
});
