import type { Config } from '../config.ts';
import { restoreArchive, type RestoreOptions, type RestoreSummary } from './restore.ts';

/**
 * Site archives (docs/decisions/0055): `palabre export`, `palabre backup`, `palabre restore` and
 * `palabre import FILE.zip` all read and write the same ZIP: schema.json, one JSON file per table
 * (found in the database, never listed by hand), the uploaded files, and in backups the engine's
 * own dump beside them.
 */
export { ArchiveError, type ArchiveManifest, type ArchiveProgress } from './format.ts';
export { exportSite, type ExportOptions, type ExportSummary } from './export.ts';
export { openArchive, type RestoreOptions, type RestoreSummary } from './restore.ts';

/**
 * Restores a site archive (from `palabre export` or `palabre backup`) into the database and file
 * store of `config`, SQLite or PostgreSQL whichever engine wrote it. Refuses a target that already
 * holds a site unless `force`. Stop the servers first: the target's tables are dropped and rebuilt.
 */
export async function restoreSiteArchive(config: Config, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  // The one platform piece that restores a whole site: it loads the application's migrations and
  // modules (lazily, so that the platform's own imports stay free of modules).
  const { migrations } = await import('../../migrations.ts');
  return restoreArchive(config, file, opts, {
    migrations,
    async rebuild(cfg) {
      const { buildApp } = await import('../../app.ts');
      const app = await buildApp(cfg);
      try {
        for (const m of app.modules) await m.restored?.();
      } finally {
        await app.close();
      }
    },
  });
}
