import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const isCI = process.env.CI === 'true' || process.env.CI === '1';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** A Java runtime for the Nu HTML checker (node_modules/vnu-jar); Debian's is `default-jre-headless`. */
export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}
