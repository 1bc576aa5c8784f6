import { fileURLToPath } from 'node:url';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { adminCatalogue } from './admin.i18n.ts';
import { adminRoutes } from './admin.routes.tsx';
import { createAdminService, type AdminDeps, type AdminService } from './admin.service.ts';

/** /admin: a dashboard of every module's tools (their `adminLinks`), and the outbox viewer. */
export function createAdminModule(platform: Platform<Database>, deps: AdminDeps): { definition: ModuleDefinition; service: AdminService } {
  const service = createAdminService(platform, deps);
  const definition: ModuleDefinition = {
    name: 'admin',
    catalogue: adminCatalogue,
    routes: adminRoutes(service, platform),
    adminLinks: [{ href: '/admin/courriels', label: 'admin.outbox.link' }],
    // The outbox's live counters script, served under /static/admin/.
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
  };
  return { service, definition };
}
