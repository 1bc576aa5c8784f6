import { Worker } from 'node:worker_threads';
import type { Extraction, FileType } from './content.files.ts';

/**
 * Reads the text of uploaded documents in a worker thread: parsing a PDF or inflating an office
 * document is CPU work that would otherwise stop every other request, and a hostile file gets
 * a time limit and a memory ceiling of its own. One worker does one document at a time; it is
 * replaced after a limit is hit, and stopped when idle.
 */
export interface TextExtractor {
  extract(data: DocumentBytes, format: FileType['format']): Promise<Extraction>;
  /** A PDF's first page as a PNG, for its thumbnail; null when it cannot be drawn (no canvas library, a broken or too slow file). */
  firstPage(data: DocumentBytes): Promise<Buffer | null>;
  /** The format read from a file's bytes (see sniff), 'badArchive' for a container no office suite writes, null for none known. */
  sniff(file: { path: string }): Promise<FileType['format'] | 'badArchive' | null>;
  close(): Promise<void>;
}

/**
 * The bytes, or an uploaded file on disk: the worker then reads it itself, so that an upload is
 * never held whole by the thread serving requests (one file at a time sits in the worker).
 */
export type DocumentBytes = Buffer | { path: string };

export interface ExtractorOptions {
  timeoutMs: number;
  maxMemoryMb: number;
  idleMs: number;
}

// Plain JavaScript, so Node starts it whatever runs the app (tsx, vitest): it loads the TypeScript itself.
const WORKER_URL = new URL('./content.extract.worker.mjs', import.meta.url);
const UNREAD: Extraction = { text: '', unread: 'tooLarge' };

export function createTextExtractor(opts: ExtractorOptions = { timeoutMs: 30_000, maxMemoryMb: 512, idleMs: 30_000 }): TextExtractor {
  let worker: Worker | null = null;
  let idle: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let seq = 0;

  function start(): Worker {
    // No inherited Node flags: the worker loads TypeScript itself, and flags of how the parent was
    // started (--input-type, --eval, a second --import tsx) only get in its way.
    const w = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: opts.maxMemoryMb, maxYoungGenerationSizeMb: 32 } });
    // Never keeps the process alive (tests, CLI commands, shutdown).
    w.unref();
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  }

  function stop() {
    const w = worker;
    worker = null;
    if (w) void w.terminate();
  }

  function run<R>(task: 'text' | 'page' | 'sniff', data: DocumentBytes, format: FileType['format'] | null, failed: R): Promise<R> {
    if (idle) clearTimeout(idle);
    const w = (worker ??= start());
    const id = ++seq;
    return new Promise<R>((resolve) => {
      const done = (result: R, kill: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('exit', onExit);
        if (kill && worker === w) stop();
        resolve(result);
      };
      const onMessage = (msg: { id: number; result: R }) => {
        if (msg.id === id) done(msg.result, false);
      };
      // Out of memory (or any crash): the document is stored without its text (or its thumbnail).
      const onExit = () => done(failed, false);
      const timer = setTimeout(() => done(failed, true), opts.timeoutMs);
      w.on('message', onMessage);
      w.on('exit', onExit);
      if (!Buffer.isBuffer(data)) return w.postMessage({ id, task, path: data.path, format });
      // A copy of exactly these bytes (a Buffer may be a slice of a larger pool), handed over without another copy.
      const copy = new Uint8Array(data);
      w.postMessage({ id, task, data: copy, format }, [copy.buffer]);
    }).finally(() => {
      idle = setTimeout(stop, opts.idleMs);
      idle.unref();
    });
  }

  return {
    extract(data, format) {
      if (format === 'PNG' || format === 'JPG') return Promise.resolve({ text: '', unread: null });
      const next = queue.then(() => run('text', data, format, UNREAD));
      queue = next.catch(() => undefined);
      return next;
    },
    firstPage(data) {
      const next = queue.then(() => run<Uint8Array | null>('page', data, 'PDF', null));
      queue = next.catch(() => undefined);
      return next.then((png) => (png ? Buffer.from(png.buffer, png.byteOffset, png.byteLength) : null));
    },
    sniff(file) {
      const next = queue.then(() => run<FileType['format'] | 'badArchive' | null>('sniff', file, null, null));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      if (idle) clearTimeout(idle);
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

let shared: TextExtractor | null = null;

/** The process's extractor, started on first use. */
export function sharedExtractor(): TextExtractor {
  return (shared ??= createTextExtractor());
}
