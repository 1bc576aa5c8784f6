import { z } from 'zod';
import { withPayload } from '../platform/jobs/jobs.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { networkCatalogue } from './network.i18n.ts';
import { networkRoutes } from './network.routes.tsx';
import { createNetworkService, DIGEST_JOB, type NetworkDeps, type NetworkService } from './network.service.ts';
import { loadNetworkDemo } from './network.demo.ts';

export function createNetworkModule(platform: Platform<Database>, deps: NetworkDeps): { definition: ModuleDefinition; service: NetworkService } {
  const service = createNetworkService(platform, deps);
  // Attachments wait on disk, not in memory, between the upload and the database.
  const pages = networkRoutes(service, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads') });
  const definition: ModuleDefinition = {
    name: 'network',
    catalogue: networkCatalogue,
    routes: pages,
    // Browser scripts, served by the platform under /static/network/.
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
    adminLinks: [{ href: '/admin/reseau', label: 'network.admin.link' }],
    jobs: { [DIGEST_JOB]: withPayload(z.object({ period: z.enum(['daily', 'weekly']), start: z.string(), end: z.string() }), (p) => service.sendDigest(p)) },
    personalData: service.personalData,
    demo: () => loadNetworkDemo(platform, deps, service),
  };
  return { service, definition };
}
