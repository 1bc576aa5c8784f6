import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csrfFrom } from '../test/agent.ts';
import { freePort } from '../test/ports.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-gc-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const SOAK_MS = Number(process.env.GC_SOAK_SECONDS ?? 20) * 1000;

/** A browser without JavaScript over real HTTP: keeps its cookies, posts forms with their CSRF token. */
class Visitor {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
    const res = await fetch(this.base + url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: res.status, body: await res.text() };
  }

  async submit(page: string, action: string, fields: Record<string, string>) {
    const form = await this.request(page);
    const token = csrfFrom(form.body);
    if (!token) return form;
    return this.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.base },
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  }
}

// better-sqlite3 up to 12 aborted the process on Node 24.19+ when the garbage collector
// finalised a statement; this keeps the whole server under forced GCs while it works.
describe('the server under garbage-collector pressure', { timeout: 420_000 }, () => {
  it('serves pages, search, registrations and forum writes with a forced GC every 20 ms and stays up', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--expose-gc', '--import', path.join(root, 'test', 'gc-pressure.mjs'), path.join(root, 'bin', 'palabre.js'), 'serve'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, LOG_LEVEL: 'warn', DATABASE_URL: '', SMTP_URL: '' },
    });
    let logs = '';
    child.stdout.on('data', (d) => (logs += d));
    child.stderr.on('data', (d) => (logs += d));
    let ended: string | null = null;
    child.on('exit', (code, signal) => (ended = `exit code ${code}, signal ${signal}`));
    try {
      // Start-up loads the demo data (pictures drawn with sharp): slow on a busy machine.
      const deadline = Date.now() + 240_000;
      while (
        !(await fetch(`${base}/`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (ended || Date.now() > deadline) throw new Error(`server did not start (${ended}):\n${logs}`);
        await new Promise((r) => setTimeout(r, 250));
      }

      const done = { pages: 0, searches: 0, registrations: 0, forumWrites: 0 };
      const serverErrors: string[] = [];
      const check = (what: string, status: number) => {
        if (status >= 500) serverErrors.push(`${what}: ${status}`);
        return status < 400;
      };
      process.kill(child.pid!, 'SIGUSR2');
      const pressure = Date.now() + 10_000;
      while (!logs.includes('gc-pressure: forcing')) {
        if (ended || Date.now() > pressure) throw new Error(`the GC pressure did not start (${ended}):\n${logs}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const stopAt = Date.now() + SOAK_MS;
      const worker = async (n: number) => {
        for (let i = 0; Date.now() < stopAt && !ended; i++) {
          const visitor = new Visitor(base);
          for (const page of ['/', '/agenda', '/ressources', '/actualites', '/agenda/rencontre-reseau-printemps-2027']) {
            if (check(page, (await visitor.request(page)).status)) done.pages++;
          }
          if (check('search', (await visitor.request(`/recherche?q=${encodeURIComponent(['climat', 'participation citoyenne', 'forum', 'énergie'][i % 4])}`)).status)) done.searches++;
          const event = '/agenda/rencontre-reseau-printemps-2027/inscription';
          const reg = await visitor.submit(event, event, { name: `Personne ${n}-${i}`, email: `soak-${n}-${i}@example.org`, organisation: 'Commune test' });
          if (check('registration', reg.status)) done.registrations++;
          const forum = '/forums/forum-ouvert-territoires-participatifs-2027';
          const join = await visitor.submit(`${forum}/participer`, `${forum}/participer`, { code: 'ESSAI7', name: `Participant ${n}-${i}`, organisation: '' });
          const theme = await visitor.submit(`${forum}/participer`, `${forum}/themes`, { title: `Thème ${n}-${i}`, description: 'Sous pression du ramasse-miettes' });
          if (check('forum join', join.status) && check('forum theme', theme.status)) done.forumWrites++;
        }
      };
      await Promise.all([1, 2, 3, 4].map(worker));

      expect(ended, logs).toBeNull();
      expect(logs).not.toMatch(/Assertion failed|Segmentation fault|FATAL ERROR/);
      expect(serverErrors).toEqual([]);
      expect(done.registrations).toBeGreaterThan(0);
      expect(done.forumWrites).toBeGreaterThan(0);
      expect(done.searches).toBeGreaterThan(0);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
