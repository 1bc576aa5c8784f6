import type { Kysely } from 'kysely';
import type { ImagesTable, MediaTables } from './media.tables.ts';

export type ImageRow = ImagesTable;

export const findImage = (db: Kysely<MediaTables>, id: string) => db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();

export const currentImage = (db: Kysely<MediaTables>, kind: string, ownerId: string) =>
  db.selectFrom('images').selectAll().where('owner_kind', '=', kind).where('owner_id', '=', ownerId).where('status', '=', 'current').executeTakeFirst();

/** The current pictures of many items of possibly several kinds, in one query per kind. */
export async function currentImages(db: Kysely<MediaTables>, refs: Array<{ kind: string; id: string }>): Promise<ImageRow[]> {
  const byKind = new Map<string, string[]>();
  for (const r of refs) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  const rows: ImageRow[] = [];
  for (const [kind, ids] of byKind) {
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await db
          .selectFrom('images')
          .selectAll()
          .where('owner_kind', '=', kind)
          .where('owner_id', 'in', ids.slice(i, i + 500))
          .where('status', '=', 'current')
          .execute()),
      );
    }
  }
  return rows;
}

export const insertImage = (db: Kysely<MediaTables>, row: ImagesTable) => db.insertInto('images').values(row).execute();

export const updateImage = (db: Kysely<MediaTables>, id: string, patch: Partial<ImagesTable>) => db.updateTable('images').set(patch).where('id', '=', id).execute();

/** Takes the item's current picture (and any picture of it waiting from a refused form) away. */
export const removeImagesOf = (db: Kysely<MediaTables>, kind: string, ownerId: string, statuses: ImagesTable['status'][]) =>
  db.deleteFrom('images').where('owner_kind', '=', kind).where('owner_id', '=', ownerId).where('status', 'in', statuses).execute();

export const deleteImage = (db: Kysely<MediaTables>, id: string) => db.deleteFrom('images').where('id', '=', id).execute();

/** Pending pictures nobody came back for. */
export const deletePendingBefore = (db: Kysely<MediaTables>, before: string) => db.deleteFrom('images').where('status', '=', 'pending').where('created_at', '<', before).execute();
