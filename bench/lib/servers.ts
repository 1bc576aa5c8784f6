import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** CPU seconds (user + system) the server has used so far; null off Linux. */
  cpuSeconds(): number | null;
  close(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

/**
 * CPU time of a process from /proc: on a machine shared with other work, the CPU a server
 * spends per request is a steadier figure than its requests/s.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Forks one of the server scripts beside this file (with tsx's loader) and waits for its port. */
function start(script: string, env: Record<string, string>, init?: unknown, extraExecArgv: string[] = []): Promise<RunningServer> {
  const child: ChildProcess = fork(path.join(here, script), [], {
    execArgv: [...process.execArgv, ...extraExecArgv],
    env: { ...process.env, ...env },
    // The server's logs go nowhere, as they would to a log shipper that keeps up.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) => reject(new Error(`${script} exited with code ${code} before it was ready`));
    child.once('exit', failed);
    child.once('error', reject);
    child.once('message', (msg: { ready?: boolean; port?: number }) => {
      if (!msg.ready || !msg.port) return reject(new Error(`${script}: unexpected message ${JSON.stringify(msg)}`));
      child.off('exit', failed);
      resolve({
        baseUrl: `http://127.0.0.1:${msg.port}`,
        pid: child.pid!,
        cpuSeconds: () => cpuSecondsOf(child.pid!),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
    if (init !== undefined) child.send(init as never);
  });
}

/**
 * A Palabre on a temporary SQLite data dir, demo data loaded unless `demo: false`. With
 * `cpuProfileDir`, the process writes a V8 CPU profile there when it stops (open it in
 * Chrome DevTools' Performance panel, or summarise it with bench/lib/profile.ts).
 */
export function startPalabreProcess(opts: { demo?: boolean; env?: Record<string, string>; cpuProfileDir?: string } = {}) {
  const prof = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  return start('palabre-server.ts', { BENCH_DEMO: opts.demo === false ? '0' : '1', BENCH_PALABRE_ENV: JSON.stringify(opts.env ?? {}) }, undefined, prof);
}

/** A bare node:http server answering each path with exactly these bytes. */
export function startBareProcess(pages: Record<string, { body: string; type: string }>) {
  return start('bare-server.ts', {}, pages);
}
