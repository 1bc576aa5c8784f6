import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1300_content_create.ts';

export const contentMigrations: MigrationList = {
  '20261125T1300_content_create': create,
};
