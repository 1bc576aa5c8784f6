/**
 * Tables of the site-wide catalogue: themes, the index every module publishes to (one row per
 * item, with its full-text columns), its vocabulary, and readers' bookmarks. Created by content
 * migrations (migrations are frozen; the tables moved, not the files that made them); changed
 * since by catalog/migrations.
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
  /** The page the entry is shown on: its url, or for a document attached to an item, that item's url. Search shows a page once. */
  page: string;
}

/** Every word of the catalogue, folded: what a misspelt or unfinished word of a search is matched against. */
export interface CatalogWordsTable {
  word: string;
  /** As written (accents kept). */
  display: string;
  /** 1 when anonymous readers may search the word: it is in a public item, or on a members-only item's card. */
  public: number;
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
  catalog_words: CatalogWordsTable;
  bookmark_collections: BookmarkCollectionsTable;
  bookmarks: BookmarksTable;
}
