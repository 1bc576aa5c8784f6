import type { Kysely } from 'kysely';
import type { BookmarkCollectionsTable, BookmarksTable, ContentKind, ContentRevisionsTable, ContentsTable, ContentTables, DocumentsTable, ThemesTable } from './content.tables.ts';

type Db = Kysely<ContentTables>;

// Themes
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

// Contents
export function findContent(db: Db, id: string) {
  return db.selectFrom('contents').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findBySlug(db: Db, kind: ContentKind, slug: string) {
  return db.selectFrom('contents').selectAll().where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst();
}
export function findOldSlug(db: Db, kind: ContentKind, slug: string) {
  return db
    .selectFrom('content_slugs')
    .innerJoin('contents', 'contents.id', 'content_slugs.content_id')
    .select(['contents.id', 'contents.slug'])
    .where('content_slugs.kind', '=', kind)
    .where('content_slugs.slug', '=', slug)
    .executeTakeFirst();
}
export async function slugTaken(db: Db, kind: ContentKind, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('contents').select('id').where('kind', '=', kind).where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) return true;
  let old = db.selectFrom('content_slugs').select('content_id').where('kind', '=', kind).where('slug', '=', slug);
  if (exceptId) old = old.where('content_id', '<>', exceptId);
  return Boolean(await old.executeTakeFirst());
}
export function insertContent(db: Db, row: ContentsTable) {
  return db.insertInto('contents').values(row).execute();
}
export function updateContent(db: Db, id: string, patch: Partial<ContentsTable>) {
  return db.updateTable('contents').set(patch).where('id', '=', id).execute();
}
export async function rememberOldSlug(db: Db, kind: ContentKind, slug: string, contentId: string) {
  await db
    .insertInto('content_slugs')
    .values({ kind, slug, content_id: contentId })
    .onConflict((oc) => oc.columns(['kind', 'slug']).doUpdateSet({ content_id: contentId }))
    .execute();
}
export function forgetOldSlug(db: Db, kind: ContentKind, slug: string) {
  return db.deleteFrom('content_slugs').where('kind', '=', kind).where('slug', '=', slug).execute();
}

export interface AdminListFilter {
  kind?: ContentKind;
  status?: string;
  limit: number;
  offset: number;
}
export async function listContentsForAdmin(db: Db, f: AdminListFilter) {
  let q = db.selectFrom('contents');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status as ContentsTable['status']);
  const [rows, count] = await Promise.all([
    q.select(['id', 'kind', 'slug', 'title', 'status', 'members_only', 'publish_at', 'published_at', 'updated_at']).orderBy('updated_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Scheduled items whose time has come (published by the job, and checked again at read time). */
export function dueScheduled(db: Db, now: string) {
  return db.selectFrom('contents').select('id').where('status', '=', 'draft').where('publish_at', 'is not', null).where('publish_at', '<=', now).execute();
}

export function insertRevision(db: Db, row: ContentRevisionsTable) {
  return db.insertInto('content_revisions').values(row).execute();
}
export function listRevisions(db: Db, contentId: string) {
  return db.selectFrom('content_revisions').selectAll().where('content_id', '=', contentId).orderBy('at', 'desc').orderBy('id', 'desc').limit(50).execute();
}

// Documents
export function listDocuments(db: Db, contentId: string) {
  return db.selectFrom('documents').selectAll().where('content_id', '=', contentId).orderBy('position').orderBy('created_at').execute();
}
export function findDocument(db: Db, id: string) {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}
export function insertDocument(db: Db, row: DocumentsTable) {
  return db.insertInto('documents').values(row).execute();
}
export function updateDocument(db: Db, id: string, patch: Partial<DocumentsTable>) {
  return db.updateTable('documents').set(patch).where('id', '=', id).execute();
}
export function deleteDocument(db: Db, id: string) {
  return db.deleteFrom('documents').where('id', '=', id).execute();
}
export function countStorageKey(db: Db, key: string) {
  return db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('storage_key', '=', key)
    .executeTakeFirstOrThrow();
}

// Bookmarks
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

/** Published items of one kind, newest first, for /actualites and /ressources. */
export async function listPublished(db: Db, o: { kind: ContentKind; type?: string; limit: number; offset: number }) {
  let q = db.selectFrom('contents').where('kind', '=', o.kind).where('status', '=', 'published');
  if (o.type) q = q.where('resource_type', '=', o.type as ContentsTable['resource_type']);
  const [rows, count] = await Promise.all([
    q.select(['id']).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(o.limit).offset(o.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}
