import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfFrom } from './agent.ts';
import { followStream, nginxBinary, palabre, type Balancer, type Instance, startBalancer, startInstance, waitUntil } from './cluster.ts';
import { freePort } from './ports.ts';
import { postgresAvailable } from './environment.ts';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from './harness.ts';
import { startS3, type TestS3 } from './s3.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import { eventInput } from '../src/events/events.test-helpers.ts';
import { createCampaign, seedSubscribers } from '../src/newsletter/newsletter.test-helpers.ts';
import { editor, form, makePdf } from '../src/content/content.test-helpers.ts';

/**
 * Three `palabre serve` processes on one PostgreSQL database and one object store, behind
 * nginx; people register, write on a forum and follow its wall live through the balancer while
 * one instance is killed with SIGKILL (issue 16, item 4). A missing nginx skips this suite loudly
 * (test/global-setup.ts), and fails the run under CI=true.
 */

const SECRET = 'test-secret-test-secret-test-secret-0123';
const METRICS_TOKEN = 'cluster-metrics-token-0123456789';
const LEASE_SECONDS = 6;
const facilitator: CurrentUser = { id: 'fac-cluster', sessionId: 's', name: 'Camille Animatrice', email: 'c@palabre.test', role: 'animator', membership: 'approved', lang: 'fr' };

/** A browser without JavaScript talking HTTP to the balancer: keeps its cookies, follows nothing. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const res = await fetch(this.base + url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }
  /** Opens `page`, takes its form's CSRF token, posts `fields` to `action`. */
  async submit(page: string, action: string, fields: Record<string, string>) {
    const form = await this.request('GET', page);
    const token = csrfFrom(form.body);
    if (!token) return { status: form.status, body: form.body, location: null };
    return this.request('POST', action, { _csrf: token, ...fields });
  }
}

const hasNginx = nginxBinary() !== null;
const hasPostgres = await postgresAvailable();

describe.skipIf(!hasNginx || !hasPostgres)('several instances behind nginx', { timeout: 420_000 }, () => {
  let db: TestDatabase;
  let s3: TestS3;
  let sink: SmtpSink;
  let side: TestApp;
  let lb: Balancer;
  let dataDir: string;
  const instances: Instance[] = [];
  /** Lets go of the transaction that holds the newsletter job (also on failure: the pool would not close). */
  let release: () => void = () => {};
  /** What the balancer answered instead of a redirect, for the failure message. */
  const odd: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    dataDir = db.env.DATA_DIR;
    s3 = await startS3();
    // Each message waits a little at the server, as on a real one: senders hold their leases long enough to be caught.
    sink = await startSmtpSink({ delayMs: 250 });
  }, 120_000);

  afterAll(async () => {
    release();
    await Promise.all(instances.map((i) => i.kill()));
    await lb?.close();
    await side?.close();
    await sink?.close();
    await s3?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing confirmed, sends no mail twice outside the window, and moves live pages and leased work to the survivors', async () => {
    const lbPort = await freePort();
    const publicUrl = `http://127.0.0.1:${lbPort}`;
    const env = {
      ...db.env,
      ...s3.env,
      DATA_DIR: dataDir,
      SECRET,
      PUBLIC_URL: publicUrl,
      SMTP_URL: sink.url,
      TRUST_PROXY: 'true',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'warn',
      LEASE_SECONDS: String(LEASE_SECONDS),
      METRICS_TOKEN,
    };

    // Production order: the schema first, once, then the instances (docs/deploy.md).
    const migrated = await palabre(['migrate'], env);
    expect(migrated.code, migrated.output).toBe(0);
    side = await createTestApp('postgres', { database: db, env: { ...s3.env, DATA_DIR: dataDir, PUBLIC_URL: publicUrl } });
    const event = await side.services.events.service.createEvent(eventInput({ capacity: 500, title: 'Rencontre à trois serveurs' }));
    const forum = await side.services.forum.service.create(
      {
        title: 'Forum réparti',
        slug: 'forum-reparti',
        question: 'Que faire à plusieurs ?',
        place: 'Arras',
        starts_on: '2027-03-12',
        event: '',
        slots: '10h-11h',
        spaces: 'Salle (30)',
        votes: 2,
        phase: 'marketplace',
      },
      facilitator,
    );
    // A document stored once, by another process: every instance serves the same bytes (shared storage).
    const news = await side.services.content.service.create(form({ title: 'Compte rendu partagé', summary: 'Pour tout le monde.' }), editor);
    await side.services.content.service.publish(news.id, editor);
    const pdf = makePdf('Compte rendu disponible sur chaque instance.');
    const doc = await side.services.content.service.upload(news.id, { data: pdf, filename: 'compte-rendu.pdf', title: 'Compte rendu', membersOnly: false }, editor);

    instances.push(...(await Promise.all([startInstance(env), startInstance(env), startInstance(env)])));
    lb = await startBalancer(
      instances.map((i) => i.port),
      { port: lbPort },
    );
    const people = await Promise.all(
      Array.from({ length: 80 }, async (_, i) => {
        const email = `personne${i}@cluster.test`;
        const { id } = await side.services.accounts.service.ensureUser({ email, name: `Personne ${i}` });
        const b = new Browser(lb.url);
        b.cookies.set('sid', await side.services.accounts.service.openSession(id, 'cluster'));
        return { b, email, name: `Personne ${i}` };
      }),
    );
    const registered = new Set<string>();
    const register = async (p: (typeof people)[number]) => {
      const url = `/agenda/${event.slug}/inscription`;
      const res = await p.b.submit(url, url, { name: p.name });
      if (res.status === 303) registered.add(p.email);
      else odd.push(`${res.status} ${url}: ${res.body.slice(0, 300)}`);
      return res.status;
    };
    const themesWritten = new Set<string>();
    const writeTheme = async (title: string) => {
      const b = new Browser(lb.url);
      const joined = await b.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/participer`, { code: forum.join_code, name: `Auteur ${title}`, organisation: '' });
      if (joined.status !== 303) {
        odd.push(`${joined.status} join: ${joined.body.slice(0, 300)}`);
        return joined.status;
      }
      const res = await b.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title, description: '' });
      if (res.status === 303) themesWritten.add(title);
      else odd.push(`${res.status} theme: ${res.body.slice(0, 300)}`);
      return res.status;
    };

    // Files: stored in the bucket, not on a disk (DATA_DIR is shared here only for want of machines)...
    const onDisk = path.join(dataDir, 'files');
    expect(fs.existsSync(onDisk) ? fs.readdirSync(onDisk, { recursive: true }).filter((f) => fs.statSync(path.join(onDisk, String(f))).isFile()) : []).toEqual([]);
    expect(fs.readdirSync(s3.directory, { recursive: true }).length).toBeGreaterThan(1);
    // ...and each instance, reached directly, serves the document the other process stored.
    for (const i of instances) {
      const res = await fetch(`${i.url}/documents/${doc.id}/${doc.filename}`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    }

    // Live wall followers, spread by the balancer; at least one on each instance.
    const walls: Array<{ titles: Set<string>; stream: ReturnType<typeof followStream> }> = [];
    const follow = () => {
      const titles = new Set<string>();
      const stream = followStream(`${lb.url}/forums/${forum.slug}/flux`, (e) => {
        if (e.event === 'snapshot') {
          titles.clear();
          for (const t of (JSON.parse(e.data) as { themes: Array<{ title: string }> }).themes) titles.add(t.title);
        } else if (e.event === 'patch') for (const t of (JSON.parse(e.data) as { themes: Array<{ title: string }> }).themes) titles.add(t.title);
      });
      walls.push({ titles, stream });
    };
    const streamsOn = async (i: Instance) => {
      const text = await fetch(`${i.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
      return Number(/^palabre_sse_connections (\d+)/m.exec(text)?.[1] ?? 0);
    };
    for (let n = 0; n < 12 && (n < 6 || (await Promise.all(instances.map(streamsOn))).some((c) => c === 0)); n++) {
      follow();
      await waitUntil('the stream to open', () => walls.at(-1)!.stream.state.connections > 0, 30_000);
    }
    expect((await Promise.all(instances.map(streamsOn))).every((c) => c > 0)).toBe(true);

    // A newsletter job that cannot finish yet: its first message's key is held by an open transaction here.
    const animator = new Agent(side.server);
    const { id: animatorId } = await side.services.accounts.service.ensureUser({ email: 'anim@cluster.test', name: 'Anim', role: 'animator' });
    animator.cookies.set('sid', await side.services.accounts.service.openSession(animatorId, 'cluster'));
    const subscribers = await seedSubscribers(side, 3, 'lettre-cluster-');
    const campaignId = await createCampaign(animator, 'Lettre du réseau réparti');
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const isHolding = new Promise<void>((r) => (holding = r));
    const blocker = side.platform.db
      .transaction()
      .execute(async (trx) => {
        for (const s of subscribers)
          await side.platform.mail.enqueue(trx, { to: 'hold@cluster.test', lang: 'fr', subject: 'hold', text: 'hold', html: 'hold', dedupeKey: `newsletter:${campaignId}:${s.id}` });
        holding();
        await held;
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await isHolding;
    expect((await side.services.newsletter.service.schedule(campaignId, '')).status).toBe('scheduled');
    const jobRow = () => side.platform.db.selectFrom('jobs').selectAll().where('kind', '=', 'newsletter.send').executeTakeFirst();
    const firstHolder = await waitUntil('an instance to take the newsletter job', async () => {
      const j = await jobRow();
      return j?.status === 'running' ? j.locked_by! : undefined;
    });
    const victim = instances.find((i) => i.id === firstHolder)!;
    expect(victim).toBeDefined();
    const survivors = instances.filter((i) => i !== victim);

    // Registrations and forum writes through the balancer until the victim is caught holding mail leases.
    const leasedBy = (id: string) => side.platform.db.selectFrom('mail_outbox').select(['id', 'message_id']).where('status', '=', 'sending').where('locked_by', '=', id).execute();
    let next = 0;
    let victimLeases: Array<{ id: string; message_id: string }> = [];
    while (victimLeases.length === 0) {
      if (next >= 60) throw new Error('the victim never held a mail lease: cannot test the takeover');
      const wave = people.slice(next, next + 6);
      next += wave.length;
      const statuses = await Promise.all([...wave.map(register), writeTheme(`Thème avant ${next}`)]);
      expect(
        statuses.every((s) => s === 303),
        odd.join('\n'),
      ).toBe(true);
      victimLeases = await leasedBy(victim.id);
    }

    // Gone once the process has exited: until then its port may still take a connection and reset
    // it (a request sent at the instant of death fails, unconfirmed); after, every request is answered.
    await victim.kill();

    // The balancer sends everything to the survivors: every request answered, none lost.
    const after = await Promise.all([...people.slice(next, next + 12).map(register), writeTheme('Thème après la panne 1'), writeTheme('Thème après la panne 2')]);
    expect(after, `${odd.join('\n')}\n${lb.errors()}`).toEqual(after.map(() => 303));

    // The dead instance's job is taken over once its lease expires; then the held key is let go.
    await waitUntil(
      'a survivor to take the newsletter job over',
      async () => {
        const j = await jobRow();
        return j?.status === 'running' && j.attempts >= 2 && survivors.some((s) => s.id === j.locked_by);
      },
      60_000,
    );
    release();
    await blocker;
    await waitUntil('the newsletter job to finish', async () => (await jobRow())?.status === 'done', 60_000);

    // Every message leaves, the dead instance's included.
    await waitUntil(
      'the outbox to empty',
      async () => {
        const left = await side.platform.db.selectFrom('mail_outbox').select('id').where('status', 'in', ['pending', 'sending']).execute();
        return left.length === 0;
      },
      90_000,
      500,
    );

    // Nothing confirmed is lost: every 303 is a confirmed registration, every written theme is stored.
    const rows = await side.services.events.service.listRegistrations(event.id);
    const confirmed = new Set(rows.filter((r) => r.status === 'confirmed').map((r) => r.email));
    expect([...registered].filter((e) => !confirmed.has(e))).toEqual([]);
    expect(rows.length).toBe(new Set(rows.map((r) => r.email)).size);
    const stored = await side.services.forum.service.db.selectFrom('forum_themes').select('title').where('forum_id', '=', forum.id).execute();
    const storedTitles = new Set(stored.map((t) => t.title));
    expect([...themesWritten].filter((t) => !storedTitles.has(t))).toEqual([]);

    // Mail: every message of the outbox reached the server; a second copy only for a message the
    // dead instance held when it died (docs/decisions/0006: accepted, then killed before recording it).
    const outbox = await side.platform.db.selectFrom('mail_outbox').select(['id', 'message_id', 'status', 'to_address', 'category']).execute();
    expect(outbox.filter((m) => m.status !== 'sent')).toEqual([]);
    const received = new Map<string, number>();
    for (const m of sink.messages) received.set(m.messageId ?? '', (received.get(m.messageId ?? '') ?? 0) + 1);
    expect(outbox.filter((m) => !received.has(m.message_id.replace(/^<|>$/g, '')) && !received.has(m.message_id))).toEqual([]);
    const twice = [...received].filter(([, n]) => n > 1).map(([id]) => id);
    const window = new Set(victimLeases.flatMap((m) => [m.message_id, m.message_id.replace(/^<|>$/g, '')]));
    expect(twice.filter((id) => !window.has(id))).toEqual([]);
    // The messages the victim held when it died were sent by the survivors.
    const held2 = new Set(victimLeases.map((m) => m.id));
    expect(outbox.filter((m) => held2.has(m.id) && m.status !== 'sent')).toEqual([]);
    // The newsletter: each subscriber got it once.
    for (const s of subscribers) expect(sink.to(s.email).filter((m) => m.subject === 'Lettre du réseau réparti')).toHaveLength(1);

    // Live pages: the victim's followers reconnected through the balancer and caught up with every theme.
    const total = walls.reduce((n, w) => n + w.stream.state.connections, 0);
    expect(total).toBeGreaterThan(walls.length);
    await waitUntil('every wall to show every theme', () => walls.every((w) => [...storedTitles].every((t) => w.titles.has(t))), 30_000);

    // The survivors say they are ready, through the balancer too.
    for (const s of survivors) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${lb.url}/readyz`)).status).toBe(200);

    // A graceful stop of one survivor: its live streams are told to reconnect, go to the last one, and still catch up.
    const [leaving, staying] = survivors;
    const told = walls.reduce((n, w) => n + w.stream.state.reconnectEvents, 0);
    expect(await leaving.stop()).toBe(0);
    expect(walls.reduce((n, w) => n + w.stream.state.reconnectEvents, 0)).toBeGreaterThan(told);
    expect(await writeTheme('Thème du dernier serveur')).toBe(303);
    await waitUntil('every wall to show the last theme', () => walls.every((w) => w.titles.has('Thème du dernier serveur')), 30_000);
    expect((await fetch(`${staying.url}/readyz`)).status).toBe(200);
    for (const w of walls) w.stream.close();
    expect(lb.errors()).not.toContain('[emerg]');
  });
});
