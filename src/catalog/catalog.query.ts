/** What a person types into the search box, read into terms and phrases; and the same folding and stemming applied to indexed text. Pure: no database. */

/** Lower case without diacritics: "Énergie" → "energie" (œ and æ spelled out, as people type them). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Words as FTS5's unicode61 tokenizer cuts them: runs of letters and digits. */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A light French stemmer (after Savoy): folds plural and feminine forms onto one stem, so
 * "participatives", "participatif" and "participative" meet, and "citoyennes" finds "citoyen".
 * It is applied identically to indexed text and to queries; it never needs to be a real word.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
  else if (w.length > 3 && (w.endsWith('s') || w.endsWith('x')) && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('iv')) w = `${w.slice(0, -2)}if`;
  if (w.length > 4 && w.endsWith('ric')) w = `${w.slice(0, -3)}eur`;
  if (w.length > 4 && w.endsWith('eus')) w = `${w.slice(0, -3)}eur`;
  if (w.length > 4 && /([nltmps])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** The text as it is stored in the SQLite full-text index: folded, stemmed words. */
export function stemText(text: string): string {
  return words(text).map(stem).join(' ');
}

const STOPWORDS = new Set(
  'a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y est sont ete etre the of and to in for on'.split(
    ' ',
  ),
);

export interface ParsedQuery {
  /** Stemmed words that must all be present. */
  terms: string[];
  /** Stemmed phrases (from "quoted text"), each word in order. */
  phrases: string[][];
  /** Folded (unstemmed) words, for PostgreSQL and for highlighting. */
  plain: string[];
  phrasesPlain: string[][];
  /** Words present in any of their forms: a last word typed in part, with the words it begins ("ouver": ouvert, ouverture…). */
  anyOf: Array<{ plain: string[]; terms: string[] }>;
}

/**
 * Reads what a person typed into terms and "phrases". Anything else (operators, brackets,
 * stars, SQL) is dropped: only letters and digits reach the database, always as parameters.
 */
export function parseQuery(q: string): ParsedQuery {
  const input = q.slice(0, 500);
  const phrasesPlain: string[][] = [];
  const rest = input.replace(/"([^"]*)"/g, (_m, inner: string) => {
    const ws = words(inner).filter((w) => !STOPWORDS.has(w));
    if (ws.length > 1) phrasesPlain.push(ws);
    else if (ws.length === 1) return ` ${ws[0]} `;
    return ' ';
  });
  const plain = [...new Set(words(rest).filter((w) => !STOPWORDS.has(w)))].slice(0, 12);
  return {
    terms: [...new Set(plain.map(stem))],
    phrases: phrasesPlain.slice(0, 4).map((p) => p.map(stem)),
    plain,
    phrasesPlain: phrasesPlain.slice(0, 4),
    anyOf: [],
  };
}

/** The word the query ends on, outside quotes: the one word that may be typed in part. A space or a quote after it says it is finished. */
export function lastWord(q: string, p: ParsedQuery): string | null {
  const input = q.slice(0, 500);
  if (!/[\p{L}\p{N}]$/u.test(input)) return null;
  const last = words(input.replace(/"[^"]*"/g, ' ')).at(-1);
  return last && p.plain.includes(last) ? last : null;
}

/** The query where `word` matches itself or any of `completions`. */
export function withCompletions(p: ParsedQuery, word: string, completions: string[]): ParsedQuery {
  const plain = p.plain.filter((w) => w !== word);
  const forms = [word, ...completions.filter((c) => c !== word)];
  return {
    ...p,
    plain,
    // Another word of the query may share the stem: it still has to be there.
    terms: [...new Set(plain.map(stem))],
    anyOf: [...p.anyOf, { plain: forms, terms: [...new Set(forms.map(stem))] }],
  };
}

export function isEmptyQuery(p: ParsedQuery): boolean {
  return p.terms.length === 0 && p.phrases.length === 0 && p.anyOf.length === 0;
}

/** The FTS5 MATCH expression: every term and phrase quoted, so no operator can be injected. */
export function ftsMatch(p: ParsedQuery, columns?: string[]): string {
  const parts = [...p.terms.map((t) => `"${t}"`), ...p.phrases.map((ph) => `"${ph.join(' ')}"`), ...p.anyOf.map((g) => `(${g.terms.map((t) => `"${t}"`).join(' OR ')})`)];
  const expr = parts.join(' AND ');
  return columns ? `{${columns.join(' ')}} : (${expr})` : expr;
}

export type Segment = { text: string; mark: boolean };

/**
 * A short excerpt of `text` around the densest cluster of query words, with those words marked.
 * Matching is by stem, so "energie" marks "énergies"; a prefix match covers PostgreSQL's stronger stemmer.
 */
export function excerpt(text: string, p: ParsedQuery, maxChars = 240): Segment[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const targets = new Set([...p.terms, ...p.phrases.flat(), ...p.anyOf.flatMap((g) => g.terms)]);
  const matches = (word: string) => {
    const s = stem(fold(word));
    for (const t of targets) if (s === t || (t.length >= 5 && s.startsWith(t)) || (s.length >= 5 && t.startsWith(s))) return true;
    return false;
  };
  const re = /[\p{L}\p{N}]+/gu;
  const hits: number[] = [];
  for (let m = re.exec(clean); m; m = re.exec(clean)) if (matches(m[0])) hits.push(m.index);
  let start = 0;
  if (hits.length) {
    let best = hits[0];
    let bestCount = 0;
    for (const h of hits) {
      const count = hits.filter((x) => x >= h && x < h + maxChars).length;
      if (count > bestCount) [best, bestCount] = [h, count];
    }
    start = Math.max(0, best - 60);
    if (start > 0) {
      const space = clean.indexOf(' ', start);
      start = space >= 0 && space < best ? space + 1 : start;
    }
  }
  let end = Math.min(clean.length, start + maxChars);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start + maxChars / 2) end = space;
  }
  const slice = clean.slice(start, end);
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: '… ', mark: false });
  let last = 0;
  const re2 = /[\p{L}\p{N}]+/gu;
  for (let m = re2.exec(slice); m; m = re2.exec(slice)) {
    if (!matches(m[0])) continue;
    if (m.index > last) segments.push({ text: slice.slice(last, m.index), mark: false });
    segments.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < slice.length) segments.push({ text: slice.slice(last), mark: false });
  if (end < clean.length) segments.push({ text: ' …', mark: false });
  return segments;
}
