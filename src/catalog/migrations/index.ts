import type { MigrationList } from '../../platform/db/migrate.ts';
import * as pages from './20261126T1200_catalog_pages.ts';
import * as words from './20261126T1200_catalog_words.ts';

/** The catalogue's tables were created by content's migrations (frozen); what changes them since is here. */
export const catalogMigrations: MigrationList = {
  '20261126T1200_catalog_pages': pages,
  '20261126T1200_catalog_words': words,
};
