import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { networkCatalogue } from './network.i18n.ts';
import { networkRoutes } from './network.routes.tsx';
import { createNetworkService, DIGEST_JOB, type NetworkDeps, type NetworkService } from './network.service.ts';
import { loadNetworkDemo } from './network.demo.ts';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export function createNetworkModule(platform: Platform<Database>, deps: NetworkDeps): { definition: ModuleDefinition; service: NetworkService } {
  const service = createNetworkService(platform, deps);
  // Attachments wait on disk, not in memory, between the upload and the database.
  const pages = networkRoutes(service, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads') });
  const routes: FastifyPluginAsync = async (app) => {
    app.get('/static/network/territory-picker.js', { config: { access: 'public' } }, async (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(fs.readFileSync(path.join(assetsDir, 'territory-picker.js'))),
    );
    await app.register(pages);
  };
  const definition: ModuleDefinition = {
    name: 'network',
    catalogue: networkCatalogue,
    routes,
    adminLinks: [{ href: '/admin/reseau', label: 'network.admin.link' }],
    jobs: { [DIGEST_JOB]: (payload) => service.sendDigest(payload) },
    personalData: service.personalData,
    demo: () => loadNetworkDemo(platform, deps),
  };
  return { service, definition };
}
