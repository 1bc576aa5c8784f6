import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1300_content_create.ts';
import * as searchWindow from './20261125T1600_content_search_window.ts';

export const contentMigrations: MigrationList = {
  '20261125T1300_content_create': create,
  '20261125T1600_content_search_window': searchWindow,
};
