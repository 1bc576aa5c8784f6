import type { CatalogService } from './catalog.service.ts';

// The rows the catalogue's service returns, for the modules that present them (no repo import across modules).
export type { CatalogRow } from './catalog.repo.ts';
export type { SearchRow } from './catalog.search.repo.ts';

/**
 * One entry of the site-wide catalogue: what theme pages, search, related content, the sitemap,
 * feeds and the open-data API list. Every module that publishes something (news, resources,
 * documents, events, forums...) upserts its items here, inside its own transaction.
 */
export interface CatalogItem {
  /** 'news' | 'resource' | 'page' | 'document' | 'event' | 'forum' | ... */
  kind: string;
  /** The id inside its own module. */
  id: string;
  /** Public path, e.g. "/agenda/journee-pcaet-2020". */
  url: string;
  title: string;
  summary: string;
  /** Plain text indexed for search (Markdown stripped, extracted document text...). */
  body: string;
  /** Theme slugs. */
  themes: string[];
  territory: string | null;
  /** Document format ("PDF", "ODT"...), when the item is or carries a file. */
  format: string | null;
  membersOnly: boolean;
  /** Only published items are upserted; drafts and archived items are removed. */
  publishedAt: string;
  updatedAt: string;
  /** For events: when it starts (shown on cards, used for the date facet). */
  startsAt: string | null;
}

/** What a module that publishes items needs of the catalogue. */
export type Catalog = Pick<CatalogService, 'upsert' | 'remove'>;
