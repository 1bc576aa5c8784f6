/**
 * A Palabre in a process of its own for benchmarks (forked by servers.ts), so that the load
 * generator does not share its event loop. Built with buildApp on a temporary SQLite data dir,
 * with the demo data set loaded, logging at the production default into /dev/null.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp } from '../../src/app.ts';
import { loadDemo } from '../../src/demo/demo.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-'));
const env = JSON.parse(process.env.BENCH_PALABRE_ENV ?? '{}') as Record<string, string>;
const config = loadConfig({
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: '0',
  DEMO_DATA: 'off',
  LOG_LEVEL: 'info',
  SECRET: 'bench-secret-bench-secret-bench-secret-01',
  ...env,
});
const app = await buildApp(config);
if (process.env.BENCH_DEMO !== '0') await loadDemo(app);
app.startWorkers();
await app.server.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.server.address() as AddressInfo;

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await app.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.send!({ ready: true, port });
