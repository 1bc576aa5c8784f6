import { sql, type Kysely } from 'kysely';
import type { CatalogTables } from './catalog.tables.ts';
import type { VocabularyWord } from './catalog.words.ts';

/** SQL of the vocabulary: the same on SQLite and PostgreSQL. */
type Db = Kysely<CatalogTables>;

/**
 * Adds words to the vocabulary. Known words are left alone (no row is written, so concurrent
 * publications do not wait on each other), unless a word only members could search becomes public.
 */
export async function addWords(db: Db, words: VocabularyWord[]): Promise<void> {
  // Sorted: concurrent writers take the rows' locks in the same order.
  const sorted = [...words].sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  for (let i = 0; i < sorted.length; i += 500) {
    const slice = sorted.slice(i, i + 500);
    await db
      .insertInto('catalog_words')
      .values(slice.map((w) => ({ word: w.word, display: w.display, public: w.public ? 1 : 0 })))
      .onConflict((oc) => oc.column('word').doNothing())
      .execute();
    const pub = slice.filter((w) => w.public);
    if (pub.length === 0) continue;
    const hidden = await db
      .selectFrom('catalog_words')
      .select('word')
      .where('public', '=', 0)
      .where(
        'word',
        'in',
        pub.map((w) => w.word),
      )
      .execute();
    for (const { word } of hidden) {
      const w = pub.find((p) => p.word === word)!;
      await db.updateTable('catalog_words').set({ public: 1, display: w.display }).where('word', '=', word).execute();
    }
  }
}

/** Which of these folded words the reader may search. */
export async function knownWords(db: Db, words: string[], publicOnly: boolean): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  let q = db.selectFrom('catalog_words').select('word').where('word', 'in', words);
  if (publicOnly) q = q.where('public', '=', 1);
  return new Set((await q.execute()).map((r) => r.word));
}

/** Words that begin with `prefix`, shortest first. */
export async function completions(db: Db, prefix: string, publicOnly: boolean, limit: number): Promise<string[]> {
  let q = db.selectFrom('catalog_words').select('word').where('word', '>', prefix).where('word', '<', `${prefix}\u{10FFFF}`);
  if (publicOnly) q = q.where('public', '=', 1);
  const rows = await q.orderBy(sql`length(word)`).orderBy('word').limit(limit).execute();
  return rows.map((r) => r.word);
}

/**
 * Words that could be `typed` with a few typos: the same first letter, a length within `spread`.
 * A typo on the first letter is not corrected: it keeps this a range read of the primary key.
 */
export async function wordsNear(db: Db, typed: string, spread: number, publicOnly: boolean): Promise<Array<{ word: string; display: string }>> {
  const first = String.fromCodePoint(typed.codePointAt(0)!);
  const next = String.fromCodePoint(typed.codePointAt(0)! + 1);
  let q = db
    .selectFrom('catalog_words')
    .select(['word', 'display'])
    .where('word', '>=', first)
    .where('word', '<', next)
    .where(sql`length(word)`, '>=', typed.length - spread)
    .where(sql`length(word)`, '<=', typed.length + spread);
  if (publicOnly) q = q.where('public', '=', 1);
  return q.execute();
}
