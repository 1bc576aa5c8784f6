import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import type { NetworkTables } from './network.tables.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import { periodsOf } from './network.service.ts';
import { joinFields, postMultipart, signedIn } from './network.test-helpers.ts';

type Db = Kysely<NetworkTables & PlatformTables & { users: { id: string; email: string; membership: string } }>;

describeEachDatabase('network', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let animator: Agent;
  const db = () => app.platform.db as unknown as Db;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url } });
    animator = (await signedIn(app, 'animation@example.org', 'animator')).agent;
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });
  const flush = () => app.platform.mail.sender!.flush();

  async function joinAndConfirm(email: string, extra: Record<string, string> = {}) {
    const visitor = new Agent(app.server);
    const res = await visitor.submit('/reseau/adhesion', '/reseau/adhesion', joinFields(email, extra));
    expect(res.statusCode, textOf(res.body).slice(0, 300)).toBe(303);
    await flush();
    const mail = sink.to(email).at(-1)!;
    const link = /http:\/\/palabre\.test(\/reseau\/adhesion\/confirmer\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
    const confirmed = await visitor.submit(link, link, {});
    expect(textOf(confirmed.body)).toContain('Votre adresse est confirmée');
    return { link, visitor };
  }

  it('finds Amiens and the Métropole Européenne de Lille in the territory picker, with and without JavaScript', async () => {
    const visitor = new Agent(app.server);
    const amiens = await visitor.submit('/reseau/adhesion', '/reseau/adhesion', { territory_q: 'amiens', action: 'search-territory', name: 'Gardé' });
    expect(amiens.statusCode).toBe(200);
    expect(amiens.body).toContain('value="commune:80021"');
    expect(textOf(amiens.body)).toContain('Amiens (80000) · Somme');
    expect(amiens.body).toContain('value="Gardé"');
    const mel = await visitor.get(`/reseau/territoires?q=${encodeURIComponent('Métropole Européenne de Lille')}`);
    expect(mel.json()[0]).toEqual({ code: 'epci:200093201', label: 'Métropole Européenne de Lille · Nord' });
    const byPostcode = await visitor.get('/reseau/territoires?q=80000');
    expect(byPostcode.json()[0].code).toBe('commune:80021');
    const js = await visitor.get('/static/network/territory-picker.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('takes a visitor from the join form to approved member, with e-mails at each step', async () => {
    const { link } = await joinAndConfirm('camille@example.org');
    const user = await db().selectFrom('users').selectAll().where('email', '=', 'camille@example.org').executeTakeFirstOrThrow();
    expect(user.membership).toBe('pending');
    // A second click on the link changes nothing.
    expect(textOf((await new Agent(app.server).get(link)).body)).toContain('déjà confirmée');

    const queue = await animator.get('/admin/reseau');
    expect(textOf(queue.body)).toContain('Camille Dupré — Ville d’Amiens');
    const request = await db().selectFrom('network_requests').selectAll().where('email', '=', 'camille@example.org').executeTakeFirstOrThrow();
    const res = await animator.submit('/admin/reseau', `/admin/reseau/demandes/${request.id}`, { decision: 'approve', message: 'Bienvenue !' });
    expect(res.statusCode).toBe(303);
    expect((await db().selectFrom('users').select('membership').where('id', '=', user.id).executeTakeFirstOrThrow()).membership).toBe('approved');
    await flush();
    const welcome = sink.to('camille@example.org').at(-1)!;
    expect(welcome.subject).toContain('Bienvenue dans le réseau');
    expect(welcome.text).toContain('Bienvenue !');

    // The new member reaches the members' pages.
    const accounts = app.services.accounts.service;
    const member = new Agent(app.server);
    member.cookies.set('sid', await accounts.openSession(user.id, 'test'));
    expect((await member.get('/reseau/liste')).statusCode).toBe(200);
    // And can leave at any time.
    await member.submit('/reseau/preferences', '/reseau/quitter', {});
    expect((await db().selectFrom('users').select('membership').where('id', '=', user.id).executeTakeFirstOrThrow()).membership).toBe('none');
    expect((await member.get('/reseau/liste')).statusCode).toBe(403);
  });

  it('mails every animator once when a confirmed request starts waiting for them, and nobody before', async () => {
    await signedIn(app, 'direction@example.org', 'animator');
    await signedIn(app, 'simple-membre@example.org');
    const before = (address: string) => sink.to(address).filter((m) => m.subject?.includes('Dominique Queue')).length;
    const visitor = new Agent(app.server);
    await visitor.submit('/reseau/adhesion', '/reseau/adhesion', joinFields('queue@example.org', { name: 'Dominique Queue' }));
    await flush();
    // An unconfirmed request may be someone else typing this address: the animators hear nothing yet.
    expect(before('animation@example.org')).toBe(0);
    const link = /http:\/\/palabre\.test(\/reseau\/adhesion\/confirmer\/[A-Za-z0-9_-]+)/.exec(sink.to('queue@example.org').at(-1)!.text ?? '')![1]!;
    await visitor.submit(link, link, {});
    // A second click (or a replayed request) mails nobody again.
    await app.services.network.service.confirmJoin(link.split('/').at(-1)!);
    await flush();
    for (const address of ['animation@example.org', 'direction@example.org']) {
      const mails = sink.to(address).filter((m) => m.subject?.includes('Dominique Queue'));
      expect(mails, address).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/^Demande d'adhésion à examiner/);
      expect(mails[0]!.text).toContain('Ville d’Amiens, Amiens (80000) · Somme');
      expect(mails[0]!.text).toContain('Associer les habitant·es à notre PCAET.');
      expect(mails[0]!.text).toContain('http://palabre.test/admin/reseau');
      expect(mails[0]!.replyTo?.text).toBe('queue@example.org');
    }
    expect(before('simple-membre@example.org')).toBe(0);
  });

  it('speaks English to a visitor who chose English, down to the form errors', async () => {
    const visitor = new Agent(app.server);
    visitor.cookies.set('lang', 'en');
    expect(textOf((await visitor.get('/reseau')).body)).toContain('The regional network of participatory territories');
    const res = await visitor.submit('/reseau/adhesion', '/reseau/adhesion', joinFields('en@example.org', { charter: '', territory: '' }));
    const text = textOf(res.body);
    expect(text).toContain('Accept the charter to join the network');
    expect(text).toContain('Search for your territory, then choose it');
    expect(text).not.toContain('Acceptez la charte');
  });

  it('refuses a request with a message sent by e-mail', async () => {
    await joinAndConfirm('refus@example.org');
    const request = await db().selectFrom('network_requests').selectAll().where('email', '=', 'refus@example.org').executeTakeFirstOrThrow();
    await animator.submit('/admin/reseau', `/admin/reseau/demandes/${request.id}`, { decision: 'refuse', message: 'Le réseau est réservé aux Hauts-de-France.' });
    await flush();
    const mail = sink.to('refus@example.org').at(-1)!;
    expect(mail.text).toContain('Le réseau est réservé aux Hauts-de-France.');
    expect((await db().selectFrom('users').select('membership').where('email', '=', 'refus@example.org').executeTakeFirstOrThrow()).membership).toBe('none');
    const again = await animator.submit('/admin/reseau', `/admin/reseau/demandes/${request.id}`, { decision: 'approve', message: '' });
    expect(again.statusCode).toBe(409);
  });

  it('keeps the join form and says what is missing when the input is wrong', async () => {
    const res = await new Agent(app.server).submit('/reseau/adhesion', '/reseau/adhesion', joinFields('pas-une-adresse', { charter: '', territory: '' }));
    expect(res.statusCode).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain('Adresse e-mail invalide');
    expect(text).toContain('Acceptez la charte');
    expect(text).toContain('Cherchez puis choisissez votre territoire');
    expect(res.body).toContain('Associer les habitant·es à notre PCAET.');
  });

  it('lets the owner of an address drop a request someone else made with it, and ask again at once', async () => {
    const email = 'proprietaire@example.org';
    const squatter = new Agent(app.server);
    await squatter.submit('/reseau/adhesion', '/reseau/adhesion', joinFields(email, { name: 'Nom Usurpé' }));
    await flush();
    const first = /http:\/\/palabre\.test(\/reseau\/adhesion\/confirmer\/[A-Za-z0-9_-]+)/.exec(sink.to(email).at(-1)!.text ?? '')![1]!;
    const owner = new Agent(app.server);
    const page = await owner.get(first);
    // The owner sees what they would confirm before confirming it.
    expect(textOf(page.body)).toContain('Nom Usurpé');
    const dropped = await owner.submit(first, `${first}/annuler`, {});
    expect(textOf(dropped.body)).toContain('La demande est annulée');
    expect(textOf((await owner.get(first)).body)).toContain("Ce lien n'est pas valide");

    // At once, not in seven days: the owner's own request gets its own link.
    await owner.submit('/reseau/adhesion', '/reseau/adhesion', joinFields(email, { name: 'Vrai Nom' }));
    await flush();
    const second = /http:\/\/palabre\.test(\/reseau\/adhesion\/confirmer\/[A-Za-z0-9_-]+)/.exec(sink.to(email).at(-1)!.text ?? '')![1]!;
    expect(second).not.toBe(first);
    expect(textOf((await owner.submit(second, second, {})).body)).toContain('Votre adresse est confirmée');
    const request = await db().selectFrom('network_requests').select(['name', 'status']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(request).toEqual({ name: 'Vrai Nom', status: 'pending' });
  });

  it('refuses forged confirmation and unsubscribe links with a clear message', async () => {
    const forged = await new Agent(app.server).get('/reseau/adhesion/confirmer/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.statusCode).toBe(404);
    expect(textOf(forged.body)).toContain("Ce lien n'est pas valide");
    const post = await app.server.inject({
      method: 'POST',
      url: '/reseau/liste/desabonnement/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(404);
  });

  it('lists only members who opted in, and only to members', async () => {
    await joinAndConfirm('listed@example.org', { name: 'Alice Listée' });
    await joinAndConfirm('hidden@example.org', { name: 'Bruno Caché', directory: '' });
    for (const r of await db().selectFrom('network_requests').selectAll().where('email', 'in', ['listed@example.org', 'hidden@example.org']).execute()) {
      await animator.submit('/admin/reseau', `/admin/reseau/demandes/${r.id}`, { decision: 'approve', message: '' });
    }
    const { agent: member } = await signedIn(app, 'listed@example.org');
    const page = textOf((await member.get('/reseau/membres')).body);
    expect(page).toContain('Alice Listée');
    expect(page).not.toContain('Bruno Caché');
    expect(page).not.toContain('listed@example.org');
    expect(textOf((await member.get('/reseau/membres?q=alice')).body)).toContain('Alice Listée');
    expect(textOf((await member.get('/reseau/membres?q=zzz')).body)).not.toContain('Alice Listée');
    const hidden = await db().selectFrom('network_members').select('user_id').where('email', '=', 'hidden@example.org').executeTakeFirstOrThrow();
    expect((await member.get(`/reseau/membres/${hidden.user_id}/contact`)).statusCode).toBe(404);

    const { agent: outsider } = await signedIn(app, 'outsider@example.org');
    expect((await outsider.get('/reseau/membres')).statusCode).toBe(403);
    expect((await new Agent(app.server).get('/reseau/liste')).statusCode).not.toBe(200);

    const csv = await animator.get('/admin/reseau/annuaire.csv');
    expect(csv.body).toContain('Alice Listée');
    expect(csv.body).not.toContain('Bruno Caché');
  });

  it('moderates first posts, escapes scripts, and sends each published message once', async () => {
    const { agent: author } = await signedIn(app, 'listed@example.org');
    const first = await postMultipart(author, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', {
      title: 'Atelier <script>alert(1)</script>',
      body: 'Bonjour <script>alert("x")</script> voir https://example.org/guide',
      links: '/ressources/guide\njavascript:alert(1)',
    });
    expect(first.statusCode, textOf(first.body).slice(0, 300)).toBe(303);
    const post = await db().selectFrom('network_posts').selectAll().where('title', 'like', 'Atelier%').executeTakeFirstOrThrow();
    expect(post.status).toBe('pending');
    expect(post.links).toBe('["/ressources/guide"]');
    await flush();
    const sentBefore = sink.to('hidden@example.org').length;

    const moderation = await animator.get('/admin/reseau');
    expect(moderation.body).not.toContain('<script>alert');
    await animator.submit('/admin/reseau', `/admin/reseau/messages/${post.id}`, { decision: 'approve' });
    await app.platform.jobs.runner.drain();
    await flush();
    // Replaying the publication work changes nothing: one message per member.
    await flush();
    expect(sink.to('hidden@example.org').length - sentBefore).toBe(1);
    const mail = sink.to('hidden@example.org').at(-1)!;
    expect(mail.subject).toContain('Atelier');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toMatch(/\/reseau\/liste\/desabonnement\/[A-Za-z0-9_-]+>/);
    expect(sink.to('listed@example.org').filter((m) => m.subject?.includes('Atelier'))).toHaveLength(0);

    const thread = await author.get(`/reseau/liste/${post.id}`);
    expect(thread.body).not.toContain('<script>alert');
    expect(thread.body).toContain('&lt;script');
    expect(thread.body).toContain('href="https://example.org/guide"');

    // The one-click unsubscribe stops list e-mails without a cookie.
    const token = /desabonnement\/([A-Za-z0-9_-]+)>/.exec(mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!;
    const oneClick = await app.server.inject({
      method: 'POST',
      url: `/reseau/liste/desabonnement/${token}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.statusCode).toBe(200);
    expect((await db().selectFrom('network_members').select('delivery').where('email', '=', 'hidden@example.org').executeTakeFirstOrThrow()).delivery).toBe('web');
  });

  it('refuses a giant attachment with a clear message and keeps the text', async () => {
    const { agent: author } = await signedIn(app, 'listed@example.org');
    const res = await postMultipart(author, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Compte rendu', body: 'Le texte que je ne veux pas perdre.' }, [
      { name: 'enorme.pdf', data: Buffer.alloc(6 * 1024 * 1024, 1) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('« enorme.pdf » dépasse 5 Mo');
    expect(res.body).toContain('Le texte que je ne veux pas perdre.');
    expect(await db().selectFrom('network_posts').select('id').where('title', '=', 'Compte rendu').execute()).toHaveLength(0);

    const ok = await postMultipart(author, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Avec pièce jointe', body: 'Voici le document.' }, [
      { name: 'cr.txt', data: Buffer.from('compte rendu') },
    ]);
    expect(ok.statusCode).toBe(303);
    const files = await db().selectFrom('network_attachments').select(['filename', 'size']).execute();
    expect(files).toContainEqual({ filename: 'cr.txt', size: 12 });
  });

  it('sends digests with exactly the messages of their period, once each', async () => {
    const { id } = await signedIn(app, 'listed@example.org');
    await db().updateTable('network_members').set({ delivery: 'daily' }).where('user_id', '=', id).execute();
    const { agent: staff } = await signedIn(app, 'animation@example.org', 'animator');
    for (const title of ['Hier A', 'Hier B', 'Avant-hier', 'Aujourd’hui']) {
      await postMultipart(staff, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title, body: `Message ${title}` });
    }
    const day = 86400_000;
    const shift = async (title: string, ms: number) => {
      const p = await db().selectFrom('network_posts').select(['id', 'published_at']).where('title', '=', title).executeTakeFirstOrThrow();
      await db()
        .updateTable('network_posts')
        .set({ published_at: new Date(Date.parse(p.published_at!) - ms).toISOString() })
        .where('id', '=', p.id)
        .execute();
    };
    await shift('Hier A', day);
    await shift('Hier B', day);
    await shift('Avant-hier', 2 * day);
    const period = periodsOf(new Date(Date.now() - day).toISOString())[0]!;
    await app.services.network.service.sendDigest(period);
    await app.services.network.service.sendDigest(period);
    await flush();
    const digests = sink.to('listed@example.org').filter((m) => /^Liste du réseau\s:\sles messages du/.test(m.subject ?? ''));
    expect(digests).toHaveLength(1);
    const text = digests[0]!.text ?? '';
    expect(text).toContain('Hier A');
    expect(text).toContain('Hier B');
    expect(text).not.toContain('Avant-hier');
    expect(text).not.toContain('Aujourd’hui');
  });
});
