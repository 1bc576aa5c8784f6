import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * PostgreSQL's own dump and restore tools, when installed and able to read the server: a dump of
 * a newer server than pg_dump is refused by pg_dump, and pg_restore reads dumps of its version or older.
 */

const run = promisify(execFile);

/** The major version of an installed PostgreSQL client tool, or null when it is not there. */
export async function toolMajor(tool: 'pg_dump' | 'pg_restore'): Promise<number | null> {
  try {
    const { stdout } = await run(tool, ['--version']);
    const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ''));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The connection as the tools take it: the password goes through the environment, never the command line (visible in `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function exec(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} a échoué (code ${code}) : ${stderr.trim()}`))));
  });
}

/** Dumps the database as seen by an exported snapshot (the JSON tables of the same archive read that snapshot too). */
export async function pgDump(url: string, file: string, snapshot: string): Promise<void> {
  const { dbname, env } = connection(url);
  await exec('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${dbname}`], env);
}

/** Restores a custom-format dump into an empty schema, in one transaction. */
export async function pgRestore(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await exec('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
}
