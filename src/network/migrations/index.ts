import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1410_network_create.ts';
import * as oneUnconfirmed from './20261126T0700_network_one_unconfirmed_request.ts';

export const networkMigrations: MigrationList = {
  '20261125T1410_network_create': create,
  '20261126T0700_network_one_unconfirmed_request': oneUnconfirmed,
};
