import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { contentCatalogue } from './content.i18n.ts';
import { contentRoutes } from './content.routes.tsx';
import { createContentService, PUBLISH_JOB } from './content.service.ts';
import { accountSections, homeSections } from './content.sections.tsx';
import { loadContentDemo } from './content.demo.ts';

export function createContentModule(platform: Platform, deps: { accounts: AccountsService }) {
  const service = createContentService(platform, deps);
  const definition: ModuleDefinition = {
    name: 'content',
    catalogue: contentCatalogue,
    routes: contentRoutes(service, { uploadMaxBytes: platform.config.uploadMaxBytes, secureCookies: platform.config.secureCookies, publicUrl: platform.config.publicUrl }),
    homeSections: homeSections(service),
    accountSections: accountSections(service),
    adminLinks: [
      { href: '/admin/contenus', label: 'content.admin.link' },
      { href: '/admin/contenus/thematiques', label: 'content.admin.themes.link' },
    ],
    jobs: {
      [PUBLISH_JOB]: async () => {
        await service.publishDue();
      },
    },
    personalData: {
      export: (userId) => service.bookmarks.export(userId),
      erase: (trx, userId) => service.bookmarks.erase(trx, userId),
    },
    demo: () => loadContentDemo(platform, service),
  };
  return { service, definition };
}
