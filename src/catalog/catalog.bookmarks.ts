import type { Kysely } from 'kysely';
import { newId, nowIso, randomToken } from '../platform/db/ids.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { CatalogTables } from './catalog.tables.ts';
import * as catalogRepo from './catalog.repo.ts';
import * as repo from './catalog.bookmarks.repo.ts';

/** Readers' bookmarks of catalogue items, loose or in named collections that can be shared by link. */
export function createBookmarks(db: Kysely<CatalogTables>) {
  return {
    async toggle(userId: string, kind: string, itemId: string, action: 'save' | 'remove' | 'toggle', collectionId: string | null = null): Promise<boolean> {
      const item = await catalogRepo.findItem(db, kind, itemId);
      const existing = await repo.findBookmark(db, userId, kind, itemId);
      const save = action === 'save' || (action === 'toggle' && !existing);
      if (save) {
        if (!item) throw new NotFoundError();
        if (collectionId) {
          const c = await repo.findCollection(db, collectionId);
          if (!c || c.user_id !== userId) throw new NotFoundError();
        }
        await repo.insertBookmark(db, { id: newId(), user_id: userId, item_kind: kind, item_id: itemId, collection_id: collectionId, created_at: nowIso() });
      } else {
        await repo.deleteBookmark(db, userId, kind, itemId);
      }
      return save;
    },
    async savedSet(userId: string, keys: Array<{ kind: string; id: string }>): Promise<Set<string>> {
      const rows = await repo.savedKeys(db, userId, keys);
      return new Set(rows.map((r) => `${r.item_kind}:${r.item_id}`));
    },
    /** The items saved by a person, with the catalogue entry of each (items since removed are left out). */
    async list(userId: string) {
      const marks = await repo.listBookmarks(db, userId);
      const items = await catalogRepo.findItems(
        db,
        marks.map((m) => ({ kind: m.item_kind, id: m.item_id })),
      );
      const byKey = new Map(items.map((i) => [`${i.kind}:${i.item_id}`, i]));
      return marks.flatMap((m) => {
        const item = byKey.get(`${m.item_kind}:${m.item_id}`);
        return item ? [{ bookmark: m, item }] : [];
      });
    },
    collections: (userId: string) => repo.listCollections(db, userId),
    async createCollection(userId: string, name: string) {
      const row = { id: newId(), user_id: userId, name, share_token: randomToken(16), created_at: nowIso() };
      await repo.insertCollection(db, row);
      return row;
    },
    deleteCollection: (userId: string, id: string) => repo.deleteCollection(db, userId, id),
    async shared(token: string) {
      const collection = await repo.findCollectionByToken(db, token);
      if (!collection) return null;
      const marks = await repo.listBookmarksOfCollection(db, collection.id);
      const items = await catalogRepo.findItems(
        db,
        marks.map((m) => ({ kind: m.item_kind, id: m.item_id })),
      );
      return { collection, items };
    },
    async export(userId: string) {
      return { collections: await repo.listCollections(db, userId), bookmarks: await repo.listBookmarks(db, userId) };
    },
    erase: (trx: Kysely<CatalogTables>, userId: string) => repo.eraseUserBookmarks(trx, userId),
  };
}

export type BookmarksService = ReturnType<typeof createBookmarks>;
