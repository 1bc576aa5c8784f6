import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import { networkCatalogue } from './network.i18n.ts';
import { networkRoutes } from './network.routes.tsx';
import { createNetworkService, DIGEST_JOB, type NetworkDeps } from './network.service.ts';
import { loadNetworkDemo } from './network.demo.ts';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export function createNetworkModule(platform: Platform, deps: NetworkDeps) {
  const i18n = createI18n([networkCatalogue]);
  const service = createNetworkService(platform, deps, (lang) => i18n.t(lang));
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
