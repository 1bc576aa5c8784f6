import type { Config } from '../config.ts';

/**
 * Site archives (docs/decisions/0055): `palabre export`, `palabre backup`, `palabre restore` and
 * `palabre import FILE.zip` all read and write the same zip: a schema file, one JSON file per table
 * (found in the database, never listed by hand), the uploaded files, and in backups an
 * engine-native dump beside them.
 */

/** Where a long export or restore is; `total` when known. */
export interface ArchiveProgress {
  phase: 'tables' | 'files' | 'native' | 'index';
  /** The table being read or written (phase `tables`). */
  table?: string;
  done: number;
  total?: number;
}

export interface RestoreOptions {
  /** Replace a target that already holds a site (otherwise refused). */
  force?: boolean;
  onProgress?: (progress: ArchiveProgress) => void;
}

export interface RestoreSummary {
  /** Rows written per table. */
  tables: Record<string, number>;
  files: number;
  /** True when the engine-native dump of a backup was used instead of the JSON tables. */
  native: boolean;
}

/** A problem the person running the command can act on; its message is French and shown as it is. */
export class ArchiveError extends Error {}

/**
 * Restores a site archive (from `palabre export` or `palabre backup`) into the database and file
 * store of `config`, SQLite or PostgreSQL whichever engine wrote it. Refuses a target that already
 * holds a site unless `force`.
 */
export async function restoreSiteArchive(_config: Config, _file: string, _opts: RestoreOptions = {}): Promise<RestoreSummary> {
  throw new ArchiveError('La restauration d’une archive de site arrive bientôt.');
}
