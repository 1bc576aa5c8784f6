/**
 * Every link of every kind of mail leads somewhere for the person who receives it. The mails are
 * made by the site's own paths (forms, services, jobs) on the demo data, read from the outbox (what
 * the SMTP sender sends), and every link to the site in their text, HTML and list headers is
 * opened as a browser would: without a session (a mail opened on another device), and signed in as
 * the recipient when the address has an account. Each must end, after the site's redirects, on a
 * page answering 200 (a sign-in page counts for the first).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { Agent, textOf } from './agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from './harness.ts';
import { loadDemo } from '../src/demo/demo.ts';
import { SESSION_COOKIE } from '../src/platform/http/server.ts';
import type { PlatformTables } from '../src/platform/platform.tables.ts';
import { periodsOf } from '../src/network/network.digests.ts';
import { eventInput, registerAnonymously } from '../src/events/events.test-helpers.ts';
import { JOB_REMINDER } from '../src/events/events.service.ts';
import { confirmSend } from '../src/newsletter/newsletter.test-helpers.ts';
import { postMultipart } from '../src/network/network.test-helpers.ts';

const SITE = 'http://palabre.test';
type Db = Kysely<PlatformTables & { users: { id: string; email: string }; network_requests: { id: string; email: string } }>;

/** The site's addresses in a mail: its text, the links of its HTML, its List-* headers. */
function siteLinks(mail: { text_body: string; html_body: string; headers: string }): string[] {
  const found = [
    ...[...mail.text_body.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]),
    ...[...mail.html_body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')),
    ...Object.values(JSON.parse(mail.headers || '{}') as Record<string, string>).flatMap((v) => [...String(v).matchAll(/<(https?:[^>]+)>/g)].map((m) => m[1]!)),
  ].map((m) => String(m).replace(/[.,;:!?)»]+$/, ''));
  return [...new Set(found.filter((u) => u.startsWith(`${SITE}/`) || u === SITE))];
}

describeEachDatabase('links in mails', (kind) => {
  let app: TestApp;
  const db = () => app.platform.db as unknown as Db;
  const sessionOf = async (email: string) => {
    const user = await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (!user) return null;
    const agent = new Agent(app.server);
    agent.cookies.set(SESSION_COOKIE, await app.services.accounts.service.openSession(user.id, 'test'));
    return agent;
  };

  beforeAll(async () => {
    app = await createTestApp(kind);
    await loadDemo(app);
    const animator = (await sessionOf('animation@palabre.test'))!;
    const member = (await sessionOf('membre@palabre.test'))!;

    // Accounts: a sign-in link, a new account's confirmation.
    await new Agent(app.server).submit('/connexion', '/connexion/lien', { email: 'membre@palabre.test' });
    await new Agent(app.server).submit('/compte/creer', '/compte/creer', { name: 'Noé Nouveau', email: 'noe@exemple.fr', password: '', lang: 'fr' });
    // A password changed: the notice to the account's address.
    const noPassword = (await sessionOf('lea.martin@mairie-amiens.example'))!;
    await noPassword.submit('/compte', '/compte/mot-de-passe', { password: 'un mot de passe solide', confirm: 'un mot de passe solide' });

    // Network: a request confirmed by mail, the animators' notice, the welcome; a contact; a list post, a digest.
    const visitor = new Agent(app.server);
    await visitor.submit('/reseau/adhesion', '/reseau/adhesion', {
      name: 'Jeanne Lien',
      email: 'jeanne@exemple.fr',
      role: 'technicien',
      org_name: 'Ville de Liens',
      org_type: 'collectivite',
      territory: 'commune:80021',
      motivation: 'Suivre la liste.',
      directory: 'oui',
      charter: 'oui',
      action: 'join',
    });
    const confirm = /\/reseau\/adhesion\/confirmer\/[A-Za-z0-9_-]+/.exec((await mailTo('jeanne@exemple.fr')).text_body)![0];
    await visitor.submit(confirm, confirm, {});
    const request = await db().selectFrom('network_requests').select('id').where('email', '=', 'jeanne@exemple.fr').executeTakeFirstOrThrow();
    await animator.submit('/admin/reseau', `/admin/reseau/demandes/${request.id}`, { decision: 'approve', message: 'Bienvenue !' });
    const directory = await member.get('/reseau/membres');
    const contact = /href="(\/reseau\/membres\/[0-9a-z]+\/contact)"/.exec(directory.body)![1]!;
    await member.submit(contact, contact, { subject: 'Bonjour', message: 'Un mot entre membres.' });
    await member.submit('/reseau/preferences', '/reseau/preferences', { delivery: 'daily', directory: 'oui' });
    const posted = await postMultipart(member, app, '/reseau/liste/nouveau', '/reseau/liste/nouveau', { title: 'Liens de la liste', body: 'Un message pour tous.' });
    expect(posted.statusCode).toBe(303);
    await app.services.network.service.sendDigest(periodsOf(new Date().toISOString())[0]!);

    // Newsletter: a subscription to confirm, an issue sent to the subscribers, a test send.
    await new Agent(app.server).submit('/lettre', '/lettre', { email: 'lectrice@exemple.fr', consent: 'oui' });
    const created = await animator.submit('/admin/lettre/nouvelle', '/admin/lettre/nouvelle', {
      subject: 'Lettre aux liens',
      intro: 'Bonjour à toutes et à tous.',
      extra: 'Retours d’expériences | /ressources/retours-d-experiences-projets-d-energie-renouvelable-citoyens | Des projets citoyens',
    });
    const issue = String(created.headers.location).split('/').pop()!;
    await animator.submit(`/admin/lettre/${issue}`, `/admin/lettre/${issue}/test`, { to: 'animation@palabre.test' });
    await confirmSend(animator, issue);
    await app.platform.jobs.runner.drain();

    // Events: registrations with and without an account, the waiting list, an invitation, a move, the reminder.
    const events = app.services.events.service;
    const e = await events.createEvent(eventInput({ title: 'Rencontre aux liens', capacity: 1, reminderHours: 24 }));
    await member.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Dominique Membre' });
    const { link } = await registerAnonymously(app, e.slug, { name: 'Paul Attente', email: 'paul@exemple.fr' });
    expect(link).toMatch(/inscription/);
    const invitation = await events.createEvent(eventInput({ title: 'Séminaire aux liens', registrationMode: 'invitation' }));
    await events.invite(invitation.id, [{ email: 'invitee@exemple.fr', name: 'Inès Invitée', organisation: 'CC du Vimeu' }]);
    await events.updateEvent(e.id, { ...e, startsAt: e.startsAt.replace('2027-06-10', '2027-06-17'), endsAt: e.endsAt.replace('2027-06-10', '2027-06-17') });
    await app.platform.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('kind', '=', JOB_REMINDER)
      .where('status', '=', 'pending')
      .execute();
    await app.platform.jobs.runner.drain();
  });
  afterAll(() => app?.destroy());

  async function mailTo(to: string) {
    return db().selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  }

  /** Opens an address like a browser, following the site's redirects; the last answer. */
  async function open(agent: Agent, url: string) {
    let res = await agent.get(url.slice(SITE.length) || '/');
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 5; hops++) {
      const next = new URL(String(res.headers.location), SITE);
      expect(next.origin, `${url} redirects off the site`).toBe(SITE);
      res = await agent.get(next.pathname + next.search);
    }
    return res;
  }

  it('made every kind of mail the site sends', async () => {
    const categories = new Set((await db().selectFrom('mail_outbox').select('category').execute()).map((m) => m.category));
    for (const c of ['auth.signin', 'accounts', 'network-join', 'network-contact', 'network-list', 'network-digest', 'newsletter', 'newsletter-confirm', 'events'])
      expect([...categories]).toContain(c);
  });

  it('opens every link of every mail, signed in as its recipient or not, on a page that answers 200', async () => {
    const mails = await db().selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    const failures: string[] = [];
    const seen = new Set<string>();
    let checked = 0;
    for (const mail of mails) {
      const recipient = await sessionOf(mail.to_address);
      for (const url of siteLinks(mail)) {
        // Links alike but for a token (one per subscriber) are opened for a few recipients, not all.
        const shape = `${mail.category} ${url.replace(/[A-Za-z0-9_-]{16,}/g, '…')}`;
        if (seen.has(`${shape} ${mail.to_address}`) || [...seen].filter((s) => s.startsWith(`${shape} `)).length >= 3) continue;
        seen.add(`${shape} ${mail.to_address}`);
        checked++;
        for (const [who, agent] of [
          ['anonymous', new Agent(app.server)],
          ['recipient', recipient],
        ] as const) {
          if (!agent) continue;
          const res = await open(agent, url);
          if (res.statusCode !== 200) failures.push(`${res.statusCode} ${url} (${who}, « ${mail.subject} » to ${mail.to_address}): ${textOf(res.body).slice(0, 120)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('leads the preferences link of list mails to the member preferences, where delivery is chosen', async () => {
    const post = await db().selectFrom('mail_outbox').selectAll().where('category', '=', 'network-list').executeTakeFirstOrThrow();
    const url = siteLinks(post).find((u) => /préférences|preferences/.test(u))!;
    expect(url).toBe(`${SITE}/reseau/preferences`);
    const page = await open((await sessionOf(post.to_address))!, url);
    expect(textOf(page.body)).toContain('Un résumé quotidien');
  });
});
