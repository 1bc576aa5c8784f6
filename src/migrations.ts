import type { MigrationList } from './platform/db/migrate.ts';
import { platformMigrations } from './platform/migrations/index.ts';
import { accountsMigrations } from './accounts/migrations/index.ts';

/** Every migration of every module; applied in name (timestamp) order. */
export const migrations: MigrationList = {
  ...platformMigrations,
  ...accountsMigrations,
};
