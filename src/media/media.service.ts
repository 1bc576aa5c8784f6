import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { StoredResponse } from '../platform/storage/send.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { Platform } from '../platform/platform.ts';
import type { PictureVM } from '../platform/layout/picture.tsx';
import type { Lang } from '../platform/i18n/i18n.ts';
import * as repo from './media.repo.ts';
import { editorVM } from './media.present.ts';
import { illustration, type IllustrationSpec } from './media.illustrations.ts';
import type { ImageEditorVM } from './media.views.tsx';
import type { ImageVariant, MediaTables } from './media.tables.ts';
import { FORMAT_EXTENSION, FORMAT_MIME, IMAGE_FORMATS, inspectImage, rasterize, renditions, type ImageFormat } from './media.process.ts';

export { ImageRejectedError } from './media.process.ts';

export interface MediaDeps {
  /** A picture is seen by whoever may see its item: the catalogue says whether the item is published, and to whom. */
  catalog: Pick<CatalogService, 'findItem'>;
}

/** What a module tells about its items so that the picture's admin page can name them and lead back. */
export interface ImageOwner {
  describe(id: string): Promise<{ title: string; editUrl: string } | null>;
}

export interface ImageMeta {
  alt: string;
  decorative: boolean;
  credit: string;
  focus: { x: 0 | 50 | 100; y: 0 | 50 | 100 };
}

export const PENDING_JOB = 'media.sweep-pending';
const PENDING_KEEP_MS = 24 * 3600_000;

const variantsOf = (row: repo.ImageRow) => JSON.parse(row.variants) as ImageVariant[];
const near = (v: number): 0 | 50 | 100 => (v < 25 ? 0 : v > 75 ? 100 : 50);

export function imageUrl(id: string, v: Pick<ImageVariant, 'width' | 'format'>): string {
  return `/images/${id}/${v.width}.${FORMAT_EXTENSION[v.format]}`;
}

/** The view model of a stored picture (platform/layout/picture.tsx draws it). */
export function pictureOf(row: repo.ImageRow): PictureVM {
  const variants = variantsOf(row);
  const widest = variants.reduce((a, b) => (b.width > a.width ? b : a), variants[0]);
  const jpegs = variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const fallback = jpegs.find((v) => v.width >= 800) ?? jpegs[jpegs.length - 1];
  return {
    alt: row.decorative ? '' : row.alt,
    credit: row.credit || null,
    width: widest.width,
    height: widest.height,
    sources: IMAGE_FORMATS.map((format) => ({
      type: FORMAT_MIME[format] as PictureVM['sources'][number]['type'],
      srcset: variants
        .filter((v) => v.format === format)
        .sort((a, b) => a.width - b.width)
        .map((v) => `${imageUrl(row.id, v)} ${v.width}w`)
        .join(', '),
    })),
    src: imageUrl(row.id, fallback),
    focus: { x: near(row.focus_x), y: near(row.focus_y) },
  };
}

/**
 * Pictures of items: stored once in every size and format at upload, served with long cache
 * headers under addresses that change with the picture, and only to readers who may see the item.
 */
export function createMediaService(platform: Platform<Database>, deps: MediaDeps) {
  const db = platform.db as unknown as Kysely<MediaTables>;
  const files = platform.storage;
  const owners = new Map<string, ImageOwner>();
  // Pages showing the picture are in the anonymous page cache: a change must empty it.
  const changed = (kind: string, ownerId: string) => () => void platform.bus.publish('media', { kind, id: ownerId });

  /**
   * Resizes and encodes, then stores the bytes; the row is written by the caller. An upload is
   * given as its file: sharp reads it from there and the original is streamed to the store.
   */
  async function prepare(data: Buffer | { path: string }, fast = false) {
    const source = Buffer.isBuffer(data) ? data : data.path;
    const { width, height } = await inspectImage(source);
    const made = await renditions(source, { fast });
    const original = await files.put(Buffer.isBuffer(data) ? data : fs.createReadStream(data.path));
    const variants: ImageVariant[] = [];
    for (const r of made) variants.push({ width: r.width, height: r.height, format: r.format, key: (await files.put(r.data, { contentType: FORMAT_MIME[r.format] })).key, bytes: r.data.length });
    return { width, height, original_key: original.key, variants: JSON.stringify(variants) };
  }

  async function commitRow(kind: string, ownerId: string, row: repo.ImageRow) {
    await transact(db, async (trx, afterCommit) => {
      await repo.removeImagesOf(trx, kind, ownerId, ['current', 'pending']);
      await repo.insertImage(trx, row);
      afterCommit(changed(kind, ownerId));
    });
  }

  const metaColumns = (meta: ImageMeta) => ({
    alt: meta.decorative ? '' : meta.alt,
    decorative: meta.decorative ? 1 : 0,
    credit: meta.credit,
    focus_x: meta.focus.x,
    focus_y: meta.focus.y,
  });

  return {
    registerOwner(kind: string, owner: ImageOwner) {
      owners.set(kind, owner);
    },
    async describeOwner(kind: string, id: string) {
      return (await owners.get(kind)?.describe(id)) ?? null;
    },

    current: (kind: string, ownerId: string) => repo.currentImage(db, kind, ownerId),
    /** The picture form for an item's edit page (see ImageSection in media.views.tsx); `retour` is that page. */
    async editor(kind: string, ownerId: string, retour: string, lang: Lang): Promise<ImageEditorVM> {
      const current = await repo.currentImage(db, kind, ownerId);
      return editorVM({ kind, ownerId, retour, current, maxUploadBytes: platform.config.uploadMaxBytes, lang });
    },
    async picture(kind: string, ownerId: string): Promise<PictureVM | null> {
      const row = await repo.currentImage(db, kind, ownerId);
      return row ? pictureOf(row) : null;
    },
    /** Pictures of many items at once (a page of cards), keyed "kind:id". */
    async pictures(refs: Array<{ kind: string; id: string }>): Promise<Map<string, PictureVM>> {
      const rows = refs.length ? await repo.currentImages(db, refs) : [];
      return new Map(rows.map((r) => [`${r.owner_kind}:${r.owner_id}`, pictureOf(r)]));
    },

    /**
     * An uploaded picture whose form was refused (no alternative text): kept, sized and stored,
     * so that the animator fixes the text without choosing the file again. Throws ImageRejectedError.
     */
    async stage(kind: string, ownerId: string, data: Buffer | { path: string }, userId: string): Promise<repo.ImageRow> {
      const now = nowIso();
      const row: repo.ImageRow = {
        id: newId(),
        owner_kind: kind,
        owner_id: ownerId,
        status: 'pending',
        alt: '',
        decorative: 0,
        credit: '',
        focus_x: 50,
        focus_y: 50,
        source: 'upload',
        created_by: userId,
        created_at: now,
        updated_at: now,
        ...(await prepare(data)),
      };
      await repo.insertImage(db, row);
      return row;
    },
    /** A staged picture of this item, uploaded by this person. */
    async findStaged(id: string, kind: string, ownerId: string, userId: string) {
      const row = await repo.findImage(db, id);
      return row && row.status === 'pending' && row.owner_kind === kind && row.owner_id === ownerId && row.created_by === userId ? row : null;
    },

    /** The item's new picture: a staged upload with its texts, replacing the one before. */
    async publishStaged(staged: repo.ImageRow, meta: ImageMeta) {
      await commitRow(staged.owner_kind, staged.owner_id, { ...staged, ...metaColumns(meta), status: 'current', updated_at: nowIso() });
    },

    /** New texts or focus for the item's picture, same bytes (so same addresses). */
    async describe(kind: string, ownerId: string, meta: ImageMeta) {
      const row = await repo.currentImage(db, kind, ownerId);
      if (!row) throw new NotFoundError();
      await transact(db, async (trx, afterCommit) => {
        await repo.updateImage(trx, row.id, { ...metaColumns(meta), updated_at: nowIso() });
        afterCommit(changed(kind, ownerId));
      });
    },

    async remove(kind: string, ownerId: string) {
      await transact(db, async (trx, afterCommit) => {
        await repo.removeImagesOf(trx, kind, ownerId, ['current', 'pending']);
        afterCommit(changed(kind, ownerId));
      });
    },

    /** A picture made by Palabre (demo illustrations, a document's first page), stored like an upload. */
    async attach(kind: string, ownerId: string, input: { png?: Buffer; svg?: string; source: 'illustration' | 'page' | 'upload' }, meta: ImageMeta) {
      const data = input.png ?? (await rasterize(input.svg ?? ''));
      const now = nowIso();
      await commitRow(kind, ownerId, {
        id: newId(),
        owner_kind: kind,
        owner_id: ownerId,
        status: 'current',
        source: input.source,
        created_by: null,
        created_at: now,
        updated_at: now,
        ...metaColumns(meta),
        ...(await prepare(data, input.source !== 'upload')),
      });
    },

    /**
     * A drawing of Palabre's own for an item (the demo's pictures): decorative, as it shows
     * nothing the item's title does not say.
     */
    illustrate(kind: string, ownerId: string, spec: IllustrationSpec) {
      return this.attach(kind, ownerId, { svg: illustration(spec), source: 'illustration' }, { alt: '', decorative: true, credit: '', focus: { x: 50, y: 50 } });
    },

    /**
     * One stored size of a picture, if this reader may see it, with how long it may be kept.
     * The address names the picture's own id, never reused: a changed picture gets a new address,
     * so public ones may be cached for a year. The bytes are read from the store only when sent.
     */
    async fileFor(id: string, name: string, user: CurrentUser | null): Promise<StoredResponse | { denied: 'members' } | null> {
      const m = /^(\d{1,5})\.(avif|webp|jpg)$/.exec(name);
      if (!m) return null;
      const row = await repo.findImage(db, id);
      if (!row) return null;
      const format: ImageFormat = m[2] === 'jpg' ? 'jpeg' : (m[2] as ImageFormat);
      const variant = variantsOf(row).find((v) => v.width === Number(m[1]) && v.format === format);
      if (!variant) return null;
      // The item's visibility, from the catalogue: not there means not published (a draft, a scheduled item).
      const item = row.status === 'current' ? await deps.catalog.findItem(row.owner_kind, row.owner_id) : undefined;
      let cacheControl: string;
      if (!item) {
        if (!can.animate(user)) return null;
        cacheControl = 'private, no-cache';
      } else if (item.members_only === 1) {
        if (!can.readMembersOnly(user)) return { denied: 'members' };
        cacheControl = 'private, max-age=86400';
      } else cacheControl = 'public, max-age=31536000, immutable';
      return {
        etag: `"${variant.key.split('/').pop()}"`,
        size: variant.bytes,
        headers: { 'Content-Type': FORMAT_MIME[format], 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff' },
        read: () => files.get(variant.key),
      };
    },

    async sweepPending() {
      await repo.deletePendingBefore(db, new Date(Date.now() - PENDING_KEEP_MS).toISOString());
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
