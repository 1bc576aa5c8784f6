import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { confirmByLink, eventInput, lastMailTo, mailsTo, personalLinkIn, registerAnonymously, signedIn } from './events.test-helpers.ts';
import { parseQuestions } from './events.schema.ts';

describeEachDatabase('events: registration', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url }, workers: true });
    // Refusal pages carry no form: the CSRF token of a refused submission comes from an open form.
    formPage = `/agenda/${(await app.services.events.service.createEvent(eventInput({ title: 'Formulaire ouvert' }))).slug}/inscription`;
  });
  let formPage = '';
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });
  const events = () => app.services.events.service;

  it('registers a visitor without an account once the mailed link is opened, and mails a confirmation with an .ics', async () => {
    const e = await events().createEvent(eventInput({ title: 'Journée PCAET & participation citoyenne' }));
    const agent = new Agent(app.server);
    const res = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Claire Martin', email: 'Claire.Martin@Example.org', organisation: 'CC du Vimeu' });
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Vérifiez votre boîte mail');
    // Not confirmed yet: no seat taken.
    expect((await events().availability(e)).taken).toBe(0);

    const mail = await sink.waitFor((m) => m.subject === `Confirmez votre inscription : ${e.title}`.replace(' :', '\u00a0:'));
    const link = personalLinkIn(mail.text!);
    const opened = await confirmByLink(agent, link);
    expect(textOf(opened.body)).toContain('Votre inscription est confirmée');
    expect((await events().availability(e)).taken).toBe(1);

    const confirmation = await sink.waitFor((m) => m.subject?.startsWith('Inscription confirmée') === true && m.text!.includes('Claire Martin'));
    const ics = confirmation.attachments.find((a) => a.filename?.endsWith('.ics'));
    expect(ics?.content.toString()).toContain('BEGIN:VEVENT');
    expect(confirmation.attachments.some((a) => a.contentType === 'image/png')).toBe(true);
    expect(confirmation.text).toContain('Un clic libère votre place');
  });

  it('gives one registration and a clear message when the same address registers twice', async () => {
    const e = await events().createEvent(eventInput());
    const fields = { name: 'Sam Double', email: 'sam@example.org', organisation: '' };
    const first = await registerAnonymously(app, e.slug, fields);
    expect(textOf(first.confirmed.body)).toContain('confirmée');
    const again = await new Agent(app.server).submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { ...fields, email: 'SAM@example.org ' });
    expect(again.statusCode).toBe(409);
    expect(textOf(again.body)).toContain('Vous êtes déjà inscrit·e');
    const rows = await events().listRegistrations(e.id);
    expect(rows).toHaveLength(1);
    expect((await events().availability(e)).taken).toBe(1);
  });

  it('puts people on the waiting list in order when full, and promotes the first one by mail when a seat is freed', async () => {
    const e = await events().createEvent(eventInput({ capacity: 2 }));
    const a = await signedIn(app, 'wl-a@example.org', { name: 'Alice' });
    const b = await signedIn(app, 'wl-b@example.org', { name: 'Bruno' });
    const c = await signedIn(app, 'wl-c@example.org', { name: 'Chloé' });
    const d = await signedIn(app, 'wl-d@example.org', { name: 'Driss' });
    for (const [agent, name] of [
      [a, 'Alice'],
      [b, 'Bruno'],
      [c, 'Chloé'],
      [d, 'Driss'],
    ] as const) {
      const res = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name });
      expect(res.statusCode).toBe(303);
    }
    const page = await c.follow(await c.get(`/agenda/${e.slug}/inscription`));
    expect(textOf(page.body)).toContain("Vous êtes sur la liste d'attente, en position 1");
    const dPage = await d.follow(await d.get(`/agenda/${e.slug}/inscription`));
    expect(textOf(dPage.body)).toContain('en position 2');
    expect(textOf((await new Agent(app.server).get(`/agenda/${e.slug}`)).body)).toContain('Complet');

    // Alice cannot come: Chloé gets the seat and a mail, Driss moves up.
    const aliceLink = personalLinkIn((await lastMailTo(app, 'wl-a@example.org'))!.text_body);
    const cancelled = await a.submit(`${aliceLink}/annuler`, `${aliceLink}/annuler`, {});
    expect(cancelled.statusCode).toBe(303);
    const promoted = await sink.waitFor((m) => m.subject?.startsWith('Une place s’est libérée') === true && m.text!.includes('Chloé'));
    expect(promoted.attachments.some((x) => x.filename?.endsWith('.ics'))).toBe(true);
    const statuses = Object.fromEntries((await events().listRegistrations(e.id)).map((r) => [r.name, [r.status, r.position]]));
    expect(statuses).toEqual({ Alice: ['cancelled', null], Bruno: ['confirmed', null], Chloé: ['confirmed', null], Driss: ['waiting', 1] });
  });

  it('holds a freed seat for the first waiting person during the offer period, then offers it to the next', async () => {
    const e = await events().createEvent(eventInput({ capacity: 1, offerHours: 48 }));
    const ids: Record<string, string> = {};
    for (const name of ['Un', 'Deux', 'Trois']) {
      const out = await events().register({ eventId: e.id, user: null, name, email: `${name}@offer.test`, organisation: '', places: 1, answers: {}, lang: 'fr' });
      expect(out.kind).toBe('pending');
      if (out.kind !== 'pending') throw new Error();
      ids[name] = out.registration.id;
      await events().confirmAddress(out.token);
    }
    await events().cancelRegistration(ids.Un, 'person');
    const offered = (await events().listRegistrations(e.id)).find((r) => r.name === 'Deux')!;
    expect(offered.status).toBe('offered');
    expect((await lastMailTo(app, 'deux@offer.test'))!.subject).toContain('Une place vous attend');
    // Nobody else gets the held seat meanwhile.
    expect((await events().availability(e)).remaining).toBe(0);
    // The offer lapses: the durable job gives it to the next person.
    await app.platform.db
      .updateTable('event_registrations')
      .set({ offer_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', offered.id)
      .execute();
    await app.platform.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('kind', '=', 'events.offerExpiry')
      .execute();
    await app.platform.jobs.runner.drain();
    const after = Object.fromEntries((await events().listRegistrations(e.id)).map((r) => [r.name, r.status]));
    expect(after).toMatchObject({ Deux: 'expired', Trois: 'offered' });
  });

  it('refuses after the deadline with a clear message', async () => {
    const e = await events().createEvent(eventInput({ deadline: new Date(Date.now() - 3600_000).toISOString() }));
    const page = await new Agent(app.server).get(`/agenda/${e.slug}`);
    expect(textOf(page.body)).toContain('Inscriptions closes');
    const res = await new Agent(app.server).submit(formPage, `/agenda/${e.slug}/inscription`, { name: 'Tardif', email: 'tard@example.org' });
    expect(res.statusCode).toBe(409);
    expect(textOf(res.body)).toContain("la date limite d'inscription est passée");
    expect(await events().listRegistrations(e.id)).toHaveLength(0);
  });

  it('refuses a members-only event to visitors and non-members, and accepts a member', async () => {
    const e = await events().createEvent(eventInput({ registrationMode: 'members', title: 'Voyage apprenant Pays de la Loire' }));
    const anon = await new Agent(app.server).submit(formPage, `/agenda/${e.slug}/inscription`, { name: 'Anonyme', email: 'anon@example.org' });
    expect(anon.statusCode).toBe(403);
    expect(textOf(anon.body)).toContain('réservée aux membres du réseau');
    const visitor = await signedIn(app, 'pas-membre@example.org');
    const refused = await visitor.submit(formPage, `/agenda/${e.slug}/inscription`, { name: 'Pas Membre' });
    expect(refused.statusCode).toBe(403);
    const member = await signedIn(app, 'membre@example.org', { membership: 'approved' });
    const ok = await member.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Dominique Membre' });
    expect(ok.statusCode).toBe(303);
    expect(textOf((await member.follow(ok)).body)).toContain('Votre inscription est confirmée');
  });

  it('refuses the form on an invitation-only event; an invitee answers yes from the personal link', async () => {
    const e = await events().createEvent(eventInput({ registrationMode: 'invitation' }));
    const res = await new Agent(app.server).submit(formPage, `/agenda/${e.slug}/inscription`, { name: 'Curieux', email: 'curieux@example.org' });
    expect(res.statusCode).toBe(409);
    expect(textOf(res.body)).toContain('Cette rencontre est sur invitation');

    const animator = await signedIn(app, 'anim-invite@example.org', { role: 'animator' });
    const sent = await animator.submit(`/admin/rencontres/${e.id}/invitations`, `/admin/rencontres/${e.id}/invitations`, {
      addresses: 'Élise Invitée <elise@example.org>\nnot-an-address\nmarc@example.org;Marc;Mairie',
    });
    expect(textOf(sent.body)).toContain('Invitations envoyées : 2.');
    const link = personalLinkIn((await lastMailTo(app, 'elise@example.org'))!.text_body);
    const agent = new Agent(app.server);
    const yes = await agent.submit(link, `${link}/repondre`, { reponse: 'oui', name: 'Élise Invitée', organisation: 'Région' });
    expect(textOf((await agent.follow(yes)).body)).toContain('Votre inscription est confirmée');
    // A reminder goes only to who has not answered.
    await animator.submit(`/admin/rencontres/${e.id}/invitations`, `/admin/rencontres/${e.id}/invitations/relance`, {});
    expect((await lastMailTo(app, 'marc@example.org'))!.subject).toContain('Rappel');
    expect((await lastMailTo(app, 'elise@example.org'))!.subject).not.toContain('Rappel');
  });

  it('cancels by the personal link, and refuses a forged link and a link used again', async () => {
    const e = await events().createEvent(eventInput());
    const { link } = await registerAnonymously(app, e.slug, { name: 'Lina', email: 'lina@example.org' });
    const agent = new Agent(app.server);
    const page = await agent.get(`${link}/annuler`);
    expect(textOf(page.body)).toContain('confirmez-vous que vous ne pourrez pas venir');
    // Opening the link (a mail scanner does) cancels nothing.
    expect((await events().availability(e)).taken).toBe(1);
    const done = await agent.submit(`${link}/annuler`, `${link}/annuler`, {});
    expect(textOf((await agent.follow(done)).body)).toContain('Votre inscription est annulée');
    expect((await events().availability(e)).taken).toBe(0);

    const again = await agent.submit(formPage, `${link}/annuler`, {});
    expect(again.statusCode).toBe(409);
    expect(textOf(again.body)).toContain("n'est plus active");

    const forged = link.replace(/\.[A-Za-z0-9_-]{27}$/, `.${'A'.repeat(27)}`);
    const res = await agent.get(forged);
    expect(res.statusCode).toBe(404);
    expect(textOf(res.body)).toContain("Ce lien personnel n'est pas valide");

    // Registering again issues a new link: the old one stops working.
    const second = await registerAnonymously(app, e.slug, { name: 'Lina', email: 'lina@example.org' });
    expect(second.link).not.toBe(link);
    expect((await agent.get(link)).statusCode).toBe(404);
  });

  it('says why a change is refused once the registration is no longer active, though the page shows no form any more', async () => {
    const e = await events().createEvent(eventInput());
    const { link } = await registerAnonymously(app, e.slug, { name: 'Yanis', email: 'yanis@example.org' });
    const agent = new Agent(app.server);
    await agent.submit(`${link}/annuler`, `${link}/annuler`, {});
    const res = await agent.submit(formPage, `${link}/modifier`, { name: 'Yanis Benali' });
    expect(res.statusCode).toBe(409);
    // A message about the whole form: labelled, in the alert, and no link to a field that does not exist.
    expect(textOf(res.body)).toContain('Formulaire : Cette inscription ne peut plus être modifiée.');
    expect(res.body).toContain('role="alert"');
    expect(res.body).not.toContain('href="#f-_form"');
  });

  it('asks the custom questions and re-renders the form with the input kept when one is missing', async () => {
    const { questions } = parseQuestions("choix*: Atelier de l'après-midi | Mobilité | Énergie\ntexte: Régime alimentaire\ncase: J'ai besoin d'un accès adapté");
    const e = await events().createEvent(eventInput({ questions, maxPlaces: 3 }));
    const agent = new Agent(app.server);
    const bad = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Noé', email: 'noe@example.org', [questions[1].id]: 'végétarien', places: '2' });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain("Atelier de l'après-midi : Champ obligatoire");
    expect(bad.body).toContain('value="végétarien"');
    const tooMany = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: 'Noé', email: 'noe@example.org', [questions[0].id]: 'Énergie', places: '4' });
    expect(tooMany.statusCode).toBe(400);
    const ok = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, {
      name: 'Noé',
      email: 'noe@example.org',
      [questions[0].id]: 'Énergie',
      [questions[2].id]: 'oui',
      places: '2',
    });
    expect(ok.statusCode).toBe(200);
    const link = personalLinkIn((await lastMailTo(app, 'noe@example.org'))!.text_body);
    await confirmByLink(agent, link);
    const [row] = await events().listRegistrations(e.id);
    expect(row.places).toBe(2);
    expect(row.answers).toEqual({ [questions[0].id]: 'Énergie', [questions[1].id]: '', [questions[2].id]: 'oui' });
    expect((await events().availability(e)).taken).toBe(2);
  });

  it("shows the person's registrations in /compte-style sections and erases them on request", async () => {
    const past = await events().createEvent(eventInput({ startsAt: '2019-11-14T08:00:00.000Z', endsAt: '2019-11-14T16:00:00.000Z' }));
    const future = await events().createEvent(eventInput());
    const user = await app.services.accounts.service.ensureUser({ email: 'rgpd@example.org', name: 'Rose' });
    // The past one is written directly: registration is closed for a past event.
    await app.platform.db
      .insertInto('event_registrations')
      .values({
        id: 'zzpast0000001',
        event_id: past.id,
        user_id: user.id,
        name: 'Rose',
        email: 'rgpd@example.org',
        organisation: 'Asso',
        places: 1,
        status: 'confirmed',
        answers: '{}',
        is_member: 0,
        lang: 'fr',
        source: 'web',
        link_version: 1,
        waiting_since: null,
        offer_expires_at: null,
        confirmed_at: past.startsAt,
        cancelled_at: null,
        checked_in_at: past.startsAt,
        invited_at: null,
        reminded_at: null,
        created_at: past.startsAt,
        updated_at: past.startsAt,
      })
      .execute();
    await events().register({
      eventId: future.id,
      user: { id: user.id, sessionId: 'x', name: 'Rose', email: 'rgpd@example.org', role: 'user', membership: 'none', lang: 'fr' },
      name: 'Rose',
      email: 'rgpd@example.org',
      organisation: 'Asso',
      places: 1,
      answers: {},
      lang: 'fr',
    });
    const exported = (await events().exportPersonalData(user.id, 'rgpd@example.org')) as Array<{ event: string }>;
    expect(exported.map((x) => x.event).sort()).toEqual([past.title, future.title].sort());
    await app.platform.db.transaction().execute((trx) => events().erasePersonalData(trx, user.id, 'rgpd@example.org'));
    expect(await events().listRegistrations(future.id)).toHaveLength(0);
    const [kept] = await events().listRegistrations(past.id);
    expect(kept).toMatchObject({ email: null, organisation: '', status: 'confirmed' });
    expect(kept.name).not.toBe('Rose');
  });

  it('notifies everyone registered when an event is cancelled', async () => {
    const e = await events().createEvent(eventInput());
    await registerAnonymously(app, e.slug, { name: 'Paul', email: 'paul-cancel@example.org' });
    await events().updateEvent(e.id, { ...e, status: 'cancelled', statusNote: 'Alerte météo.' });
    const mail = await lastMailTo(app, 'paul-cancel@example.org');
    expect(mail!.subject).toContain('Rencontre annulée');
    expect(mail!.text_body).toContain('Alerte météo.');
    expect(textOf((await new Agent(app.server).get(`/agenda/${e.slug}`)).body)).toContain('Annulée');
    expect((await mailsTo(app, 'paul-cancel@example.org')).length).toBe(3);
  });
});

describe('events: question syntax', () => {
  it('reads the one-line question syntax and refuses a choice without options', () => {
    const ok = parseQuestions('choix*: Atelier | A | B\ntext: Régime\ncheckbox: PMR');
    expect(ok.questions.map((q) => [q.type, q.required, q.options.length])).toEqual([
      ['choice', true, 2],
      ['text', false, 0],
      ['checkbox', false, 0],
    ]);
    expect(parseQuestions('choix: Atelier').error).toBe('events.form.questionsSyntax');
  });
});
