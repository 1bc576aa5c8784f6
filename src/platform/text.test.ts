import { describe, expect, it } from 'vitest';
import { paragraphs, slugify } from './text.ts';

describe('slugify', () => {
  it('spells out the ligatures NFD leaves alone', () => {
    expect(slugify('cœur')).toBe('coeur');
    expect(slugify('Œuvre')).toBe('oeuvre');
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Ex æquo')).toBe('ex-aequo');
    expect(slugify("Cœur d'Œuvre")).toBe('coeur-d-oeuvre');
  });

  it('drops accents and joins words with single dashes', () => {
    expect(slugify('Retour sur le forum ouvert PCAET')).toBe('retour-sur-le-forum-ouvert-pcaet');
    expect(slugify('Énergie : éléments & repères')).toBe('energie-elements-reperes');
    expect(slugify('  -- Vélo, été 2027 !  ')).toBe('velo-ete-2027');
  });

  it('keeps 80 characters at most and never ends on a dash after cutting', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug).toBe('a'.repeat(79));
    expect(slugify('mot '.repeat(40)).length).toBeLessThanOrEqual(80);
    expect(slugify('mot '.repeat(40))).not.toMatch(/-$/);
  });

  it('gives an empty slug when no letter or digit is left, for the caller to replace', () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!! ???')).toBe('');
    expect(slugify('日本語')).toBe('');
  });
});

describe('paragraphs', () => {
  it('splits on blank lines whatever the line endings', () => {
    expect(paragraphs('Un\n\nDeux')).toEqual(['Un', 'Deux']);
    expect(paragraphs('Un\r\n\r\nDeux')).toEqual(['Un', 'Deux']);
    expect(paragraphs('Un\r\rDeux')).toEqual(['Un', 'Deux']);
    expect(paragraphs('Un\r\n\nDeux\n\r\nTrois')).toEqual(['Un', 'Deux', 'Trois']);
  });

  it('treats a line of spaces as blank and several blank lines as one', () => {
    expect(paragraphs('Un\n  \t\nDeux\n\n\n\nTrois')).toEqual(['Un', 'Deux', 'Trois']);
  });

  it('trims paragraphs, drops empty ones and keeps single line breaks as \\n', () => {
    expect(paragraphs('\r\n  Un\r\nsuite  \r\n\r\n\r\n')).toEqual(['Un\nsuite']);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs(' \n\n \r\n ')).toEqual([]);
  });
});
