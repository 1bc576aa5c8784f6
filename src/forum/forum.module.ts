import type { Kysely } from 'kysely';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { forumCatalogue } from './forum.i18n.ts';
import { forumRoutes } from './forum.routes.tsx';
import { createForumService, type ForumDeps } from './forum.service.ts';
import { createForumReader } from './forum.read.ts';
import { createWallFeed } from './forum.live.ts';
import { loadForumDemo } from './forum.demo.ts';
import type { ForumTables } from './forum.tables.ts';
import * as repo from './forum.repo.ts';
import { forumAgendaExtension } from './forum.agenda.ts';

export function createForumModule(platform: Platform, deps: ForumDeps = {}) {
  const service = createForumService(platform, deps);
  const reader = createForumReader(platform.db as unknown as Kysely<ForumTables>);
  deps.events?.extensions?.register(forumAgendaExtension(platform));
  const feed = createWallFeed(platform.bus, reader, (id) => service.byId(id).catch(() => undefined));
  const definition: ModuleDefinition = {
    name: 'forum',
    catalogue: forumCatalogue,
    routes: forumRoutes(service, reader, feed, platform.live),
    adminLinks: [{ href: '/admin/forums', label: 'forum.admin.title' }],
    demo: () => loadForumDemo(platform, service, reader),
    personalData: {
      export: (userId) => repo.personalDataOfUser(platform.db as unknown as Kysely<ForumTables>, userId),
      erase: (trx, userId) => repo.anonymiseUser(trx as Kysely<ForumTables>, userId, 'Participant·e'),
    },
  };
  return { service, reader, feed, definition };
}
