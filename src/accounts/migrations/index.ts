import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1210_accounts_create.ts';
import * as pendingPassword from './20261126T0600_accounts_pending_password.ts';

export const accountsMigrations: MigrationList = {
  '20261125T1210_accounts_create': create,
  '20261126T0600_accounts_pending_password': pendingPassword,
};
