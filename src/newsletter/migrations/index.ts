import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1400_newsletter_create.ts';

export const newsletterMigrations: MigrationList = {
  '20261125T1400_newsletter_create': create,
};
