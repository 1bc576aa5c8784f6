import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { agentAs } from './content.test-helpers.ts';

describeEachDatabase('content search and demo library', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await app.services.content.definition.demo!();
  });
  afterAll(() => app?.destroy());

  const search = async (q: string, role: 'anonymous' | 'member' = 'anonymous') => {
    const res = await (await agentAs(app, role)).get(`/recherche?q=${encodeURIComponent(q)}`);
    return { status: res.statusCode, body: res.body, text: textOf(res.body) };
  };

  it('shows the seed news with its French update date and its downloadable proceedings', async () => {
    const res = await (await agentAs(app, 'anonymous')).get('/actualites/retour-sur-le-forum-ouvert-pcaet');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Mis à jour le 12 décembre 2019');
    expect(text).toContain('Compte rendu Forum Ouvert PCAET 14-11-2019');
    expect(text).toMatch(/Format : PDF · Poids : [\d,]+ ko/);
    expect(text).toContain('Découvrez d’autres contenus similaires');
    const home = textOf((await (await agentAs(app, 'anonymous')).get('/')).body);
    expect(home).toContain('Dernières actualités');
    expect(home).toContain('Prochain forum ouvert du réseau');
  });

  it('ignores accents: "energie" finds "énergie"', async () => {
    const r = await search('energie renouvelable');
    expect(r.text).toContain('Retours d’expériences « Projets d’énergie renouvelable citoyens »');
    expect(r.body).toMatch(/<mark>(é|e)nergie<\/mark>/i);
  });

  it('finds inflections: "participatif" finds "participative", "citoyennes" finds "citoyen"', async () => {
    expect((await search('participatif')).text).toContain('Livret méthodologique « La participation citoyenne dans les projets de transition »');
    expect((await search('projets citoyennes')).text).toContain('Projets d’énergie renouvelable citoyens');
  });

  it('searches the text inside documents and says which document matched', async () => {
    const r = await search('centrales villageoises');
    expect(r.text).toContain('Compte rendu Forum Ouvert PCAET 14-11-2019');
    expect(r.text).toContain('Retour sur le forum ouvert PCAET');
    expect(r.body).toContain('<mark>villageoises</mark>');
  });

  it('treats quotes as a phrase', async () => {
    const phrase = await search('"forum ouvert"');
    expect(phrase.status).toBe(200);
    expect(phrase.text).toContain('Retour sur le forum ouvert PCAET');
    const reversed = await search('"ouvert forum"');
    expect(reversed.text).toContain('0 résultats');
  });

  it('offers facets with counts and filters by them', async () => {
    const r = await search('participation');
    expect(r.text).toMatch(/Ressources \(\d+\)/);
    expect(r.text).toMatch(/Actualités \(\d+\)/);
    expect(r.text).toMatch(/Participation citoyenne \(\d+\)/);
    const onlyResources = await (await agentAs(app, 'anonymous')).get('/recherche?q=participation&type=resource');
    const text = textOf(onlyResources.body);
    expect(text).toContain('Fiche « La participation citoyenne et les PCAET »');
    expect(text).not.toContain('Territoires participatifs : lancement du réseau régional !');
    const byYear = textOf((await (await agentAs(app, 'anonymous')).get('/recherche?q=participation&year=2019')).body);
    expect(byYear).toContain('Retour sur le forum ouvert PCAET');
    expect(byYear).not.toContain('Appel à projets d’initiative citoyenne 2026');
  });

  it('gives a helpful page when nothing is found', async () => {
    const r = await search('xylophonique');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Aucun résultat pour « xylophonique »');
    expect(r.text).toContain('Participation citoyenne');
  });

  it('never fails on hostile or empty queries', async () => {
    const hostile = [
      '"',
      '*',
      ')',
      '(',
      'NEAR(',
      'a OR',
      "' OR 1=1 --",
      '"; DROP TABLE catalog_items; --',
      'title:énergie',
      '{title}: x',
      '^x',
      '-',
      'participation AND',
      '\\',
      '%',
      '&&',
      '!',
      'x'.repeat(5000),
      'é'.repeat(5000),
      '',
      '   ',
      'le la les de',
    ];
    for (const q of hostile) {
      const r = await search(q);
      expect(r.status, `query ${q.slice(0, 30)}`).toBe(200);
      expect(r.body).not.toMatch(/stack|SQLITE|syntax error/i);
    }
    // The catalogue is still there.
    expect((await search('forum')).text).toContain('Retour sur le forum ouvert PCAET');
  });

  it('paginates results', async () => {
    const s = app.services.content.service;
    for (let i = 1; i <= 14; i++) {
      const item = await s.create(
        {
          kind: 'news',
          title: `Atelier de quartier numéro ${i}`,
          slug: '',
          summary: 'Un atelier de quartier sur le compostage.',
          body: '',
          resourceType: '',
          territory: '',
          authorOrg: '',
          themes: [],
          membersOnly: false,
        },
        { id: null, name: 'Test' },
      );
      await s.publish(item.id, { id: null, name: 'Test' });
    }
    const agent = await agentAs(app, 'anonymous');
    const first = await agent.get('/recherche?q=compostage');
    expect(textOf(first.body)).toContain('14 résultats');
    expect(first.body).toContain('rel="next"');
    const second = await agent.get('/recherche?q=compostage&page=2');
    expect(second.statusCode).toBe(200);
    expect(textOf(second.body)).toContain('Page 2 sur');
  });

  it('lists every kind on a theme page, and paginates the API', async () => {
    const theme = textOf((await (await agentAs(app, 'anonymous')).get('/thematiques/pcaet-climat')).body);
    expect(theme).toContain('Retour sur le forum ouvert PCAET');
    expect(theme).toContain('Fiche « La participation citoyenne et les PCAET »');
    const api = await (await agentAs(app, 'anonymous')).get('/api/v1/contents?per_page=5&page=2');
    const json = api.json() as { data: unknown[]; meta: { page: number; total: number; pages: number }; links: { next: string | null; prev: string | null } };
    expect(json.data).toHaveLength(5);
    expect(json.meta.page).toBe(2);
    expect(json.links.prev).toContain('page=1');
    expect(json.meta.total).toBeGreaterThan(10);
  });

  it('hides the members-only programme from non-members in search but not from members', async () => {
    expect((await search('Nantes', 'anonymous')).text).toContain('0 résultats');
    expect((await search('Nantes', 'member')).text).toContain('Invitation Voyage apprenant Pays de la Loire');
  });
});
