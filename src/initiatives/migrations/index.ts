import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261126T1610_initiatives_create.ts';

export const initiativesMigrations: MigrationList = {
  '20261126T1610_initiatives_create': create,
};
