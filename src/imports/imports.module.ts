import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { importsCatalogue } from './imports.i18n.ts';
import { importsRoutes } from './imports.routes.tsx';
import { createImportsService, type ImportsDeps, type ImportsService, RUN_JOB, TIDY_JOB } from './imports.service.ts';

/** Imports: subscribers, members, events, a WordPress site or a folder of documents brought in, old addresses kept as redirects. */
export function createImportsModule(platform: Platform<Database>, deps: ImportsDeps): { definition: ModuleDefinition; service: ImportsService } {
  const service = createImportsService(platform, deps);
  const definition: ModuleDefinition = {
    name: 'imports',
    catalogue: importsCatalogue,
    routes: importsRoutes(service, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads'), uploadMaxBytes: platform.config.uploadMaxBytes }),
    adminLinks: [{ href: '/admin/import', label: 'imports.admin.link' }],
    jobs: { [RUN_JOB]: (payload) => service.runJob(payload), [TIDY_JOB]: async () => void (await service.tidy()) },
    schedules: [{ kind: TIDY_JOB, everyMs: 6 * 3600_000 }],
    movedTo: (p) => service.movedTo(p),
    personalData: service.personalData,
    assets: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  };
  return { service, definition };
}
