/**
 * `palabre backup`, `palabre export` and `palabre restore` as an operator types them: French
 * sentences, no stack, a non-empty target refused unless --force, on SQLite and on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test/harness.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = path.join(root, 'bin', 'palabre.js');
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

async function database(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const db = await createTestDatabase(kind);
  cleanup.push(() => db.drop());
  return db;
}

function palabre(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|DATA_DIR|DATABASE_URL|SECRET|DEMO_DATA|LOG_LEVEL|S3_.*)$/.test(k)));
  const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...base, PATH, LOG_LEVEL: 'warn', DEMO_DATA: 'off', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node_modules/);

for (const kind of databaseKinds()) {
  describe(`palabre backup, export and restore [${kind}]`, { timeout: 300_000 }, () => {
    it('backs up a site, restores it into an empty Palabre, refuses to restore over it without --force', async () => {
      const source = await database(kind);
      const admin = await palabre(['create-admin', 'claire@exemple.fr', '--name', 'Claire'], source.env);
      expect(admin.code, admin.stderr).toBe(0);
      const file = path.join(source.env.DATA_DIR!, 'sauvegarde.zip');
      const backup = await palabre(['backup', file], source.env);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain(`Sauvegarde écrite dans ${file} (${kind === 'sqlite' ? 'copie SQLite' : 'pg_dump'}`);

      const target = await database(kind);
      const restored = await palabre(['restore', file], target.env);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain(`Site restauré depuis ${file} (copie native de la base)`);
      // The account came back: creating it again only promotes it.
      expect((await palabre(['create-admin', 'claire@exemple.fr'], target.env)).stdout).toContain('est maintenant administrateur');

      const again = await palabre(['restore', file], target.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('La base cible contient déjà des données');
      expect(again.stderr).toContain('--force');
      noStack(again.stderr);
      const forced = await palabre(['restore', file, '--force'], target.env);
      expect(forced.code, forced.stderr).toBe(0);
    });

    if (kind === 'postgres')
      it('backs up without pg_dump installed: the JSON tables only, said, and restored', async () => {
        const source = await database(kind);
        expect((await palabre(['create-admin', 'yanis@exemple.fr'], source.env)).code).toBe(0);
        const file = path.join(source.env.DATA_DIR!, 'sans-pg-dump.zip');
        // Only Node's own folder on the PATH: no PostgreSQL client tools.
        const backup = await palabre(['backup', file], { ...source.env, PATH: path.dirname(process.execPath) });
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout).toContain('sans pg_dump (absent, ou plus ancien que le serveur) : tables JSON seulement');
        const target = await database(kind);
        const restored = await palabre(['restore', file], target.env);
        expect(restored.code, restored.stderr).toBe(0);
        expect(restored.stdout).toContain('(tables JSON)');
      });

    it('exports a site that restores from its JSON tables, and explains what it cannot read', async () => {
      const source = await database(kind);
      expect((await palabre(['create-admin', 'louise@exemple.fr'], source.env)).code).toBe(0);
      const file = path.join(source.env.DATA_DIR!, 'site.zip');
      const exported = await palabre(['export', file], source.env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/^Site exporté dans .*site\.zip : \d+ tables \(\d+ lignes\), 0 fichiers\.$/m);
      const twice = await palabre(['export', file], source.env);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('existe déjà');

      const target = await database(kind);
      const restored = await palabre(['restore', file], target.env);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('(tables JSON)');

      const junk = path.join(os.tmpdir(), `pas-une-archive-${process.pid}.zip`);
      fs.writeFileSync(junk, 'bonjour');
      cleanup.push(async () => fs.rmSync(junk, { force: true }));
      const bad = await palabre(['restore', junk], target.env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('n’est pas un fichier ZIP lisible');
      noStack(bad.stderr);
      const missing = await palabre(['restore', '/nulle/part.zip'], target.env);
      expect(missing.stderr).toContain('n’existe pas');
      noStack(missing.stderr);
    });
  });
}
