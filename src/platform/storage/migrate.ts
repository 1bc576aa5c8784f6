import type { Storage } from './storage.ts';

export interface MigrationReport {
  total: number;
  copied: number;
  /** Already in the target with the same size: a run that stopped half-way starts again where it was. */
  present: number;
  bytes: number;
  failed: Array<{ key: string; reason: 'checksum' | 'size' | 'error'; detail?: string }>;
}

export interface MigrationOptions {
  /** Copies in flight at once: object stores answer slowly but in parallel. */
  concurrency?: number;
  /** Called after each object, and once at the end. */
  progress?: (report: MigrationReport, done: number) => void;
}

/**
 * Copies every object of `from` into `to`. The target computes each copy's SHA-256 while it
 * streams in: a copy whose checksum is not its key is reported, never kept under that key.
 * Objects already there are left alone, so running it again copies only what is new.
 */
export async function migrateObjects(from: Storage, to: Storage, opts: MigrationOptions = {}): Promise<MigrationReport> {
  const keys: string[] = [];
  for await (const key of from.list()) keys.push(key);
  const report: MigrationReport = { total: keys.length, copied: 0, present: 0, bytes: 0, failed: [] };
  let done = 0;
  let next = 0;

  async function one(key: string) {
    const [source, target] = await Promise.all([from.stat(key), to.stat(key)]);
    if (!source) return; // removed since it was listed
    if (target) {
      if (target.size === source.size) report.present++;
      else report.failed.push({ key, reason: 'size' });
      return;
    }
    const object = await from.get(key);
    if (!object) return;
    const stored = await to.put(object.stream, { contentType: object.contentType });
    if (stored.key !== key) {
      // Bytes that do not match their name were damaged at the source: their copy is no copy of this file.
      if (!keys.includes(stored.key)) await to.remove(stored.key);
      report.failed.push({ key, reason: 'checksum' });
      return;
    }
    report.copied++;
    report.bytes += stored.size;
  }

  async function worker() {
    while (next < keys.length) {
      const key = keys[next++];
      try {
        await one(key);
      } catch (err) {
        report.failed.push({ key, reason: 'error', detail: (err as { name?: string; code?: string }).name ?? (err as { code?: string }).code });
      }
      done++;
      opts.progress?.(report, done);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return report;
}
