import path from 'node:path';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { contentCatalogue } from './content.i18n.ts';
import { contentRoutes } from './content.routes.tsx';
import { createContentService, PUBLISH_JOB, type ContentDeps, type ContentService } from './content.service.ts';
import type { MediaService } from '../media/media.service.ts';
import type { CardCatalog } from './content.present.ts';
import { CONTENT_KINDS } from './content.schema.ts';
import { accountSections, homeSections } from './content.sections.tsx';
import { loadContentDemo } from './content.demo.ts';

/** Content's pages also show the catalogue (search, theme pages, bookmarks), so they take the whole catalogue service. */
export function createContentModule(
  platform: Platform<Database>,
  deps: { catalog: CatalogService; media: ContentDeps['media'] & Pick<MediaService, 'pictures' | 'registerOwner'> },
): { definition: ModuleDefinition; service: ContentService } {
  const service = createContentService(platform, deps);
  // Cards show the pictures of the items they list, whichever module's items they are.
  const catalog: CardCatalog = { ...deps.catalog, pictures: deps.media.pictures };
  for (const kind of CONTENT_KINDS) {
    deps.media.registerOwner(kind, {
      async describe(id) {
        const c = await service.getContent(id);
        return c && c.kind === kind ? { title: c.title, editUrl: `/admin/contenus/${c.id}` } : null;
      },
    });
  }
  const definition: ModuleDefinition = {
    name: 'content',
    catalogue: contentCatalogue,
    // Uploaded documents wait on disk, not in memory, between the request and the store.
    routes: contentRoutes(service, catalog, {
      uploadMaxBytes: platform.config.uploadMaxBytes,
      uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads'),
      secureCookies: platform.config.secureCookies,
      publicUrl: platform.config.publicUrl,
    }),
    homeSections: homeSections(service, catalog),
    accountSections: accountSections(catalog),
    adminLinks: [
      { href: '/admin/contenus', label: 'content.admin.link' },
      { href: '/admin/contenus/thematiques', label: 'content.admin.themes.link' },
    ],
    jobs: {
      [PUBLISH_JOB]: async () => {
        await service.publishDue();
      },
    },
    demo: () => loadContentDemo(platform, service),
  };
  return { service, definition };
}
