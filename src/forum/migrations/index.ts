import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1300_forum_create.ts';

export const forumMigrations: MigrationList = {
  '20261125T1300_forum_create': create,
};
