import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { BadRequestError, NotFoundError } from '../platform/http/errors.ts';
import * as repo from './content.repo.ts';
import type { ContentTables, DocumentsTable } from './content.tables.ts';
import { extractText, firstPage, safeFilename, sniff, sniffFile, type FileType } from './content.files.ts';
import type { DocumentBytes } from './content.extract.ts';
import type { ByteRange, Storage } from '../platform/storage/index.ts';
import type { MediaService } from '../media/media.service.ts';
import { ZipError } from './content.zip.ts';
import type { Actor } from './content.service.ts';

export class UploadError extends BadRequestError {}

async function sniffOrRefuse(data: DocumentBytes): Promise<FileType> {
  try {
    const type = Buffer.isBuffer(data) ? sniff(data) : await sniffFile(data);
    if (type) return type;
  } catch (err) {
    if (err instanceof ZipError) throw new UploadError('content.upload.badArchive');
    throw err;
  }
  throw new UploadError('content.upload.badType');
}

/** One content write: the change, the history line, the catalogue, a change notice after commit. */
export type Write = <R>(contentId: string | null, fn: (trx: Kysely<ContentTables>) => Promise<R & { id: string }>, actor: Actor, action: string) => Promise<R & { id: string }>;

/** The files attached to items: upload (checked for their real type), replacement, removal, download rights. */
export function createDocuments(db: Kysely<ContentTables>, files: Storage, write: Write, catalog: Pick<CatalogService, 'remove'>, media: Pick<MediaService, 'attach' | 'remove'>) {
  /**
   * The first page as the document's picture (list of documents, search cards), once the
   * document is saved. A page that cannot be drawn leaves the document with the drawing of its format.
   */
  async function drawFirstPage(docId: string, data: DocumentBytes, type: FileType) {
    const png = await firstPage(data, type);
    if (!png) return media.remove('document', docId);
    // Next to the document's title, the page adds nothing a screen reader should read.
    await media.attach('document', docId, { png, source: 'page' }, { alt: '', decorative: true, credit: '', focus: { x: 50, y: 0 } }).catch(() => media.remove('document', docId));
  }

  return {
    listDocuments: (contentId: string) => repo.listDocuments(db, contentId),
    findDocument: (id: string) => repo.findDocument(db, id),

    /**
     * Stores an uploaded file after checking its real type. With `replaceId`, the document
     * keeps its id (so its address) and its version goes up. An uploaded file is given by its
     * path: it is read by the extraction worker and streamed to the store, never held whole here.
     */
    async upload(
      contentId: string,
      input: { data: DocumentBytes; filename: string; title: string; membersOnly: boolean; replaceId?: string },
      actor: Actor,
    ): Promise<DocumentsTable & { textUnread: boolean }> {
      const type = await sniffOrRefuse(input.data);
      const filename = safeFilename(input.filename, type);
      // A document whose text cannot be read (too large once inflated, too slow) is still stored, without text for search.
      const { text, unread } = await extractText(input.data, type);
      const stored = await files.put(Buffer.isBuffer(input.data) ? input.data : fs.createReadStream(input.data.path), { contentType: type.mime });
      const now = nowIso();
      const title = input.title || filename.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
      const { id } = await write(
        contentId,
        async (trx) => {
          if (!(await repo.findContent(trx, contentId))) throw new NotFoundError();
          if (input.replaceId) {
            const doc = await repo.findDocument(trx, input.replaceId);
            if (!doc || doc.content_id !== contentId) throw new NotFoundError();
            // The address keeps its file name: only the extension follows the new file's real type.
            const kept = `${doc.filename.replace(/\.[^.]+$/, '')}.${type.extension}`;
            await repo.updateDocument(trx, doc.id, {
              filename: kept,
              mime: type.mime,
              format: type.format,
              size: stored.size,
              sha256: stored.sha256,
              storage_key: stored.key,
              text,
              version: doc.version + 1,
              updated_at: now,
              title: input.title || doc.title,
              members_only: input.membersOnly ? 1 : 0,
            });
            return { id: doc.id };
          }
          const id = newId();
          const count = (await repo.listDocuments(trx, contentId)).length;
          await repo.insertDocument(trx, {
            id,
            content_id: contentId,
            title,
            filename,
            mime: type.mime,
            format: type.format,
            size: stored.size,
            sha256: stored.sha256,
            storage_key: stored.key,
            members_only: input.membersOnly ? 1 : 0,
            version: 1,
            text,
            position: count,
            created_at: now,
            updated_at: now,
          });
          return { id };
        },
        actor,
        input.replaceId ? 'replace-document' : 'upload-document',
      );
      await drawFirstPage(id, input.data, type);
      return { ...(await repo.findDocument(db, id))!, textUnread: unread === 'tooLarge' };
    },

    async removeDocument(contentId: string, docId: string, actor: Actor) {
      await write(
        contentId,
        async (trx) => {
          const doc = await repo.findDocument(trx, docId);
          if (!doc || doc.content_id !== contentId) throw new NotFoundError();
          await repo.deleteDocument(trx, docId);
          await catalog.remove(trx, 'document', docId);
          return { id: contentId };
        },
        actor,
        'remove-document',
      );
      await media.remove('document', docId);
    },

    /**
     * A document for download, if this reader may have it: its parent must be published
     * (or the reader an animator), and members-only files go to members only.
     * `shared` says whether anyone may fetch the file, so a shared cache may keep it; `read`
     * streams it from the store (null when the store has lost it).
     */
    async documentFor(id: string, user: CurrentUser | null): Promise<{ doc: DocumentsTable; shared: boolean; read: (range?: ByteRange) => ReturnType<Storage['get']> } | { denied: 'members' } | null> {
      const doc = await repo.findDocument(db, id);
      if (!doc) return null;
      const parent = await repo.findContent(db, doc.content_id);
      if (!parent) return null;
      if (parent.status !== 'published' && !can.animate(user)) return null;
      if ((doc.members_only || parent.members_only) && !can.readMembersOnly(user)) return { denied: 'members' };
      const shared = !doc.members_only && !parent.members_only && parent.status === 'published';
      return { doc, shared, read: (range) => files.get(doc.storage_key, range) };
    },
  };
}
