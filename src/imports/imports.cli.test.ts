import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from './imports.test-helpers.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = path.join(root, 'bin', 'palabre.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-import-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The real `palabre` binary, on a SQLite database of its own, output not a terminal (no progress bar). */
function palabre(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PORT|DATA_DIR|DATABASE_URL|SMTP_URL|PUBLIC_URL|SECRET|JOBS|DEMO_DATA|LOG_LEVEL)$/.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_DATA: 'off' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    // French typography puts narrow no-break spaces before colons: compared as plain spaces.
    const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');
    child.on('close', (code) => resolve({ code, stdout: plain(stdout), stderr: plain(stderr) }));
  });
}

const subscribers = () => {
  const db = new SQLite(path.join(dataDir, 'palabre.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from newsletter_subscribers').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('palabre import', { timeout: 180_000 }, () => {
  it('asks in French what a CSV holds', async () => {
    const r = await palabre(['import', fixture('mailchimp-subscribed.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Ce fichier CSV peut contenir des abonné·es, des membres ou la description de documents : précisez-le avec --kind subscribers, --kind members ou --kind documents.');
  });

  it('reports each line in French, writes nothing with --dry-run, and changes nothing the second time', async () => {
    const dry = await palabre(['import', fixture('mailchimp-subscribed.csv'), '--kind', 'subscribers', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Simulation (--dry-run) : rien n’a été écrit.');
    expect(dry.stdout).toContain('ligne 4 · jean.dupont@ · erreur · champ Email Address : adresse e-mail invalide');
    expect(dry.stdout).toContain('ligne 5 · Marie.Curie@Exemple.FR · ignoré · champ Email Address : même adresse que la ligne 2 : fusionnée avec elle');
    expect(subscribers()).toBe(0);

    const first = await palabre(['import', fixture('mailchimp-subscribed.csv'), '--kind', 'subscribers']);
    expect(first.stdout).toContain('ligne 2 · marie.curie@exemple.fr · créé');
    expect(first.stdout).toContain('3 créé(s), 0 mis à jour, 0 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    expect(subscribers()).toBe(3);
    const second = await palabre(['import', fixture('mailchimp-subscribed.csv'), '--kind', 'subscribers']);
    expect(second.stdout).toContain('0 créé(s), 0 mis à jour, 3 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    expect(subscribers()).toBe(3);
  });

  it('recognises an iCalendar file without --kind', async () => {
    const r = await palabre(['import', fixture('agenda.ics'), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 créé(s), 0 mis à jour, 0 inchangé(s), 0 ignoré(s), 1 erreur(s)');
    expect(r.stdout).toContain('Rencontre sans date · erreur · champ DTSTART : valeur manquante');
  });
});
