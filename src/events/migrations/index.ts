import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1400_events_create.ts';
import * as seatCounters from './20261125T1500_events_seat_counters.ts';
import * as kindsAndDetails from './20261126T1100_events_kinds_and_details.ts';

export const eventsMigrations: MigrationList = {
  '20261125T1400_events_create': create,
  '20261125T1500_events_seat_counters': seatCounters,
  '20261126T1100_events_kinds_and_details': kindsAndDetails,
};
