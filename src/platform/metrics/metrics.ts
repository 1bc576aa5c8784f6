import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** A counter a module increments (registrations, messages...); Prometheus turns it into a rate per minute. */
export interface CounterHandle {
  inc(labels?: Record<string, string>, value?: number): void;
}

/**
 * The one thing modules see of the metrics: counters they declare and increment. The platform
 * measures the rest itself (HTTP, database, queues, live streams, process): docs/decisions/0065.
 */
export interface ModuleMetrics {
  /** Declared once per name (`palabre_<what>_total`); declaring it again returns the same counter. */
  counter(name: string, help: string, labelNames?: string[]): CounterHandle;
}

export interface Metrics extends ModuleMetrics {
  readonly registry: Registry;
  /** Each query's duration, from Kysely's log hook (platform/db/database.ts). */
  observeQuery(kind: string, ms: number, failed: boolean): void;
  /** The text a Prometheus server scrapes. */
  render(): Promise<string>;
}

const COUNTER_NAME = /^palabre_[a-z][a-z0-9_]*_total$/;

// Kysely's root node kinds, said as the statement people know.
const OPERATIONS: Record<string, string> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
  RawNode: 'raw',
};

export function createMetrics(): Metrics {
  const registry = new Registry();
  const counters = new Map<string, Counter>();
  const queryDuration = new Histogram({
    name: 'palabre_db_query_duration_seconds',
    help: 'Time of each database query, by statement',
    labelNames: ['operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const queryErrors = new Counter({ name: 'palabre_db_query_errors_total', help: 'Database queries that failed', labelNames: ['operation'], registers: [registry] });
  // Process metrics cost a timer and a GC observer: only started once someone scrapes (never in tests that do not).
  let processMetrics = false;

  return {
    registry,
    counter(name, help, labelNames = []) {
      if (!COUNTER_NAME.test(name)) throw new Error(`metric name ${name} must look like palabre_<what>_total`);
      let c = counters.get(name);
      if (!c) counters.set(name, (c = new Counter({ name, help, labelNames, registers: [registry] })));
      return { inc: (labels = {}, value = 1) => c.inc(labels, value) };
    },
    observeQuery(kind, ms, failed) {
      const operation = OPERATIONS[kind] ?? 'other';
      queryDuration.observe({ operation }, ms / 1000);
      if (failed) queryErrors.inc({ operation });
    },
    async render() {
      if (!processMetrics) {
        processMetrics = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
  };
}
