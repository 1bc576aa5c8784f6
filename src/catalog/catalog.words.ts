/** The vocabulary of the catalogue, for a search that forgives typos and reads a last word as a prefix. Pure: no database. */
import { fold } from './catalog.query.ts';

/** A word of the vocabulary: folded (the key), as written (accents kept, for "did you mean"), and whether anonymous readers may search it. */
export interface VocabularyWord {
  word: string;
  display: string;
  public: boolean;
}

// Shorter words are not corrected nor completed; numbers are never misspelt.
const MIN_LENGTH = 3;

/**
 * The words an item brings to the vocabulary. A members-only item's body is not public: its
 * words are offered to members only (decision 0012); its title and summary are, like its card.
 */
export function vocabularyOf(items: Array<{ title: string; summary: string; body: string; membersOnly: boolean }>): VocabularyWord[] {
  const found = new Map<string, VocabularyWord>();
  const add = (text: string, isPublic: boolean) => {
    for (const written of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (written.length < MIN_LENGTH || /^\p{N}+$/u.test(written)) continue;
      const word = fold(written);
      // fold() may spell œ out: the key is what a query folds to, the display is what people read.
      const known = found.get(word);
      if (!known) found.set(word, { word, display: written, public: isPublic });
      else if (isPublic && !known.public) found.set(word, { word, display: written, public: true });
    }
  };
  for (const item of items) {
    add(`${item.title} ${item.summary}`, true);
    add(item.body, !item.membersOnly);
  }
  return [...found.values()];
}

/**
 * Optimal string alignment distance (Levenshtein with transpositions: "concertaiton" is one typo
 * away from "concertation"), or `max + 1` as soon as it is sure to be more than `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}

/** How many typos a word of this length may carry and still be corrected. */
export function allowedTypos(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 7 ? 1 : 2;
}

/**
 * The closest word to `typed` among `candidates`: fewest typos, then the closest length, then the
 * longest shared beginning (people mistype the middle and the end of a word more than its start).
 */
export function closestWord<W extends { word: string }>(typed: string, candidates: W[]): W | null {
  const max = allowedTypos(typed);
  if (max === 0) return null;
  let best: { w: W; key: number[] } | null = null;
  for (const w of candidates) {
    if (w.word === typed) continue;
    const d = editDistance(typed, w.word, max);
    if (d > max) continue;
    let shared = 0;
    while (shared < typed.length && typed[shared] === w.word[shared]) shared++;
    const key = [d, Math.abs(w.word.length - typed.length), -shared];
    if (!best || before(key, best.key)) best = { w, key };
  }
  return best?.w ?? null;
}

function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * The query as typed, with some words replaced: quotes, order and the other words stay as they
 * were, so the suggestion reads like what the person wrote.
 */
export function replaceWords(q: string, replacements: Map<string, string>): string {
  return q.replace(/[\p{L}\p{N}]+/gu, (w) => replacements.get(fold(w)) ?? w);
}
