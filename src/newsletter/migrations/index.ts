import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261125T1400_newsletter_create.ts';
import * as audiences from './20261126T1500_newsletter_audiences.ts';

export const newsletterMigrations: MigrationList = {
  '20261125T1400_newsletter_create': create,
  '20261126T1500_newsletter_audiences': audiences,
};
