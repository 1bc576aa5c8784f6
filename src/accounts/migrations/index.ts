import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1210_accounts_create.ts';

export const accountsMigrations: MigrationList = {
  '20261125T1210_accounts_create': create,
};
