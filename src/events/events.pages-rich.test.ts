import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { parisDay } from '../platform/format.ts';
import { nowIso } from '../platform/db/ids.ts';
import { loadEventsDemo } from './events.demo.ts';
import { eventInput, lastMailTo, personalLinkIn, registerAnonymously, signedIn } from './events.test-helpers.ts';

/** Kinds, the agenda's filters and month calendar, past and upcoming event pages, the visio link, invitation warnings. */
describeEachDatabase('events: kinds, month calendar and rich event pages', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await loadEventsDemo(app.services.events.service);
  });
  afterAll(() => app?.destroy());
  const visitor = () => new Agent(app.server);
  const events = () => app.services.events.service;
  /** The titles of the cards listed, in order. */
  const cardTitles = (html: string) => [...html.matchAll(/<h3><a href="\/agenda\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

  it('shows each event’s kind on its card and page instead of "Rencontre" everywhere', async () => {
    const past = textOf((await visitor().get('/agenda?periode=passees')).body);
    expect(past).toMatch(/PIC Lab PIC Lab : rencontre/);
    expect(past).toMatch(/Voyage apprenant Voyage apprenant sur la participation/);
    expect(past).toMatch(/Webinaire Participation citoyenne : trois webinaires/);
    expect(textOf((await visitor().get('/agenda/forum-ouvert-sobriete-2027')).body)).toMatch(/Forum ouvert Forum ouvert : sobriété/);
  });

  it('filters by kind, theme, territory and online or on site, the filters combining in a plain GET address', async () => {
    const webinars = await visitor().get('/agenda?type=webinaire');
    expect(cardTitles(webinars.body)).toEqual(['Webinaire : lancer un budget participatif dans une petite commune']);
    const online = cardTitles((await visitor().get('/agenda?periode=passees&modalite=en-ligne')).body);
    expect(online).toEqual(['Participation citoyenne : trois webinaires pour s’inspirer']);
    const onsite = cardTitles((await visitor().get('/agenda?modalite=sur-place')).body);
    expect(onsite).not.toContain('Webinaire : lancer un budget participatif dans une petite commune');
    expect(onsite).toContain('Forum ouvert : sobriété et coopération entre territoires');
    // Kind and theme and territory at once; the form shows them chosen, so the address can be shared as is.
    const combined = await visitor().get('/agenda?type=forum-ouvert&thematique=pcaet-climat&territoire=Nord');
    expect(cardTitles(combined.body)).toEqual(['Forum ouvert : sobriété et coopération entre territoires']);
    expect(combined.body).toContain('<option value="forum-ouvert" selected>Forum ouvert</option>');
    expect(combined.body).toMatch(/<form method="get" action="\/agenda"/);
    expect(cardTitles((await visitor().get('/agenda?type=forum-ouvert&territoire=Somme')).body)).toEqual([]);
    // A kind nobody offers is no page (it would be echoed in the links of a cached page).
    expect((await visitor().get('/agenda?type=%3Cscript%3E')).statusCode).toBe(404);
    // The security work's checks stay: an impossible month is reported on its field.
    expect((await visitor().get('/agenda?vue=mois&mois=2027-13')).statusCode).toBe(400);
  });

  it('draws a month as a table of weeks, the four days of the learning trip each linked, with the months around', async () => {
    const res = await visitor().get('/agenda?vue=mois&mois=2024-03&thematique=democratie');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<table class="month-grid">');
    expect(html).toContain('<abbr title="lundi">lun.</abbr>');
    const tripLinks = html.match(/href="\/agenda\/voyage-apprenant-pays-de-la-loire-2024"/g) ?? [];
    expect(tripLinks).toHaveLength(4);
    expect(textOf(html)).toContain('mars 2024');
    // Previous and next months keep the filters: shareable, and usable without JavaScript.
    expect(html).toContain('href="/agenda?vue=mois&amp;thematique=democratie&amp;mois=2024-02"');
    expect(html).toContain('href="/agenda?vue=mois&amp;thematique=democratie&amp;mois=2024-04"');
    // Events of other themes are not drawn.
    expect(html).not.toContain('/agenda/rencontre-reseau-tiers-lieux-2024');
  });

  it('opens the month view on this month with today marked', async () => {
    const html = (await visitor().get('/agenda?vue=mois')).body;
    const today = parisDay(nowIso());
    expect(html).toMatch(new RegExp(`<td class="[^"]*is-today[^"]*" aria-current="date"><p class="calendar-day"><time datetime="${today}">`));
    expect(textOf(html)).toContain("Aujourd'hui");
  });

  it('shows what happened on a past event instead of registration and "add to my calendar"', async () => {
    const html = (await visitor().get('/agenda/forum-ouvert-pcaet-arras-2019')).body;
    const text = textOf(html);
    expect(text).toContain("Ce qui s'est passé");
    expect(text).toContain('16 groupes de travail se sont formés');
    expect(html).toContain('href="/ressources?q=forum+ouvert+PCAET"');
    expect(text).toContain('Compte rendu Forum Ouvert PCAET 14-11-2019');
    expect(text).not.toContain('Ajouter à mon agenda');
    expect(html).not.toContain('id="registration-title"');
    // The catalogue's blocks of every item page.
    expect(html).toContain('action="/favoris"');
    expect(text).toContain('Découvrez d’autres contenus similaires');
    // The replay of the past webinars, and the programme of the learning trip by day.
    expect(textOf((await visitor().get('/agenda/webinaires-participation-citoyenne-2023')).body)).toContain('Voir le replay');
    const trip = textOf((await visitor().get('/agenda/voyage-apprenant-pays-de-la-loire-2024')).body);
    expect(trip).toMatch(/Jour 1 — lundi 25 mars 2024 .*Jour 2 — mardi 26 mars 2024 .*Jour 3 — mercredi 27 mars 2024 .*Jour 4 — jeudi 28 mars 2024/);
  });

  it('shows an upcoming event’s speakers, venue, access, accessibility and map link, and its registration', async () => {
    const html = (await visitor().get('/agenda/rencontre-reseau-printemps-2027')).body;
    const text = textOf(html);
    expect(text).toContain('Intervenant·es');
    expect(text).toContain('Karim Lefebvre CC du Vimeu');
    expect(text).toContain('Lieu et accès');
    expect(text).toContain('Gare d’Amiens à 10 minutes à pied');
    expect(text).toContain('boucle magnétique');
    expect(html).toContain('href="https://www.openstreetmap.org/search?query=15%20Mail%20Albert%201er%2C%2080000%20Amiens"');
    expect(text).toContain('4 places restantes sur 60');
    expect(text).toContain('Ajouter à mon agenda');
    expect(text).not.toContain("Ce qui s'est passé");
  });

  it('keeps the visio link off the public page and calendars, and gives it to a registered person', async () => {
    const url = 'https://visio.exemple.fr/budget-participatif-2027';
    const slug = 'webinaire-budget-participatif-2027';
    const page = await visitor().get(`/agenda/${slug}`);
    expect(page.body).not.toContain(url);
    expect(textOf(page.body)).toContain('Le lien de connexion est envoyé aux personnes inscrites');
    expect((await visitor().get(`/agenda/${slug}.ics`)).body).not.toContain('visio.exemple.fr');
    expect((await visitor().get('/agenda.ics')).body).not.toContain('visio.exemple.fr');

    // Registered without an account: the confirmation mail and the personal page carry it.
    const { link } = await registerAnonymously(app, slug, { name: 'Wanda Web', email: 'wanda@webinaire.test' });
    const mail = (await lastMailTo(app, 'wanda@webinaire.test'))!.text_body;
    expect(mail).toMatch(/Lien de connexion\s:\shttps:\/\/visio\.exemple\.fr\/budget-participatif-2027/u);
    // Online only: no QR code to show at a door that does not exist.
    expect(mail).not.toContain('QR code');
    expect((await visitor().get(link)).body).toContain(`href="${url}"`);
    // Signed in and registered: the event page itself shows it (such pages are never cached).
    const signed = await signedIn(app, 'sam@webinaire.test', { name: 'Sam Web' });
    expect((await signed.get(`/agenda/${slug}`)).body).not.toContain(url);
    await signed.submit(`/agenda/${slug}/inscription`, `/agenda/${slug}/inscription`, { name: 'Sam Web' });
    expect((await signed.get(`/agenda/${slug}`)).body).toContain(`href="${url}"`);
    // The public page still does not, even after registrations.
    expect((await visitor().get(`/agenda/${slug}`)).body).not.toContain(url);
  });

  it('shows the link of a webinar without registration to everyone, on its page and in its calendar, until it is over', async () => {
    const url = 'https://visio.exemple.fr/webinaire-ouvert';
    const open = await events().createEvent(
      eventInput({ title: 'Webinaire ouvert à tous', kind: 'webinaire', registrationMode: 'none', capacity: null, placeName: '', placeAddress: '', onlineUrl: url }),
    );
    expect((await visitor().get(`/agenda/${open.slug}`)).body).toContain(`href="${url}"`);
    expect((await visitor().get(`/agenda/${open.slug}.ics`)).body).toContain(url);
    // Over: the page says so instead of offering to join.
    const over = await events().createEvent(
      eventInput({
        title: 'Webinaire ouvert passé',
        kind: 'webinaire',
        registrationMode: 'none',
        capacity: null,
        onlineUrl: url,
        startsAt: '2020-03-02T13:00:00.000Z',
        endsAt: '2020-03-02T14:00:00.000Z',
      }),
    );
    expect((await visitor().get(`/agenda/${over.slug}`)).body).not.toContain(`href="${url}"`);
  });

  it('warns the animator before inviting more people than seats left, and tells the guest a yes means the waiting list', async () => {
    const e = await events().createEvent(eventInput({ title: 'Séminaire presque plein', registrationMode: 'invitation', capacity: 1 }));
    const animator = await signedIn(app, 'anim-full@invite.test', { role: 'animator' });
    const form = `/admin/rencontres/${e.id}/invitations`;
    expect(textOf((await animator.get(form)).body)).toContain('Places restantes : 1 sur 1');
    const asked = await animator.submit(form, form, { addresses: 'a@invite.test\nb@invite.test\nc@invite.test' });
    expect(asked.statusCode).toBe(200);
    expect(textOf(asked.body)).toContain('Vous invitez 3 personne(s) alors qu’il reste 1 place(s)');
    expect(await events().listRegistrations(e.id)).toHaveLength(0);
    const sent = await animator.submit(form, form, { addresses: 'a@invite.test\nb@invite.test\nc@invite.test', confirmer: '1' });
    expect(textOf(sent.body)).toContain('Invitations envoyées : 3.');

    // A says yes and takes the seat; B's invitation page then says the truth before B answers.
    const aLink = personalLinkIn((await lastMailTo(app, 'a@invite.test'))!.text_body);
    const a = new Agent(app.server);
    await a.submit(aLink, `${aLink}/repondre`, { reponse: 'oui', name: 'Alice' });
    const bLink = personalLinkIn((await lastMailTo(app, 'b@invite.test'))!.text_body);
    const bPage = textOf((await visitor().get(bLink)).body);
    expect(bPage).toContain("Cette rencontre est complète pour l'instant : si vous répondez oui, vous serez le ou la première sur la liste d'attente");
    expect(bPage).toContain("Oui, m'inscrire sur la liste d'attente");
    // An invitation written once the event is full says so in the mail.
    await animator.submit(form, form, { addresses: 'd@invite.test', confirmer: '1' });
    expect((await lastMailTo(app, 'd@invite.test'))!.text_body).toContain("En répondant oui, vous rejoindrez la liste d'attente");
  });

  it('reports every line of an invitation list that invites nobody, with its number and why', async () => {
    const e = await events().createEvent(eventInput({ registrationMode: 'invitation', capacity: null }));
    const animator = await signedIn(app, 'anim-lines@invite.test', { role: 'animator' });
    const form = `/admin/rencontres/${e.id}/invitations`;
    const res = await animator.submit(form, form, { addresses: 'ok@invite.test\nMarie Dupont\nmarie@@exemple\nok@invite.test' });
    const text = textOf(res.body);
    expect(text).toContain('Invitations envoyées : 1.');
    expect(text).toContain('Lignes sans invitation (3)');
    expect(text).toContain('Ligne 2 (pas d’adresse e-mail) : Marie Dupont');
    expect(text).toContain('Ligne 3 (adresse e-mail mal formée) : marie@@exemple');
    expect(text).toContain('Ligne 4 (adresse déjà plus haut dans la liste) : ok@invite.test');
    // A list with no good line at all keeps the text and still names each line.
    const none = await animator.submit(form, form, { addresses: 'personne\nrien@' });
    expect(none.statusCode).toBe(400);
    expect(textOf(none.body)).toContain('Ligne 1 (pas d’adresse e-mail) : personne');
    expect(textOf(none.body)).toContain('Ligne 2 (adresse e-mail mal formée) : rien@');
  });
});
