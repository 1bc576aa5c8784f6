import type { MigrationList } from '../../platform/db/migrate.ts';
import * as create from './20261127T0900_imports_create.ts';

export const importsMigrations: MigrationList = {
  '20261127T0900_imports_create': create,
};
