/** Tables of the content module: the library itself (news, resources, pages), its documents and their history. */

export type ContentKind = 'news' | 'resource' | 'page';
export type ContentStatus = 'draft' | 'published' | 'archived';
export type ResourceType = 'guide' | 'fiche' | 'retour' | 'publication';

export interface ContentsTable {
  id: string;
  kind: ContentKind;
  resource_type: ResourceType | null;
  slug: string;
  title: string;
  summary: string;
  body_md: string;
  territory: string | null;
  author_org: string | null;
  status: ContentStatus;
  members_only: number;
  /** Scheduled publication: the item goes live at this time (a job, and a check at read time). */
  publish_at: string | null;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  /** JSON array of theme slugs (small, read with the item). */
  themes: string;
}

/** Slugs an item had before a title change; they redirect to the current one. */
export interface ContentSlugsTable {
  kind: ContentKind;
  slug: string;
  content_id: string;
}

export interface ContentRevisionsTable {
  id: string;
  content_id: string;
  user_id: string | null;
  user_name: string;
  action: string;
  at: string;
  /** JSON of the item's editable fields after the change. */
  snapshot: string;
}

export interface DocumentsTable {
  id: string;
  content_id: string;
  title: string;
  filename: string;
  mime: string;
  format: string;
  size: number;
  sha256: string;
  /** Path relative to the files directory. */
  storage_key: string;
  members_only: number;
  version: number;
  text: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface ContentTables {
  contents: ContentsTable;
  content_slugs: ContentSlugsTable;
  content_revisions: ContentRevisionsTable;
  documents: DocumentsTable;
}
