/**
 * bench/newsletter: one campaign to 20,000 confirmed subscribers, sent by a real
 * `tsx src/cli.ts serve` (a child process on a temporary SQLite DATA_DIR) through the durable
 * outbox to a local smtp-server sink.
 *
 *   1. uninterrupted: messages per second, from the first delivery to the last;
 *   2. the process is killed with SIGKILL once half the messages are delivered, then started
 *      again: every subscriber must end with exactly one message. Raw deliveries and distinct
 *      Message-IDs are counted per subscriber separately (a message the server accepted just
 *      before the kill, but not yet marked sent, goes out again with the same Message-ID).
 *
 *   npm run bench:newsletter              # 20,000 subscribers
 *   npx tsx bench/newsletter.ts 2000      # a quicker run (results are not written)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/ports.ts';
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/app.ts';
import { newId, nowIso, randomToken } from '../src/platform/db/ids.ts';
import type { NewsletterSubscribersTable, NewsletterTables } from '../src/newsletter/newsletter.tables.ts';
import type { PlatformTables } from '../src/platform/platform.tables.ts';
import { machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBSCRIBERS = Number(process.argv[2] ?? 20_000);
const LEASE_SECONDS = 15;
/** After the last expected message, how long the sink keeps listening for late duplicates. */
const QUIET_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// The sink: a real SMTP server that reads only what it counts (the envelope and the Message-ID),
// so that it is not the bottleneck it would be if every message went through mailparser.

interface Received {
  deliveries: number;
  ids: Set<string>;
}

async function startCountingSink() {
  const byRecipient = new Map<string, Received>();
  let total = 0;
  let first = 0;
  let last = 0;
  let onDelivery: ((total: number) => void) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      // Read now: answering resets the session's envelope for the next message.
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        // The 250 goes out first: from here on the message is the server's, whatever the sender does next.
        callback();
        const headers = head.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
        const id = /^message-id:\s*(\S+)/im.exec(headers)?.[1] ?? '(none)';
        const now = Date.now();
        first ||= now;
        last = now;
        for (const address of recipients) {
          const r = byRecipient.get(address) ?? { deliveries: 0, ids: new Set<string>() };
          r.deliveries++;
          r.ids.add(id);
          byRecipient.set(address, r);
          total++;
          onDelivery?.(total);
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    byRecipient,
    /** Called synchronously after each accepted message, with the running total. */
    set onDelivery(fn: ((total: number) => void) | undefined) {
      onDelivery = fn;
    },
    get total() {
      return total;
    },
    get distinctRecipients() {
      return byRecipient.size;
    },
    get first() {
      return first;
    },
    get last() {
      return last;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Sink = Awaited<ReturnType<typeof startCountingSink>>;

// ---------------------------------------------------------------------------------------------

/** CPU seconds used so far by the live processes of a process group (tsx and the node it starts), from /proc. */
function groupCpuSeconds(pgid: number): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid) total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Samples a server's CPU until it exits (a killed process cannot be asked afterwards). */
function cpuMeter(child: ChildProcess) {
  let last = 0;
  const timer = setInterval(() => (last = groupCpuSeconds(child.pid!) || last), 100);
  child.once('exit', () => clearInterval(timer));
  return {
    get seconds() {
      return last;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const address = (i: number) => `abonne${String(i).padStart(6, '0')}@bench.test`;

function envFor(dataDir: string, smtpUrl: string, port: number): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    SMTP_URL: smtpUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SECRET: 'bench-secret-bench-secret-bench-secret-01',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
    LEASE_SECONDS: String(LEASE_SECONDS),
  };
}

/** Subscribers with their proof of consent, and a campaign scheduled now; written before the server starts. */
async function seed(env: Record<string, string>) {
  const app = await buildApp(loadConfig({ ...env, JOBS: 'off', LOG_LEVEL: 'silent' }));
  try {
    const db = app.platform.db as unknown as Kysely<NewsletterTables>;
    const now = nowIso();
    const rows: NewsletterSubscribersTable[] = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      id: newId(),
      email: address(i),
      lang: i % 10 === 0 ? 'en' : 'fr',
      themes: '[]',
      territory: null,
      status: 'confirmed',
      token: randomToken(24),
      confirm_token_hash: null,
      confirm_sent_at: null,
      consent_text: 'Je souhaite recevoir la lettre d’information.',
      consent_source: 'bench',
      requested_at: now,
      confirmed_at: now,
      unsubscribed_at: null,
      bounced_at: null,
      created_at: now,
      updated_at: now,
    }));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('newsletter_subscribers')
          .values(rows.slice(i, i + 500))
          .execute();
    });
    const newsletter = app.services.newsletter.service;
    const id = await newsletter.saveCampaign(
      null,
      {
        subject: 'Lettre d’information n° 42 : la participation citoyenne dans les PCAET',
        intro: 'Retour sur la journée régionale d’Amiens, les actes du forum ouvert d’Arras et les prochaines rencontres du réseau.',
        items: [],
        extra: [
          'Journée régionale PCAET et participation | /agenda/journee-pcaet-participation-amiens-2020 | Le 1er octobre 2020 à Amiens.',
          'Forum ouvert d’Arras : les actes | /ressources/forum-ouvert-arras-2019 | 16 groupes, de 3 à 14 personnes.',
          'Lancement du réseau à Lille | /actualites/lancement-reseau-territoires-participatifs | Le 28 avril 2022.',
        ].join('\n'),
      },
      null,
    );
    await newsletter.schedule(id, '');
  } finally {
    await app.close();
  }
}

/** Servers still running: killed if the bench stops early, so that none is left sending. */
const live = new Set<ChildProcess>();
const killAll = () => {
  for (const c of live) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function startServer(env: Record<string, string>): ChildProcess {
  // Its own process group: SIGKILL reaches tsx and the node process it starts, at the same instant.
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['src/cli.ts', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopGracefully(child: ChildProcess) {
  process.kill(child.pid!, 'SIGTERM');
  await Promise.race([exited(child), sleep(20_000)]);
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
}

async function waitFor(what: string, cond: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Waits until every subscriber has a message and nothing more arrives for QUIET_MS. */
async function waitUntilDone(sink: Sink, timeoutMs: number) {
  await waitFor(`${SUBSCRIBERS} recipients (have ${sink.distinctRecipients})`, () => sink.distinctRecipients >= SUBSCRIBERS, timeoutMs);
  for (let seen = sink.total; ; seen = sink.total) {
    await sleep(QUIET_MS);
    if (sink.total === seen) return;
  }
}

async function outboxState(env: Record<string, string>) {
  const app = await buildApp(loadConfig({ ...env, JOBS: 'off', LOG_LEVEL: 'silent', SMTP_URL: '' }), { migrate: false });
  try {
    const db = app.platform.db as unknown as Kysely<PlatformTables & NewsletterTables>;
    const mail = await db
      .selectFrom('mail_outbox')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('category', '=', 'newsletter')
      .groupBy('status')
      .execute();
    const jobs = await db
      .selectFrom('jobs')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'newsletter.send')
      .groupBy('status')
      .execute();
    const campaign = await db.selectFrom('newsletter_campaigns').select(['status', 'recipients']).executeTakeFirstOrThrow();
    const fmt = (rows: Array<{ status: string; n: number }>) => rows.map((r) => `${r.status} ${Number(r.n)}`).join(', ') || 'none';
    return { mail: fmt(mail), jobs: fmt(jobs), campaign: `${campaign.status}, ${campaign.recipients} recipients`, sent: Number(mail.find((r) => r.status === 'sent')?.n ?? 0) };
  } finally {
    await app.close();
  }
}

/** Per subscriber: how many got 0, 1 or more raw deliveries, and 0, 1 or more distinct Message-IDs. */
function tally(sink: Sink) {
  const raw = { missing: 0, once: 0, more: 0, extra: 0 };
  const ids = { missing: 0, once: 0, more: 0 };
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const r = sink.byRecipient.get(address(i));
    const n = r?.deliveries ?? 0;
    const d = r?.ids.size ?? 0;
    if (n === 0) raw.missing++;
    else if (n === 1) raw.once++;
    else {
      raw.more++;
      raw.extra += n - 1;
    }
    if (d === 0) ids.missing++;
    else if (d === 1) ids.once++;
    else ids.more++;
  }
  const strangers = [...sink.byRecipient.keys()].filter((a) => !a.endsWith('@bench.test')).length;
  return { raw, ids, strangers };
}

interface RunFigures {
  seedMs: number;
  beforeKill?: number;
  stateAtKill?: string;
  sentButUnmarked?: number;
  firstAfterRestartMs?: number;
  downtimeMs?: number;
  elapsedMs?: number;
  deliveryMs?: number;
  rate?: number;
  finalState?: string;
  /** CPU used by the server processes from their first delivery on, summed over both processes of a killed run. */
  cpuSeconds?: number;
}

async function run(kill: boolean) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-newsletter-'));
  const sink = await startCountingSink();
  const env = envFor(dataDir, sink.url, await freePort());
  try {
    const seedStart = Date.now();
    await seed(env);
    const seedMs = Date.now() - seedStart;
    const started = Date.now();
    let child = startServer(env);
    let meter = cpuMeter(child);
    let cpuBefore = 0;
    // Start-up (loading TypeScript through tsx) is not sending: CPU is counted from the first delivery.
    await waitFor('the first delivery', () => sink.total > 0, 5 * 60_000);
    let cpuAtFirst = meter.seconds;
    const out: RunFigures = { seedMs };
    if (kill) {
      // Killed from inside the sink, right after it accepted a message: mid-batch, with messages in
      // flight on every connection, and at an odd count so that it is not a batch boundary.
      const threshold = Math.floor(SUBSCRIBERS / 2) + 7;
      let killedAt = 0;
      sink.onDelivery = (total) => {
        if (total !== threshold) return;
        process.kill(-child.pid!, 'SIGKILL');
        killedAt = Date.now();
      };
      await waitFor('half of the messages', () => killedAt > 0, 10 * 60_000);
      sink.onDelivery = undefined;
      await exited(child);
      cpuBefore = meter.seconds - cpuAtFirst;
      await sleep(200);
      out.beforeKill = sink.total;
      const state = await outboxState(env);
      out.stateAtKill = `outbox ${state.mail}; send jobs ${state.jobs}; campaign ${state.campaign}`;
      out.sentButUnmarked = sink.total - state.sent;
      const restarted = Date.now();
      const before = sink.total;
      child = startServer(env);
      meter = cpuMeter(child);
      await waitFor('the first delivery after the restart', () => sink.total > before, 10 * 60_000);
      cpuAtFirst = meter.seconds;
      out.firstAfterRestartMs = Date.now() - restarted;
      out.downtimeMs = Date.now() - killedAt;
    }
    await waitUntilDone(sink, 15 * 60_000);
    out.elapsedMs = sink.last - started;
    out.deliveryMs = sink.last - sink.first;
    out.rate = Math.round((SUBSCRIBERS / (sink.last - sink.first)) * 1000);
    out.cpuSeconds = cpuBefore + meter.seconds - cpuAtFirst;
    await stopGracefully(child);
    const final = await outboxState(env);
    out.finalState = `outbox ${final.mail}; send jobs ${final.jobs}; campaign ${final.campaign}`;
    return { ...(out as Required<RunFigures>), ...tally(sink), total: sink.total };
  } finally {
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const n = (x: number) => x.toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  console.log(`newsletter bench: ${n(SUBSCRIBERS)} subscribers`);
  const plain = await run(false);
  console.log('uninterrupted', plain);
  const killed = await run(true);
  console.log('killed and restarted', killed);
  const ok = (r: typeof killed) => r.raw.missing === 0 && r.ids.more === 0 && r.ids.missing === 0 && r.strangers === 0;
  const lines = [
    `Measured ${today()} on ${machineLine()}, with \`npm run bench:newsletter\` (the machine was shared with other work).`,
    '',
    `${n(SUBSCRIBERS)} confirmed subscribers on SQLite; \`tsx src/cli.ts serve\` as a child process sends one campaign through the durable outbox (500 messages per batch and per second put in the outbox; the sender claims 50 at a time over 4 SMTP connections) to a local \`smtp-server\` sink that counts envelopes and Message-IDs. The run with a kill sends SIGKILL to the server's process group once half the messages have arrived, then starts it again on the same database. \`LEASE_SECONDS=${LEASE_SECONDS}\`: how long a dead process's claimed messages and jobs wait before another process takes them over.`,
    '',
    '| figure | uninterrupted | killed at half, restarted | target |',
    '|---|---|---|---|',
    `| messages per second (first to last delivery) | ${n(plain.rate)} | ${n(killed.rate)} | ≥ 200 |`,
    `| server CPU per 1,000 messages (from the first delivery) | ${(plain.cpuSeconds / (SUBSCRIBERS / 1000)).toFixed(2)} s | ${(killed.cpuSeconds / (SUBSCRIBERS / 1000)).toFixed(2)} s | |`,
    `| messages per second of server CPU | ${n(Math.round(SUBSCRIBERS / plain.cpuSeconds))} | ${n(Math.round(SUBSCRIBERS / killed.cpuSeconds))} | |`,
    `| campaign scheduled → last delivery | ${s(plain.elapsedMs)} | ${s(killed.elapsedMs)} | |`,
    `| delivered before the kill (SIGKILL right after the sink accepted message ${n(Math.floor(SUBSCRIBERS / 2) + 7)}) | | ${n(killed.beforeKill)} | |`,
    `| accepted by the server but not yet marked sent at the kill | | ${n(killed.sentButUnmarked)} | |`,
    `| restart → first delivery (lease of the dead process included) | | ${s(killed.firstAfterRestartMs)} | |`,
    `| raw deliveries | ${n(plain.total)} | ${n(killed.total)} | ${n(SUBSCRIBERS)} |`,
    `| subscribers with no message | ${plain.raw.missing} | ${killed.raw.missing} | 0 |`,
    `| subscribers with more than one delivery (extra deliveries) | ${plain.raw.more} (${plain.raw.extra}) | ${killed.raw.more} (${killed.raw.extra}) | 0 |`,
    `| subscribers with more than one distinct Message-ID | ${plain.ids.more} | ${killed.ids.more} | 0 |`,
    `| messages to addresses that are not subscribers | ${plain.strangers} | ${killed.strangers} | 0 |`,
    '',
    `State at the kill: ${killed.stateAtKill}. Final state: ${killed.finalState}.`,
    '',
    ok(plain) && ok(killed) ? 'Every subscriber received the campaign; no subscriber received two different messages.' : '**The target is not met**: see the table.',
    killed.raw.more > 0
      ? `The ${killed.raw.extra} extra raw deliveries of the killed run are the messages the sink had accepted when the process died, before it could mark them sent: they went out again after the lease, with the same Message-ID, which mail clients use to fold duplicates. SMTP offers no way to make the server's acceptance and the database's record one atomic step, so delivery is at least once; the window is the time between the server's "250" and one UPDATE.`
      : '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (SUBSCRIBERS === 20_000) writeResultsSection('Newsletter', text);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
