import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type DbKind, type TestDatabase } from '../../../test/harness.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from './database.ts';
import fs from 'node:fs';
import path from 'node:path';
import { detached, RootQueryInTransactionError, runTransaction } from './guard.ts';
import { transact } from './transaction.ts';

interface Tables {
  notes: { id: number; text: string };
}

/** A bare database with one table, without the app: the transaction helper alone. */
function bareDatabase(kind: DbKind) {
  let database: TestDatabase;
  let raw: Db<Tables>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    raw = openDatabase<Tables>(loadConfig(database.env).database);
    await raw.kysely.schema
      .createTable('notes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('text', 'text')
      .execute();
  });
  afterAll(async () => {
    await raw?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await raw.kysely.deleteFrom('notes').execute();
  });
  return () => raw.kysely;
}

const count = async (db: Kysely<Tables>) =>
  Number(
    (
      await db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describeEachDatabase('transact', (kind) => {
  const db = bareDatabase(kind);

  it('runs a failing after-commit effect once and never runs the committed transaction again', async () => {
    let bodies = 0;
    const effects: string[] = [];
    const run = transact(db(), async (trx, afterCommit) => {
      bodies++;
      await trx.insertInto('notes').values({ id: bodies, text: 'committed' }).execute();
      afterCommit(() => {
        effects.push('wake');
        // A retryable code: before the fix, this sent the whole transaction round again.
        throw busy();
      });
      afterCommit(() => void effects.push('notify'));
    });
    await expect(run).rejects.toThrow('database is locked');
    expect(bodies).toBe(1);
    expect(effects).toEqual(['wake', 'notify']);
    expect(await count(db())).toBe(1);
  });

  it('runs the effects of the committed attempt only, after a retried one', async () => {
    const effects: number[] = [];
    let attempt = 0;
    await transact(db(), async (trx, afterCommit) => {
      attempt++;
      const mine = attempt;
      afterCommit(() => void effects.push(mine));
      await trx.insertInto('notes').values({ id: 1, text: 'x' }).execute();
      if (mine === 1) throw busy();
    });
    expect(effects).toEqual([2]);
    expect(await count(db())).toBe(1);
  });

  it('runs no effect when the transaction rolls back', async () => {
    const effects: string[] = [];
    await expect(
      transact(db(), async (trx, afterCommit) => {
        afterCommit(() => void effects.push('mail'));
        await trx.insertInto('notes').values({ id: 1, text: 'x' }).execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(effects).toEqual([]);
    expect(await count(db())).toBe(0);
  });

  it('lets effects query the root connection, the transaction being over', async () => {
    let seen = -1;
    await transact(db(), async (trx, afterCommit) => {
      await trx.insertInto('notes').values({ id: 1, text: 'x' }).execute();
      afterCommit(async () => {
        seen = await count(db());
      });
    });
    expect(seen).toBe(1);
  });
});

describe('transact on SQLite: a root query inside the transaction', () => {
  const db = bareDatabase('sqlite');
  const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('still waiting after 2 s')), 2000))]);

  it('fails at once with a clear error instead of waiting forever, and rolls back', async () => {
    const run = transact(db(), async (trx) => {
      await trx.insertInto('notes').values({ id: 1, text: 'x' }).execute();
      return count(db());
    });
    await expect(within(run)).rejects.toBeInstanceOf(RootQueryInTransactionError);
    await expect(run).rejects.toThrow(/pass the transaction \(trx\)/i);
    expect(await count(db())).toBe(0);
  });

  it('refuses a transaction opened inside another one the same way', async () => {
    const run = transact(db(), async () => transact(db(), async (inner) => inner.insertInto('notes').values({ id: 1, text: 'x' }).execute()));
    await expect(within(run)).rejects.toBeInstanceOf(RootQueryInTransactionError);
  });

  it('still lets detached work (a bus listener, a woken worker) wait for the connection', async () => {
    let background: Promise<number> | undefined;
    await transact(db(), async (trx) => {
      await trx.insertInto('notes').values({ id: 1, text: 'x' }).execute();
      background = detached(() => count(db()));
    });
    expect(await within(background!)).toBe(1);
  });

  it('guards a transaction opened without transact() (reindexing, leases) the same way', async () => {
    const run = runTransaction(db(), async (trx) => {
      await trx.insertInto('notes').values({ id: 1, text: 'x' }).execute();
      return count(db());
    });
    await expect(within(run)).rejects.toBeInstanceOf(RootQueryInTransactionError);
    expect(await count(db())).toBe(0);
  });

  it('leaves other requests free to query while no transaction of theirs is open', async () => {
    await transact(db(), (trx) => trx.insertInto('notes').values({ id: 1, text: 'x' }).execute());
    expect(await within(count(db()))).toBe(1);
  });
});

describe('every transaction is known to the guard', () => {
  it('opens no transaction straight on Kysely anywhere in src/ but guard.ts', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !file.endsWith(path.join('db', 'guard.ts'))) {
          if (/\.transaction\(\)/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(root, file));
        }
      }
    };
    walk(root);
    expect(offenders, 'use runTransaction() or transact() so the SQLite guard knows the transaction').toEqual([]);
  });
});
