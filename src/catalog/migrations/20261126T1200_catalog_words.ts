import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The vocabulary of the catalogue (issue 13): every word of every item, folded (lower case, no
 * accents), so that a search can correct a typo ("partcipation") and complete a last word typed
 * in part ("forum ouver") the same way on SQLite and PostgreSQL. `display` keeps the word as
 * written, for "Vouliez-vous dire … ?". `public` says whether anonymous readers may search it: the
 * body of a members-only item is for members (decision 0012). Words are added, never removed: a
 * suggestion is only made when the corrected search finds something the reader may see.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // Compared byte by byte, as SQLite does: completions read the range of words after a prefix.
  await db.schema
    .createTable('catalog_words')
    .addColumn('word', sqlite ? 'text' : sql`text COLLATE "C"`, (c) => c.primaryKey())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .execute();

  // The catalogue as it is, read in slices; the folding is copied here, migrations import no app code.
  const fold = (s: string) =>
    s
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
  const words = new Map<string, { display: string; pub: number }>();
  const add = (text: string, pub: number) => {
    for (const written of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (written.length < 3 || /^\p{N}+$/u.test(written)) continue;
      const word = fold(written);
      const known = words.get(word);
      if (!known || (pub && !known.pub)) words.set(word, { display: written, pub });
    }
  };
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ seq: number; title: string; summary: string; body: string; members_only: number }>`
      SELECT seq, title, summary, body, members_only FROM catalog_items WHERE seq > ${after} ORDER BY seq LIMIT 1000`.execute(db);
    if (rows.length === 0) break;
    for (const r of rows) {
      add(`${r.title} ${r.summary}`, 1);
      add(r.body, Number(r.members_only) === 1 ? 0 : 1);
    }
    after = Number(rows[rows.length - 1].seq);
  }
  const all = [...words].map(([word, w]) => ({ word, display: w.display, public: w.pub }));
  for (let i = 0; i < all.length; i += 500)
    await db
      .insertInto('catalog_words')
      .values(all.slice(i, i + 500))
      .execute();
}
