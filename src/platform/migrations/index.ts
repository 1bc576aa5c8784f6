import type { MigrationList } from '../db/migrate.ts';
import * as base from './20261125T1200_platform_base.ts';

export const platformMigrations: MigrationList = {
  '20261125T1200_platform_base': base,
};
