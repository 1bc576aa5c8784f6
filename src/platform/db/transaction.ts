import type { Kysely, Transaction } from 'kysely';

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
 */
export async function transact<DB, R>(db: Kysely<DB>, fn: (trx: Transaction<DB>, afterCommit: AfterCommit) => Promise<R>, { attempts = 5 }: { attempts?: number } = {}): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const effects: Array<() => void | Promise<void>> = [];
    try {
      const result = await db.transaction().execute((trx) => fn(trx, (e) => effects.push(e)));
      for (const effect of effects) await effect();
      return result;
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
