import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nginxBinary } from './cluster.ts';

/**
 * The deploy guide's files (docs/deploy/), checked by the tools that will read them, as far as
 * this machine has them: systemd-analyze for the units, nginx -t for the proxy configuration.
 */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const deployDir = path.join(root, 'docs', 'deploy');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-deploy-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!has('systemd-analyze'))('deploy: systemd units', () => {
  it('pass systemd-analyze verify without a single warning', () => {
    const dir = tempDir();
    const units = ['palabre.service', 'palabre-backup.service', 'palabre-backup.timer'];
    for (const unit of units) {
      // The binaries named must exist to verify: this machine's Node and checkout stand for /usr/bin/node and /opt/palabre.
      const text = fs.readFileSync(path.join(deployDir, unit), 'utf8').replaceAll('/usr/bin/node', process.execPath).replaceAll('/opt/palabre', root);
      fs.writeFileSync(path.join(dir, unit), text);
    }
    const r = spawnSync('systemd-analyze', ['verify', ...units.map((u) => path.join(dir, u))], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // Unknown keys and bad values are only warnings for systemd: any line here is a mistake in the unit.
    expect(r.stderr.trim()).toBe('');
  });

  it('start the server with serve after migrate, stop it with SIGTERM, and back up with a timer', () => {
    const service = fs.readFileSync(path.join(deployDir, 'palabre.service'), 'utf8');
    expect(service).toMatch(/^ExecStartPre=\S+ \S+\/bin\/palabre\.js migrate$/m);
    expect(service).toMatch(/^ExecStart=\S+ \S+\/bin\/palabre\.js serve$/m);
    expect(service).toMatch(/^KillSignal=SIGTERM$/m);
    // Longer than DRAIN_SECONDS (at most 60) plus Palabre's own 15 s: systemd never cuts a drain short.
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(service)?.[1])).toBeGreaterThanOrEqual(75);
    const backup = fs.readFileSync(path.join(deployDir, 'palabre-backup.service'), 'utf8');
    expect(backup).toMatch(/palabre\.js backup "\/var\/backups\/palabre\/palabre-\$\(date [^)]+\)\.zip"/);
    expect(fs.readFileSync(path.join(deployDir, 'palabre-backup.timer'), 'utf8')).toMatch(/^Persistent=true$/m);
  });
});

const nginx = nginxBinary();
describe.skipIf(!nginx || !has('openssl'))('deploy: nginx configuration', () => {
  it('passes nginx -t with a certificate in place', () => {
    const dir = tempDir();
    const cert = path.join(dir, 'fullchain.pem');
    const key = path.join(dir, 'privkey.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=reseau.exemple.fr', '-keyout', key, '-out', cert], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    // The example as written, with this machine's certificate and ports nobody uses.
    const site = fs
      .readFileSync(path.join(deployDir, 'nginx.conf'), 'utf8')
      .replaceAll('/etc/letsencrypt/live/reseau.exemple.fr/fullchain.pem', cert)
      .replaceAll('/etc/letsencrypt/live/reseau.exemple.fr/privkey.pem', key)
      .replace(/listen \[::\]:\d+[^;]*;/g, '')
      .replace('listen 80;', 'listen 127.0.0.1:18080;')
      .replace('listen 443 ssl http2;', 'listen 127.0.0.1:18443 ssl http2;');
    fs.writeFileSync(path.join(dir, 'palabre.conf'), site);
    const user = process.getuid?.() === 0 ? 'user root root;' : '';
    const main = `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\n${user}\nevents {}\nhttp {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fastcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n  access_log off;\n  include ${dir}/palabre.conf;\n}\n`;
    fs.writeFileSync(path.join(dir, 'nginx.conf'), main);
    const r = spawnSync(nginx!, ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('test is successful');
    expect(r.stderr).not.toMatch(/\[warn\]|\[emerg\]/);
  });
});

describe('deploy: the guide', () => {
  it('names every file of docs/deploy and is linked from the README', () => {
    const guide = fs.readFileSync(path.join(root, 'docs', 'deploy.md'), 'utf8');
    for (const f of fs.readdirSync(deployDir)) expect(guide, f).toContain(`deploy/${f}`);
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('docs/deploy.md');
  });
});
