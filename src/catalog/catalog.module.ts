import { fileURLToPath } from 'node:url';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { catalogCatalogue } from './catalog.i18n.ts';
import { createCatalogService } from './catalog.service.ts';
import { asTables } from '../platform/db/database.ts';

/**
 * The site-wide catalogue has no pages of its own (content renders search, themes and bookmarks);
 * it gives every module the card of an indexed item and the bookmark button, with their words and script.
 */
export function createCatalogModule(platform: Platform<Database>): { definition: ModuleDefinition; service: ReturnType<typeof createCatalogService> } {
  const service = createCatalogService(platform);
  const definition: ModuleDefinition = {
    name: 'catalog',
    restored: () => service.reindex(),
    catalogue: catalogCatalogue,
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
    personalData: {
      export: (userId) => service.bookmarks.export(userId),
      erase: (trx, userId) => service.bookmarks.erase(asTables(trx), userId),
    },
  };
  return { service, definition };
}
