import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, databaseKinds, describeEachDatabase, type TestApp } from '../../../test/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink.ts';
import { transact } from '../db/transaction.ts';
import { renderMail } from './message.tsx';
import { createMailSender } from './sender.ts';
import type { OutgoingMail } from './outbox.ts';

const mail = (to: string, n = 0, lang: 'fr' | 'en' = 'fr'): OutgoingMail => ({
  to,
  lang,
  subject: lang === 'fr' ? `Votre inscription n° ${n}` : `Your registration #${n}`,
  ...renderMail({
    siteName: 'Palabre',
    greeting: lang === 'fr' ? 'Bonjour Camille,' : 'Hello Camille,',
    paragraphs: [lang === 'fr' ? `Votre inscription n° ${n} est confirmée.` : `Your registration #${n} is confirmed.`],
    action: { label: lang === 'fr' ? 'Voir la rencontre' : 'See the event', url: 'http://palabre.test/agenda/rencontre' },
  }),
  category: 'test',
});

async function enqueueMany(app: TestApp, count: number, prefix: string) {
  await transact(app.platform.db, async (trx) => {
    for (let i = 0; i < count; i++) await app.platform.mail.enqueue(trx, mail(`${prefix}${i}@exemple.fr`, i));
  });
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How many times each Message-ID reached the sink. */
function deliveries(messages: ParsedMail[]) {
  const seen = new Map<string, number>();
  for (const m of messages) seen.set(m.messageId!, (seen.get(m.messageId!) ?? 0) + 1);
  return seen;
}

/** A real SMTP server that refuses the first `refusals` attempts with `code`, then accepts. */
async function startMoodyServer(code: number, refusals: number) {
  let attempts = 0;
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      attempts += 1;
      if (attempts <= refusals) {
        const err = Object.assign(new Error(code >= 500 ? 'No such mailbox here' : 'Greylisted, try again later'), { responseCode: code });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => {
        received.push(m);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachDatabase('mail outbox and sender', (kind) => {
  let sink: SmtpSink;
  let app: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url }, workers: true });
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  it('delivers each message as text and HTML in the language of its recipient', async () => {
    await transact(app.platform.db, async (trx, afterCommit) => {
      await app.platform.mail.enqueue(trx, mail('lang.fr@exemple.fr', 1, 'fr'));
      await app.platform.mail.enqueue(trx, mail('lang.en@exemple.fr', 2, 'en'));
      afterCommit(() => app.platform.mail.wake());
    });
    const fr = await sink.waitForTo('lang.fr@exemple.fr');
    const en = await sink.waitForTo('lang.en@exemple.fr');
    for (const m of [fr, en]) {
      expect((m.headers.get('content-type') as { value: string }).value).toBe('multipart/alternative');
      expect(m.text).toBeTruthy();
      expect(m.html).toBeTruthy();
    }
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(fr.subject).toBe('Votre inscription n° 1');
    expect(fr.text).toContain('Votre inscription n° 1 est confirmée.');
    expect(fr.html).toContain('Votre inscription n° 1 est confirmée.');
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.text).toContain('Your registration #2 is confirmed.');
    expect(en.html).toContain('See the event');
  });

  it('stores and sends one message when the same dedupe key is enqueued twice', async () => {
    const ids = await transact(app.platform.db, async (trx) => [
      await app.platform.mail.enqueue(trx, { ...mail('dedupe@exemple.fr'), dedupeKey: 'reminder:42' }),
      await app.platform.mail.enqueue(trx, { ...mail('dedupe@exemple.fr'), dedupeKey: 'reminder:42' }),
    ]);
    expect(ids[1]).toBe(ids[0]);
    await app.platform.mail.sender!.flush();
    expect(sink.to('dedupe@exemple.fr')).toHaveLength(1);
  });

  it('keeps a message that the server refused for now, and delivers it once after a retry', async () => {
    const moody = await startMoodyServer(451, 2);
    const sender = createMailSender({
      db: app.platform.db,
      dbKind: kind,
      smtpUrl: moody.url,
      from: 'Palabre <palabre@palabre.test>',
      log: app.platform.log,
      instanceId: 'moody',
      retryBaseMs: 100,
      pollMs: 50,
    });
    try {
      await app.platform.mail.sender!.stop();
      await transact(app.platform.db, (trx) => app.platform.mail.enqueue(trx, mail('greylisted@exemple.fr')));
      sender.start();
      await until(() => moody.received.length === 1, 10_000, 'the message after two refusals');
      await new Promise((r) => setTimeout(r, 300));
      expect(moody.received).toHaveLength(1);
      expect(moody.attempts()).toBe(3);
      const row = await app.platform.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'greylisted@exemple.fr').executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(3);
    } finally {
      await sender.stop();
      await moody.close();
    }
  });

  it('gives up at once when the server refuses a message for good, and records why without the address', async () => {
    const moody = await startMoodyServer(550, 100);
    const sender = createMailSender({ db: app.platform.db, dbKind: kind, smtpUrl: moody.url, from: 'Palabre <palabre@palabre.test>', log: app.platform.log, instanceId: 'moody', retryBaseMs: 50 });
    try {
      await transact(app.platform.db, (trx) => app.platform.mail.enqueue(trx, mail('nobody.here@exemple.fr')));
      await sender.flush();
      await new Promise((r) => setTimeout(r, 200));
      await sender.flush();
      const row = await app.platform.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'nobody.here@exemple.fr').executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
      expect(row.attempts).toBe(1);
      expect(moody.attempts()).toBe(1);
      expect(row.last_error).toContain('No such mailbox');
      expect(row.last_error).not.toContain('nobody.here@exemple.fr');
    } finally {
      await sender.stop();
      await moody.close();
    }
  });
});

describeEachDatabase('mail sender across a restart', (kind) => {
  it('delivers the rest after a sender stopped mid-way and a dead one left leases behind, and nothing twice', async () => {
    const sink = await startSmtpSink();
    const database = await createTestDatabase(kind);
    const first = await createTestApp(kind, { database });
    try {
      await enqueueMany(first, 200, 'restart');
      const sender = createMailSender({ db: first.platform.db, dbKind: kind, smtpUrl: sink.url, from: 'Palabre <palabre@palabre.test>', log: first.platform.log, instanceId: 'first', batchSize: 10 });
      sender.start();
      await until(() => sink.messages.length >= 10, 10_000, 'a first batch');
      await sender.stop();
      const before = sink.messages.length;
      expect(before).toBeGreaterThanOrEqual(10);
      expect(before).toBeLessThan(200);
      // An instance that died while sending: its messages stay leased until the lease ends.
      const orphans = await first.platform.db.selectFrom('mail_outbox').select('id').where('status', '=', 'pending').limit(3).execute();
      await first.platform.db
        .updateTable('mail_outbox')
        .set({ status: 'sending', locked_by: 'crashed', locked_until: new Date(Date.now() - 1000).toISOString(), attempts: 1 })
        .where(
          'id',
          'in',
          orphans.map((o) => o.id),
        )
        .execute();
      await first.close();

      const second = await createTestApp(kind, { database, env: { SMTP_URL: sink.url }, workers: true });
      try {
        await until(() => sink.messages.length >= 200, 30_000, '200 messages');
        await new Promise((r) => setTimeout(r, 500));
        const seen = deliveries(sink.messages);
        expect(seen.size).toBe(200);
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
        const left = await second.platform.db.selectFrom('mail_outbox').select('id').where('status', '!=', 'sent').execute();
        expect(left).toHaveLength(0);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
      await sink.close();
    }
  });
});

describe.runIf(databaseKinds().includes('postgres'))('mail sender on two instances [postgres]', () => {
  it('delivers 200 messages exactly once with two instances sending from one database', async () => {
    const sink = await startSmtpSink();
    const database = await createTestDatabase('postgres');
    const a = await createTestApp('postgres', { database, env: { SMTP_URL: sink.url }, workers: true });
    const b = await createTestApp('postgres', { database, env: { SMTP_URL: sink.url }, workers: true });
    try {
      await enqueueMany(a, 100, 'a');
      await enqueueMany(b, 100, 'b');
      a.platform.mail.wake();
      b.platform.mail.wake();
      await until(() => sink.messages.length >= 200, 30_000, '200 messages');
      await new Promise((r) => setTimeout(r, 1500));
      const seen = deliveries(sink.messages);
      expect(sink.messages).toHaveLength(200);
      expect(seen.size).toBe(200);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
      await sink.close();
    }
  });
});
