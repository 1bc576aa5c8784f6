import path from 'node:path';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { mediaCatalogue } from './media.i18n.ts';
import { mediaRoutes } from './media.routes.tsx';
import { createMediaService, PENDING_JOB, type MediaDeps, type MediaService } from './media.service.ts';

/**
 * Pictures of items, for every module that has items: modules register their kinds
 * (`service.registerOwner`), show `ImageSection` on their edit pages and `Picture` where they
 * show the item.
 */
export function createMediaModule(platform: Platform<Database>, deps: MediaDeps): { definition: ModuleDefinition; service: MediaService } {
  const service = createMediaService(platform, deps);
  const definition: ModuleDefinition = {
    name: 'media',
    catalogue: mediaCatalogue,
    routes: mediaRoutes(service, {
      uploadMaxBytes: platform.config.uploadMaxBytes,
      uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads'),
      publicUrl: platform.config.publicUrl,
    }),
    jobs: { [PENDING_JOB]: () => service.sweepPending() },
    schedules: [{ kind: PENDING_JOB, everyMs: 6 * 3600_000 }],
  };
  return { service, definition };
}
