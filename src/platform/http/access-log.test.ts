import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../logger.ts';
import { AccessLog } from './access-log.ts';

async function serverWithLog() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  const app = Fastify({ logger: { ...(loggerOptions('info') as object), stream }, logController: new AccessLog() });
  app.get('/lien/:token', async () => 'ok');
  await app.ready();
  return { app, lines };
}

describe('access log', () => {
  it('writes one line per request with method, redacted URL, status and time, and no cookie', async () => {
    const { app, lines } = await serverWithLog();
    const res = await app.inject({
      method: 'GET',
      url: '/lien/AbCdEfGhIjKlMnOpQrStUvWxYz012345?email=camille%40exemple.fr',
      headers: { cookie: 'sid=secret-session-token-value' },
    });
    expect(res.statusCode).toBe(200);
    await app.close();
    const requestLines = lines.filter((l) => l.reqId);
    expect(requestLines).toHaveLength(1);
    const [line] = requestLines;
    expect(line.msg).toBe('request completed');
    expect(line.req).toEqual({ id: line.reqId, method: 'GET', url: '/lien/[token]?email=[email]' });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/secret-session-token|camille|AbCdEfGh/);
  });

  it('logs the status of refused requests too', async () => {
    const { app, lines } = await serverWithLog();
    await app.inject({ method: 'GET', url: '/nulle-part' });
    await app.close();
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed.map((l) => l.res.statusCode)).toEqual([404]);
  });
});
