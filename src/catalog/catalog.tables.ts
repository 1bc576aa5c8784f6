/**
 * Tables of the site-wide catalogue: themes, the index every module publishes to (one row per
 * item, with its full-text columns), and readers' bookmarks. Created by content migrations
 * (migrations are frozen; the tables moved, not the files that made them).
 */

export interface ThemesTable {
  slug: string;
  name_fr: string;
  name_en: string;
  description_fr: string;
  description_en: string;
  position: number;
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

export interface CatalogTables {
  themes: ThemesTable;
  catalog_items: CatalogItemsTable;
  catalog_themes: CatalogThemesTable;
  bookmark_collections: BookmarkCollectionsTable;
  bookmarks: BookmarksTable;
}
