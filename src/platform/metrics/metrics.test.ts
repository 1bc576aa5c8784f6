import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/harness.ts';
import { Agent, textOf } from '../../../test/agent.ts';
import { eventInput, registerAnonymously } from '../../events/events.test-helpers.ts';
import { sessionFor } from '../../admin/admin.test-helpers.ts';
import { openSse } from '../live/sse.test-helpers.ts';
import { loadConfig } from '../config.ts';
import { bearerMatches } from './http.ts';
import { createMetrics } from './metrics.ts';

const TOKEN = 'jeton-de-metriques-0123456789';

/** The value of one series in Prometheus text ("name{a="b"} 3"), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

describe('metrics: the bearer token', () => {
  it('accepts the exact token only', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const wrong of [undefined, '', TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, 'Bearer ']) expect(bearerMatches(wrong, TOKEN), String(wrong)).toBe(false);
  });

  it('refuses a short token at start-up without printing it', () => {
    let message = '';
    try {
      loadConfig({ METRICS_TOKEN: 'court-secret', DRAIN_SECONDS: '600' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('METRICS_TOKEN : au moins 16 caractères');
    expect(message).toContain('DRAIN_SECONDS');
    expect(message).not.toContain('court-secret');
  });

  it('refuses a counter name that Prometheus would not read as a counter of ours', () => {
    const m = createMetrics();
    expect(() => m.counter('registrations', 'x')).toThrow(/palabre_<what>_total/);
    expect(m.counter('palabre_things_total', 'x')).toBeDefined();
  });
});

describe('metrics: closed without METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('sqlite');
  });
  afterAll(() => app?.destroy());

  it('answers /metrics with the not-found page, token or not', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
      const res = await new Agent(app.server).get('/metrics', headers);
      expect(res.statusCode).toBe(404);
      expect(textOf(res.body)).not.toContain('palabre_');
    }
  });
});

describeEachDatabase('metrics', (kind) => {
  let app: TestApp;
  const scrape = async () => {
    const res = await new Agent(app.server).get('/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  /** Scrapes until `ok` holds (a closed stream is seen by the server a moment later). */
  const waitForScrape = async (ok: (text: string) => boolean) => {
    for (let i = 0; ; i++) {
      const text = await scrape();
      if (ok(text) || i >= 100) return text;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  beforeAll(async () => {
    app = await createTestApp(kind, { env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => app?.destroy());

  it('refuses a missing or wrong token with 401, and says what to send', async () => {
    for (const headers of [{}, { authorization: 'Bearer mauvais-jeton-0123456789' }, { authorization: `Basic ${TOKEN}` }] as Array<Record<string, string>>) {
      const res = await new Agent(app.server).get('/metrics', headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expect(res.body).toContain('METRICS_TOKEN');
      expect(res.body).not.toContain('palabre_http');
    }
  });

  it('counts responses by route pattern and status, never by address, with their latency', async () => {
    const e = await app.services.events.service.createEvent(eventInput({ title: 'Mesures et compteurs' }));
    const agent = new Agent(app.server);
    expect((await agent.get(`/agenda/${e.slug}`)).statusCode).toBe(200);
    expect((await agent.get('/agenda/nulle-part-ailleurs')).statusCode).toBe(404);
    expect((await agent.get('/pas/de/route')).statusCode).toBe(404);
    const text = await scrape();
    expect(text).toContain('# TYPE palabre_http_requests_total counter');
    expect(sample(text, 'palabre_http_requests_total', { method: 'GET', route: '/agenda/:slug', status: '200' })).toBe(1);
    expect(sample(text, 'palabre_http_requests_total', { method: 'GET', route: '/agenda/:slug', status: '404' })).toBe(1);
    expect(sample(text, 'palabre_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain(e.slug);
    expect(text).not.toContain('nulle-part');
    expect(sample(text, 'palabre_http_request_duration_seconds_count', { method: 'GET', route: '/agenda/:slug' })).toBe(2);
  });

  it('counts page-cache hits and misses of anonymous pages', async () => {
    const before = await scrape();
    const hits = sample(before, 'palabre_page_cache_lookups_total', { result: 'hit' }) ?? 0;
    const misses = sample(before, 'palabre_page_cache_lookups_total', { result: 'miss' }) ?? 0;
    const agent = new Agent(app.server);
    await agent.get('/mentions-legales');
    expect((await agent.get('/mentions-legales')).headers['x-cache']).toBe('hit');
    const after = await scrape();
    expect(sample(after, 'palabre_page_cache_lookups_total', { result: 'hit' })).toBe(hits + 1);
    expect(sample(after, 'palabre_page_cache_lookups_total', { result: 'miss' })).toBe(misses + 1);
    expect(sample(after, 'palabre_page_cache_entries')).toBeGreaterThanOrEqual(1);
  });

  it('shows the mail and job queues: due messages, their age, scheduled ones', async () => {
    const old = new Date(Date.now() - 120_000).toISOString();
    const later = new Date(Date.now() + 3600_000).toISOString();
    await app.platform.mail.enqueue(app.platform.db, { to: 'attente@exemple.fr', lang: 'fr', subject: 'En attente', text: 't', html: '<p>t</p>', notBefore: old });
    await app.platform.mail.enqueue(app.platform.db, { to: 'plus-tard@exemple.fr', lang: 'fr', subject: 'Plus tard', text: 't', html: '<p>t</p>', notBefore: later });
    await app.platform.jobs.enqueue(app.platform.db, 'metrics.test', {}, { runAt: later });
    const text = await scrape();
    expect(sample(text, 'palabre_queue_depth', { queue: 'mail', state: 'due' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'palabre_queue_depth', { queue: 'mail', state: 'scheduled' })).toBe(1);
    expect(sample(text, 'palabre_queue_depth', { queue: 'jobs', state: 'scheduled' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'palabre_queue_oldest_due_seconds', { queue: 'mail' })).toBeGreaterThanOrEqual(119);
    // The mail outbox is sent by SMTP; once flushed nothing is due and the age falls back to 0.
    await app.platform.db.updateTable('mail_outbox').set({ status: 'sent' }).where('status', '=', 'pending').execute();
    const sent = await scrape();
    expect(sample(sent, 'palabre_queue_depth', { queue: 'mail', state: 'due' })).toBe(0);
    expect(sample(sent, 'palabre_queue_oldest_due_seconds', { queue: 'mail' })).toBe(0);
  });

  it('counts registrations by outcome, with the address confirmed by its link', async () => {
    const e = await app.services.events.service.createEvent(eventInput({ capacity: 5 }));
    await registerAnonymously(app, e.slug, { name: 'Inès Compte', email: 'ines.compte@exemple.fr', organisation: '', places: '1' });
    const text = await scrape();
    expect(sample(text, 'palabre_registrations_total', { outcome: 'pending' })).toBe(1);
    expect(sample(text, 'palabre_registrations_total', { outcome: 'address_confirmed' })).toBe(1);
  });

  it('counts open live streams, and leaves them out of the latency histogram', async () => {
    const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { cookie } = await sessionFor(app, 'animator');
    const stream = openSse(`${address}/admin/courriels/flux`, { cookie });
    await stream.waitFor((e) => e.event === 'counts');
    expect(sample(await scrape(), 'palabre_sse_connections')).toBe(1);
    // Ended by the server (as on shutdown): the response is complete and counted.
    app.platform.live.closeAll();
    await stream.waitForEnd();
    const text = await waitForScrape((t) => sample(t, 'palabre_http_requests_total', { route: '/admin/courriels/flux' }) !== undefined);
    expect(sample(text, 'palabre_sse_connections')).toBe(0);
    expect(sample(text, 'palabre_http_requests_total', { route: '/admin/courriels/flux', status: '200' })).toBe(1);
    expect(sample(text, 'palabre_http_request_duration_seconds_count', { route: '/admin/courriels/flux' })).toBeUndefined();
  });

  it('times database queries and shows the process, and the connection pool on PostgreSQL', async () => {
    const text = await scrape();
    expect(sample(text, 'palabre_db_query_duration_seconds_count', { operation: 'select' })).toBeGreaterThan(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    if (kind === 'postgres') expect(sample(text, 'palabre_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    else expect(text).not.toContain('palabre_db_pool_connections');
  });

  it('serves every metric the sample Grafana dashboard plots', async () => {
    const text = await scrape();
    const dashboard = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'grafana-dashboard.json'), 'utf8');
    const names = new Set([...dashboard.matchAll(/\b((?:palabre|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1].replace(/_(bucket|sum|count)$/, '')));
    expect(names.size).toBeGreaterThan(10);
    if (kind === 'sqlite') names.delete('palabre_db_pool_connections');
    const missing = [...names].filter((n) => !new RegExp(`^# TYPE ${n} `, 'm').test(text));
    expect(missing).toEqual([]);
  });
});
