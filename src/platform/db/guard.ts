import { AsyncLocalStorage } from 'node:async_hooks';
import { type DatabaseConnection, type Driver, type Kysely, SqliteDialect, type Transaction, type TransactionSettings } from 'kysely';

/**
 * SQLite has one connection. While a transaction holds it, a query sent on the root `db`
 * (instead of `trx`) from inside that transaction waits for the connection the transaction will
 * only give back once that very query returns: the request hangs forever, without an error.
 * `transact()` marks its call chain; the SQLite driver refuses, at once and loudly, a root
 * query made inside a chain whose transaction holds the connection.
 */
export class RootQueryInTransactionError extends Error {
  constructor() {
    super(
      'A query used the root database connection inside an open transaction: on SQLite it would wait forever for the connection the transaction holds. Pass the transaction (trx) down to this query, or run it in afterCommit().',
    );
    this.name = 'RootQueryInTransactionError';
  }
}

interface OpenTransactions {
  /** The drivers whose connection a transaction of this call chain holds. */
  held: Set<Driver>;
}

const chain = new AsyncLocalStorage<OpenTransactions>();

/** Runs `fn` as a call chain whose transactions the guarded driver knows about (nested chains inherit what is held). */
export function markTransactions<R>(fn: () => Promise<R>): Promise<R> {
  return chain.run({ held: new Set(chain.getStore()?.held) }, fn);
}

/**
 * `db.transaction().execute(fn)`, marked for the guard. Every transaction of Palabre opens here
 * (transact() included): one opened straight on Kysely would not be known to the guard, and a
 * root query inside it would hang again (a test keeps `.transaction()` out of the rest of src/).
 */
export function runTransaction<DB, R>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
  return markTransactions(() => db.transaction().execute(fn));
}

/**
 * Runs `fn` outside any transaction's call chain: for work that is started from inside a
 * transaction but does not belong to it (a bus listener, a worker woken up), which may wait
 * for the connection like any other request.
 */
export function detached<R>(fn: () => R): R {
  return chain.exit(fn);
}

/** A driver that refuses root queries made inside its own open transaction. */
class GuardedDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    if (chain.getStore()?.held.has(this)) return Promise.reject(new RootQueryInTransactionError());
    return this.inner.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.inner.beginTransaction(connection, settings);
    chain.getStore()?.held.add(this);
  }
  async commitTransaction(connection: DatabaseConnection) {
    chain.getStore()?.held.delete(this);
    await this.inner.commitTransaction(connection);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    chain.getStore()?.held.delete(this);
    await this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
  // Kysely checks for these before using savepoints; SQLite's driver has them.
  savepoint: Driver['savepoint'] = (...args) => this.inner.savepoint!(...args);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (...args) => this.inner.rollbackToSavepoint!(...args);
  releaseSavepoint: Driver['releaseSavepoint'] = (...args) => this.inner.releaseSavepoint!(...args);
}

/** Kysely's SQLite dialect with the guard above. */
export class GuardedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new GuardedDriver(super.createDriver());
  }
}
