import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { eventInput, lastMailTo, personalLinkIn, signedIn } from './events.test-helpers.ts';
import type { EventModel } from './events.service.ts';

const validForm = { title: 'Rencontre bornée', startDay: '2027-06-10', startTime: '09:00', status: 'draft', registrationMode: 'open' };

describeEachDatabase('events: hostile and impossible input', (kind) => {
  let app: TestApp;
  let animator: Agent;
  let e: EventModel;
  beforeAll(async () => {
    app = await createTestApp(kind);
    animator = await signedIn(app, 'anim@security.test', { role: 'animator' });
    e = await events().createEvent(eventInput({ title: 'Rencontre thématique', themes: ['mobilite-douce'] }));
  });
  afterAll(() => app?.destroy());
  const events = () => app.services.events.service;
  const visitor = () => new Agent(app.server);

  it('answers an impossible month on /agenda with a 400 page naming the field, twice, never from the cache', async () => {
    for (const mois of ['2027-13', '2027-00', '9999-12', '2027-3']) {
      for (let i = 0; i < 2; i++) {
        const res = await visitor().get(`/agenda?mois=${mois}`);
        expect(res.statusCode, mois).toBe(400);
        expect(res.headers['x-cache']).toBeUndefined();
        expect(textOf(res.body)).toContain('Mois invalide (format AAAA-MM');
        expect(textOf(res.body)).toContain('Rencontre thématique');
      }
    }
    expect((await visitor().get('/agenda?mois=2027-06')).statusCode).toBe(200);
  });

  it('refuses impossible days and times in the event form with a message on the field', async () => {
    for (const [field, value, message] of [
      ['startDay', '2027-02-30', 'Date invalide'],
      ['startDay', '2027-13-45', 'Date invalide'],
      ['startTime', '99:99', 'Heure invalide'],
      ['deadlineDay', '2027-04-31', 'Date invalide'],
      ['programme', '2027-13-45 9h00 Visite', 'date qui n’existe pas'],
    ]) {
      const res = await animator.submit('/admin/rencontres/nouvelle', '/admin/rencontres/nouvelle', { ...validForm, [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(textOf(res.body)).toContain(message);
    }
  });

  it('shows the page of an event whose programme was saved with an impossible day, instead of a 500', async () => {
    const old = await events().createEvent(eventInput({ programme: [{ day: '2027-13-45', time: '09:00', label: 'Visite' }] }));
    const res = await visitor().get(`/agenda/${old.slug}`);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('2027-13-45');
  });

  it('bounds the numbers of the event form and says so', async () => {
    for (const [field, value] of [
      ['capacity', '2147483648'],
      ['capacity', '-3'],
      ['capacity', '1e3'],
      ['maxPlaces', '0x10'],
      ['reminderHours', '99999'],
    ]) {
      const res = await animator.submit('/admin/rencontres/nouvelle', '/admin/rencontres/nouvelle', { ...validForm, [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(textOf(res.body)).toContain('Nombre invalide');
    }
    const over = await animator.submit('/admin/rencontres/nouvelle', '/admin/rencontres/nouvelle', { ...validForm, capacity: '10', membersReserved: '11' });
    expect(over.statusCode).toBe(400);
    expect(textOf(over.body)).toContain('Pas plus de places réservées que la jauge');
  });

  it('bounds the places asked for at registration', async () => {
    for (const places of ['0', '-1', '2147483648', '1.5', '1e0']) {
      const res = await visitor().submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Borné', email: 'borne@security.test', places });
      expect(res.statusCode, places).toBe(400);
      expect(textOf(res.body)).toContain('Nombre invalide');
    }
  });

  it('names the calendar feed after a known theme only, and answers 404 to any other text without caching it', async () => {
    const known = await visitor().get('/agenda.ics?thematique=mobilite-douce');
    expect(known.statusCode).toBe(200);
    expect(known.body).toContain('mobilite-douce');
    expect(known.body).toContain('Rencontre thématique');
    for (let i = 0; i < 2; i++) {
      const res = await visitor().get('/agenda.ics?thematique=Appelez%20le%2008%2099%2099%2099%2099');
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-cache']).toBeUndefined();
      expect(res.headers['content-type']).not.toContain('text/calendar');
      expect(textOf(res.body)).not.toContain('Appelez le');
    }
  });

  it('does not confirm a pending registration when the link is merely opened; the button on the page does', async () => {
    const agent = visitor();
    await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Scannée', email: 'scan@security.test' });
    const link = personalLinkIn((await lastMailTo(app, 'scan@security.test'))!.text_body);
    // A mail gateway opens the link, follows what it is told and stops there.
    const scanner = visitor();
    const opened = await scanner.follow(await scanner.get(link));
    expect(opened.statusCode).toBe(200);
    expect((await events().listRegistrations(e.id)).find((r) => r.email === 'scan@security.test')?.status).toBe('pending');
    expect(textOf(opened.body)).toContain('Confirmer mon inscription');

    const confirmed = await agent.follow(await agent.submit(link, `${link}/confirmer`, {}));
    expect(textOf(confirmed.body)).toContain('Votre inscription est confirmée');
    expect((await events().listRegistrations(e.id)).find((r) => r.email === 'scan@security.test')?.status).toBe('confirmed');
  });

  it("refuses to cancel from an event's page a registration to another event", async () => {
    const other = await events().createEvent(eventInput({ title: 'Autre rencontre' }));
    const outcome = await events().register({ eventId: other.id, event: other, user: null, name: 'Victime', email: 'victime@security.test', organisation: '', places: 1, answers: {}, lang: 'fr' });
    expect(outcome.kind).toBe('pending');
    const [row] = await events().listRegistrations(other.id);
    const res = await animator.submit(`/admin/rencontres/${e.id}`, `/admin/rencontres/${e.id}/inscriptions/${row.id}/annuler`, {});
    expect(res.statusCode).toBe(404);
    expect((await events().listRegistrations(other.id))[0].status).toBe('pending');
    const ok = await animator.submit(`/admin/rencontres/${other.id}`, `/admin/rencontres/${other.id}/inscriptions/${row.id}/annuler`, {});
    expect(ok.statusCode).toBe(303);
  });

  it('sends Cache-Control: no-store on the admin pages, the exports of personal data and the personal page', async () => {
    for (const url of [
      '/admin/rencontres',
      `/admin/rencontres/${e.id}`,
      `/admin/rencontres/${e.id}/modifier`,
      `/admin/rencontres/${e.id}/accueil`,
      `/admin/rencontres/${e.id}/inscrits.csv`,
      `/admin/rencontres/${e.id}/inscrits.xlsx`,
      `/admin/rencontres/${e.id}/emargement.pdf`,
    ]) {
      const res = await animator.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const link = personalLinkIn((await lastMailTo(app, 'scan@security.test'))!.text_body);
    expect((await visitor().get(link)).headers['cache-control']).toBe('no-store');
  });
});
