import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { parisDay } from '../platform/format.ts';
import { confirmSend, createCampaign, dbOf, hiddenFields, reachScheduledTime, seedSubscribers, shownCount, signedIn } from './newsletter.test-helpers.ts';

/** The confirmation step, the audience and the schedule, driven by hand (no workers): jobs run when the test says. */
describeEachDatabase('newsletter confirmation, audience and schedule', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let animator: Agent;
  const received = (subject: string) => sink.messages.filter((m) => m.subject === subject).map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address!);
  const campaign = (id: string) => dbOf(app).selectFrom('newsletter_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Runs every due job and hands every queued message to the SMTP sink. */
  const deliver = async () => {
    await app.platform.jobs.runner.drain();
    await app.platform.mail.sender!.flush();
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url } });
    animator = await signedIn(app, 'animation@example.org', 'animator');
    const themes = app.services.catalog.service.themes;
    await themes.upsert({ slug: 'pcaet-climat', name: { fr: 'PCAET / climat', en: 'Climate plans' }, description: { fr: '', en: '' } });
    await themes.upsert({ slug: 'participation-citoyenne', name: { fr: 'Participation citoyenne', en: 'Citizen participation' }, description: { fr: '', en: '' } });
    // Who is subscribed: the audience tests below count on these.
    await seedSubscribers(app, 3, 'climat-nord', { themes: '["pcaet-climat"]', territory: '59' });
    await seedSubscribers(app, 2, 'climat-somme', { themes: '["participation-citoyenne","pcaet-climat"]', territory: '80' });
    await seedSubscribers(app, 2, 'participation-nord', { themes: '["participation-citoyenne"]', territory: '59' });
    await seedSubscribers(app, 1, 'sans-choix');
    await seedSubscribers(app, 1, 'climat-desinscrit', { themes: '["pcaet-climat"]', status: 'unsubscribed' });
    await seedSubscribers(app, 1, 'climat-rebond', { themes: '["pcaet-climat"]', status: 'bounced' });
    await seedSubscribers(app, 1, 'climat-attente', { themes: '["pcaet-climat"]', status: 'pending' });
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  describe('the confirmation step', () => {
    it('sends nothing when the send form is posted without going through the confirmation step', async () => {
      const id = await createCampaign(animator, 'Lettre sans confirmation');
      const res = await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}/envoyer`, { when: '' });
      // Sent back to the confirmation step, which only shows.
      expect(res.statusCode).toBe(303);
      expect(String(res.headers.location)).toBe(`/admin/lettre/${id}/envoyer?when=`);
      const page = await animator.get(String(res.headers.location));
      expect(textOf(page.body)).toContain("Confirmer l'envoi de la lettre");
      expect(textOf(page.body)).toContain('Lettre sans confirmation');
      expect(textOf(page.body)).toContain('tous les abonné·es');
      await deliver();
      expect(received('Lettre sans confirmation')).toHaveLength(0);
      expect((await campaign(id)).status).toBe('draft');
      expect(await dbOf(app).selectFrom('jobs').select('id').where('kind', '=', 'newsletter.send').where('payload', 'like', `%${id}%`).execute()).toHaveLength(0);
    });

    it('refuses a confirmation of a draft changed since the page was shown, and shows the new count', async () => {
      const id = await createCampaign(animator, 'Lettre changée');
      const page = await animator.get(`/admin/lettre/${id}/envoyer?when=`);
      expect(shownCount(page.body)).toBe(8);
      // Someone narrows the audience in another tab.
      await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}`, { subject: 'Lettre changée', intro: 'Bonjour', territories: '80' });
      const stale = await animator.post(`/admin/lettre/${id}/envoyer`, hiddenFields(page.body));
      expect(stale.statusCode).toBe(409);
      expect(textOf(stale.body)).toContain('La lettre a été modifiée');
      expect(shownCount(stale.body)).toBe(2);
      await deliver();
      expect(received('Lettre changée')).toHaveLength(0);
      expect((await campaign(id)).status).toBe('draft');
    });

    it('says so and offers no button when nobody is in the audience', async () => {
      const id = await createCampaign(animator, 'Lettre pour personne', { territories: ['02'] });
      const page = await animator.get(`/admin/lettre/${id}/envoyer?when=`);
      expect(textOf(page.body)).toContain('Personne ne correspond à ces destinataires');
      expect(page.body).not.toContain('name="confirm"');
    });

    it('keeps the test send to oneself one click away, without the confirmation step', async () => {
      const id = await createCampaign(animator, 'Lettre testée');
      await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}/test`, { to: 'animation@example.org' });
      await app.platform.mail.sender!.flush();
      const test = sink.to('animation@example.org').find((m) => m.subject === '[Test] Lettre testée')!;
      // Its personal links (no token for a tester) lead to the newsletter's page, which answers.
      const links = (test.text ?? '').match(/http:\/\/palabre\.test\/lettre\S*/g) ?? [];
      expect(links.length).toBeGreaterThanOrEqual(3);
      for (const url of links) expect((await new Agent(app.server).get(url.replace('http://palabre.test', ''))).statusCode, url).toBe(200);
      // Nobody else received it, and the issue is still a draft.
      expect(received('Lettre testée')).toEqual([]);
      expect((await campaign(id)).status).toBe('draft');
    });
  });

  describe('the audience', () => {
    it('reaches, by theme, only the confirmed subscribers following it: as many as the confirmation step showed', async () => {
      const id = await createCampaign(animator, 'Lettre climat', { themes: ['pcaet-climat'] });
      const shown = await confirmSend(animator, id);
      await deliver();
      const to = received('Lettre climat').sort();
      expect(to).toEqual(['climat-nord0@example.org', 'climat-nord1@example.org', 'climat-nord2@example.org', 'climat-somme0@example.org', 'climat-somme1@example.org']);
      expect(shown).toBe(to.length);
      expect((await campaign(id)).recipients).toBe(to.length);
    });

    it('reaches, by territory and theme together, only the people meeting both', async () => {
      const byTerritory = await createCampaign(animator, 'Lettre Nord', { territories: ['59'] });
      const both = await createCampaign(animator, 'Lettre participation Nord', { themes: ['participation-citoyenne'], territories: ['59'] });
      expect(await confirmSend(animator, byTerritory)).toBe(5);
      expect(await confirmSend(animator, both)).toBe(2);
      await deliver();
      expect(received('Lettre Nord')).toHaveLength(5);
      expect(received('Lettre Nord').every((a) => a.includes('-nord'))).toBe(true);
      expect(received('Lettre participation Nord').sort()).toEqual(['participation-nord0@example.org', 'participation-nord1@example.org']);
    });

    it('lets a subscriber choose a territory when subscribing and change themes and territory from the link in each issue', async () => {
      const visitor = new Agent(app.server);
      await visitor.submit('/lettre', '/lettre', { email: 'choix@example.org', themes: 'pcaet-climat', territory: '62', consent: 'oui' });
      const row = await dbOf(app).selectFrom('newsletter_subscribers').selectAll().where('email', '=', 'choix@example.org').executeTakeFirstOrThrow();
      expect(row.territory).toBe('62');
      expect(JSON.parse(row.themes)).toEqual(['pcaet-climat']);

      // The link in each issue, as a subscriber follows it.
      const issue = sink.to('climat-nord1@example.org').find((m) => m.subject === 'Lettre climat')!;
      const path = /http:\/\/palabre\.test(\/lettre\/preferences\/[A-Za-z0-9_-]+)/.exec(issue.text ?? '')![1]!;
      const token = path.split('/').pop()!;
      const subscriber = () => dbOf(app).selectFrom('newsletter_subscribers').selectAll().where('token', '=', token).executeTakeFirstOrThrow();
      const before = await subscriber();
      const reader = new Agent(app.server);
      const page = await reader.get(path);
      expect(page.statusCode).toBe(200);
      expect(textOf(page.body)).toContain('Mes thématiques et mon territoire');
      expect(page.body).toMatch(/<option value="59" selected/);
      const saved = await reader.submit(path, path, { themes: ['participation-citoyenne'], territory: '60' });
      expect(saved.statusCode).toBe(303);
      expect(textOf((await reader.follow(saved)).body)).toContain('Vos choix sont enregistrés');
      const after = await subscriber();
      expect(after.territory).toBe('60');
      expect(JSON.parse(after.themes)).toEqual(['participation-citoyenne']);
      // Put back as it was, for the counts of the other tests.
      await dbOf(app).updateTable('newsletter_subscribers').set({ themes: before.themes, territory: before.territory }).where('token', '=', token).execute();
    });
  });

  describe('scheduling', () => {
    const tomorrowAtNine = () => `${parisDay(new Date(Date.now() + 86400_000))}T09:00`;

    it('sends a scheduled issue at its time, through the jobs, and not before', async () => {
      const id = await createCampaign(animator, 'Lettre programmée', { territories: ['80'] });
      const page = await animator.get(`/admin/lettre/${id}/envoyer?when=${tomorrowAtNine()}`);
      expect(textOf(page.body)).toMatch(/à 9h \(heure de Paris\)/);
      expect(textOf(page.body)).toContain("Programmer l'envoi à 2 personnes");
      expect(await confirmSend(animator, id, tomorrowAtNine())).toBe(2);
      expect((await campaign(id)).status).toBe('scheduled');
      await deliver();
      expect(received('Lettre programmée')).toHaveLength(0);

      await reachScheduledTime(app, id);
      await app.platform.mail.sender!.flush();
      expect(received('Lettre programmée').sort()).toEqual(['climat-somme0@example.org', 'climat-somme1@example.org']);
      expect((await campaign(id)).status).toBe('sent');
    });

    it('sends nothing for a scheduled issue cancelled before its time', async () => {
      const id = await createCampaign(animator, 'Lettre annulée');
      await confirmSend(animator, id, tomorrowAtNine());
      const cancelled = await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}/annuler`, {});
      expect(cancelled.statusCode).toBe(303);
      expect((await campaign(id)).status).toBe('draft');
      // Its job is gone with the schedule.
      const jobs = await app.platform.db.selectFrom('jobs').select('id').where('unique_key', 'like', `newsletter:send:${id}:%`).execute();
      expect(jobs).toEqual([]);
      await reachScheduledTime(app, id);
      await app.platform.mail.sender!.flush();
      expect(received('Lettre annulée')).toHaveLength(0);
      expect((await campaign(id)).status).toBe('draft');
    });

    it('refuses a past or impossible date with a clear message, keeping what was typed', async () => {
      const id = await createCampaign(animator, 'Lettre mal datée');
      for (const [when, message] of [
        ['2020-01-01T09:00', 'Cette date est passée'],
        ['2031-02-30T09:00', 'Indiquez une date et une heure valides'],
        ['demain', 'Indiquez une date et une heure valides'],
      ] as const) {
        const res = await animator.get(`/admin/lettre/${id}/envoyer?when=${encodeURIComponent(when)}`);
        expect(res.statusCode).toBe(400);
        expect(textOf(res.body)).toContain(message);
        expect(res.body).toContain(`value="${when}"`);
      }
      // Not even a forged confirmation gets through.
      const page = await animator.get(`/admin/lettre/${id}/envoyer?when=`);
      const res = await animator.post(`/admin/lettre/${id}/envoyer`, { ...hiddenFields(page.body), when: '2020-01-01T09:00' });
      expect(res.statusCode).toBe(400);
      expect((await campaign(id)).status).toBe('draft');
    });

    it('keeps a scheduled issue as confirmed: its words and audience cannot change until it is cancelled', async () => {
      const id = await createCampaign(animator, 'Lettre figée');
      await confirmSend(animator, id, tomorrowAtNine());
      const edit = await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}`, { subject: 'Autre objet', intro: '' });
      expect(edit.statusCode).toBe(409);
      expect((await campaign(id)).subject).toBe('Lettre figée');
      await animator.submit(`/admin/lettre/${id}`, `/admin/lettre/${id}/annuler`, {});
    });
  });
});
