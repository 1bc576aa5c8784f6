import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Platform } from '../platform/platform.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { slugify } from '../platform/text.ts';
import * as repo from './content.repo.ts';
import type { ContentKind, ContentsTable, ContentTables, DocumentsTable, ResourceType } from './content.tables.ts';
import { createDocuments } from './content.documents.ts';
import { createContentImport } from './content.import.ts';
import { markdownToText } from './content.text.ts';
import type { MediaService } from '../media/media.service.ts';
import type { IllustrationSpec } from '../media/media.illustrations.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { PictureVM } from '../platform/layout/picture.tsx';
import type { ContentForm } from './content.schema.ts';

export { UploadError } from './content.documents.ts';
export type { ImportedContent } from './content.import.ts';
export type { Theme } from '../catalog/catalog.themes.ts';

export interface ContentDeps {
  /** The catalogue this module publishes to; its themes are managed from content's admin pages. */
  catalog: Pick<CatalogService, 'upsert' | 'remove' | 'findItems' | 'themes'>;
  /** Pictures of items and first pages of documents. */
  media: Pick<MediaService, 'picture' | 'pictures' | 'editor' | 'attach' | 'remove' | 'illustrate'>;
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

export function createContentService(platform: Platform<Database>, deps: ContentDeps) {
  const db = platform.db as Kysely<ContentTables>;
  const catalog = deps.catalog;
  const notify = (data: Record<string, unknown>) => platform.bus.publish('content', data);

  /** Puts the item and its documents in the catalogue when published, takes them out otherwise. */
  async function syncCatalog(trx: Kysely<ContentTables>, id: string) {
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

  async function uniqueSlug(trx: Kysely<ContentTables>, kind: ContentKind, wanted: string, exceptId?: string) {
    let slug = wanted;
    for (let i = 2; await repo.slugTaken(trx, kind, slug, exceptId); i++) slug = `${wanted}-${i}`;
    return slug;
  }

  async function revision(trx: Kysely<ContentTables>, contentId: string, actor: Actor, action: string) {
    const row = await repo.findContent(trx, contentId);
    const snapshot = row ? { title: row.title, slug: row.slug, summary: row.summary, body: row.body_md, status: row.status, membersOnly: row.members_only === 1, publishAt: row.publish_at } : {};
    await repo.insertRevision(trx, { id: newId(), content_id: contentId, user_id: actor.id, user_name: actor.name, action, at: nowIso(), snapshot: JSON.stringify(snapshot) });
  }

  /** One write: the change, the history line, the catalogue, then a change notice after commit. */
  async function write<R>(contentId: string | null, fn: (trx: Kysely<ContentTables>) => Promise<R & { id: string }>, actor: Actor, action: string): Promise<R & { id: string }> {
    return transact(db, async (trx, afterCommit) => {
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

  const documents = createDocuments(db, platform.storage, write, catalog, deps.media);

  const service = {
    /** The catalogue's themes, managed from content's admin pages. */
    themes: catalog.themes,
    publishDue,
    ...documents,

    /** The item's picture, for its page. */
    picture: (c: Pick<Content, 'kind' | 'id'>) => deps.media.picture(c.kind, c.id),
    /** A drawing of Palabre's own as the item's picture (the demo's). */
    illustrate: (c: Pick<Content, 'kind' | 'id'>, spec: IllustrationSpec) => deps.media.illustrate(c.kind, c.id, spec),
    /** The picture form of the item's edit page. */
    imageEditor: (c: Pick<Content, 'kind' | 'id'>, lang: Lang) => deps.media.editor(c.kind, c.id, `/admin/contenus/${c.id}`, lang),

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
      await transact(db, async (trx, afterCommit) => {
        await syncCatalog(trx, id);
        afterCommit(() => notify({ id, action: 'resync' }));
      });
    },

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

    /** Published items of one kind, newest first, as catalogue cards (the contents table orders, the catalogue describes). */
    async listKind(kind: ContentKind, o: { type?: string; page: number; perPage: number }) {
      await publishDue();
      const { ids, total } = await repo.listPublished(db, { kind, type: o.type, limit: o.perPage, offset: (o.page - 1) * o.perPage });
      const rows = await catalog.findItems(ids.map((id) => ({ kind, id })));
      return { rows: inOrder(ids, rows), total };
    },

    /**
     * What one reader may see of an item (decision 0012): a members-only item they may not open
     * keeps its card, its body and its files' addresses are withheld. Drafts are for animators,
     * or for the preview.
     */
    async readerView(content: Content, user: CurrentUser | null, opts: { preview?: boolean } = {}): Promise<ReaderView> {
      if (content.status !== 'published' && !can.animate(user) && !opts.preview) throw new NotFoundError();
      const member = can.readMembersOnly(user);
      const locked = content.members_only === 1 && !member;
      const docs = await repo.listDocuments(db, content.id);
      const pages = await deps.media.pictures(docs.map((d) => ({ kind: 'document', id: d.id })));
      return {
        locked,
        bodyMd: locked ? null : content.body_md,
        documents: docs.map((d) => {
          const membersOnly = d.members_only === 1 || content.members_only === 1;
          const allowed = !membersOnly || member;
          return {
            id: d.id,
            title: d.title,
            format: d.format,
            size: d.size,
            version: d.version,
            membersOnly,
            url: allowed ? documentUrl(d) : null,
            firstPage: allowed ? (pages.get(`document:${d.id}`) ?? null) : null,
          };
        }),
      };
    },
  };
  return { ...service, ...createContentImport(service, { contentUrl, documentUrl }) };
}

/** An item as one reader may see it. */
export interface ReaderView {
  /** A members-only item this reader may not open: its card only. */
  locked: boolean;
  /** The Markdown body; null when locked. */
  bodyMd: string | null;
  /** `url` is null for a file this reader may not fetch. */
  documents: Array<{ id: string; title: string; format: string; size: number; version: number; membersOnly: boolean; url: string | null; firstPage: PictureVM | null }>;
}

export type ContentService = ReturnType<typeof createContentService>;

/** Orders catalogue rows like the given ids (lists come from the contents table, cards from the catalogue). */
export function inOrder<T extends { item_id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.item_id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
