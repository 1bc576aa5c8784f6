import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

export type MigrationList = Record<string, Migration>;

export class MigrationError extends Error {}

/** Applies every pending migration in name order; the names start with a timestamp. */
export async function migrateToLatest(db: Kysely<any>, migrations: MigrationList): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'palabre_migrations',
    migrationLockTableName: 'palabre_migrations_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`La migration ${failed?.migrationName ?? '?'} a échoué : ${cause}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
