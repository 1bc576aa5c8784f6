import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../database.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import type { ContentImport } from '../content/content.import.ts';
import type { EventsService } from '../events/events.service.ts';
import type { NetworkService } from '../network/network.service.ts';
import type { NewsletterService } from '../newsletter/newsletter.service.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import type { Platform } from '../platform/platform.ts';
import { slugify } from '../platform/text.ts';
import { createAppliers } from './imports.apply.ts';
import { createEngine, type Progress, type Report } from './imports.engine.ts';
import { guessKind, redirectPath } from './imports.model.ts';
import * as repo from './imports.repo.ts';
import { readSource } from './imports.source.ts';
import type { ImportKind, ImportRunsTable } from './imports.tables.ts';
import { asTables, type ForeignTransaction } from '../platform/db/database.ts';

export const RUN_JOB = 'imports.run';
export const TIDY_JOB = 'imports.tidy';
/** An uploaded file left without its import is deleted after this long (it holds personal data). */
export const KEEP_UNSTARTED_MS = 7 * 86400_000;
export type { Progress, Report } from './imports.engine.ts';

/** The services whose data an import brings in; each keeps its own rules (consent, membership, catalogue). */
export interface ImportsDeps {
  newsletter: Pick<NewsletterService, 'importSubscriber'>;
  network: Pick<NetworkService, 'resolveTerritory' | 'importMember' | 'sendWelcome' | 'memberVocabulary'>;
  events: Pick<EventsService, 'createEvent' | 'updateEvent' | 'getEvent'>;
  /** Content's import functions (content.import.ts), assembled into its service. */
  content: Pick<ContentImport, 'importContent' | 'importDocument'>;
  themes: Pick<ThemesService, 'list' | 'upsert'>;
}

export function createImportsService(platform: Platform<Database>, deps: ImportsDeps) {
  const db = platform.db as unknown as repo.ImportsDb;
  const runsDir = path.join(platform.config.dataDir, 'imports');
  const appliers = createAppliers(deps);

  async function sourceOptions(workDir: string, filesDir?: string) {
    const themes = new Map<string, string>();
    for (const t of await deps.themes.list()) {
      themes.set(t.slug, t.slug);
      themes.set(slugify(t.name.fr), t.slug);
    }
    return { resolveTerritory: deps.network.resolveTerritory, themes, ...deps.network.memberVocabulary, workDir, filesDir };
  }

  /** Parses a run's file (again, for a resumed run: the same file gives the same entries). */
  async function parse(run: Pick<ImportRunsTable, 'id' | 'kind' | 'path'>, filesDir?: string) {
    const workDir = path.join(runsDir, run.id, 'unpacked');
    return readSource(run.path, run.kind, await sourceOptions(workDir, filesDir));
  }

  const engine = createEngine(db, platform, appliers, parse);

  /** Once a run is over, its uploaded file and unpacked archive go (they hold personal data); the report stays. */
  async function executeAndTidy(runId: string, opts: { filesDir?: string; onProgress?: (p: Progress) => void }) {
    const report = await engine.execute(runId, opts);
    if ((await repo.getRun(db, runId))?.status === 'done') await fs.promises.rm(path.join(runsDir, runId), { recursive: true, force: true });
    return report;
  }

  return {
    /** What a file is, from its name and first bytes; null for a CSV (the person says which). */
    guessKind(filename: string, file: string): ImportKind | 'site' | null {
      const fd = fs.openSync(file, 'r');
      try {
        const head = Buffer.alloc(4096);
        const n = fs.readSync(fd, head, 0, head.length, 0);
        return guessKind(filename, head.subarray(0, n).toString('utf8'));
      } finally {
        fs.closeSync(fd);
      }
    },

    /**
     * Records a run for a file. `move`: the file is an upload, moved into the run's folder (kept
     * until the run is over); otherwise it is read where it is (the command line). An unfinished
     * run of the same file and kind is resumed instead of starting again.
     */
    async createRun(input: { file: string; filename: string; kind: ImportKind; startedBy: string | null; move: boolean; resume?: boolean }): Promise<{ run: ImportRunsTable; resumed: boolean }> {
      const sha256 = await fileHash(input.file);
      if (input.resume) {
        const open = await repo.unfinishedRun(db, sha256, input.kind);
        if (open) return { run: open, resumed: true };
      }
      const id = newId();
      let target = path.resolve(input.file);
      if (input.move) {
        await fs.promises.mkdir(path.join(runsDir, id), { recursive: true });
        target = path.join(
          runsDir,
          id,
          `source${path
            .extname(input.filename)
            .toLowerCase()
            .replace(/[^.a-z0-9]/g, '')}`,
        );
        await fs.promises.rename(input.file, target).catch(async () => {
          await fs.promises.copyFile(input.file, target);
          await fs.promises.rm(input.file, { force: true });
        });
      }
      const now = nowIso();
      const run: ImportRunsTable = {
        id,
        kind: input.kind,
        filename: input.filename.slice(0, 200),
        path: target,
        sha256,
        status: 'ready',
        total: 0,
        processed: 0,
        counts: '{}',
        failure: null,
        started_by: input.startedBy,
        created_at: now,
        updated_at: now,
        finished_at: null,
      };
      await repo.insertRun(db, run);
      return { run, resumed: false };
    },

    getRun: (id: string) => repo.getRun(db, id),
    listRuns: () => repo.listRuns(db),

    /** What a recorded run would do, line by line, without writing anything (the admin's preview). */
    dryRun: (run: Pick<ImportRunsTable, 'id' | 'kind' | 'path'>): Promise<Report> => engine.plan(run),

    /** The same for a file with no run recorded (`palabre import --dry-run`): nothing is written to the database. */
    async dryRunFile(file: string, kind: ImportKind, opts: { filesDir?: string } = {}): Promise<Report> {
      const id = `dry-${newId()}`;
      try {
        return await engine.plan({ id, kind, path: path.resolve(file) }, opts.filesDir);
      } finally {
        await fs.promises.rm(path.join(runsDir, id), { recursive: true, force: true });
      }
    },

    /** Runs (or resumes) a recorded run here and now: the command line. */
    execute: (runId: string, opts: { filesDir?: string; onProgress?: (p: Progress) => void } = {}) => executeAndTidy(runId, opts),

    /** Hands a run to the job runner (the admin page): it survives a restart and resumes where it stopped. */
    async start(runId: string): Promise<boolean> {
      if (!(await repo.claimRun(db, runId, nowIso()))) return false;
      await platform.jobs.enqueue(db, RUN_JOB, { runId }, { uniqueKey: `${RUN_JOB}:${runId}:${Date.now()}` });
      platform.jobs.runner.wake();
      return true;
    },

    async runJob(payload: unknown) {
      const runId = (payload as { runId?: unknown })?.runId;
      if (typeof runId === 'string') await executeAndTidy(runId, {});
    },

    report: (runId: string) => engine.report(runId),

    /** The welcome mail to the members a run created or updated, when an animator chooses to send it. */
    async welcome(runId: string): Promise<number> {
      const ids = [...(await repo.targetsOf(db, runId, 'user', 'created')), ...(await repo.targetsOf(db, runId, 'user', 'updated')), ...(await repo.targetsOf(db, runId, 'user', 'unchanged'))];
      return ids.length ? deps.network.sendWelcome([...new Set(ids)]) : 0;
    },

    /** Deletes the files of uploads nobody started within KEEP_UNSTARTED_MS; their runs say the file is gone. */
    async tidy(now = Date.now()): Promise<number> {
      const stale = await repo.staleRuns(db, new Date(now - KEEP_UNSTARTED_MS).toISOString());
      for (const { id } of stale) {
        await fs.promises.rm(path.join(runsDir, id), { recursive: true, force: true });
        await repo.updateRun(db, id, { status: 'failed', failure: 'imports.failure.gone', updated_at: nowIso() });
      }
      return stale.length;
    },

    /** What the reports and the memory of imported entries hold about a person (RGPD), and its erasure. */
    personalData: {
      async export(userId: string, email: string) {
        return { importLines: await repo.linesAbout(db, userId, email.toLowerCase()) };
      },
      async erase(trx: ForeignTransaction, userId: string, email: string) {
        await repo.forgetPerson(asTables(trx), userId, email.toLowerCase());
      },
    },

    /** The page an old site's address moved to, or null. */
    async movedTo(url: string): Promise<string | null> {
      const p = redirectPath(url);
      if (!p) return null;
      return (await repo.findRedirect(db, p))?.target ?? null;
    },
  };
}

async function fileHash(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  const stat = await fs.promises.stat(file);
  // A folder (documents beside their CSV) is named by its path and time: its files are fingerprinted entry by entry.
  if (stat.isDirectory()) return hash.update(`${path.resolve(file)}:${stat.mtimeMs}`).digest('hex');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type ImportsService = ReturnType<typeof createImportsService>;
