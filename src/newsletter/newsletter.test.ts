import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { confirmSend, createCampaign, type Db, seedSubscribers, signedIn } from './newsletter.test-helpers.ts';

/** A header as written on the wire (mailparser turns List-* headers into objects). */
function rawHeader(m: ParsedMail, name: string): string {
  const line = m.headerLines.find((h) => h.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

describeEachDatabase('newsletter', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let animator: Agent;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url }, workers: true });
    animator = await signedIn(app, 'animation@example.org', 'animator');
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  describe('subscription with double opt-in', () => {
    it('subscribes only once the link mailed to the address is confirmed, and keeps the proof of consent', async () => {
      const visitor = new Agent(app.server);
      const res = await visitor.submit('/lettre', '/lettre', { email: 'Camille@Example.org', consent: 'oui' });
      expect(res.statusCode).toBe(303);
      expect(textOf((await visitor.follow(res)).body)).toContain('un e-mail de confirmation vient de lui être envoyé');

      const mail = await sink.waitForTo('camille@example.org');
      expect(mail.subject).toContain('Confirmez votre abonnement');
      const link = /http:\/\/palabre\.test(\/lettre\/confirmer\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
      const db = app.platform.db as unknown as Db;
      expect((await db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', 'camille@example.org').executeTakeFirstOrThrow()).status).toBe('pending');

      // Opening the link (as a mail scanner would) changes nothing; the button does.
      expect(textOf((await visitor.get(link)).body)).toContain('Je confirme mon abonnement');
      const confirmed = await visitor.submit(link, link, {});
      expect(textOf(confirmed.body)).toContain('Votre abonnement est confirmé');
      const row = await db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', 'camille@example.org').executeTakeFirstOrThrow();
      expect(row.status).toBe('confirmed');
      expect(row.confirmed_at).toBeTruthy();
      expect(row.consent_text).toContain("J'accepte de recevoir la lettre");
      expect(row.consent_source).toBe('formulaire /lettre');

      // A second click on the same link says so, and changes nothing.
      const again = await visitor.post(link, { _csrf: /name="_csrf" value="([^"]+)"/.exec((await visitor.get('/lettre')).body)![1]! });
      expect(textOf(again.body)).toContain('déjà confirmé');
    });

    it('refuses a forged confirmation link with a clear message', async () => {
      const res = await new Agent(app.server).get('/lettre/confirmer/forgedforgedforgedforgedforged');
      expect(res.statusCode).toBe(404);
      expect(textOf(res.body)).toContain("Ce lien de confirmation n'est pas valide");
      const garbage = await new Agent(app.server).get('/lettre/confirmer/%3Cscript%3E');
      expect(garbage.statusCode).toBe(404);
    });

    it('re-renders the form with the address kept when consent is missing or the address is wrong', async () => {
      const visitor = new Agent(app.server);
      const noConsent = await visitor.submit('/lettre', '/lettre', { email: 'dominique@example.org' });
      expect(noConsent.statusCode).toBe(400);
      expect(textOf(noConsent.body)).toContain('Cochez la case');
      expect(noConsent.body).toContain('value="dominique@example.org"');
      const bad = await visitor.submit('/lettre', '/lettre', { email: 'pas-une-adresse', consent: 'oui' });
      expect(bad.statusCode).toBe(400);
      expect(textOf(bad.body)).toContain('Adresse e-mail invalide');
      expect(bad.body).toContain('value="pas-une-adresse"');
    });
  });

  describe('sending a campaign', () => {
    it('delivers a newsletter to 1,000 subscribers once each, with working one-click unsubscribe headers', async () => {
      const subscribers = await seedSubscribers(app, 1000, 'abonne');
      const before = sink.messages.length;
      const id = await createCampaign(animator, 'Lettre de novembre');
      // The confirmation step counts the 1,000 seeded subscribers and the one who confirmed through the form above.
      expect(await confirmSend(animator, id)).toBe(1001);

      const deadline = Date.now() + 90_000;
      while (sink.messages.length - before < 1001 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      // A little longer, to catch any duplicate that would arrive late.
      await new Promise((r) => setTimeout(r, 1500));
      const all = sink.messages.slice(before).filter((m) => m.subject === 'Lettre de novembre');
      // The 1,000 seeded subscribers, and the one who confirmed through the form above.
      expect(all).toHaveLength(1001);
      const received = all.filter((m) => /^abonne\d+@/.test((Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address!));
      const perAddress = new Map<string, number>();
      for (const m of received) {
        const to = (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address!;
        perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      }
      expect(perAddress.size).toBe(1000);
      expect([...perAddress.values()].every((n) => n === 1)).toBe(true);

      const tokens = new Map(subscribers.map((s) => [s.email, s.token]));
      for (const m of received) {
        const to = (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address!;
        const header = rawHeader(m, 'list-unsubscribe');
        expect(header).toMatch(/^<http:\/\/palabre\.test\/lettre\/desinscription\/[A-Za-z0-9_-]+>, <mailto:[^>]+>$/);
        expect(header).toContain(`/lettre/desinscription/${tokens.get(to)}>`);
        expect(rawHeader(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
        expect(m.text).toContain(`/lettre/desinscription/${tokens.get(to)}`);
        expect(m.html || '').not.toMatch(/<img/i);
      }

      // RFC 8058: the mail client posts without cookies or CSRF token.
      const url = /<http:\/\/palabre\.test([^>]+)>/.exec(rawHeader(received[0]!, 'list-unsubscribe'))![1]!;
      const oneClick = await app.server.inject({ method: 'POST', url, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(oneClick.statusCode).toBe(200);
      const db = app.platform.db as unknown as Db;
      const token = url.split('/').pop()!;
      expect((await db.selectFrom('newsletter_subscribers').select('status').where('token', '=', token).executeTakeFirstOrThrow()).status).toBe('unsubscribed');

      // The issue is in the public archive and the campaign is marked sent.
      const archive = await new Agent(app.server).get('/lettre/archives');
      expect(textOf(archive.body)).toContain('Lettre de novembre');
      const campaign = await db.selectFrom('newsletter_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(campaign.status).toBe('sent');
      expect(campaign.recipients).toBe(1000 + 1); // the subscriber confirmed in the opt-in test
    });
  });
});

describeEachDatabase('newsletter sending without workers', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let animator: Agent;
  const db = () => app.platform.db as unknown as Db;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url } });
    animator = await signedIn(app, 'animation@example.org', 'animator');
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  it('unsubscribing is immediate: a message still waiting in the outbox is not sent', async () => {
    const subs = await seedSubscribers(app, 3, 'immediat');
    const id = await createCampaign(animator, 'Lettre immédiate');
    await confirmSend(animator, id);
    await app.platform.jobs.runner.drain();
    expect(await db().selectFrom('mail_outbox').select('id').where('dedupe_key', 'like', `newsletter:${id}:%`).execute()).toHaveLength(3);

    const page = await new Agent(app.server).get(`/lettre/desinscription/${subs[0]!.token}`);
    expect(textOf(page.body)).toContain('immediat0@example.org');
    const done = await new Agent(app.server).submit(`/lettre/desinscription/${subs[0]!.token}`, `/lettre/desinscription/${subs[0]!.token}/confirmer`, {});
    expect(textOf(done.body)).toContain('vous êtes désinscrit·e');

    await app.platform.mail.sender!.flush();
    expect(sink.to('immediat0@example.org')).toHaveLength(0);
    expect(sink.to('immediat1@example.org')).toHaveLength(1);
    expect(sink.to('immediat2@example.org')).toHaveLength(1);
  });

  it('a replayed batch after a crash puts no second message in the outbox', async () => {
    await seedSubscribers(app, 5, 'rejeu');
    const id = await createCampaign(animator, 'Lettre rejouée');
    await confirmSend(animator, id);
    await app.platform.jobs.runner.drain();
    const count = async () => (await db().selectFrom('mail_outbox').select('id').where('dedupe_key', 'like', `newsletter:${id}:%`).execute()).length;
    const first = await count();
    // The job ran but the process "died" before marking it done: the same payload runs again.
    await app.services.newsletter.service.sendBatch({ campaignId: id, start: true });
    await app.services.newsletter.service.sendBatch({ campaignId: id, after: null });
    expect(await count()).toBe(first);
  });

  it('stops sending to imported hard bounces', async () => {
    await seedSubscribers(app, 2, 'rebond');
    const res = await animator.submit('/admin/lettre', '/admin/lettre/rebonds', { addresses: 'Final-Recipient: rfc822; rebond0@example.org\nStatus: 5.1.1' });
    expect(textOf(res.body)).toContain('1 adresse(s) arrêtée(s) sur 1 trouvée(s)');
    const id = await createCampaign(animator, 'Lettre après rebonds');
    await confirmSend(animator, id);
    await app.platform.jobs.runner.drain();
    await app.platform.mail.sender!.flush();
    expect(sink.to('rebond0@example.org').filter((m) => m.subject === 'Lettre après rebonds')).toHaveLength(0);
    expect(sink.to('rebond1@example.org').filter((m) => m.subject === 'Lettre après rebonds')).toHaveLength(1);
  });

  it('exports only people who confirmed their consent', async () => {
    await new Agent(app.server).submit('/lettre', '/lettre', { email: 'pas-confirme@example.org', consent: 'oui' });
    const csv = await animator.get('/admin/lettre/abonnes.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('immediat1@example.org');
    expect(csv.body).not.toContain('pas-confirme@example.org');
    expect(csv.body).not.toContain('immediat0@example.org');
  });

  it('previews a campaign in the browser and sends a test e-mail to the animator', async () => {
    const id = await createCampaign(animator, 'Lettre en aperçu');
    const preview = await animator.get(`/admin/lettre/${id}/apercu`);
    expect(textOf(preview.body)).toContain('Guide de la concertation');
    await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}/test`, { to: 'animation@example.org' });
    await app.platform.mail.sender!.flush();
    expect(sink.to('animation@example.org').some((m) => m.subject === '[Test] Lettre en aperçu')).toBe(true);
  });

  it('keeps the campaigns away from members and visitors', async () => {
    expect((await (await signedIn(app, 'membre@example.org')).get('/admin/lettre')).statusCode).toBe(403);
    expect((await new Agent(app.server).get('/admin/lettre')).statusCode).toBeGreaterThanOrEqual(300);
    expect((await new Agent(app.server).get('/admin/lettre/abonnes.csv')).statusCode).not.toBe(200);
  });
});
