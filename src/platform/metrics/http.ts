import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { NotFoundError } from '../http/errors.ts';
import { registerCollectors, type MetricSources } from './collectors.ts';
import type { Metrics } from './metrics.ts';

export interface MetricsHttpOptions extends MetricSources {
  metrics: Metrics;
  /** METRICS_TOKEN: without it /metrics answers 404, as if it did not exist. */
  token: string | undefined;
}

/** Same length whatever was sent, so the comparison takes the same time for any guess. */
const digest = (s: string) => crypto.createHash('sha256').update(s).digest();

export function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
  return crypto.timingSafeEqual(digest(sent), digest(token));
}

/** The route pattern ("/agenda/:slug"), never the address: one series per route, not per page. */
const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? 'unmatched';

/**
 * Counts every response by route and status and times it, adds the gauges read at scrape
 * time, and serves `/metrics` to the holder of the token (docs/decisions/0065).
 */
export function installMetrics(server: FastifyInstance, opts: MetricsHttpOptions) {
  const { registry } = opts.metrics;
  const requests = new Counter({ name: 'palabre_http_requests_total', help: 'HTTP responses by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'palabre_http_request_duration_seconds',
    help: 'Time to answer, by method and route pattern (live streams excluded: they last as long as the page is open)',
    labelNames: ['method', 'route'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const collectors = registerCollectors(registry, opts);

  server.addHook('onResponse', (req, reply, done) => {
    const route = routeOf(req);
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    if (!String(reply.raw.getHeader('content-type') ?? '').startsWith('text/event-stream')) duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    done();
  });

  server.get('/metrics', { config: { access: 'public' } }, async (req, reply) => {
    if (!opts.token) throw new NotFoundError();
    if (!bearerMatches(req.headers.authorization, opts.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('Jeton absent ou incorrect : envoyez « Authorization: Bearer <METRICS_TOKEN> ».\n');
    }
    collectors.beforeScrape();
    const body = await opts.metrics.render();
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(body);
  });
}
