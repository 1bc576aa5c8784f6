import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp, type PalabreApp } from '../src/app.ts';
import { PG_ADMIN_URL } from './environment.ts';

export type DbKind = 'sqlite' | 'postgres';

/** The databases this run can use: SQLite always, PostgreSQL when global-setup found it. */
export function databaseKinds(): DbKind[] {
  return process.env.PALABRE_TEST_PG === '0' ? ['sqlite'] : ['sqlite', 'postgres'];
}

/** Runs the same suite once per database. */
export function describeEachDatabase(title: string, fn: (kind: DbKind) => void) {
  for (const kind of databaseKinds()) describe(`${title} [${kind}]`, () => fn(kind));
}

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A new empty database of its own: a temporary SQLite file, or a fresh PostgreSQL database. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-test-'));
  if (kind === 'sqlite') {
    return { env: { DATA_DIR: dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `palabre_test_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp extends PalabreApp {
  database: TestDatabase;
  /** Closes the app and drops its database. */
  destroy(): Promise<void>;
}

/** A full Palabre on a database of its own; workers are off unless `workers: true`. */
export async function createTestApp(kind: DbKind, opts: { env?: Record<string, string>; workers?: boolean; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase(kind));
  const config = loadConfig({
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://palabre.test',
    SECRET: 'test-secret-test-secret-test-secret-0123',
    ...database.env,
    ...opts.env,
  });
  const app = await buildApp(config);
  if (opts.workers) app.startWorkers();
  return Object.assign(app, {
    database,
    async destroy() {
      await app.close();
      if (!opts.database) await database.drop();
    },
  });
}
