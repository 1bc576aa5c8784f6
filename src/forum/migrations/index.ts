import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1300_forum_create.ts';
import * as authorship from './20261126T0900_forum_authorship.ts';
import * as dayControl from './20261126T0935_forum_day_control.ts';
import * as reportGrace from './20261126T1000_forum_report_grace.ts';

export const forumMigrations: MigrationList = {
  '20261125T1300_forum_create': create,
  '20261126T0900_forum_authorship': authorship,
  '20261126T0935_forum_day_control': dayControl,
  '20261126T1000_forum_report_grace': reportGrace,
};
