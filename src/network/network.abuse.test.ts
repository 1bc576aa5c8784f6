import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, csrfFrom, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import type { NetworkTables } from './network.tables.ts';
import { randomToken } from '../platform/db/ids.ts';
import { answerBeforeBody, joinFields, postMultipart, signedIn } from './network.test-helpers.ts';
import { CONTACT_PER_IP, CONTACT_PER_SENDER, JOIN_PER_IP } from './network.service.ts';

type Db = Kysely<NetworkTables>;

/** Opens `pageUrl` as `agent`, then posts its form from the address `ip`. */
async function postFrom(app: TestApp, agent: Agent, ip: string, pageUrl: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(pageUrl);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const payload = new URLSearchParams({ _csrf: csrfFrom(page.body)!, ...fields }).toString();
  return app.server.inject({ method: 'POST', url: action, payload, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
}

describeEachDatabase('network abuse', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let base: string;
  const db = () => app.platform.db as unknown as Db;
  const flush = () => app.platform.mail.sender!.flush();
  const uploadDir = () => path.join(app.platform.config.dataDir, 'tmp', 'uploads');

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url } });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  /** An approved member, listed in the directory, whose posts still wait for moderation. */
  async function member(email: string) {
    const { agent, id } = await signedIn(app, email, 'user', 'approved');
    await db()
      .insertInto('network_members')
      .values({
        user_id: id,
        name: email.split('@')[0]!,
        email,
        lang: 'fr',
        role: 'technicien',
        organisation_id: null,
        territory_code: 'commune:80021',
        territory_label: 'Amiens (80000) · Somme',
        departement: '80',
        themes: '[]',
        directory: 1,
        delivery: 'web',
        trusted: 0,
        list_token: randomToken(24),
        joined_at: new Date().toISOString(),
      })
      .execute();
    return { agent, id };
  }

  // ---- Uploads: nothing of a file is read before the request is known to be allowed ----

  it('answers an anonymous multipart post before its body is sent, and writes no file', async () => {
    for (const url of ['/reseau/adhesion', '/reseau/membres/x/contact', '/reseau/liste/nouveau', '/reseau/preferences']) {
      const status = await answerBeforeBody(base, url, { fields: { name: 'x' } });
      expect(status, url).not.toBeNull();
      expect(status! >= 300, url).toBe(true);
    }
    expect(fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()) : []).toEqual([]);
  });

  it('refuses a member’s multipart post with a wrong CSRF token before reading the file', async () => {
    const { agent } = await member('csrf@example.org');
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const status = await answerBeforeBody(base, '/reseau/liste/nouveau', { cookie, fields: { _csrf: 'forged', title: 'T', body: 'B' } });
    expect(status).toBe(403);
    // Files are taken on the mailing list only, not on the other member forms.
    expect(await answerBeforeBody(base, '/reseau/preferences', { cookie, fields: { delivery: 'web' } })).toBe(415);
  });

  it('refuses an oversize attachment with a message in French and English, keeps the text and leaves no file behind', async () => {
    const { agent } = await member('gros@example.org');
    const big = [{ name: 'enorme.pdf', data: Buffer.alloc(6 * 1024 * 1024, 1) }];
    const fr = await postMultipart(agent, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Compte rendu', body: 'Le texte que je garde.' }, big);
    expect(fr.statusCode).toBe(400);
    expect(textOf(fr.body)).toContain('« enorme.pdf » dépasse 5 Mo');
    expect(fr.body).toContain('Le texte que je garde.');
    agent.cookies.set('lang', 'en');
    const en = await postMultipart(agent, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Minutes', body: 'Text I keep.' }, big);
    expect(textOf(en.body)).toContain('The file “enorme.pdf” is larger than 5 MB');
    expect(en.body).toContain('Text I keep.');
    expect(await db().selectFrom('network_posts').select('id').where('author_name', '=', 'gros').execute()).toHaveLength(0);
    expect(fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()) : []).toEqual([]);
  });

  // ---- Attachments of posts not yet published ----

  it('lets only the author and the moderators download the attachments of a pending or rejected post', async () => {
    const { agent: author } = await member('auteur@example.org');
    const { agent: other } = await member('curieux@example.org');
    const { agent: moderator } = await signedIn(app, 'moderation@example.org', 'animator');
    const res = await postMultipart(author, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Brouillon', body: 'À relire.' }, [{ name: 'cr.txt', data: Buffer.from('confidentiel') }]);
    expect(res.statusCode).toBe(303);
    const post = await db().selectFrom('network_posts').selectAll().where('title', '=', 'Brouillon').executeTakeFirstOrThrow();
    expect(post.status).toBe('pending');
    const file = await db().selectFrom('network_attachments').select('id').where('post_id', '=', post.id).executeTakeFirstOrThrow();
    const url = `/reseau/liste/pieces/${file.id}`;

    expect((await other.get(url)).statusCode).toBe(404);
    const own = await author.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.body).toBe('confidentiel');
    expect((await moderator.get(url)).statusCode).toBe(200);

    await moderator.submit('/admin/reseau', `/admin/reseau/messages/${post.id}`, { decision: 'reject' });
    expect((await other.get(url)).statusCode).toBe(404);
    expect((await author.get(url)).statusCode).toBe(200);

    await db().updateTable('network_posts').set({ status: 'published', published_at: new Date().toISOString() }).where('id', '=', post.id).execute();
    expect((await other.get(url)).statusCode).toBe(200);
  });

  // ---- Mail flooding ----

  it('keeps one unconfirmed request per address, mailed at most once a quarter of an hour, and answers the same every time', async () => {
    const victim = 'victime@example.org';
    const answers: Array<{ status: number; location: unknown; flash: string | undefined }> = [];
    for (let i = 0; i < 6; i++) {
      const res = await postFrom(app, new Agent(app.server), `10.1.0.${i}`, '/reseau/adhesion', '/reseau/adhesion', joinFields(victim, { name: `Nom choisi ${i}`, motivation: `Texte ${i}` }));
      answers.push({ status: res.statusCode, location: res.headers.location, flash: res.cookies.find((c) => c.name === 'flash')?.value });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 303, location: '/reseau', flash: 'network.join.sent' });
    await flush();
    const mails = sink.to(victim);
    expect(mails).toHaveLength(1);
    // The name was typed by whoever filled the form: the mail does not repeat it.
    expect(mails[0]!.text).not.toContain('Nom choisi');
    const rows = await db().selectFrom('network_requests').selectAll().where('email', '=', victim).execute();
    expect(rows).toHaveLength(1);
    expect([rows[0]!.name, rows[0]!.motivation]).toEqual(['Nom choisi 0', 'Texte 0']);

    // A quarter of an hour later a new post sends the link once more, for the same request.
    await db()
      .updateTable('network_requests')
      .set({ confirm_sent_at: new Date(Date.now() - 16 * 60_000).toISOString() })
      .where('email', '=', victim)
      .execute();
    await postFrom(app, new Agent(app.server), '10.1.1.1', '/reseau/adhesion', '/reseau/adhesion', joinFields(victim, { name: 'Autre nom' }));
    await postFrom(app, new Agent(app.server), '10.1.1.2', '/reseau/adhesion', '/reseau/adhesion', joinFields(victim, { name: 'Encore un' }));
    await flush();
    expect(sink.to(victim)).toHaveLength(2);
    const after = await db().selectFrom('network_requests').selectAll().where('email', '=', victim).execute();
    expect(after.map((r) => r.name)).toEqual(['Nom choisi 0']);
    const link = /http:\/\/palabre\.test(\/reseau\/adhesion\/confirmer\/[A-Za-z0-9_-]+)/.exec(sink.to(victim).at(-1)!.text ?? '')![1]!;
    const page = await new Agent(app.server).get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="${link}"`);
  });

  it('limits join requests from one address to a few an hour', async () => {
    for (let i = 0; i < JOIN_PER_IP.limit; i++) {
      const res = await postFrom(app, new Agent(app.server), '10.2.0.1', '/reseau/adhesion', '/reseau/adhesion', joinFields(`flot${i}@example.org`));
      expect(res.statusCode).toBe(303);
    }
    const refused = await postFrom(app, new Agent(app.server), '10.2.0.1', '/reseau/adhesion', '/reseau/adhesion', joinFields('flot-de-trop@example.org', { motivation: 'Mon texte reste.' }));
    expect(refused.statusCode).toBe(429);
    expect(textOf(refused.body)).toContain('Trop de demandes');
    expect(refused.body).toContain('Mon texte reste.');
    await flush();
    expect(sink.to('flot-de-trop@example.org')).toHaveLength(0);
    // Another address is not held back.
    expect((await postFrom(app, new Agent(app.server), '10.2.0.2', '/reseau/adhesion', '/reseau/adhesion', joinFields('voisin@example.org'))).statusCode).toBe(303);
  });

  it('limits the directory contact form per sender and per network address, keeping the message', async () => {
    const { id: to } = await member('destinataire@example.org');
    const form = `/reseau/membres/${to}/contact`;
    const send = (agent: Agent, ip: string, n: number) => postFrom(app, agent, ip, form, form, { subject: `Objet ${n}`, message: `Message ${n}` });
    await flush();
    const before = sink.to('destinataire@example.org').length;

    const { agent: first } = await member('bavard@example.org');
    for (let n = 0; n < CONTACT_PER_SENDER.limit; n++) expect((await send(first, `10.3.0.${n}`, n)).statusCode).toBe(303);
    const tooMany = await send(first, '10.3.1.1', 99);
    expect(tooMany.statusCode).toBe(429);
    expect(textOf(tooMany.body)).toContain('Trop de messages envoyés');
    expect(tooMany.body).toContain('Message 99');

    // Several accounts behind one network address share its limit.
    let sent = 0;
    for (let account = 0; sent < CONTACT_PER_IP.limit; account++) {
      const { agent } = await member(`compte${account}@example.org`);
      for (let n = 0; n < CONTACT_PER_SENDER.limit && sent < CONTACT_PER_IP.limit; n++, sent++) expect((await send(agent, '10.4.0.1', n)).statusCode).toBe(303);
    }
    const { agent: last } = await member('dernier@example.org');
    expect((await send(last, '10.4.0.1', 1)).statusCode).toBe(429);
    await flush();
    expect(sink.to('destinataire@example.org').length - before).toBe(CONTACT_PER_SENDER.limit + CONTACT_PER_IP.limit);
  });
});
