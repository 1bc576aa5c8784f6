import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { forumCatalogue } from './forum.i18n.ts';
import { forumRoutes } from './forum.routes.tsx';
import { createForumService, type ForumDeps } from './forum.service.ts';
import { createForumReader } from './forum.read.ts';
import { createWallFeed } from './forum.live.ts';
import { loadForumDemo } from './forum.demo.ts';
import type { ForumTables } from './forum.tables.ts';
import * as repo from './forum.repo.ts';
import { forumAgendaExtension } from './forum.agenda.ts';
import { asTables } from '../platform/db/database.ts';

export function createForumModule(platform: Platform<Database>, deps: ForumDeps) {
  const service = createForumService(platform, deps);
  const db = platform.db as Kysely<ForumTables>;
  const reader = createForumReader(db);
  deps.events.extensions.register(forumAgendaExtension(platform));
  // A forum deleted while a wall is open simply stops sending; a database error still surfaces.
  const feed = createWallFeed(platform.bus, reader, (id) => repo.findForumById(db, id));
  const definition: ModuleDefinition = {
    name: 'forum',
    // Browser scripts, served by the platform under /static/forum/.
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
    catalogue: forumCatalogue,
    routes: forumRoutes({ service, reader, feed, live: platform.live }),
    adminLinks: [{ href: '/admin/forums', label: 'forum.admin.title' }],
    demo: () => loadForumDemo(platform, service, reader),
    personalData: {
      export: (userId) => repo.personalDataOfUser(db, userId),
      erase: (trx, userId) => repo.anonymiseUser(asTables(trx), userId, 'Participant·e'),
    },
  };
  return { service, reader, feed, definition };
}
