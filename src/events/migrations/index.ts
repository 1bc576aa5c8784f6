import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1400_events_create.ts';

export const eventsMigrations: MigrationList = {
  '20261125T1400_events_create': create,
};
