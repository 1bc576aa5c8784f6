import type { Expression, ExpressionBuilder, Kysely, SqlBool, Updateable } from 'kysely';
import type { PlatformTables } from '../platform.tables.ts';
import { nowIso } from './ids.ts';
import { runTransaction } from './guard.ts';

/** The tables that are queues: a row is `pending` until due, then leased by one worker at a time. */
export type QueueTables = Pick<PlatformTables, 'jobs' | 'mail_outbox'>;
export type QueueName = keyof QueueTables;

export interface LeaseQueueOptions<T extends QueueName> {
  db: Kysely<PlatformTables>;
  dbKind: 'sqlite' | 'postgres';
  instanceId: string;
  /** How long a claim holds a row; `renew` extends it while the work runs. */
  leaseMs: number;
  table: T;
  /** The status of a leased row ("running", "sending"). */
  leasedStatus: QueueTables[T]['status'];
  /** The column saying when a pending row is due. */
  dueColumn: keyof QueueTables[T] & ('run_at' | 'next_attempt_at');
}

/**
 * The queries below are written once for both tables, on the columns they share. Kysely cannot
 * type a query over "one of two tables", so they are typed on this view of a queue row; the
 * table and due column names are the real ones, given by the caller.
 */
interface QueueRow {
  id: string;
  kind: string;
  status: string;
  locked_by: string | null;
  locked_until: string | null;
  attempts: number;
  due_at: string;
}
type QueueView = { queue: QueueRow };
type Where = (eb: ExpressionBuilder<QueueView, 'queue'>) => Expression<SqlBool>;

/**
 * Leases on a queue table (docs/decisions/0006): `claim` leases due rows (pending, or leased by a
 * worker whose lease expired) to this instance; `renew` extends the lease while the work runs;
 * `settle` records the outcome only while this instance still holds the row, so a row taken
 * over by another worker is that worker's to record.
 */
export function createLeaseQueue<T extends QueueName>(opts: LeaseQueueOptions<T>) {
  type Row = QueueTables[T];
  const db = opts.db as unknown as Kysely<QueueView>;
  const table = opts.table as unknown as 'queue';
  const dueAt = opts.dueColumn as unknown as 'due_at';
  const leased = opts.leasedStatus as string;

  const held =
    (ids: string[]): Where =>
    (eb) =>
      eb.and([eb('id', 'in', ids), eb('status', '=', leased), eb('locked_by', '=', opts.instanceId)]);
  const due =
    (now: string): Where =>
    (eb) =>
      eb.or([eb.and([eb('status', '=', 'pending'), eb(dueAt, '<=', now)]), eb.and([eb('status', '=', leased), eb('locked_until', '<', now)])]);

  /**
   * Leases up to `limit` due rows: first those of a dead worker, then pending ones in the order
   * they fell due. `kinds` keeps to the kinds this instance knows (jobs of newer code are left alone).
   *
   * The two index range scans, rather than one OR, spare SQLite a sort of every waiting row on each
   * claim (quadratic on a 20,000-message campaign). PostgreSQL: pick with FOR UPDATE SKIP LOCKED,
   * then lease, in one short transaction (an UPDATE with a locking LIMIT subquery may be re-planned
   * into a join that leases more rows than asked). SQLite: one statement, under its one write lock.
   */
  async function claim(limit: number, kinds?: string[]): Promise<Row[]> {
    if (kinds?.length === 0) return [];
    const now = nowIso();
    const until = new Date(Date.now() + opts.leaseMs).toISOString();
    const expired = (d: Kysely<QueueView>) =>
      d
        .selectFrom(table)
        .select('id')
        .where('status', '=', leased)
        .where('locked_until', '<', now)
        .$if(kinds !== undefined, (q) => q.where('kind', 'in', kinds!))
        .limit(limit);
    const pending = (d: Kysely<QueueView>) =>
      d
        .selectFrom(table)
        .select('id')
        .where('status', '=', 'pending')
        .where(dueAt, '<=', now)
        .$if(kinds !== undefined, (q) => q.where('kind', 'in', kinds!))
        .orderBy(dueAt)
        .limit(limit);
    const pick = (d: Kysely<QueueView>) =>
      d
        .selectFrom(
          d
            .selectFrom(expired(d).as('e'))
            .select('e.id')
            .unionAll(d.selectFrom(pending(d).as('p')).select('p.id'))
            .as('due'),
        )
        .select('due.id')
        .limit(limit);
    const lease = (d: Kysely<QueueView>, ids: string[] | ReturnType<typeof pick>) =>
      d
        .updateTable(table)
        .set((eb) => ({ status: leased, locked_by: opts.instanceId, locked_until: until, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        // Within one SQLite statement the picked rows are due by construction; repeating the test
        // there would make the planner scan the due index instead of taking the ids.
        .$if(Array.isArray(ids), (qb) => qb.where(due(now)))
        .returningAll()
        .execute();
    let rows: QueueRow[];
    if (opts.dbKind === 'postgres') {
      rows = await runTransaction(db, async (trx) => {
        const ids = [...(await expired(trx).forUpdate().skipLocked().execute()), ...(await pending(trx).forUpdate().skipLocked().execute())].map((r) => r.id).slice(0, limit);
        return ids.length ? lease(trx, ids) : [];
      });
    } else rows = await lease(db, pick(db));
    return rows as unknown as Row[];
  }

  return {
    claim,
    /** Extends the lease on the rows this instance still holds. */
    async renew(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable(table)
        .set({ locked_until: new Date(Date.now() + opts.leaseMs).toISOString() })
        .where(held(ids))
        .execute();
    },
    /** Records an outcome (and ends the lease) if this instance still holds the row; false when it does not. */
    async settle(id: string, changes: Updateable<Row> & { locked_by: null; locked_until: null }): Promise<boolean> {
      const res = await db
        .updateTable(table)
        .set(changes as Updateable<QueueRow>)
        .where(held([id]))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
export type LeaseQueue<T extends QueueName> = ReturnType<typeof createLeaseQueue<T>>;
