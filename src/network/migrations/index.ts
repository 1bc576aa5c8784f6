import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1410_network_create.ts';

export const networkMigrations: MigrationList = {
  '20261125T1410_network_create': create,
};
