import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../test/harness.ts';
import { freePort } from '../test/ports.ts';
import { sessionFor } from './admin/admin.test-helpers.ts';
import { ZipReader } from './platform/archive/zip.ts';
import { openSse } from './platform/live/sse.test-helpers.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// The real `palabre` binary, run by the Node.js running the tests (22 or 24).
const bin = path.join(root, 'bin', 'palabre.js');
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The environment of a fresh machine: nothing but what the test gives. */
function cleanEnv(env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|DATA_DIR|DATABASE_URL|SMTP_URL|PUBLIC_URL|SECRET|JOBS|DEMO_DATA|LOG_LEVEL)$/.test(k)));
  const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return { ...base, PATH, LOG_LEVEL: 'warn', ...env } as NodeJS.ProcessEnv;
}

function palabre(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node_modules/);

// Each command is a fresh Node process: slow on a busy machine.
describe('palabre command line', { timeout: 180_000 }, () => {
  it('explains itself and each command with --help', async () => {
    const main = await palabre(['--help']);
    expect(main.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'create-admin EMAIL', 'backup FICHIER']) expect(main.stdout).toContain(cmd);
    const each = await Promise.all(['serve', 'migrate', 'demo', 'create-admin', 'backup'].map((cmd) => palabre([cmd, '--help'])));
    for (const [i, cmd] of ['serve', 'migrate', 'demo', 'create-admin', 'backup'].entries()) {
      expect(each[i].code).toBe(0);
      expect(each[i].stdout).toContain(`Usage : palabre ${cmd}`);
    }
  });

  it('answers an unknown command, an unknown option and a stray argument with a sentence', async () => {
    const [cmd, opt, extra] = await Promise.all([palabre(['frobnicate']), palabre(['migrate', '--frob']), palabre(['migrate', 'maintenant'])]);
    expect(cmd.code).toBe(1);
    expect(cmd.stderr.trim()).toBe('Commande inconnue : « frobnicate ». Tapez « palabre --help ».');
    expect(opt.code).toBe(1);
    expect(opt.stderr).toContain('« --frob »');
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain('Argument en trop : « maintenant »');
    for (const r of [cmd, opt, extra]) noStack(r.stderr);
  });

  it('lists every configuration problem at once', async () => {
    const r = await palabre(['migrate'], { PORT: 'soixante', DATABASE_URL: 'mysql://palabre@localhost/palabre' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Configuration invalide');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
    noStack(r.stderr);
  });

  it('says so in a sentence when PostgreSQL cannot be reached', async () => {
    const r = await palabre(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/palabre' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Impossible de joindre la base de données : vérifiez DATABASE_URL et que PostgreSQL est démarré.');
  });

  it('refuses an invalid address for create-admin', async () => {
    const r = await palabre(['create-admin', 'pas-une-adresse'], { DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Indiquez une adresse e-mail valide');
    noStack(r.stderr);
  });

  it('migrates, creates an administrator and writes a backup that SQLite can read', async () => {
    const dir = tempDir();
    const migrate = await palabre(['migrate'], { DATA_DIR: dir });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('Migrations appliquées');
    expect((await palabre(['migrate'], { DATA_DIR: dir })).stdout).toContain('La base est déjà à jour.');

    const admin = await palabre(['create-admin', 'Claire.Admin@Exemple.fr', '--name', 'Claire'], { DATA_DIR: dir });
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toContain('Compte administrateur créé pour Claire.Admin@Exemple.fr');

    const file = path.join(dir, 'sauvegarde.zip');
    const backup = await palabre(['backup', file], { DATA_DIR: dir });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Sauvegarde écrite dans ${file}`);
    // The archive carries SQLite's own online copy (and the same tables as JSON).
    const zip = await ZipReader.open(file);
    fs.writeFileSync(path.join(dir, 'copie.sqlite'), await zip.buffer('native/palabre.sqlite'));
    const copy = new SQLite(path.join(dir, 'copie.sqlite'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('select role from users where email = ?').get('claire.admin@exemple.fr')).toEqual({ role: 'admin' });
    } finally {
      copy.close();
    }

    const again = await palabre(['backup', file], { DATA_DIR: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('existe déjà');
  });

  it('asks for a .zip file to back up into', async () => {
    const r = await palabre(['backup', 'sauvegarde.dump'], { DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('doit finir par .zip');
    noStack(r.stderr);
  });
});

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The group is gone within a few seconds (esbuild's service process ends when its parent's pipe closes). */
async function groupEnds(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !groupAlive(pid);
}

describe('palabre serve', { timeout: 180_000 }, () => {
  it('finishes a request in flight and ends live streams on SIGTERM, then exits with 0', async () => {
    const dir = tempDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The binary itself, through its #! line, in a process group of its own: after the exit,
    // nothing of the group may be left running (the old wrapper left the server orphaned).
    const child = spawn(bin, ['serve'], {
      cwd: root,
      detached: true,
      env: cleanEnv({ DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'off', LOG_LEVEL: 'info', PUBLIC_URL: base }),
    });
    let logs = '';
    child.stdout.on('data', (d) => (logs += d));
    child.stderr.on('data', (d) => (logs += d));
    const exited = new Promise<{ code: number | null }>((resolve) => child.on('exit', (code) => resolve({ code })));
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ok = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`server did not start:\n${logs}`);
        await new Promise((r) => setTimeout(r, 200));
      }

      // A session for an animator, written by a second process on the same SQLite file.
      const side = await createTestApp('sqlite', { database: { env: { DATA_DIR: dir }, drop: async () => {} } });
      const { cookie, token } = await sessionFor(side, 'animator');
      await side.close();
      const stream = openSse(`${base}/admin/courriels/flux`, { cookie });
      await stream.waitFor((e) => e.event === 'counts');

      // A request whose body is still arriving when the signal comes.
      const socket = net.connect(port, '127.0.0.1');
      let response = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (response += d));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      const body = 'a=1&b=2&c=3';
      socket.write(`POST /deconnexion HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`);
      await new Promise((r) => setTimeout(r, 300));

      child.kill('SIGTERM');
      // A generous deadline, not a speed check: on a busy CI machine the signal reaches the server late.
      await stream.waitForEnd(30_000);
      await new Promise((r) => setTimeout(r, 300));
      socket.write(body.slice(4));
      await closed;
      // Answered by the route (no CSRF token: 403), not refused as "closing" (503) nor cut.
      expect(response).toMatch(/^HTTP\/1\.1 403 /);
      const { code } = await exited;
      // 0, not 1: the shutdown completed before the server's own 15 s force-exit.
      expect(code, logs).toBe(0);
      expect(logs).toContain('shutting down');
      expect(logs).not.toContain(token);
      expect(await groupEnds(child.pid!)).toBe(true);
      expect(
        await fetch(`${base}/healthz`).then(
          () => 'answered',
          () => 'refused',
        ),
      ).toBe('refused');
    } finally {
      if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('closes its port within 10 s of a SIGTERM sent to the palabre binary and leaves no process behind', async () => {
    const dir = tempDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(bin, ['serve'], {
      cwd: root,
      detached: true,
      env: cleanEnv({ DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'off', PUBLIC_URL: base }),
    });
    let logs = '';
    child.stderr.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (
        !(await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (Date.now() > deadline) throw new Error(`server did not start:\n${logs}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      process.kill(child.pid!, 'SIGTERM');
      const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 10_000))]);
      expect(code, logs).toBe(0);
      expect(
        await fetch(`${base}/healthz`).then(
          () => 'answered',
          () => 'refused',
        ),
      ).toBe('refused');
      expect(await groupEnds(child.pid!)).toBe(true);
    } finally {
      if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
