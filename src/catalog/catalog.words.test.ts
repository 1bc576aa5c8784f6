import { describe, expect, it } from 'vitest';
import { closestWord, editDistance, replaceWords, vocabularyOf } from './catalog.words.ts';
import { lastWord, parseQuery, withCompletions, ftsMatch } from './catalog.query.ts';

describe('editDistance', () => {
  it('counts a missing letter, a swapped pair and a wrong letter as one typo each', () => {
    expect(editDistance('partcipation', 'participation', 2)).toBe(1);
    expect(editDistance('concertaiton', 'concertation', 2)).toBe(1);
    expect(editDistance('renouvelible', 'renouvelable', 2)).toBe(1);
    expect(editDistance('forum', 'forum', 2)).toBe(0);
  });
  it('stops past the allowed number', () => {
    expect(editDistance('participation', 'xylophone', 2)).toBe(3);
  });
});

describe('closestWord', () => {
  const words = ['participation', 'participatif', 'concertation', 'consultation'].map((word) => ({ word }));
  it('picks the word with fewest typos', () => {
    expect(closestWord('partcipation', words)?.word).toBe('participation');
    expect(closestWord('concertaton', words)?.word).toBe('concertation');
  });
  it('corrects nothing too short or too far', () => {
    expect(closestWord('con', words)).toBeNull();
    expect(closestWord('xylophone', words)).toBeNull();
  });
});

describe('vocabularyOf', () => {
  it('keeps the words of a members-only body for members only, and its card for everyone', () => {
    const vocabulary = vocabularyOf([{ title: 'Voyage apprenant', summary: 'Réservé', body: 'Accueil à Nantes, énergie.', membersOnly: true }]);
    const byWord = new Map(vocabulary.map((w) => [w.word, w]));
    expect(byWord.get('voyage')?.public).toBe(true);
    expect(byWord.get('nantes')?.public).toBe(false);
    expect(byWord.get('energie')?.display).toBe('énergie');
    // Short words and numbers are left out.
    expect(vocabularyOf([{ title: 'À 2024 la', summary: '', body: '', membersOnly: false }])).toEqual([]);
  });
  it('makes a word public when a public text has it too', () => {
    const vocabulary = vocabularyOf([
      { title: 'Interne', summary: '', body: 'Nantes', membersOnly: true },
      { title: 'Rencontre à Nantes', summary: '', body: '', membersOnly: false },
    ]);
    expect(vocabulary.find((w) => w.word === 'nantes')?.public).toBe(true);
  });
});

describe('the last word as a prefix', () => {
  it('is the word the query ends on, outside quotes', () => {
    expect(lastWord('forum ouver', parseQuery('forum ouver'))).toBe('ouver');
    expect(lastWord('forum ouver ', parseQuery('forum ouver '))).toBeNull();
    expect(lastWord('"forum ouver"', parseQuery('"forum ouver"'))).toBeNull();
  });
  it('matches any of its completions', () => {
    const q = withCompletions(parseQuery('forum ouver'), 'ouver', ['ouvert', 'ouverture']);
    expect(ftsMatch(q)).toBe('"forum" AND ("ouver" OR "ouvert" OR "ouvertur")');
  });
});

describe('replaceWords', () => {
  it('replaces the misspelt words and keeps the rest as typed', () => {
    expect(replaceWords('Énergie renouvlable', new Map([['renouvlable', 'renouvelable']]))).toBe('Énergie renouvelable');
  });
});
