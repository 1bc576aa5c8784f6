import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  /** Responses that were not 2xx: a benchmark of error pages measures nothing. */
  non2xx: number;
}

/** Drives `url` with autocannon and keeps the figures that matter for a page. */
export async function load(url: string, opts: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({ url, connections: opts.connections, duration: opts.duration, pipelining: 1 });
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}
