import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { loadEventsDemo } from './events.demo.ts';
import { eventInput, signedIn } from './events.test-helpers.ts';

describeEachDatabase('events: agenda pages with the demo data', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await loadEventsDemo(app.services.events.service);
  });
  afterAll(() => app?.destroy());
  const visitor = () => new Agent(app.server);

  it('lists upcoming events with "Complet" and past ones separately, past events staying past', async () => {
    const upcoming = textOf((await visitor().get('/agenda')).body);
    expect(upcoming).toContain('Forum ouvert : sobriété et coopération entre territoires');
    expect(upcoming).toContain('Complet');
    expect(upcoming).not.toContain('PIC Lab : rencontre');
    const past = textOf((await visitor().get('/agenda?periode=passees')).body);
    expect(past).toContain('PIC Lab');
    expect(past).toContain('Journée PCAET & participation citoyenne');
  });

  it('filters by theme, territory and month', async () => {
    const byTheme = textOf((await visitor().get('/agenda?periode=passees&thematique=politique-de-la-ville-dsu')).body);
    expect(byTheme).toContain('PIC Lab');
    expect(byTheme).not.toContain('Journée PCAET');
    const byTerritory = textOf((await visitor().get('/agenda?territoire=Nord')).body);
    expect(byTerritory).toContain('sobriété');
    expect(byTerritory).not.toContain('printemps 2027');
    const byMonth = textOf((await visitor().get('/agenda?mois=2027-04')).body);
    expect(byMonth).toContain('printemps 2027');
    expect(byMonth).toContain('1 rencontre');
  });

  it('shows the PIC Lab page with its date in French, its place and its déroulé', async () => {
    const text = textOf((await visitor().get('/agenda/pic-lab-saint-quentin-2017')).body);
    expect(text).toContain('jeudi 28 septembre 2017, 14h – 17h');
    expect(text).toContain('Espace CREATIS, 6 avenue Archimède, Saint-Quentin');
    expect(text).toMatch(/13h30 Accueil 14h Démarrage des travaux .* 17h Clôture/);
    expect(text).toContain('Déroulé');
  });

  it('shows the Amiens day as invitation-only and the learning trip as members-only with its deadline, in 2020 and 2024', async () => {
    const amiens = textOf((await visitor().get('/agenda/journee-pcaet-participation-citoyenne-2020')).body);
    expect(amiens).toContain('jeudi 1er octobre 2020, 9h – 17h30');
    expect(amiens).toContain('Sur invitation');
    const trip = textOf((await visitor().get('/agenda/voyage-apprenant-pays-de-la-loire-2024')).body);
    expect(trip).toContain('du 25 mars 2024 au 28 mars 2024');
    expect(trip).toContain('Réservé aux membres');
  });

  it('shows the places left and the waiting list on upcoming events', async () => {
    expect(textOf((await visitor().get('/agenda/rencontre-reseau-printemps-2027')).body)).toContain('4 places restantes sur 60');
    expect(textOf((await visitor().get('/agenda/forum-ouvert-sobriete-2027')).body)).toContain("Complet : vous pouvez vous inscrire sur la liste d'attente (4 personnes déjà en attente)");
  });

  it('lists the PIC Labs on /initiatives and the next events on the home page', async () => {
    expect(textOf((await visitor().get('/initiatives')).body)).toContain('PIC Lab : rencontre sur les Projets d’Initiative Citoyenne à Saint-Quentin');
    const home = textOf((await visitor().get('/')).body);
    expect(home).toContain('Prochaines rencontres');
    expect(home).toContain('printemps 2027');
  });

  it('hides a draft from visitors and shows it to animators', async () => {
    const draft = await app.services.events.service.createEvent(eventInput({ status: 'draft', title: 'Brouillon secret' }));
    expect((await visitor().get(`/agenda/${draft.slug}`)).statusCode).toBe(404);
    expect(textOf((await visitor().get('/agenda')).body)).not.toContain('Brouillon secret');
    const animator = await signedIn(app, 'anim@pages.test', { role: 'animator' });
    expect((await animator.get(`/agenda/${draft.slug}`)).statusCode).toBe(200);
  });
});
