import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sleep, startInstance, type Instance } from './cluster.ts';

/**
 * `palabre serve` with DRAIN_SECONDS: on SIGTERM a balancer polling /readyz sees 503 while the
 * instance still serves pages, then the instance stops (docs/decisions/0066).
 */
describe('palabre serve: the drain before the stop', { timeout: 180_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-drain-'));
  let instance: Instance | undefined;
  afterAll(async () => {
    await instance?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 on /readyz and still serves pages for DRAIN_SECONDS, then exits with 0', async () => {
    instance = await startInstance({ DATA_DIR: dir, DEMO_DATA: 'off', LOG_LEVEL: 'info', DRAIN_SECONDS: '5', PUBLIC_URL: 'http://127.0.0.1' });
    const { url } = instance;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const stopped = instance.stop();
    // The signal takes a moment to arrive on a busy machine: wait for readiness to turn.
    let ready = await fetch(`${url}/readyz`);
    for (let i = 0; i < 100 && ready.status === 200; i++) {
      await sleep(20);
      ready = await fetch(`${url}/readyz`);
    }
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('draining');
    // Still serving: the balancer has not stopped sending yet.
    expect((await fetch(`${url}/mentions-legales`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await stopped).toBe(0);
    expect(instance.logs()).toContain('draining: readiness answers 503');
    expect(
      await fetch(`${url}/healthz`).then(
        () => 'answered',
        () => 'refused',
      ),
    ).toBe('refused');
  });
});
