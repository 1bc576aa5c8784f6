import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { PlatformTables } from '../platform.tables.ts';

export interface HealthOptions {
  db: Kysely<PlatformTables>;
  dbKind: 'sqlite' | 'postgres';
  /** This process's id (the lease holder's name in the queues): tells an operator which instance answered. */
  instanceId: string;
  /** The names of every migration this code knows (src/migrations.ts). */
  migrations: string[];
  /** Resolves when stored files can be read and written (disk folder or object store). */
  storage(): Promise<void>;
  log: FastifyBaseLogger;
  /** A check slower than this counts as failed: a load balancer's probe must get an answer. */
  timeoutMs?: number;
}

type CheckName = 'database' | 'storage' | 'migrations';

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * `/healthz` says the process is alive (a supervisor restarts it when it is not); `/readyz` says
 * it should be sent traffic: database and file storage reachable, schema up to date, and not
 * shutting down. On SIGTERM readiness turns 503 first, so that load balancers stop sending
 * new requests before the listener closes (docs/decisions/0066).
 */
export function installHealth(server: FastifyInstance, opts: HealthOptions) {
  let draining = false;
  // Applied migrations are never taken back: once this code's list is applied, it stays so.
  let migrated = false;
  const timeoutMs = opts.timeoutMs ?? 2000;

  const checks: Record<CheckName, () => Promise<void>> = {
    database: async () => {
      await sql`select 1`.execute(opts.db);
    },
    storage: () => opts.storage(),
    migrations: async () => {
      if (migrated) return;
      const { rows } = await sql<{ name: string }>`select name from palabre_migrations`.execute(opts.db);
      const applied = new Set(rows.map((r) => r.name));
      const missing = opts.migrations.filter((m) => !applied.has(m));
      if (missing.length) throw new Error(`${missing.length} migration(s) not applied, first ${missing[0]}: run palabre migrate`);
      migrated = true;
    },
  };

  server.get('/healthz', { config: { access: 'public' } }, async (_req, reply) => {
    try {
      await within(checks.database(), timeoutMs);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: opts.dbKind });
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' });
    }
  });

  server.get('/readyz', { config: { access: 'public' } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    if (draining) return reply.code(503).send({ status: 'draining', instance: opts.instanceId });
    const names = Object.keys(checks) as CheckName[];
    const results = await Promise.allSettled(names.map((n) => within(checks[n](), timeoutMs)));
    const report: Record<string, 'ok' | 'failed'> = {};
    results.forEach((r, i) => {
      report[names[i]] = r.status === 'fulfilled' ? 'ok' : 'failed';
      // The reason goes to the log, not to whoever asks: the probe is public.
      if (r.status === 'rejected') opts.log.warn({ check: names[i], err: r.reason }, 'readiness check failed');
    });
    const ready = results.every((r) => r.status === 'fulfilled');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', instance: opts.instanceId, checks: report });
  });

  return {
    /** Readiness answers 503 from now on; the process keeps serving what it is sent. */
    drain() {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
}
export type Health = ReturnType<typeof installHealth>;
