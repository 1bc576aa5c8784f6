import type { Database } from '../database.ts';
import { nowIso } from '../platform/db/ids.ts';
import type { Platform } from '../platform/platform.ts';
import type { Applied, ApplyContext, createAppliers } from './imports.apply.ts';
import { LineError } from './imports.apply.ts';
import { UnreadableFile } from './imports.ics.ts';
import { emptyCounts, fingerprint, type ImportItem, type ParsedFile, redirectPath } from './imports.model.ts';
import * as repo from './imports.repo.ts';
import type { ImportLinesTable, ImportRunsTable, LineOutcome } from './imports.tables.ts';

/** One line of the report: what happened to it, and why (an i18n key of the imports catalogue). */
export interface ReportLine {
  line: number;
  outcome: LineOutcome;
  label: string;
  field: string | null;
  reason: string | null;
  params: Record<string, string | number>;
}

export interface Report {
  counts: Record<LineOutcome, number>;
  lines: ReportLine[];
  /** For the preview: the file's first entries as Palabre's fields, and which column feeds which field. */
  preview: { columns: string[]; rows: Array<{ line: number; values: Record<string, string> }>; mapping: ParsedFile['mapping']; flavour: string };
  /** Set when the file could not be read at all (an i18n key). */
  failure: string | null;
}

export interface Progress {
  processed: number;
  total: number;
}

const PREVIEW_ROWS = 10;
/** The run's counters are written every so many entries (and at the end): the progress bar's granularity. */
const SAVE_EVERY = 10;

type Parse = (run: Pick<ImportRunsTable, 'id' | 'kind' | 'path'>, filesDir?: string) => Promise<ParsedFile>;

const toLine = (r: Pick<ImportLinesTable, 'line' | 'outcome' | 'label' | 'field' | 'reason' | 'params'>): ReportLine => ({
  line: Number(r.line),
  outcome: r.outcome,
  label: r.label,
  field: r.field,
  reason: r.reason,
  params: r.params ? (JSON.parse(r.params) as Record<string, string | number>) : {},
});

function previewOf(parsed: ParsedFile): Report['preview'] {
  return { columns: parsed.columns, rows: parsed.items.slice(0, PREVIEW_ROWS).map((i) => ({ line: i.line, values: i.preview })), mapping: parsed.mapping, flavour: parsed.flavour };
}

/**
 * Runs an import entry by entry. Each entry's result is recorded as it is written, so a run that
 * stops (a crash, a restart) resumes after the last recorded entry. An entry imported before with
 * the same content (its fingerprint) is not written again: a second run changes nothing.
 */
export function createEngine(db: repo.ImportsDb, platform: Platform<Database>, appliers: ReturnType<typeof createAppliers>, parse: Parse) {
  async function safeParse(run: Pick<ImportRunsTable, 'id' | 'kind' | 'path'>, filesDir?: string): Promise<ParsedFile | { failure: string }> {
    try {
      return await parse(run, filesDir);
    } catch (err) {
      if (err instanceof UnreadableFile) return { failure: err.message };
      if ((err as { code?: string }).code === 'ENOENT') return { failure: 'imports.failure.gone' };
      throw err;
    }
  }

  return {
    /** What a run would do, written nowhere. */
    async plan(run: Pick<ImportRunsTable, 'id' | 'kind' | 'path'>, filesDir?: string): Promise<Report> {
      const parsed = await safeParse(run, filesDir);
      if ('failure' in parsed) return { counts: emptyCounts(), lines: [], preview: { columns: [], rows: [], mapping: [], flavour: '' }, failure: parsed.failure };
      const lines: ReportLine[] = parsed.problems.map((p) => ({ line: p.line, outcome: p.outcome, label: p.label, field: p.field, reason: p.reason, params: p.params ?? {} }));
      const known = await repo.fingerprints(
        db,
        parsed.kind,
        parsed.items.map((i) => i.key),
      );
      for (const item of parsed.items) {
        const before = known.get(item.key);
        const outcome: LineOutcome = before === undefined ? 'created' : before === fingerprint(item.stable ?? item.data) ? 'unchanged' : 'updated';
        lines.push({ line: item.line, outcome, label: item.label, field: item.note?.field ?? null, reason: item.note?.reason ?? null, params: item.note?.params ?? {} });
      }
      lines.sort((a, b) => a.line - b.line);
      const counts = emptyCounts();
      for (const l of lines) counts[l.outcome]++;
      return { counts, lines, preview: previewOf(parsed), failure: null };
    },

    async execute(runId: string, opts: { filesDir?: string; onProgress?: (p: Progress) => void }): Promise<Report> {
      const run = await repo.getRun(db, runId);
      if (!run) throw new Error(`no import run ${runId}`);
      const parsed = await safeParse(run, opts.filesDir);
      if ('failure' in parsed) {
        await repo.updateRun(db, runId, { status: 'failed', failure: parsed.failure, updated_at: nowIso() });
        return { counts: emptyCounts(), lines: [], preview: { columns: [], rows: [], mapping: [], flavour: '' }, failure: parsed.failure };
      }
      const total = parsed.items.length + parsed.problems.length;
      const done = await repo.doneEntries(db, runId);
      const counts = emptyCounts();
      for (const c of await repo.countLines(db, runId)) counts[c.outcome] = c.n;
      let processed = done.size;
      await repo.updateRun(db, runId, { status: 'running', total, processed, failure: null, updated_at: nowIso() });
      const save = async () => {
        await repo.updateRun(db, runId, { processed, counts: JSON.stringify(counts), updated_at: nowIso() });
        opts.onProgress?.({ processed, total });
      };
      const record = async (entry: string, line: Omit<ImportLinesTable, 'run_id' | 'entry'>) => {
        await repo.insertLine(db, { run_id: runId, entry, ...line });
        counts[line.outcome]++;
        processed++;
        if (processed % SAVE_EVERY === 0) await save();
      };
      const actor = { id: run.started_by, name: 'Import' };

      const writeAll = async () => {
        for (const p of parsed.problems) {
          const entry = `line:${p.line}`;
          if (done.has(entry)) continue;
          await record(entry, {
            line: p.line,
            outcome: p.outcome,
            label: p.label,
            field: p.field,
            reason: p.reason,
            params: p.params ? JSON.stringify(p.params) : null,
            target_kind: null,
            target_id: null,
          });
        }
        for (const item of parsed.items) {
          if (done.has(item.key)) continue;
          await record(item.key, await applyOne(run, parsed, item, actor));
        }
      };

      try {
        await writeAll();
      } catch (err) {
        // Whatever stopped it (the database gone away), the run can be started again and resumes.
        await repo.updateRun(db, runId, { status: 'failed', failure: 'imports.failure.stopped', processed, counts: JSON.stringify(counts), updated_at: nowIso() }).catch(() => {});
        throw err;
      }
      await save();
      await repo.updateRun(db, runId, { status: 'done', finished_at: nowIso(), updated_at: nowIso() });
      await platform.bus.publish('imports', { id: runId });
      return this.report(runId);
    },

    async report(runId: string): Promise<Report> {
      const lines = (await repo.listLines(db, runId)).map(toLine);
      const counts = emptyCounts();
      for (const l of lines) counts[l.outcome]++;
      return { counts, lines, preview: { columns: [], rows: [], mapping: [], flavour: '' }, failure: (await repo.getRun(db, runId))?.failure ?? null };
    },
  };

  async function applyOne(run: ImportRunsTable, parsed: ParsedFile, item: ImportItem, actor: { id: string | null; name: string }): Promise<Omit<ImportLinesTable, 'run_id' | 'entry'>> {
    const fp = fingerprint(item.stable ?? item.data);
    const known = await repo.findItem(db, parsed.kind, item.key);
    const base = {
      line: item.line,
      label: item.label.slice(0, 300),
      field: item.note?.field ?? null,
      reason: item.note?.reason ?? null,
      params: item.note?.params ? JSON.stringify(item.note.params) : null,
    };
    if (known && known.fingerprint === fp) return { ...base, outcome: 'unchanged', target_kind: known.target_kind, target_id: known.target_id };
    const ctx: ApplyContext = {
      existing: known?.target_id ?? null,
      actor,
      lookup: async (key) => (await repo.findItem(db, parsed.kind, key))?.target_id ?? null,
      remember: (key, targetKind, targetId) => repo.saveItem(db, { kind: parsed.kind, key, target_kind: targetKind, target_id: targetId, fingerprint: '', updated_at: nowIso() }),
    };
    let applied: Applied;
    try {
      applied = await appliers[parsed.kind](item, ctx);
    } catch (err) {
      if (err instanceof LineError) return { ...base, outcome: 'error', field: err.field, reason: err.reason, params: JSON.stringify(err.params), target_kind: null, target_id: null };
      platform.log.error({ err, run: run.id, line: item.line }, 'import line failed');
      return { ...base, outcome: 'error', field: null, reason: 'imports.reason.failed', params: null, target_kind: null, target_id: null };
    }
    const now = nowIso();
    await repo.saveItem(db, { kind: parsed.kind, key: item.key, target_kind: applied.targetKind, target_id: applied.targetId, fingerprint: fp, updated_at: now });
    if (applied.url) {
      for (const old of applied.oldUrls ?? []) {
        const p = redirectPath(old);
        // An old address that is also one of this site's own pages would hide it: not kept.
        if (p && p !== applied.url) await repo.saveRedirect(db, p, applied.url, run.id, now);
      }
    }
    return { ...base, outcome: applied.outcome, target_kind: applied.targetKind, target_id: applied.targetId };
  }
}
