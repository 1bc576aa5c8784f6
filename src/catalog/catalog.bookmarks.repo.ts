import type { Kysely } from 'kysely';
import type { BookmarkCollectionsTable, BookmarksTable, CatalogTables } from './catalog.tables.ts';

type Db = Kysely<CatalogTables>;

export function findBookmark(db: Db, userId: string, kind: string, itemId: string) {
  return db.selectFrom('bookmarks').selectAll().where('user_id', '=', userId).where('item_kind', '=', kind).where('item_id', '=', itemId).executeTakeFirst();
}
export async function insertBookmark(db: Db, row: BookmarksTable) {
  await db
    .insertInto('bookmarks')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'item_kind', 'item_id']).doUpdateSet({ collection_id: row.collection_id }))
    .execute();
}
export function deleteBookmark(db: Db, userId: string, kind: string, itemId: string) {
  return db.deleteFrom('bookmarks').where('user_id', '=', userId).where('item_kind', '=', kind).where('item_id', '=', itemId).execute();
}
export function listBookmarks(db: Db, userId: string) {
  return db.selectFrom('bookmarks').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}
export function listBookmarksOfCollection(db: Db, collectionId: string) {
  return db.selectFrom('bookmarks').selectAll().where('collection_id', '=', collectionId).orderBy('created_at', 'desc').execute();
}
export function savedKeys(db: Db, userId: string, keys: Array<{ kind: string; id: string }>) {
  if (!keys.length) return Promise.resolve([]);
  return db
    .selectFrom('bookmarks')
    .select(['item_kind', 'item_id'])
    .where('user_id', '=', userId)
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('item_kind', '=', k.kind), eb('item_id', '=', k.id)]))))
    .execute();
}
export function listCollections(db: Db, userId: string) {
  return db.selectFrom('bookmark_collections').selectAll().where('user_id', '=', userId).orderBy('name').execute();
}
export function findCollection(db: Db, id: string) {
  return db.selectFrom('bookmark_collections').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findCollectionByToken(db: Db, token: string) {
  return db.selectFrom('bookmark_collections').selectAll().where('share_token', '=', token).executeTakeFirst();
}
export function insertCollection(db: Db, row: BookmarkCollectionsTable) {
  return db.insertInto('bookmark_collections').values(row).execute();
}
export function deleteCollection(db: Db, userId: string, id: string) {
  return db.deleteFrom('bookmark_collections').where('user_id', '=', userId).where('id', '=', id).execute();
}
export async function eraseUserBookmarks(db: Db, userId: string) {
  await db.deleteFrom('bookmarks').where('user_id', '=', userId).execute();
  await db.deleteFrom('bookmark_collections').where('user_id', '=', userId).execute();
}
