import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { newId, nowIso, randomToken } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { BadRequestError, NotFoundError } from '../platform/http/errors.ts';
import type { Catalog, CatalogItem } from './catalog.types.ts';
import * as catalogRepo from './catalog.repo.ts';
import * as repo from './content.repo.ts';
import type { ContentKind, ContentsTable, ContentTables, DocumentsTable, ResourceType } from './content.tables.ts';
import { createDiskStore, extractText, safeFilename, sniff, type FileStore, type FileType } from './content.files.ts';
import { ZipError } from './content.zip.ts';
import { fold, isEmptyQuery, markdownToText, parseQuery, stem, words, type ParsedQuery } from './content.text.ts';
import { slugify } from '../platform/text.ts';
import type { ContentForm, ThemeForm } from './content.schema.ts';

export interface Theme {
  slug: string;
  name: { fr: string; en: string };
  description: { fr: string; en: string };
}

/** Who is acting, for the edit history. */
export interface Actor {
  id: string | null;
  name: string;
}

export const KIND_PATHS: Record<ContentKind, string> = { news: '/actualites', resource: '/ressources', page: '/pages' };
export const PUBLISH_JOB = 'content.publish-due';

export function contentUrl(kind: ContentKind, slug: string): string {
  return `${KIND_PATHS[kind]}/${slug}`;
}
export function documentUrl(doc: Pick<DocumentsTable, 'id' | 'filename'>): string {
  return `/documents/${doc.id}/${encodeURIComponent(doc.filename)}`;
}

export type Content = ContentsTable & { themeList: string[] };
function withThemes(row: ContentsTable): Content {
  return { ...row, themeList: JSON.parse(row.themes) as string[] };
}

export class UploadError extends BadRequestError {}

function sniffOrRefuse(data: Buffer): FileType {
  try {
    const type = sniff(data);
    if (type) return type;
  } catch (err) {
    if (err instanceof ZipError) throw new UploadError('content.upload.badArchive');
    throw err;
  }
  throw new UploadError('content.upload.badType');
}

/** An entry of `catalog.recent()`: what another module may offer to link to. */
export interface RecentItem {
  kind: string;
  id: string;
  url: string;
  title: string;
  summary: string;
  publishedAt: string;
  startsAt: string | null;
  membersOnly: boolean;
}

export function createContentService(platform: Platform, deps: { accounts: AccountsService }) {
  void deps;
  const db = platform.db as unknown as Kysely<ContentTables>;
  const anyDb = platform.db as Kysely<any>;
  const dialect = platform.dbKind;
  const files: FileStore = createDiskStore(path.join(platform.config.dataDir, 'files'));
  let backendPromise: Promise<catalogRepo.SearchBackend> | null = null;
  const backend = () => (backendPromise ??= catalogRepo.detectBackend(anyDb, dialect));

  const notify = (data: Record<string, unknown>) => platform.bus.publish('content', data);

  const catalog: Catalog & {
    upsertMany(db: Kysely<any>, items: CatalogItem[]): Promise<void>;
    analyze(): Promise<void>;
    recent(opts?: { kinds?: string[]; limit?: number }): Promise<RecentItem[]>;
  } = {
    async upsert(trx, item) {
      await catalogRepo.upsertItem(trx, await backend(), item, fold);
    },
    /** Many items in a few statements (imports, the search benchmark). */
    async upsertMany(trx, items) {
      await catalogRepo.upsertItems(trx, await backend(), items, fold);
    },
    /** After a bulk load: fresh statistics for the query planner. */
    async analyze() {
      await catalogRepo.analyzeCatalog(anyDb, await backend());
    },
    async remove(trx, kind, id) {
      await catalogRepo.removeItem(trx, await backend(), kind, id);
    },
    /**
     * What was published lately, for the newsletter composer: upcoming events first (the soonest
     * first), then everything else newest first. Members-only items come with their mark.
     */
    async recent(opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
      const rows = await catalogRepo.recentItems(anyDb, { kinds: opts.kinds, limit, now: nowIso() });
      return rows.map((r) => ({
        kind: r.kind,
        id: r.item_id,
        url: r.url,
        title: r.title,
        summary: r.summary,
        publishedAt: r.published_at,
        startsAt: r.starts_at,
        membersOnly: r.members_only === 1,
      }));
    },
  };

  /** Puts the item and its documents in the catalogue when published, takes them out otherwise. */
  async function syncCatalog(trx: Kysely<any>, id: string) {
    const row = await repo.findContent(trx, id);
    if (!row) return;
    const content = withThemes(row);
    const docs = await repo.listDocuments(trx, id);
    const live = content.status === 'published' && content.published_at !== null;
    if (!live) {
      await catalog.remove(trx, content.kind, content.id);
      for (const d of docs) await catalog.remove(trx, 'document', d.id);
      return;
    }
    const url = contentUrl(content.kind, content.slug);
    const publicDocs = docs.filter((d) => !d.members_only);
    await catalog.upsert(trx, {
      kind: content.kind,
      id: content.id,
      url,
      title: content.title,
      summary: content.summary,
      body: markdownToText(content.body_md),
      themes: content.themeList,
      territory: content.territory,
      format: (publicDocs[0] ?? docs[0])?.format ?? null,
      membersOnly: content.members_only === 1,
      publishedAt: content.published_at!,
      updatedAt: content.updated_at,
      startsAt: null,
    });
    for (const d of docs) {
      await catalog.upsert(trx, {
        kind: 'document',
        id: d.id,
        url: `${url}#document-${d.id}`,
        title: d.title,
        summary: content.title,
        body: d.text,
        themes: content.themeList,
        territory: content.territory,
        format: d.format,
        membersOnly: d.members_only === 1 || content.members_only === 1,
        publishedAt: content.published_at!,
        updatedAt: d.updated_at,
        startsAt: null,
      });
    }
  }

  async function uniqueSlug(trx: Kysely<any>, kind: ContentKind, wanted: string, exceptId?: string) {
    let slug = wanted;
    for (let i = 2; await repo.slugTaken(trx, kind, slug, exceptId); i++) slug = `${wanted}-${i}`;
    return slug;
  }

  async function revision(trx: Kysely<any>, contentId: string, actor: Actor, action: string) {
    const row = await repo.findContent(trx, contentId);
    const snapshot = row ? { title: row.title, slug: row.slug, summary: row.summary, body: row.body_md, status: row.status, membersOnly: row.members_only === 1, publishAt: row.publish_at } : {};
    await repo.insertRevision(trx, { id: newId(), content_id: contentId, user_id: actor.id, user_name: actor.name, action, at: nowIso(), snapshot: JSON.stringify(snapshot) });
  }

  /** One write: the change, the history line, the catalogue, then a change notice after commit. */
  async function write<R>(contentId: string | null, fn: (trx: Kysely<any>) => Promise<R & { id: string }>, actor: Actor, action: string): Promise<R & { id: string }> {
    return transact(anyDb, async (trx, afterCommit) => {
      const result = await fn(trx);
      const id = contentId ?? result.id;
      await revision(trx, id, actor, action);
      await syncCatalog(trx, id);
      afterCommit(() => notify({ id, action }));
      return result;
    });
  }

  function formToRow(form: ContentForm) {
    return {
      kind: form.kind,
      resource_type: form.kind === 'resource' && form.resourceType ? (form.resourceType as ResourceType) : null,
      title: form.title,
      summary: form.summary,
      body_md: form.body,
      territory: form.territory || null,
      author_org: form.authorOrg || null,
      members_only: form.membersOnly ? 1 : 0,
      themes: JSON.stringify([...new Set(form.themes)]),
    };
  }

  async function publishDue(now = nowIso()): Promise<number> {
    const due = await repo.dueScheduled(db, now);
    for (const { id } of due) {
      await write(
        id,
        async (trx) => {
          const row = await repo.findContent(trx, id);
          // Another instance may have published it in the meantime.
          if (row && row.status === 'draft' && row.publish_at && row.publish_at <= now) {
            await repo.updateContent(trx, id, { status: 'published', published_at: row.publish_at, updated_at: row.publish_at, publish_at: null });
          }
          return { id };
        },
        { id: null, name: 'Palabre' },
        'publish-scheduled',
      );
    }
    return due.length;
  }

  const themes = {
    async list(): Promise<Theme[]> {
      return (await repo.listThemes(db)).map((t) => ({ slug: t.slug, name: { fr: t.name_fr, en: t.name_en }, description: { fr: t.description_fr, en: t.description_en } }));
    },
    async get(slug: string): Promise<Theme | null> {
      const t = await repo.findTheme(db, slug);
      return t ? { slug: t.slug, name: { fr: t.name_fr, en: t.name_en }, description: { fr: t.description_fr, en: t.description_en } } : null;
    },
    /**
     * A new theme, listed last. Its slug (given, or made from the French name) is its address for
     * good: an existing slug is refused and named, never silently suffixed.
     */
    async create(form: ThemeForm): Promise<{ slug: string } | { taken: Theme }> {
      const slug = form.slug || slugify(form.nameFr) || 'contenu';
      const existing = await this.get(slug);
      if (existing) return { taken: existing };
      const position = (await repo.lastThemePosition(db)) + 1;
      try {
        await repo.insertTheme(db, { slug, name_fr: form.nameFr, name_en: form.nameEn || form.nameFr, description_fr: form.descriptionFr, description_en: form.descriptionEn, position });
      } catch (err) {
        // Created by someone else in the meantime.
        const raced = await this.get(slug);
        if (raced) return { taken: raced };
        throw err;
      }
      await notify({ theme: slug });
      return { slug };
    },
    /** New names and descriptions; the slug, and so every link and every item's themes, stay. */
    async rename(slug: string, form: ThemeForm) {
      if (!(await repo.findTheme(db, slug))) throw new NotFoundError();
      await repo.updateThemeNames(db, slug, { name_fr: form.nameFr, name_en: form.nameEn || form.nameFr, description_fr: form.descriptionFr, description_en: form.descriptionEn });
      await notify({ theme: slug });
    },
    async upsert(theme: Theme & { position?: number }) {
      await repo.upsertTheme(db, {
        slug: theme.slug,
        name_fr: theme.name.fr,
        name_en: theme.name.en,
        description_fr: theme.description.fr,
        description_en: theme.description.en,
        position: theme.position ?? 0,
      });
      await notify({ theme: theme.slug });
    },
  };

  return {
    catalog,
    themes,
    files,
    publishDue,

    canReadMembersOnly: (user: CurrentUser | null) => can.readMembersOnly(user),

    async getContent(id: string) {
      const row = await repo.findContent(db, id);
      return row ? withThemes(row) : null;
    },

    /**
     * The item behind a public address: the content, or the slug to redirect to when the
     * address is an old one. Scheduled items whose time has come are published on the way.
     */
    async resolve(kind: ContentKind, slug: string): Promise<{ content: Content } | { redirect: string } | null> {
      let row = await repo.findBySlug(db, kind, slug);
      if (!row) {
        const old = await repo.findOldSlug(db, kind, slug);
        return old ? { redirect: contentUrl(kind, old.slug) } : null;
      }
      if (row.status === 'draft' && row.publish_at && row.publish_at <= nowIso()) {
        await publishDue();
        row = (await repo.findContent(db, row.id))!;
      }
      return { content: withThemes(row) };
    },

    /** Re-publishes an item's catalogue entries (after a direct change of dates, e.g. the demo). */
    async resync(id: string) {
      await transact(anyDb, async (trx, afterCommit) => {
        await syncCatalog(trx, id);
        afterCommit(() => notify({ id, action: 'resync' }));
      });
    },

    listDocuments: (contentId: string) => repo.listDocuments(db, contentId),
    findDocument: (id: string) => repo.findDocument(db, id),
    revisions: (contentId: string) => repo.listRevisions(db, contentId),
    adminList: (f: repo.AdminListFilter) => repo.listContentsForAdmin(db, f),

    async create(form: ContentForm, actor: Actor): Promise<Content> {
      const now = nowIso();
      const { id } = await write(
        null,
        async (trx) => {
          const id = newId();
          const slug = await uniqueSlug(trx, form.kind, form.slug || slugify(form.title) || 'contenu');
          await repo.insertContent(trx, { id, slug, ...formToRow(form), status: 'draft', publish_at: null, published_at: null, created_at: now, updated_at: now });
          return { id };
        },
        actor,
        'create',
      );
      return (await this.getContent(id))!;
    },

    async update(id: string, form: ContentForm, actor: Actor): Promise<Content> {
      await write(
        id,
        async (trx) => {
          const row = await repo.findContent(trx, id);
          if (!row) throw new NotFoundError();
          const wanted = form.slug || row.slug;
          const patch: Partial<ContentsTable> = { ...formToRow(form), kind: row.kind, updated_at: nowIso() };
          if (wanted !== row.slug) {
            // The old address keeps working: it redirects to the new one.
            await repo.forgetOldSlug(trx, row.kind, wanted);
            patch.slug = await uniqueSlug(trx, row.kind, wanted, id);
            await repo.rememberOldSlug(trx, row.kind, row.slug, id);
          }
          await repo.updateContent(trx, id, patch);
          return { id };
        },
        actor,
        'edit',
      );
      return (await this.getContent(id))!;
    },

    async publish(id: string, actor: Actor, at?: string) {
      await write(
        id,
        async (trx) => {
          const row = await repo.findContent(trx, id);
          if (!row) throw new NotFoundError();
          const now = at ?? nowIso();
          await repo.updateContent(trx, id, { status: 'published', publish_at: null, published_at: row.published_at ?? now, updated_at: row.published_at ? nowIso() : now });
          return { id };
        },
        actor,
        'publish',
      );
    },

    async schedule(id: string, at: string, actor: Actor) {
      await write(
        id,
        async (trx) => {
          const row = await repo.findContent(trx, id);
          if (!row) throw new NotFoundError();
          await repo.updateContent(trx, id, { status: 'draft', publish_at: at });
          await platform.jobs.enqueue(trx, PUBLISH_JOB, {}, { runAt: at, uniqueKey: `${PUBLISH_JOB}:${id}:${at}` });
          return { id };
        },
        actor,
        'schedule',
      );
    },

    async archive(id: string, actor: Actor) {
      await write(
        id,
        async (trx) => {
          if (!(await repo.findContent(trx, id))) throw new NotFoundError();
          await repo.updateContent(trx, id, { status: 'archived', publish_at: null });
          return { id };
        },
        actor,
        'archive',
      );
    },

    async unpublish(id: string, actor: Actor) {
      await write(
        id,
        async (trx) => {
          if (!(await repo.findContent(trx, id))) throw new NotFoundError();
          await repo.updateContent(trx, id, { status: 'draft', publish_at: null });
          return { id };
        },
        actor,
        'unpublish',
      );
    },

    /**
     * Stores an uploaded file after checking its real type. With `replaceId`, the document
     * keeps its id (so its address) and its version goes up.
     */
    async upload(
      contentId: string,
      input: { data: Buffer; filename: string; title: string; membersOnly: boolean; replaceId?: string },
      actor: Actor,
    ): Promise<DocumentsTable & { textUnread: boolean }> {
      const type = sniffOrRefuse(input.data);
      const filename = safeFilename(input.filename, type);
      // A document whose text cannot be read (too large once inflated, too slow) is still stored, without text for search.
      const { text, unread } = await extractText(input.data, type);
      const stored = await files.put(input.data);
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
              size: input.data.length,
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
            size: input.data.length,
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
    },

    /**
     * A document for download, if this reader may have it: its parent must be published
     * (or the reader an animator), and members-only files go to members only.
     */
    /** `shared` says whether anyone may fetch the file, so a shared cache may keep it. */
    async documentFor(id: string, user: CurrentUser | null): Promise<{ doc: DocumentsTable; path: string; shared: boolean } | { denied: 'members' } | null> {
      const doc = await repo.findDocument(db, id);
      if (!doc) return null;
      const parent = await repo.findContent(db, doc.content_id);
      if (!parent) return null;
      if (parent.status !== 'published' && !can.animate(user)) return null;
      if ((doc.members_only || parent.members_only) && !can.readMembersOnly(user)) return { denied: 'members' };
      if (!files.exists(doc.storage_key)) return null;
      const shared = !doc.members_only && !parent.members_only && parent.status === 'published';
      return { doc, path: files.path(doc.storage_key), shared };
    },

    // Lists and search over the catalogue
    list: (o: catalogRepo.ListOptions) => catalogRepo.listItems(anyDb, o),
    async listKind(kind: ContentKind, o: { type?: string; page: number; perPage: number }) {
      await publishDue();
      const { ids, total } = await repo.listPublished(db, { kind, type: o.type, limit: o.perPage, offset: (o.page - 1) * o.perPage });
      const rows = await catalogRepo.findItems(
        anyDb,
        ids.map((id) => ({ kind, id })),
      );
      return { rows: inOrder(ids, rows), total };
    },
    findCatalogItem: (kind: string, id: string) => catalogRepo.findItem(anyDb, kind, id),
    findCatalogItems: (keys: Array<{ kind: string; id: string }>) => catalogRepo.findItems(anyDb, keys),

    async search(q: string, filters: catalogRepo.SearchFilters, opts: { user: CurrentUser | null; sort: 'relevance' | 'date'; page: number; perPage: number }) {
      const query = parseQuery(q);
      if (isEmptyQuery(query)) return { query, rows: [], total: 0, capped: false, facets: null };
      const result = await catalogRepo.search(anyDb, await backend(), {
        query,
        filters,
        canReadMembersOnly: can.readMembersOnly(opts.user),
        sort: opts.sort,
        limit: opts.perPage,
        offset: (opts.page - 1) * opts.perPage,
      });
      return { query, ...result };
    },

    /**
     * "Contenus similaires": 3 to 6 items ranked by shared themes, shared words and recency;
     * never the item itself. Members-only items come with their mark (the caller shows it).
     */
    async related(item: { kind: string; id: string; title: string; summary: string; themes: string[] }, limit = 6) {
      const ws = [...new Set(words(`${item.title} ${item.summary}`).filter((w) => w.length > 3))].slice(0, 12);
      const stems = [...new Set(ws.map(stem))];
      const candidates = await catalogRepo.relatedCandidates(anyDb, await backend(), { kind: item.kind, id: item.id, themes: item.themes, words: ws, stems, limit: 40 });
      const mine = new Set(stems);
      const now = Date.now();
      const scored = candidates.map((c) => {
        const theirThemes = JSON.parse(c.themes) as string[];
        const sharedThemes = theirThemes.filter((t) => item.themes.includes(t)).length;
        const theirStems = new Set(
          words(`${c.title} ${c.summary}`)
            .filter((w) => w.length > 3)
            .map(stem),
        );
        const sharedWords = [...theirStems].filter((s) => mine.has(s)).length;
        const ageYears = Math.max(0, (now - Date.parse(c.published_at)) / (365 * 86400_000));
        return { row: c, score: sharedThemes * 3 + sharedWords * 1.5 + 2 / (1 + ageYears) };
      });
      scored.sort((a, b) => b.score - a.score);
      return scored.slice(0, limit).map((s) => s.row);
    },

    // Bookmarks
    bookmarks: {
      async toggle(userId: string, kind: string, itemId: string, action: 'save' | 'remove' | 'toggle', collectionId: string | null = null): Promise<boolean> {
        const item = await catalogRepo.findItem(anyDb, kind, itemId);
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
          anyDb,
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
          anyDb,
          marks.map((m) => ({ kind: m.item_kind, id: m.item_id })),
        );
        return { collection, items };
      },
      async export(userId: string) {
        return { collections: await repo.listCollections(db, userId), bookmarks: await repo.listBookmarks(db, userId) };
      },
      erase: (trx: Kysely<any>, userId: string) => repo.eraseUserBookmarks(trx, userId),
    },
  };
}

export type ContentService = ReturnType<typeof createContentService>;
export type { ParsedQuery, CatalogItem };

/** Orders catalogue rows like the given ids (lists come from the contents table, cards from the catalogue). */
export function inOrder<T extends { item_id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.item_id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
