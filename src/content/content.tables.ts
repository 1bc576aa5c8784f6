/** Tables of the content module: the library itself, its documents, the site-wide catalogue, bookmarks. */

export type ContentKind = 'news' | 'resource' | 'page';
export type ContentStatus = 'draft' | 'published' | 'archived';
export type ResourceType = 'guide' | 'fiche' | 'retour' | 'publication';

export interface ThemesTable {
  slug: string;
  name_fr: string;
  name_en: string;
  description_fr: string;
  description_en: string;
  position: number;
}

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

export interface CatalogItemsTable {
  seq: number;
  kind: string;
  item_id: string;
  url: string;
  title: string;
  summary: string;
  body: string;
  themes: string;
  territory: string | null;
  format: string | null;
  members_only: number;
  published_at: string;
  updated_at: string;
  starts_at: string | null;
  /** Year of the date facet: the start for events, the publication otherwise. */
  year: string;
}

export interface CatalogThemesTable {
  kind: string;
  item_id: string;
  theme: string;
}

export interface BookmarkCollectionsTable {
  id: string;
  user_id: string;
  name: string;
  share_token: string;
  created_at: string;
}

export interface BookmarksTable {
  id: string;
  user_id: string;
  item_kind: string;
  item_id: string;
  collection_id: string | null;
  created_at: string;
}

export interface ContentTables {
  themes: ThemesTable;
  contents: ContentsTable;
  content_slugs: ContentSlugsTable;
  content_revisions: ContentRevisionsTable;
  documents: DocumentsTable;
  catalog_items: CatalogItemsTable;
  catalog_themes: CatalogThemesTable;
  bookmark_collections: BookmarkCollectionsTable;
  bookmarks: BookmarksTable;
}
