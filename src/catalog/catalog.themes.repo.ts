import type { Kysely } from 'kysely';
import type { ThemesTable, CatalogTables } from './catalog.tables.ts';

type Db = Kysely<CatalogTables>;

export function listThemes(db: Db) {
  return db.selectFrom('themes').selectAll().orderBy('position').orderBy('name_fr').execute();
}
export function findTheme(db: Db, slug: string) {
  return db.selectFrom('themes').selectAll().where('slug', '=', slug).executeTakeFirst();
}
export async function insertTheme(db: Db, row: ThemesTable) {
  await db.insertInto('themes').values(row).execute();
}
export async function updateThemeNames(db: Db, slug: string, names: Pick<ThemesTable, 'name_fr' | 'name_en' | 'description_fr' | 'description_en'>) {
  await db.updateTable('themes').set(names).where('slug', '=', slug).execute();
}
export async function lastThemePosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom('themes')
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  return Number(row?.p ?? 0);
}
export async function upsertTheme(db: Db, row: ThemesTable) {
  const { slug, ...rest } = row;
  await db
    .insertInto('themes')
    .values(row)
    .onConflict((oc) => oc.column('slug').doUpdateSet(rest))
    .execute();
}
