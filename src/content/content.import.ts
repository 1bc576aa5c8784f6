import type { ContentForm } from './content.schema.ts';
import type { ContentKind, DocumentsTable } from './content.tables.ts';

/** An item brought from an old site (the imports module): a WordPress post or page, a document described in a spreadsheet. */
export interface ImportedContent {
  kind: ContentKind;
  title: string;
  summary: string;
  /** Markdown (HTML blocks are kept, and cleaned when shown, as for any body). */
  body: string;
  themes: string[];
  membersOnly: boolean;
  status: 'published' | 'draft';
  /** The old site's publication date, kept. */
  publishedAt: string;
  /** The slug the old site used, when it is free. */
  slug: string;
}

interface Actor {
  id: string | null;
  name: string;
}

interface Parts {
  create(form: ContentForm, actor: Actor): Promise<{ id: string; slug: string; kind: ContentKind }>;
  update(id: string, form: ContentForm, actor: Actor): Promise<{ id: string; slug: string; kind: ContentKind }>;
  getContent(id: string): Promise<{ id: string; kind: ContentKind; slug: string; status: string; published_at: string | null } | null>;
  publish(id: string, actor: Actor, at?: string): Promise<void>;
  unpublish(id: string, actor: Actor): Promise<void>;
  upload(contentId: string, input: { data: Buffer; filename: string; title: string; membersOnly: boolean; replaceId?: string }, actor: Actor): Promise<DocumentsTable>;
}

/** Writing imported items through the same functions as the editors' forms (history, catalogue, notices), keeping their dates. */
export function createContentImport(parts: Parts, urls: { contentUrl: (kind: ContentKind, slug: string) => string; documentUrl: (doc: Pick<DocumentsTable, 'id' | 'filename'>) => string }) {
  return {
    /** Creates the item, or updates the one an earlier import made (`existingId`); answers its address. */
    async importContent(input: ImportedContent, existingId: string | null, actor: Actor): Promise<{ id: string; url: string; outcome: 'created' | 'updated' }> {
      const form: ContentForm = {
        kind: input.kind,
        title: input.title,
        slug: input.slug,
        summary: input.summary,
        body: input.body,
        resourceType: input.kind === 'resource' ? 'publication' : '',
        territory: '',
        authorOrg: '',
        themes: input.themes,
        membersOnly: input.membersOnly,
      };
      const before = existingId ? await parts.getContent(existingId) : null;
      const item = before ? await parts.update(before.id, { ...form, kind: before.kind, slug: before.slug }, actor) : await parts.create(form, actor);
      if (input.status === 'published' && (!before || before.status !== 'published')) await parts.publish(item.id, actor, input.publishedAt);
      if (input.status === 'draft' && before?.status === 'published') await parts.unpublish(item.id, actor);
      return { id: item.id, url: urls.contentUrl(item.kind, item.slug), outcome: before ? 'updated' : 'created' };
    },

    /** Attaches a file to an imported item, or replaces the one an earlier import attached (its address stays). */
    async importDocument(
      contentId: string,
      file: { data: Buffer; filename: string; title: string; membersOnly: boolean },
      replaceId: string | null,
      actor: Actor,
    ): Promise<{ id: string; url: string }> {
      const doc = await parts.upload(contentId, { ...file, replaceId: replaceId ?? undefined }, actor);
      return { id: doc.id, url: urls.documentUrl(doc) };
    },
  };
}

export type ContentImport = ReturnType<typeof createContentImport>;
