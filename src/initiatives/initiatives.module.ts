import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { initiativesAdminRoutes } from './initiatives.admin.routes.tsx';
import { loadInitiativesDemo } from './initiatives.demo.ts';
import { initiativesCatalogue } from './initiatives.i18n.ts';
import { initiativesReviewRoutes } from './initiatives.review.routes.tsx';
import { initiativesRoutes } from './initiatives.routes.tsx';
import { AccountSection } from './initiatives.file.views.tsx';
import { createInitiativesService, type InitiativesDeps, type InitiativesService } from './initiatives.service.ts';

export type { InitiativesDeps } from './initiatives.service.ts';

/** Calls for citizen-initiative projects (PIC): the call, applying, admissibility and review (issue 15). */
export function createInitiativesModule(platform: Platform<Database>, deps: InitiativesDeps): { definition: ModuleDefinition; service: InitiativesService } {
  const service = createInitiativesService(platform, deps);
  const pages = initiativesRoutes(service, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads') });
  const admin = initiativesAdminRoutes(service);
  const review = initiativesReviewRoutes(service);
  const definition: ModuleDefinition = {
    name: 'initiatives',
    catalogue: initiativesCatalogue,
    routes: async (app) => {
      await app.register(pages);
      await app.register(admin);
      await app.register(review);
    },
    // The draft's autosave script, served under /static/initiatives/.
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
    adminLinks: [{ href: '/admin/initiatives', label: 'initiatives.admin.link' }],
    accountSections: [
      {
        order: 40,
        render: async (ctx) => {
          if (!ctx.user) return null;
          const [files, reviews] = await Promise.all([service.myFiles(ctx.user.id), service.myReviews(ctx.user.id)]);
          if (files.length === 0 && reviews.length === 0) return null;
          return AccountSection({ ctx, files: files.length, reviews: reviews.length });
        },
      },
    ],
    personalData: {
      export: (userId) => service.personalData.export(userId),
      erase: (trx, userId) => service.personalData.erase(trx, userId),
    },
    demo: () => loadInitiativesDemo(service),
  };
  return { definition, service };
}
