import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.ts';

/**
 * Several real `palabre serve` processes behind a real nginx, for the load-balancer test
 * (test/cluster.test.ts) and the scale benchmark (bench/scale.ts).
 */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'palabre.js');

/** Debian's nginx (nginx-light or nginx), or null when it is not installed. */
export function nginxBinary(): string | null {
  for (const candidate of [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/local/sbin/nginx']) if (candidate && fs.existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export interface Balancer {
  url: string;
  port: number;
  /** nginx's error log (upstreams it gave up on, retries). */
  errors(): string;
  close(): Promise<void>;
}

/** The configuration the test runs, and the one docs/deploy.md shows, minus TLS. */
export function nginxConfig(opts: { dir: string; port: number; upstreams: number[]; workers?: number }): string {
  const asRoot = process.getuid?.() === 0;
  const temp = (name: string) => path.join(opts.dir, name);
  return `daemon off;
worker_processes ${opts.workers ?? 1};
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
${asRoot ? 'user root root;' : ''}
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  client_max_body_size 30m;
  upstream palabre {
${opts.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${opts.port};
    location / {
      proxy_pass http://palabre;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Live pages (Server-Sent Events) stream through; a refused connection goes to the next instance.
      proxy_buffering off;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout http_502;
      proxy_next_upstream_tries 3;
    }
  }
}
`;
}

/** nginx on a free port in front of `upstreams`, with its configuration and temporary files in a folder of its own. */
export async function startBalancer(upstreams: number[], opts: { port?: number; workers?: number } = {}): Promise<Balancer> {
  const nginx = nginxBinary();
  if (!nginx) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-nginx-'));
  const port = opts.port ?? (await freePort());
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig({ dir, port, upstreams, workers: opts.workers }));
  const child = spawn(nginx, ['-c', conf, '-p', dir, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (await answers(url)) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${stderr}`);
    await sleep(100);
  }
  return {
    url,
    port,
    errors: () => fs.readFileSync(path.join(dir, 'error.log'), 'utf8'),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Instance {
  port: number;
  url: string;
  /** The instance's id: who holds a lease in mail_outbox.locked_by and jobs.locked_by. */
  id: string;
  logs(): string;
  /** SIGKILL to its process group: no shutdown, no lease given back. Resolves once the process is gone (its port closed). */
  kill(): Promise<void>;
  /** SIGTERM, and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** The environment of a fresh machine plus `env`: nothing inherited that would change Palabre's configuration. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SMTP_URL|PUBLIC_URL|SECRET|JOBS|DEMO_DATA|LOG_LEVEL|S3_.*|METRICS_TOKEN|LEASE_SECONDS|DRAIN_SECONDS|TRUST_PROXY)$/.test(k),
    ),
  );
  const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return { ...base, PATH, ...env } as NodeJS.ProcessEnv;
}

/** Runs `palabre <args>` to the end (migrate before the instances start, as in production). */
export function palabre(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: cleanEnv(env) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `palabre serve` in a process group of its own, ready (its /readyz answered 200) when this resolves. */
export async function startInstance(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<Instance> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], { cwd: root, detached: true, env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }) });
  let logs = '';
  child.stdout?.on('data', (d) => (logs += d));
  child.stderr?.on('data', (d) => (logs += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let id = '';
  while (!id) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited with ${child.exitCode}:\n${logs}`);
    const ready = await fetch(`${url}/readyz`).then(
      async (r) => (r.ok ? ((await r.json()) as { instance: string }) : null),
      () => null,
    );
    if (ready) id = ready.instance;
    else if (Date.now() > deadline) throw new Error(`instance on ${port} not ready:\n${logs}`);
    else await sleep(250);
  }
  const groupKill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    port,
    url,
    id,
    logs: () => logs,
    kill() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      groupKill('SIGKILL');
      return exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      groupKill('SIGTERM');
      const code = await Promise.race([exited, sleep(30_000).then(() => 'late' as const)]);
      if (code === 'late') {
        groupKill('SIGKILL');
        return null;
      }
      return code;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { redirect: 'manual' }).then(
    () => true,
    () => false,
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * What a browser's EventSource does, in a test: reads a stream, and when it ends or breaks,
 * waits the `retry` the server asked for and connects again with Last-Event-ID.
 */
export function followStream(url: string, onEvent: (e: SseEvent) => void, headers: Record<string, string> = {}) {
  let retryMs = 2000;
  let lastId: string | undefined;
  let stopped = false;
  let current: http.ClientRequest | null = null;
  const state = { connections: 0, ends: 0, reconnectEvents: 0 };

  const connect = () => {
    if (stopped) return;
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers, ...(lastId ? { 'last-event-id': lastId } : {}) } });
    current = req;
    let settled = false;
    const again = () => {
      if (settled) return;
      settled = true;
      state.ends++;
      if (!stopped) setTimeout(connect, retryMs);
    };
    req.on('error', again);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', again);
        return;
      }
      state.connections++;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const ev: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const at = line.indexOf(':');
            const field = at < 0 ? line : line.slice(0, at);
            const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
            if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
            else if (field === 'id') ev.id = value;
            else if (field === 'event') ev.event = value;
            else if (field === 'data') {
              ev.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (ev.id) lastId = ev.id;
          if (ev.event === 'reconnect') state.reconnectEvents++;
          if (hasData) onEvent(ev);
        }
      });
      res.on('end', again);
      res.on('error', again);
      res.on('close', again);
    });
  };
  connect();
  return {
    state,
    close() {
      stopped = true;
      current?.destroy();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
