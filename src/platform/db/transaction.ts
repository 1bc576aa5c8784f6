import type { Kysely, Transaction } from 'kysely';
import { runTransaction } from './guard.ts';

export type AfterCommit = (fn: () => void | Promise<void>) => void;

const RETRYABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', '40001', '40P01']);

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Runs `fn` in one transaction, retrying when the database reports a busy lock
 * or a serialization failure. Side effects registered with `afterCommit` run
 * only once the transaction has committed, so a rolled-back write never sends
 * a mail or a live notice.
 *
 * Inside `fn`, every query goes through `trx`: on SQLite a query on the root `db`
 * would wait forever for the connection the transaction holds, so it fails at once
 * with a RootQueryInTransactionError (see ./guard.ts).
 */
export async function transact<DB, R>(db: Kysely<DB>, fn: (trx: Transaction<DB>, afterCommit: AfterCommit) => Promise<R>, { attempts = 5 }: { attempts?: number } = {}): Promise<R> {
  let effects: Array<() => void | Promise<void>>;
  let result: R;
  for (let attempt = 1; ; attempt++) {
    const registered: Array<() => void | Promise<void>> = [];
    try {
      result = await runTransaction(db, (trx) => fn(trx, (e) => registered.push(e)));
      effects = registered;
      break;
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
  await runEffects(effects);
  return result;
}

/**
 * Outside the retry loop: the transaction has committed and must never run again because an
 * effect failed. Every effect runs, once, even when an earlier one throws; the first failure
 * is then reported to the caller.
 */
async function runEffects(effects: Array<() => void | Promise<void>>) {
  const failures: unknown[] = [];
  for (const effect of effects) {
    try {
      await effect();
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'several after-commit effects failed');
}
