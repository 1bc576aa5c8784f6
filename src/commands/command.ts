import type { ParseArgsOptionsConfig } from 'node:util';
import type { Config } from '../platform/config.ts';

/** A mistake in how the command was typed: its message is shown as it is, without a stack. */
export class UsageError extends Error {}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  config: Config;
}

/**
 * One `palabre <name>` command. Each lives in its own file and is listed in index.ts; the rest
 * of Palabre is imported inside `run`, so that --help and usage errors answer at once.
 */
export interface Command {
  name: string;
  /** One line for `palabre --help`, e.g. "backup FICHIER    sauvegarde ...". */
  summary: string;
  /** The text of `palabre <name> --help`. */
  help: string;
  options?: ParseArgsOptionsConfig;
  /** How many positional arguments the command takes at most (0 by default). */
  maxPositionals?: number;
  /** Resolves to the exit code, or -1 to keep the process running (serve). */
  run(input: CommandInput): Promise<number>;
}

export const load = {
  app: () => import('../app.ts'),
  demo: () => import('../demo/demo.ts'),
  db: async () => ({
    ...(await import('../platform/db/migrate.ts')),
    ...(await import('../platform/db/database.ts')),
    ...(await import('../migrations.ts')),
  }),
};
