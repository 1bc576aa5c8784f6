import type { Kysely } from 'kysely';
import type { ContentKind, ContentRevisionsTable, ContentsTable, ContentTables, DocumentsTable } from './content.tables.ts';

type Db = Kysely<ContentTables>;

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
