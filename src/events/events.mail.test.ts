import { afterAll, beforeAll, expect, it } from 'vitest';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, csrfFrom, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { formatLongDate, parisToIso } from '../platform/format.ts';
import { eventInput, lastMailTo, mailsTo, personalLinkIn, signedIn } from './events.test-helpers.ts';
import { JOB_REMINDER, type EventModel } from './events.service.ts';

// jsqr is CommonJS: Node hands over module.exports, which carries the function as `default` too.
const jsQR = jsqr.default;

/** What happens after registering: the mails people get, the jobs behind them, the invitations an animator imports. */
describeEachDatabase('events: mail and follow-up', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let animator: Agent;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url }, workers: true });
    animator = await signedIn(app, 'animatrice@follow.test', { role: 'animator', name: 'Animatrice' });
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });
  const events = () => app.services.events.service;
  const registerSignedIn = async (e: EventModel, email: string, name: string) => {
    const agent = await signedIn(app, email, { name });
    const res = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name });
    expect(res.statusCode).toBe(303);
    return agent;
  };
  /** Runs the jobs of `kind` now, as the clock reaching their time would. */
  const runJobsNow = async (jobKind: string) => {
    await app.platform.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('kind', '=', jobKind)
      .where('status', '=', 'pending')
      .execute();
    await app.platform.jobs.runner.drain();
  };

  it('puts a QR code in the confirmation that opens this person at the check-in desk', async () => {
    const e = await events().createEvent(eventInput({ title: 'Journée avec accueil' }));
    await registerSignedIn(e, 'qr@follow.test', 'Quentin Rousseau');
    const mail = await sink.waitFor((m) => m.subject?.startsWith('Inscription confirmée') === true && m.text!.includes('Quentin Rousseau'));
    const png = PNG.sync.read(mail.attachments.find((a) => a.contentType === 'image/png')!.content);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toMatch(new RegExp(`^http://palabre\\.test/admin/rencontres/${e.id}/accueil/code/`));
    const desk = await animator.get(new URL(decoded!.data).pathname);
    expect(desk.statusCode).toBe(200);
    expect(textOf(desk.body)).toContain('Quentin Rousseau');
    // The code is the animators': a participant scanning it sees nothing.
    expect((await new Agent(app.server).get(new URL(decoded!.data).pathname)).statusCode).not.toBe(200);
  });

  it('sends the reminder the day before to everyone with a seat, once, with the date as it stands then', async () => {
    const e = await events().createEvent(eventInput({ title: 'Rencontre à ne pas oublier', capacity: 2, reminderHours: 24 }));
    await registerSignedIn(e, 'r1@follow.test', 'Rémi Un');
    await registerSignedIn(e, 'r2@follow.test', 'Rose Deux');
    await registerSignedIn(e, 'r3@follow.test', 'Raya Trois');
    // The date moves before the reminder is due: the reminder planned for the old date must say nothing.
    const moved = (await events().updateEvent(e.id, { ...e, startsAt: parisToIso('2027-06-17', '09:00'), endsAt: parisToIso('2027-06-17', '17:30') }))!;
    expect(moved.revision).toBe(e.revision + 1);

    await runJobsNow(JOB_REMINDER);
    const reminders = async (to: string) => (await mailsTo(app, to)).filter((m) => m.subject.startsWith('Rappel'));
    for (const to of ['r1@follow.test', 'r2@follow.test']) {
      const sent = await reminders(to);
      expect(sent).toHaveLength(1);
      expect(sent[0].subject).toContain(formatLongDate(moved.startsAt, 'fr'));
      expect(JSON.parse(sent[0].attachments).map((a: { filename: string }) => a.filename)).toContain(`${e.slug}.ics`);
    }
    // On the waiting list: no seat, no reminder.
    expect(await reminders('r3@follow.test')).toHaveLength(0);
    const delivered = await sink.waitFor((m) => m.subject?.startsWith('Rappel') === true && m.text!.includes('Rémi Un'));
    expect(delivered.text).toContain("C'est bientôt");

    // A job run twice (a retry, a second instance) sends nothing more.
    await app.platform.jobs.enqueue(app.platform.db, JOB_REMINDER, { eventId: e.id, revision: moved.revision });
    await app.platform.jobs.runner.drain();
    expect(await reminders('r1@follow.test')).toHaveLength(1);
  });

  it('tells everyone registered that a postponed event has no date yet, and not that it moved', async () => {
    const e = await events().createEvent(eventInput({ title: 'Forum reporté', capacity: 1 }));
    await registerSignedIn(e, 'p1@follow.test', 'Paul Assis');
    await registerSignedIn(e, 'p2@follow.test', 'Pia Attente');
    await events().updateEvent(e.id, { ...e, status: 'postponed', statusNote: 'La salle est en travaux.' });

    for (const [to, name] of [
      ['p1@follow.test', 'Paul Assis'],
      ['p2@follow.test', 'Pia Attente'],
    ]) {
      const notice = await sink.waitFor((m) => m.subject === 'Rencontre reportée\u00a0: Forum reporté' && m.text!.includes(name));
      expect(notice.text).toContain('est reportée\u202f; la nouvelle date est à venir');
      expect(notice.text).toContain('Votre inscription est conservée');
      expect(notice.text).toContain('La salle est en travaux.');
      // No calendar file for a date that no longer holds.
      expect(notice.attachments.filter((a) => a.filename?.endsWith('.ics'))).toHaveLength(0);
      expect((await mailsTo(app, to)).filter((m) => m.subject.startsWith('Changement de date'))).toHaveLength(0);
    }
    const page = await new Agent(app.server).get(`/agenda/${e.slug}`);
    expect(textOf(page.body)).toContain('Cette rencontre est reportée');

    // The new date is set: now it is a change of date, with the calendar file.
    const postponed = (await events().getEvent(e.id))!;
    await events().updateEvent(e.id, { ...postponed, status: 'published', statusNote: null, startsAt: parisToIso('2027-09-09', '09:00'), endsAt: parisToIso('2027-09-09', '17:00') });
    const moved = await sink.waitFor((m) => m.subject?.startsWith('Changement de date') === true && m.text!.includes('Paul Assis'));
    expect(moved.text).toContain('jeudi 9 septembre 2027');
    expect(moved.attachments.some((a) => a.filename === `${e.slug}.ics`)).toBe(true);
    expect((await events().listRegistrations(e.id)).map((r) => r.status).sort()).toEqual(['confirmed', 'waiting']);
  });

  it('invites the people of an uploaded CSV file, each by a personal mail, skipping the header and bad lines', async () => {
    const e = await events().createEvent(eventInput({ title: 'Séminaire sur invitation', registrationMode: 'invitation' }));
    const page = await animator.get(`/admin/rencontres/${e.id}/invitations`);
    const boundary = '----palabre-test-boundary';
    const csv = '\uFEFFemail;nom;structure\r\nanne.csv@follow.test;Anne Csv;Mairie d’Amiens\r\npas une adresse\r\n"bob.csv@follow.test";"Bob Csv";"CC du Vimeu"\r\n';
    const part = (name: string, value: string, file?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
    const res = await app.server.inject({
      method: 'POST',
      url: `/admin/rencontres/${e.id}/invitations/csv`,
      payload: Buffer.from(`${part('_csrf', csrfFrom(page.body)!) + part('file', csv, 'invites.csv')}--${boundary}--\r\n`),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...animator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Invitations envoyées : 2. Adresses déjà sur la liste : 0.');
    // The header line is no refused line; the bad one is reported with its number and why.
    expect(textOf(res.body)).toContain('Lignes sans invitation (1)');
    expect(textOf(res.body)).toContain('Ligne 3 (pas d’adresse e-mail) : pas une adresse');

    const invited = await events().listRegistrations(e.id);
    expect(invited.map((r) => [r.email, r.name, r.organisation, r.status]).sort()).toEqual([
      ['anne.csv@follow.test', 'Anne Csv', 'Mairie d’Amiens', 'invited'],
      ['bob.csv@follow.test', 'Bob Csv', 'CC du Vimeu', 'invited'],
    ]);
    const mail = await sink.waitFor((m) => m.text?.includes('Anne Csv') === true && m.text.includes('Séminaire sur invitation'));
    // The personal link answers the invitation.
    const link = personalLinkIn(mail.text!);
    const anne = new Agent(app.server);
    const yes = await anne.submit(link, `${link}/repondre`, { reponse: 'oui', name: 'Anne Csv', organisation: 'Mairie d’Amiens' });
    expect(textOf((await anne.follow(yes)).body)).toContain('Votre inscription est confirmée');

    // The same file again invites nobody twice.
    const again = await app.server.inject({
      method: 'POST',
      url: `/admin/rencontres/${e.id}/invitations/csv`,
      payload: Buffer.from(`${part('_csrf', csrfFrom((await animator.get(`/admin/rencontres/${e.id}/invitations`)).body)!) + part('file', csv, 'invites.csv')}--${boundary}--\r\n`),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...animator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(textOf(again.body)).toContain('Invitations envoyées : 0. Adresses déjà sur la liste : 2.');
  });

  it('refuses an invitation file over 2 MB, or no file at all, in French on the page, inviting nobody', async () => {
    const e = await events().createEvent(eventInput({ registrationMode: 'invitation' }));
    const boundary = '----palabre-big';
    const post = async (file: string | null) => {
      const token = csrfFrom((await animator.get(`/admin/rencontres/${e.id}/invitations`)).body)!;
      const filePart = file === null ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grand.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`;
      return app.server.inject({
        method: 'POST',
        url: `/admin/rencontres/${e.id}/invitations/csv`,
        payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n${filePart}--${boundary}--\r\n`),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...animator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
    };
    const big = await post('invite.moi@follow.test;Moi;Rien\r\n'.repeat(80_000));
    expect(big.statusCode).toBe(400);
    expect(textOf(big.body)).toMatch(/Le fichier dépasse 2(,0+)? Mo : découpez la liste en plusieurs fichiers\./);
    const none = await post(null);
    expect(none.statusCode).toBe(400);
    expect(textOf(none.body)).toContain('Choisissez un fichier CSV à importer.');
    expect(await events().listRegistrations(e.id)).toEqual([]);
  });

  it('refuses a CSV file without any address with a clear message, and the upload to anyone but an animator', async () => {
    const e = await events().createEvent(eventInput({ registrationMode: 'invitation' }));
    const boundary = '----palabre-empty';
    const body = (token: string) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="vide.csv"\r\nContent-Type: text/csv\r\n\r\nnom;structure\r\nsans adresse;rien\r\n--${boundary}--\r\n`,
      );
    const token = csrfFrom((await animator.get(`/admin/rencontres/${e.id}/invitations`)).body)!;
    const cookie = [...animator.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.server.inject({
      method: 'POST',
      url: `/admin/rencontres/${e.id}/invitations/csv`,
      payload: body(token),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Aucune adresse valide trouvée');

    const member = await signedIn(app, 'simple-membre@follow.test', { membership: 'approved' });
    const memberToken = csrfFrom((await member.get(`/agenda/${e.slug}`)).body) ?? token;
    const forbidden = await app.server.inject({
      method: 'POST',
      url: `/admin/rencontres/${e.id}/invitations/csv`,
      payload: body(memberToken),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await events().listRegistrations(e.id)).toHaveLength(0);
  });

  it('lets the first person waiting accept a freed seat from the web page, and refuses an offer that has lapsed', async () => {
    const e = await events().createEvent(eventInput({ title: 'Place à saisir', capacity: 1, offerHours: 48 }));
    const first = await registerSignedIn(e, 'o1@follow.test', 'Odile Assise');
    await registerSignedIn(e, 'o2@follow.test', 'Omar Suivant');
    await registerSignedIn(e, 'o3@follow.test', 'Olga Après');

    // Odile frees her seat from her page: it is offered to Omar, held for him.
    const odile = personalLinkIn((await lastMailTo(app, 'o1@follow.test'))!.text_body);
    expect((await first.submit(odile, `${odile}/annuler`, {})).statusCode).toBe(303);
    const offer = await sink.waitFor((m) => m.subject === 'Une place vous attend\u00a0: Place à saisir');
    expect(offer.text).toContain('48 heures');

    // Omar opens the link of the mail, on a phone without an account, and confirms.
    const omar = new Agent(app.server);
    const link = personalLinkIn(offer.text!);
    const page = await omar.get(link);
    expect(textOf(page.body)).toContain('Je confirme ma place');
    const accepted = await omar.submit(link, `${link}/accepter`, {});
    expect(accepted.statusCode).toBe(303);
    expect(textOf((await omar.follow(accepted)).body)).toContain('Votre inscription est confirmée');
    await sink.waitFor((m) => m.subject === 'Inscription confirmée\u00a0: Place à saisir' && m.text!.includes('Omar Suivant'));
    const statuses = Object.fromEntries((await events().listRegistrations(e.id)).map((r) => [r.name, r.status]));
    expect(statuses).toEqual({ 'Odile Assise': 'cancelled', 'Omar Suivant': 'confirmed', 'Olga Après': 'waiting' });
    expect((await events().getEvent(e.id))!.seatsTaken).toBe(1);

    // Omar cannot come after all: Olga is offered the seat but answers too late.
    await omar.submit(link, `${link}/annuler`, {});
    const olgaLink = personalLinkIn((await sink.waitFor((m) => m.subject === 'Une place vous attend\u00a0: Place à saisir' && m.text!.includes('Olga Après'))).text!);
    const olga = new Agent(app.server);
    const form = await olga.get(olgaLink);
    await app.platform.db
      .updateTable('event_registrations')
      .set({ offer_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('email', '=', 'o3@follow.test')
      .execute();
    const late = await olga.post(`${olgaLink}/accepter`, { _csrf: csrfFrom(form.body)! });
    expect(textOf((await olga.follow(late)).body)).toContain("Cette offre de place n'est plus valable");
    expect((await events().listRegistrations(e.id)).find((r) => r.name === 'Olga Après')!.status).not.toBe('confirmed');
  });
});
