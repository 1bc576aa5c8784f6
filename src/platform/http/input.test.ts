import net from 'node:net';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../../test/agent.ts';
import { createI18n } from '../i18n/i18n.ts';
import { platformCatalogue } from '../i18n/platform.i18n.ts';
import { boundedInt, cleanInput, cleanText } from './input.ts';
import { PageCache } from './page-cache.ts';
import { createServer } from './server.ts';

describe('request input cleaning', () => {
  it('removes NUL and lone surrogates and keeps every other character, emoji and RTL marks included', () => {
    expect(cleanText('a\0b\0')).toBe('ab');
    expect(cleanText('x\ud800y\udfffz')).toBe('xyz');
    expect(cleanText('👩‍👩‍👧 \u202Eabc\u202C é\r\n')).toBe('👩‍👩‍👧 \u202Eabc\u202C é\r\n');
  });

  it('cleans nested values and keys in place, and leaves file bytes alone', () => {
    const data = Buffer.from([0, 1, 2]);
    const body = { 'k\0': ['a\0', { b: 'c\ud800' }], file: { filename: 'f\0.pdf', data }, n: 3, nothing: null };
    expect(cleanInput(body)).toEqual({ k: ['a', { b: 'c' }], file: { filename: 'f.pdf', data }, n: 3, nothing: null });
    expect(body.file.data).toBe(data);
    expect([...data]).toEqual([0, 1, 2]);
  });
});

describe('boundedInt', () => {
  const schema = boundedInt(1);
  it('accepts digits within bounds, as a string or a number', () => {
    expect(schema.parse('42')).toBe(42);
    expect(schema.parse(' 7 ')).toBe(7);
    expect(schema.parse(2_147_483_647)).toBe(2_147_483_647);
  });
  it('refuses what a PostgreSQL integer cannot hold and what is not plainly a number', () => {
    for (const v of ['2147483648', '99999999999999999999', '0', '-1', '', ' ', '1e3', '0x10', '1.5', 'NaN', 'Infinity', ['1', '2'], null, undefined]) {
      expect(schema.safeParse(v).success, String(v)).toBe(false);
    }
  });
});

describe('the platform server with hostile input', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createServer({
      logLevel: 'silent',
      trustProxy: false,
      secureCookies: false,
      cookieSecret: 'a-test-secret-a-test-secret-a-test-secret',
      publicUrl: 'http://palabre.test',
      siteName: 'Palabre',
      nav: [],
      i18n: createI18n([platformCatalogue]),
      resolveSession: async () => null,
      pageCache: new PageCache(),
    });
    const open = { config: { access: 'public' as const, csrf: false } };
    app.get('/echo/:id', open, async (req) => ({ params: req.params, query: req.query }));
    app.post('/echo', open, async (req) => ({ body: req.body }));
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin (register's overloads confuse the rule)
    await app.register(async (scope) => {
      await scope.register(multipart, { attachFieldsToBody: 'keyValues' });
      scope.post('/echo/multipart', open, async (req) => ({ body: req.body }));
    });
    // A handler that copies input into a header, and one whose value PostgreSQL refuses.
    app.get('/reflect', open, async (req, reply) => reply.redirect(String((req.query as { to?: string }).to), 303));
    app.get('/out-of-range', open, async () => {
      throw Object.assign(new Error('value "2147483648" is out of range for type integer'), { code: '22003', severity: 'ERROR' });
    });
    app.get('/uncaught-parse', open, async () => boundedInt(1, 10).parse('11'));
    await app.ready();
  });
  afterAll(() => app?.close());

  it('strips NUL and lone surrogates from path parameters, query strings, forms and JSON bodies', async () => {
    const get = await app.inject({ url: '/echo/a%00b?q=c%00d&q=%00' });
    expect(get.json()).toEqual({ params: { id: 'ab' }, query: { q: ['cd', ''] } });
    const form = await app.inject({ method: 'POST', url: '/echo', payload: 'name=x%00y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.json()).toEqual({ body: { name: 'xy' } });
    const json = await app.inject({ method: 'POST', url: '/echo', payload: '{"a":["\\u0000b",{"c":"\\ud800d"}]}', headers: { 'content-type': 'application/json' } });
    expect(json.json()).toEqual({ body: { a: ['b', { c: 'd' }] } });
  });

  it('strips NUL from the text fields of a multipart form', async () => {
    const payload = '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nt\0itle\r\n--b--\r\n';
    const res = await app.inject({ method: 'POST', url: '/echo/multipart', payload, headers: { 'content-type': 'multipart/form-data; boundary=b' } });
    expect(res.json()).toEqual({ body: { title: 'title' } });
  });

  it('answers an undecodable or too long address with the site error page, headers and language', async () => {
    for (const url of ['/echo/%ff%fe', `/echo/${'x'.repeat(600)}`]) {
      const fr = await app.inject({ url });
      expect(fr.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(fr.statusCode, url).toBeLessThan(500);
      expect(fr.headers['content-type']).toContain('text/html');
      expect(String(fr.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(fr.headers['x-frame-options']).toBe('DENY');
      expect(textOf(fr.body)).toContain('Demande incorrecte');
    }
    const en = await app.inject({ url: '/echo/%ff', headers: { 'accept-language': 'en' } });
    expect(textOf(en.body)).toContain('Incorrect request');
    const chosen = await app.inject({ url: '/echo/%ff', headers: { cookie: 'lang=en' } });
    expect(textOf(chosen.body)).toContain('Incorrect request');
  });

  it('answers malformed JSON and an unknown or unexpected body type with the site error page and headers', async () => {
    const cases = [
      { payload: '{bad', type: 'application/json', status: 400 },
      { payload: 'x', type: 'text/weird', status: 415 },
      { payload: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b--\r\n', type: 'multipart/form-data; boundary=b', status: 415 },
    ];
    for (const c of cases) {
      const res = await app.inject({ method: 'POST', url: '/echo', payload: c.payload, headers: { 'content-type': c.type, 'accept-language': 'en' } });
      expect(res.statusCode, c.type).toBe(c.status);
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="en">');
    }
  });

  it('answers 400, not 500, when input reaches a header, a database refuses its value or a schema throws', async () => {
    const header = await app.inject({ url: '/reflect?to=/x%0D%0ASet-Cookie:%20a=1' });
    expect(header.statusCode).toBe(400);
    expect(header.headers['set-cookie']).toBeUndefined();
    expect(header.headers.location).toBeUndefined();
    expect(String(header.headers['content-security-policy'])).toContain("default-src 'self'");
    const range = await app.inject({ url: '/out-of-range' });
    expect(range.statusCode).toBe(400);
    expect(textOf(range.body)).toContain('Demande incorrecte');
    const parse = await app.inject({ url: '/uncaught-parse', headers: { 'accept-language': 'en' } });
    expect(parse.statusCode).toBe(400);
    expect(textOf(parse.body)).toContain('Incorrect request');
  });

  it('answers a request Node cannot parse with a bilingual page and the security headers', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /echo/1 HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/content-security-policy: [^\r]*frame-ancestors 'none'/i);
    expect(raw).toMatch(/x-frame-options: DENY/i);
    expect(raw).toContain('Demande incorrecte');
    expect(raw).toContain('Incorrect request');
  });

  it('lists every registered route with its access rule', () => {
    expect(app.routeTable).toContainEqual({ method: 'GET', url: '/echo/:id', access: 'public' });
    expect(app.routeTable).toContainEqual({ method: 'POST', url: '/echo/multipart', access: 'public' });
  });
});
