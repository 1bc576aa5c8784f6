import type { MigrationList } from './platform/db/migrate.ts';
import { platformMigrations } from './platform/migrations/index.ts';
import { accountsMigrations } from './accounts/migrations/index.ts';
import { newsletterMigrations } from './newsletter/migrations/index.ts';
import { networkMigrations } from './network/migrations/index.ts';
import { contentMigrations } from './content/migrations/index.ts';
import { catalogMigrations } from './catalog/migrations/index.ts';
import { forumMigrations } from './forum/migrations/index.ts';
import { mediaMigrations } from './media/migrations/index.ts';
import { eventsMigrations } from './events/migrations/index.ts';
import { initiativesMigrations } from './initiatives/migrations/index.ts';
import { importsMigrations } from './imports/migrations/index.ts';

/** Every migration of every module; applied in name (timestamp) order. */
export const migrations: MigrationList = {
  ...platformMigrations,
  ...accountsMigrations,
  ...newsletterMigrations,
  ...networkMigrations,
  ...contentMigrations,
  ...catalogMigrations,
  ...forumMigrations,
  ...mediaMigrations,
  ...eventsMigrations,
  ...initiativesMigrations,
  ...importsMigrations,
};
