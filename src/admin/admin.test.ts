import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { transact } from '../platform/db/transaction.ts';
import type { OutgoingMail } from '../platform/mail/outbox.ts';
import { agentFor } from './admin.test-helpers.ts';

const hostile: OutgoingMail = {
  to: 'camille@exemple.fr',
  lang: 'fr',
  subject: 'Votre inscription à la rencontre de Lille',
  text: 'Bonjour Camille, votre inscription est confirmée.',
  html: '<p>Bonjour Camille, votre inscription est <strong>confirmée</strong>.</p><script>parent.document.title = "pwned"</script><img src="https://tracker.example/p.gif">',
  category: 'events.registration',
};

async function enqueue(app: TestApp, mail: OutgoingMail) {
  return transact(app.platform.db, (trx) => app.platform.mail.enqueue(trx, mail));
}

const idIn = (html: string, subject: string) => new RegExp(`href="/admin/courriels/([0-9a-z]+)">${subject}`).exec(html)?.[1];

describeEachDatabase('admin pages without SMTP', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());

  it('sends a visitor to the sign-in page and refuses a member with a 403', async () => {
    for (const url of ['/admin', '/admin/courriels', '/admin/courriels/flux']) {
      const visitor = await new Agent(app.server).get(url);
      expect(visitor.statusCode).toBe(303);
      expect(visitor.headers.location).toContain('/connexion');
      const member = await (await agentFor(app, 'user')).get(url);
      expect(member.statusCode).toBe(403);
    }
  });

  it('shows animators a dashboard with the tools of every module and says mail stays in the outbox', async () => {
    const res = await (await agentFor(app, 'animator')).get('/admin');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Administration');
    expect(res.body).toContain('href="/admin/courriels"');
    for (const link of app.modules.flatMap((m) => m.adminLinks ?? []).filter((l) => l.href !== '/admin/comptes')) expect(res.body).toContain(`href="${link.href}"`);
    expect(text).toContain('Aucun serveur SMTP n’est configuré'.replace('’', "'"));
  });

  it('shows each role only the tiles it can open: no "Comptes et rôles" for animators, every tile answers 200', async () => {
    for (const role of ['animator', 'admin'] as const) {
      const agent = await agentFor(app, role);
      const res = await agent.get('/admin');
      const tiles = [...res.body.matchAll(/<h3><a href="([^"]+)">([^<]+)<\/a><\/h3>/g)].map((m) => ({ href: m[1]!, label: m[2]! }));
      expect(tiles.length).toBeGreaterThan(3);
      expect(
        tiles.some((t) => t.label === 'Comptes et rôles'),
        role,
      ).toBe(role === 'admin');
      for (const t of tiles) expect((await agent.get(t.href)).statusCode, `${role} → ${t.href}`).toBe(200);
    }
  });

  it('lists messages with recipient, subject, date and status, and opens one with its text and a sandboxed HTML preview', async () => {
    await enqueue(app, hostile);
    const animator = await agentFor(app, 'animator');
    const list = await animator.get('/admin/courriels');
    expect(list.statusCode).toBe(200);
    const text = textOf(list.body);
    expect(text).toContain('camille@exemple.fr');
    expect(text).toContain('Votre inscription à la rencontre de Lille');
    expect(text).toContain('Non envoyé (lisible ici)');
    expect(text).toMatch(/\d{1,2} \S+ 20\d\d/);

    const id = idIn(list.body, hostile.subject);
    expect(id).toBeTruthy();
    const page = await animator.get(`/admin/courriels/${id}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Bonjour Camille, votre inscription est confirmée.');
    // The mail's HTML never lands in our page; it is framed, sandboxed, from its own address.
    expect(page.body).not.toContain('<script>parent.document');
    const frame = /<iframe[^>]*>/.exec(page.body)?.[0] ?? '';
    expect(frame).toContain(`src="/admin/courriels/${id}/apercu"`);
    // An empty sandbox: no scripts, no same-origin access, no forms, no top navigation.
    expect(frame).toMatch(/ sandbox(="")?[ >]/);

    const preview = await animator.get(`/admin/courriels/${id}/apercu`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<strong>confirmée</strong>');
    const csp = String(preview.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).not.toContain('script-src');
    expect(csp).toContain('img-src data:');
  });

  it('filters by status and shrugs off a bad filter, page or address', async () => {
    const animator = await agentFor(app, 'animator');
    const failed = await animator.get('/admin/courriels?statut=failed');
    expect(failed.statusCode).toBe(200);
    expect(textOf(failed.body)).toContain('Aucun courriel.');
    const odd = await animator.get('/admin/courriels?statut=%3Cscript%3E&page=-4');
    expect(odd.statusCode).toBe(200);
    expect((await animator.get('/admin/courriels/..%2F..%2Fetc')).statusCode).toBe(404);
    expect((await animator.get('/admin/courriels/0000000000aaaaaaaaaa/apercu')).statusCode).toBe(404);
  });

  it('puts a failed message back in the queue when an animator asks', async () => {
    const id = await enqueue(app, { ...hostile, subject: 'Rappel : rencontre annulée', to: 'bounce@exemple.fr' });
    await app.platform.db.updateTable('mail_outbox').set({ status: 'failed', attempts: 10, last_error: '550 mailbox unavailable' }).where('id', '=', id).execute();
    const animator = await agentFor(app, 'animator');
    const page = await animator.get(`/admin/courriels/${id}`);
    expect(textOf(page.body)).toContain('550 mailbox unavailable');
    const res = await animator.submit(`/admin/courriels/${id}`, `/admin/courriels/${id}/renvoyer`, {});
    expect(res.statusCode).toBe(303);
    const after = await animator.follow(res);
    expect(textOf(after.body)).toContain('Le courriel est de nouveau en attente');
    const row = await app.platform.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(0);
  });

  it('shows sign-in links in the outbox to admins only when no mail can leave, so that the demo works offline', async () => {
    const id = await enqueue(app, { ...hostile, subject: 'Votre lien de connexion', text: 'Lien : http://palabre.test/connexion/lien/abc', category: 'auth.signin' });
    const page = await (await agentFor(app, 'admin')).get(`/admin/courriels/${id}`);
    expect(textOf(page.body)).toContain('/connexion/lien/abc');
  });

  it('hides the body of every authentication mail from animators: they see it exists, never its link', async () => {
    const id = await enqueue(app, { ...hostile, subject: 'Votre lien de connexion', text: 'Lien : http://palabre.test/connexion/lien/lien-de-l-admin', category: 'auth.signin' });
    const animator = await agentFor(app, 'animator');
    expect(textOf((await animator.get('/admin/courriels')).body)).toContain('Votre lien de connexion');
    const page = await animator.get(`/admin/courriels/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('lien-de-l-admin');
    expect(page.body).not.toContain('/apercu');
    expect(textOf(page.body)).toContain('lien de connexion personnel');
    expect((await animator.get(`/admin/courriels/${id}/apercu`)).statusCode).toBe(404);
    // Other mail stays readable to them.
    const other = await enqueue(app, { ...hostile, subject: 'Inscription confirmée' });
    expect(textOf((await animator.get(`/admin/courriels/${other}`)).body)).toContain('votre inscription est confirmée');
  });
});

describeEachDatabase('admin pages with SMTP', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  it('hides the body of a sign-in message from animators when a real server delivers mail', async () => {
    const id = await enqueue(app, { ...hostile, subject: 'Votre lien de connexion', text: 'Lien : http://palabre.test/connexion/lien/secret-token', category: 'auth.signin' });
    const animator = await agentFor(app, 'animator');
    const page = await animator.get(`/admin/courriels/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('secret-token');
    expect(textOf(page.body)).toContain('lien de connexion personnel');
    expect((await animator.get(`/admin/courriels/${id}/apercu`)).statusCode).toBe(404);
    expect(textOf((await animator.get('/admin')).body)).toContain('Les courriels partent par le serveur SMTP configuré.');
  });
});
