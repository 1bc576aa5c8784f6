import crypto from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo, demoAccounts } from '../src/demo/demo.ts';
import type { RouteEntry } from '../src/platform/http/server.ts';
import { createTestApp, describeEachDatabase, type TestApp } from './harness.ts';

/**
 * Every route Fastify has registered (app.routeTable, filled by the onRoute hook, not a list
 * kept by hand), sent hostile input as each role, on each database. Whatever comes in, the
 * answer is a 2xx, 3xx or 4xx carrying the site's security headers, never a 5xx, and the
 * server still answers /healthz afterwards.
 *
 * Path parameters take real values: the demo data set is loaded and the site is crawled first,
 * so `/agenda/:slug` is tried with a slug that exists. Forms are posted with the fields and
 * values of the form that posts to them, as a browser would, one kind of hostile value at a time.
 */

type Role = 'anonymous' | 'member' | 'animator' | 'admin';
const ROLES: Role[] = ['anonymous', 'member', 'animator', 'admin'];
const ACCOUNT: Record<Exclude<Role, 'anonymous'>, (typeof demoAccounts)[number]> = {
  member: demoAccounts.find((a) => a.role === 'user' && a.membership === 'approved')!,
  animator: demoAccounts.find((a) => a.role === 'animator')!,
  admin: demoAccounts.find((a) => a.role === 'admin')!,
};

/** Which roles a route's access rule lets through (the admin only where animators are not enough). */
function allowedRoles(access: RouteEntry['access']): Role[] {
  switch (access ?? 'public') {
    case 'public':
      return ['anonymous', 'member', 'animator'];
    case 'signed-in':
    case 'member':
      return ['member', 'animator'];
    case 'animator':
      return ['animator'];
    case 'admin':
      return ['admin'];
  }
}

type Kind = 'text' | 'long' | 'date' | 'number';
interface Hostile {
  label: string;
  value: string;
  kind: Kind;
}
const HOSTILE: Hostile[] = [
  { label: 'NUL byte', value: 'a\u0000b', kind: 'text' },
  { label: 'lone surrogate', value: 'a\ud800b', kind: 'text' },
  { label: 'CR/LF', value: '/a\r\nSet-Cookie: hostile=1', kind: 'text' },
  { label: '100 kB', value: 'x'.repeat(100_000), kind: 'long' },
  { label: 'RTL override', value: '\u202Egnp.exe\u202C', kind: 'text' },
  { label: 'emoji', value: '👩‍👩‍👧‍👦🎉', kind: 'text' },
  { label: 'impossible date', value: '2027-02-30', kind: 'date' },
  { label: 'impossible date and time', value: '2027-13-45T25:61', kind: 'date' },
  { label: 'negative number', value: '-1', kind: 'number' },
  { label: 'huge number', value: '2147483648', kind: 'number' },
  { label: 'huger number', value: '99999999999999999999999', kind: 'number' },
];

/** A lone surrogate has no UTF-8 form: sent as the bytes a careless client would send. */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const encode = (v: string) => v.split(LONE).map(encodeURIComponent).join('%ED%A0%80');
const bytes = (v: string) => Buffer.concat(v.split(LONE).flatMap((part, i) => (i ? [Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(part)] : [Buffer.from(part)])));

// ---- Crawling: real parameter values, query keys and forms -----------------------------------

interface Form {
  fields: Array<{ name: string; value: string; type: string }>;
}

interface Pattern {
  route: RouteEntry;
  regex: RegExp;
  params: string[];
}

function patternOf(route: RouteEntry): Pattern {
  const params: string[] = [];
  const source = route.url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return params.push('*') && '(.+)';
      if (part.startsWith(':')) return params.push(part.slice(1)) && '([^/]+)';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { route, regex: new RegExp(`^${source}/?$`), params };
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeEntities(m[1]) : null;
};

function formsOf(html: string): Array<{ method: string; action: string; form: Form }> {
  const out: Array<{ method: string; action: string; form: Form }> = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const fields: Form['fields'] = [];
    for (const tag of m[2].matchAll(/<input\b[^>]*>/g)) {
      const name = attr(tag[0], 'name');
      const type = attr(tag[0], 'type') ?? 'text';
      if (!name || type === 'submit' || type === 'file') continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(tag[0]) && fields.some((f) => f.name === name)) continue;
      fields.push({ name, value: attr(tag[0], 'value') ?? (type === 'checkbox' ? 'on' : ''), type });
    }
    for (const t of m[2].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(t[1], 'name');
      if (name) fields.push({ name, value: decodeEntities(t[2]), type: 'textarea' });
    }
    for (const s of m[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(s[1], 'name');
      const options = [...s[2].matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]);
      const chosen = options.find((o) => /\sselected/.test(o)) ?? options[0];
      if (name) fields.push({ name, value: (chosen && attr(chosen, 'value')) ?? '', type: 'select' });
    }
    for (const b of m[2].matchAll(/<button\b[^>]*>/g)) {
      const name = attr(b[0], 'name');
      if (name && !fields.some((f) => f.name === name)) fields.push({ name, value: attr(b[0], 'value') ?? '', type: 'button' });
    }
    out.push({ method: (attr(m[1], 'method') ?? 'get').toUpperCase(), action: attr(m[1], 'action') ?? '', form: { fields } });
  }
  return out;
}

const linksOf = (html: string) => [...html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)].map((m) => decodeEntities(m[1]));

interface Site {
  /** A real URL per route pattern, found on the pages. */
  example: Map<string, string>;
  /** Query keys seen on links and GET forms to a route. */
  queryKeys: Map<string, Set<string>>;
  /** The richest form posting to a route. */
  form: Map<string, Form>;
  /** Values seen for a parameter name, for routes no page links to. */
  byParamName: Map<string, string>;
}

const key = (r: RouteEntry) => `${r.method} ${r.url}`;

// ---- Sending ----------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** Streams (Server-Sent Events) never end: their headers are enough, the body is dropped. */
async function send(app: FastifyInstance, opts: InjectOptions): Promise<Answer> {
  const res = await app.inject({ ...opts, payloadAsStream: true });
  const stream = res.stream();
  if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
    // As a browser leaving the page: the server ends the stream and forgets it.
    (res.raw.res as unknown as { destroy(): void }).destroy();
    stream.destroy();
    return { status: res.statusCode, headers: res.headers, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}

const randomIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

interface Session {
  role: Role;
  sid: string | null;
  csrfCookie: string;
  csrfToken: string;
}

function multipart(fields: Array<[string, string]>, withFile: boolean): { payload: Buffer; type: string } {
  const boundary = `hostile${crypto.randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), bytes(value), Buffer.from('\r\n'));
  }
  if (withFile) {
    for (const name of ['file', 'files']) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a\u0000\u202Eb.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.from('%PDF-1.4 a\u0000b\r\n'),
        Buffer.from('\r\n'),
      );
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

describeEachDatabase('hostile input on every route', (kind) => {
  let app: TestApp;
  const sessions = new Map<Role, Session>();
  const failures: string[] = [];
  let site: Site;
  let routes: RouteEntry[];

  async function openSession(role: Role): Promise<Session> {
    let sid: string | null = null;
    if (role !== 'anonymous') {
      const account = ACCOUNT[role];
      const { id } = await app.services.accounts.service.ensureUser({ email: account.email, name: account.name, role: account.role, membership: account.membership });
      sid = await app.services.accounts.service.openSession(id, 'hostile-input suite');
    }
    // Any form carries a token for the secret in the _csrf cookie: the sign-in page, or the personal space.
    const page = await app.server.inject({ url: sid ? '/compte' : '/connexion', headers: sid ? { cookie: `sid=${sid}` } : {} });
    const secret = page.cookies.find((c) => c.name === '_csrf');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!secret || !token) throw new Error(`no CSRF token for ${role}`);
    return { role, sid, csrfCookie: secret.value, csrfToken: token };
  }

  /** A hostile POST may sign the person out, delete the account or leave the network: put them back. */
  async function restore(role: Role) {
    const s = sessions.get(role)!;
    if (role === 'anonymous' || (s.sid && (await app.services.accounts.service.resolveSession(s.sid))?.membership === ACCOUNT[role].membership)) return;
    sessions.set(role, await openSession(role));
  }

  function request(role: Role, opts: { method: string; url: string; payload?: string | Buffer; type?: string; lang?: 'fr' | 'en' }): InjectOptions {
    const s = sessions.get(role)!;
    const headers: Record<string, string> = {
      cookie: [s.sid ? `sid=${s.sid}` : '', `_csrf=${s.csrfCookie}`].filter(Boolean).join('; '),
      'x-csrf-token': s.csrfToken,
      'x-forwarded-for': randomIp(),
      'accept-language': opts.lang ?? 'fr',
    };
    if (opts.type) headers['content-type'] = opts.type;
    return { method: opts.method as InjectOptions['method'], url: opts.url, payload: opts.payload, headers };
  }

  const statuses = new Map<string, number>();
  /** The one rule of this suite. */
  function check(answer: Answer, what: string, lang: 'fr' | 'en' | null) {
    const bucket = `${what.split(' [')[0]} ${answer.status}`;
    statuses.set(bucket, (statuses.get(bucket) ?? 0) + 1);
    const problems: string[] = [];
    if (answer.status >= 500 || answer.status < 200) problems.push(`status ${answer.status}`);
    const csp = String(answer.headers['content-security-policy'] ?? '');
    if (!csp.includes('default-src')) problems.push('no CSP');
    // Framing is refused everywhere, except a page the site frames itself (the mail preview): both headers say the same.
    const ancestors = /frame-ancestors '(none|self)'/.exec(csp)?.[1];
    const xfo = { none: 'DENY', self: 'SAMEORIGIN' }[ancestors ?? 'none'];
    if (!ancestors || answer.headers['x-frame-options'] !== xfo) problems.push(`frame-ancestors ${ancestors} with x-frame-options ${String(answer.headers['x-frame-options'])}`);
    if (answer.headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
    const html = String(answer.headers['content-type'] ?? '').startsWith('text/html');
    if (answer.status >= 400 && html && lang && !answer.body.includes(`<html lang="${lang}">`)) problems.push(`error page not in ${lang}`);
    if (/at .*\.tsx?:\d+|node_modules/.test(answer.body)) problems.push('stack trace in the body');
    if (problems.length) failures.push(`${what}: ${problems.join(', ')}`);
  }

  async function crawl(): Promise<Site> {
    const found: Site = { example: new Map(), queryKeys: new Map(), form: new Map(), byParamName: new Map() };
    const patterns = routes.map(patternOf);
    const seen = new Set<string>();
    const matchRoute = (method: string, path: string) => patterns.find((p) => p.route.method === method && p.regex.test(path));
    const learn = (method: string, href: string) => {
      const url = new URL(href, 'http://palabre.test');
      const p = matchRoute(method, url.pathname);
      if (!p) return null;
      const k = key(p.route);
      if (!found.example.has(k)) found.example.set(k, url.pathname);
      const keys = found.queryKeys.get(k) ?? new Set<string>();
      for (const q of url.searchParams.keys()) keys.add(q);
      found.queryKeys.set(k, keys);
      const values = p.regex.exec(url.pathname)!.slice(1);
      for (const [i, name] of p.params.entries()) if (!found.byParamName.has(name)) found.byParamName.set(name, decodeURIComponent(values[i]));
      return p;
    };
    const visit = async (role: Role, path: string) => {
      if (seen.has(`${role} ${path}`)) return;
      seen.add(`${role} ${path}`);
      const res = await send(app.server, request(role, { method: 'GET', url: path }));
      if (res.status !== 200 || !String(res.headers['content-type']).startsWith('text/html')) return;
      for (const href of linksOf(res.body)) learn('GET', href);
      for (const f of formsOf(res.body)) {
        const action = f.action || path;
        const p = learn(f.method, action);
        if (p && f.method === 'GET') for (const field of f.form.fields) found.queryKeys.get(key(p.route))!.add(field.name);
        if (p && f.method === 'POST' && (found.form.get(key(p.route))?.fields.length ?? -1) < f.form.fields.length) found.form.set(key(p.route), f.form);
      }
    };
    const gets = patterns.filter((p) => p.route.method === 'GET' && !p.route.url.startsWith('/static'));
    for (const role of ['admin', 'member', 'anonymous'] as Role[]) {
      for (const p of gets) if (p.params.length === 0) await visit(role, p.route.url);
      // Two levels below the fixed pages: an event's admin page links to its registrations, and so on.
      for (let depth = 0; depth < 2; depth++) {
        for (const p of gets) {
          const example = found.example.get(key(p.route));
          if (p.params.length > 0 && example) await visit(role, example);
        }
      }
    }
    return found;
  }

  /**
   * The real URL of a route; else its pattern filled from the example of the route that shares the
   * longest beginning with it (`/admin/contenus/:id/publier` from `/admin/contenus/:id`); else with
   * any value seen for a parameter of the same name.
   */
  function realUrl(route: RouteEntry): string {
    const example = site.example.get(key(route)) ?? site.example.get(`GET ${route.url}`);
    if (example) return example;
    const segments = route.url.split('/');
    let best: { values: Map<number, string>; shared: number } = { values: new Map(), shared: 0 };
    for (const [k, url] of site.example) {
      const other = k.slice(k.indexOf(' ') + 1).split('/');
      const real = url.split('/');
      let shared = 0;
      while (shared < segments.length && shared < other.length && segments[shared] === other[shared]) shared++;
      if (shared > best.shared) {
        const values = new Map<number, string>();
        for (let i = 0; i < shared; i++) if (segments[i].startsWith(':')) values.set(i, real[i]);
        best = { values, shared };
      }
    }
    return segments
      .map((seg, i) => best.values.get(i) ?? (seg.startsWith(':') || seg === '*' ? encodeURIComponent(site.byParamName.get(seg === '*' ? '*' : seg.slice(1)) ?? 'inconnu') : seg))
      .join('/');
  }

  /** The same URL with its n-th parameter replaced by a hostile value. */
  function withHostileParam(route: RouteEntry, real: string, n: number, value: string): string {
    const p = patternOf(route);
    if (p.params.length === 0) return real;
    const values = p.regex.exec(real)?.slice(1) ?? p.params.map(() => 'inconnu');
    const target = n % p.params.length;
    let i = 0;
    return route.url.replace(/:([A-Za-z0-9_]+)|\*/g, () => {
      const v = i === target ? encode(value) : values[i];
      i += 1;
      return v;
    });
  }

  const queryOf = (route: RouteEntry, value: string) => {
    const keys = new Set([...(site.queryKeys.get(key(route)) ?? []), 'page', 'q', 'suivant']);
    return [...keys].map((k) => `${encodeURIComponent(k)}=${encode(value)}`).join('&');
  };

  /** Form fields with one kind of hostile value where it hurts most: dates in date fields, numbers in number fields. */
  function hostileFields(form: Form, h: Hostile, turn: number): Array<[string, string]> {
    const editable = form.fields.filter((f) => f.name !== '_csrf' && f.type !== 'button');
    const looksLike = (f: Form['fields'][number], kind: Kind) =>
      kind === 'date'
        ? ['date', 'time', 'datetime-local', 'month'].includes(f.type) ||
          /^\d{4}-\d{2}/.test(f.value) ||
          /^\d{2}:\d{2}$/.test(f.value) ||
          /date|jour|day|time|heure|mois|month|start|end|debut|fin/i.test(f.name)
        : f.type === 'number' || /^\d+$/.test(f.value) || /version|capacity|places|seats|votes|count|number|nombre|page/i.test(f.name);
    let targets = h.kind === 'date' || h.kind === 'number' ? editable.filter((f) => looksLike(f, h.kind as Kind)) : editable;
    if (h.kind === 'long' || targets.length === 0) targets = editable.length ? [editable[turn % editable.length]] : [];
    return form.fields.map((f) => {
      if (!targets.includes(f)) return [f.name, f.value];
      // Appended to the real value, the text kinds keep the form valid and reach the database.
      return [f.name, h.kind === 'text' ? f.value + h.value : h.value];
    });
  }

  const formBody = (fields: Array<[string, string]>) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`).join('&');

  async function attack(route: RouteEntry, role: Role, inputs: Hostile[], routeIndex: number) {
    const real = realUrl(route);
    const lang = (i: number): 'fr' | 'en' => (role === 'anonymous' && i % 2 ? 'en' : 'fr');
    const go = async (what: string, opts: Parameters<typeof request>[1], i: number) => {
      const expectLang = role === 'anonymous' ? lang(i) : null;
      check(await send(app.server, request(role, { ...opts, lang: lang(i) })), `${role} ${opts.method} ${route.url} [${what}] ${opts.url.slice(0, 100)}`, expectLang);
    };
    if (route.method === 'GET') {
      for (const [i, h] of inputs.entries()) {
        // The real page with a hostile query; every third time a hostile path parameter as well.
        const path = i % 3 === 0 ? withHostileParam(route, real, i + routeIndex, h.value) : real;
        await go(h.label, { method: 'GET', url: `${path}?${queryOf(route, h.value)}` }, i);
      }
      await go('duplicate query keys', { method: 'GET', url: `${real}?${queryOf(route, 'a')}&${queryOf(route, '2')}` }, 0);
      return;
    }
    const form = site.form.get(key(route)) ?? {
      fields: [
        { name: 'name', value: 'Camille', type: 'text' },
        { name: 'email', value: 'camille@exemple.fr', type: 'email' },
      ],
    };
    const csrf = (fields: Array<[string, string]>): Array<[string, string]> => [['_csrf', sessions.get(role)!.csrfToken], ...fields.filter(([k]) => k !== '_csrf')];
    for (const [i, h] of inputs.entries()) {
      // A hostile path parameter now and then; mostly the real one, so that the fields reach the handler.
      const url = i % 4 === 0 ? withHostileParam(route, real, i + routeIndex, h.value) : real;
      await go(h.label, { method: 'POST', url, payload: formBody(csrf(hostileFields(form, h, i + routeIndex))), type: 'application/x-www-form-urlencoded' }, i);
      await restore(role);
    }
    const plain = csrf(form.fields.map((f) => [f.name, f.value]));
    const variants: Array<[string, Parameters<typeof request>[1]]> = [
      ['duplicate fields', { method: 'POST', url: real, payload: formBody([...plain, ...plain.filter(([k]) => k !== '_csrf')]), type: 'application/x-www-form-urlencoded' }],
      [
        'JSON instead of a form',
        {
          method: 'POST',
          url: real,
          payload: JSON.stringify(Object.fromEntries(plain.map(([k, v]) => [k, k === '_csrf' ? v : { $gt: v }]))).replace('{', '{"constructor":{"prototype":{"admin":true}},'),
          type: 'application/json',
        },
      ],
      [
        'JSON arrays and numbers',
        { method: 'POST', url: real, payload: JSON.stringify(Object.fromEntries(plain.map(([k, v], j) => [k, k === '_csrf' ? v : j % 2 ? [v, '\u0000', 1e308] : -1e21]))), type: 'application/json' },
      ],
      ['JSON prototype pollution', { method: 'POST', url: real, payload: '{"__proto__":{"admin":true}}', type: 'application/json' }],
      ['JSON of another type', { method: 'POST', url: real, payload: '"\\u0000"', type: 'application/json' }],
      [
        'multipart where none is expected',
        {
          method: 'POST',
          url: real,
          ...(() => {
            const m = multipart(
              plain.map(([k, v]) => [k, k === '_csrf' ? v : `${v}\u0000\ud800`]),
              true,
            );
            return { payload: m.payload, type: m.type };
          })(),
        },
      ],
    ];
    for (const [i, [what, opts]] of variants.entries()) {
      await go(what, opts, i);
      await restore(role);
    }
  }

  beforeAll(async () => {
    app = await createTestApp(kind, { env: { TRUST_PROXY: 'true', LOG_LEVEL: process.env.HOSTILE_LOG_LEVEL ?? 'silent' } });
    await loadDemo(app);
    routes = app.server.routeTable.filter((r) => r.method !== 'HEAD');
    for (const role of ROLES) sessions.set(role, await openSession(role));
    site = await crawl();
  }, 120_000);
  afterAll(() => app?.destroy());

  it('finds the routes of every module, with real values for most parameters', () => {
    expect(routes.length).toBeGreaterThan(150);
    for (const url of ['/agenda/:slug', '/forums/:slug', '/admin/rencontres/:id', '/thematiques/:slug', '/admin/contenus/:id']) {
      expect(site.example.has(`GET ${url}`), url).toBe(true);
    }
  });

  it('answers every route, whatever the input and the role, with a 2xx-4xx page carrying the security headers', async () => {
    // State-changing routes last, the ones that end a session or delete something at the very end.
    const destructive = /supprimer|effacer|annuler|quitter|deconnexion|fusion|envoyer|desinscription/;
    // HOSTILE_ROUTES=regex narrows the run to some routes while fixing them.
    const only = process.env.HOSTILE_ROUTES ? new RegExp(process.env.HOSTILE_ROUTES) : null;
    const ordered = [...routes]
      .filter((r) => !only || only.test(`${r.method} ${r.url}`))
      .sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET') || Number(destructive.test(a.url)) - Number(destructive.test(b.url)));
    for (const [n, route] of ordered.entries()) {
      const allowed = allowedRoles(route.access);
      for (const role of ROLES) {
        if (allowed.includes(role)) {
          // The first allowed role gets every input; the others half of them, in turn.
          const first = role === allowed[0];
          await attack(route, role, first ? HOSTILE : HOSTILE.filter((_, i) => (i + n) % 2 === 0), n);
        } else if (role !== 'admin') {
          // Refused before the handler: one request, to check the refusal page too.
          await attack(route, role, [HOSTILE[0]], n).catch((err) => failures.push(`${role} ${route.method} ${route.url}: ${String(err)}`));
        }
      }
    }
    if (process.env.HOSTILE_SUMMARY) console.log([...statuses].map(([k, v]) => `${k} ×${v}`).join('\n'));
    expect(failures).toEqual([]);
    const health = await app.server.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
  }, 600_000);
});
