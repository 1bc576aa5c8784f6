import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { transact } from '../platform/db/transaction.ts';
import { agentAs } from './content.test-helpers.ts';

/** The result cards' links, in order. */
function resultLinks(html: string): string[] {
  const list = html.match(/<(?:ol|ul)[^>]*search-results[^>]*>([\s\S]*?)<\/(?:ol|ul)>/)?.[1] ?? '';
  return [...list.matchAll(/<h[23][^>]*>\s*<a href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

describeEachDatabase('search forgives typos and unfinished words', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await app.services.content.definition.demo!();
    // A members-only item whose body holds a word found nowhere else.
    const at = '2024-05-02T10:00:00.000Z';
    await transact(app.platform.db, (trx) =>
      app.services.catalog.service.upsert(trx, {
        kind: 'resource',
        id: 'secret-compost',
        url: '/ressources/secret-compost',
        title: 'Compte rendu du groupe de travail',
        summary: 'Réservé aux membres du réseau.',
        body: 'Le lombricompostage collectif du quartier Saint-Maurice.',
        themes: [],
        territory: null,
        format: null,
        membersOnly: true,
        publishedAt: at,
        updatedAt: at,
        startsAt: null,
      }),
    );
  });
  afterAll(() => app?.destroy());

  const search = async (q: string, role: 'anonymous' | 'member' = 'anonymous') => {
    const res = await (await agentAs(app, role)).get(`/recherche?q=${encodeURIComponent(q)}`);
    return { status: res.statusCode, body: res.body, text: textOf(res.body), links: resultLinks(res.body) };
  };

  it('finds "participation" when "partcipation" is typed, and says so with a link', async () => {
    const r = await search('partcipation');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Aucun résultat pour « partcipation ». Vouliez-vous dire participation ?');
    expect(r.text).toContain('Fiche « La participation citoyenne et les PCAET »');
    expect(r.body).toContain('<a href="/recherche?q=participation">participation</a>');
  });

  it('finds "concertation" when "concertaton" is typed', async () => {
    const r = await search('concertaton');
    expect(r.text).toContain('Vouliez-vous dire concertation ?');
    expect(r.text).toContain('Institut de la Concertation et de la Participation citoyenne');
  });

  it('corrects one word of two: "energie renouvlable" finds "énergie renouvelable"', async () => {
    const r = await search('energie renouvlable');
    expect(r.text).toContain('Vouliez-vous dire energie renouvelable ?');
    expect(r.text).toContain('Retours d’expériences « Projets d’énergie renouvelable citoyens »');
    expect(r.body).toMatch(/<mark>renouvelable<\/mark>/i);
  });

  it('the "did you mean" link leads to the results, without a suggestion', async () => {
    const first = await search('energie renouvlable');
    const href = first.body.match(/Vouliez-vous dire <a href="([^"]+)"/)?.[1].replace(/&amp;/g, '&');
    expect(href).toBe('/recherche?q=energie+renouvelable');
    const res = await (await agentAs(app, 'anonymous')).get(href!);
    const text = textOf(res.body);
    expect(res.statusCode).toBe(200);
    expect(text).toContain('Retours d’expériences « Projets d’énergie renouvelable citoyens »');
    expect(text).not.toContain('Aucun résultat');
    expect(text).not.toContain('Vouliez-vous dire');
  });

  it('reads the last word as the beginning of a word: "forum ouver" finds the open forum', async () => {
    const r = await search('forum ouver');
    expect(r.text).toContain('Retour sur le forum ouvert PCAET');
    expect(r.text).not.toContain('Vouliez-vous dire');
    expect(r.body).toMatch(/<mark>ouvert<\/mark>/i);
    // A finished word (a space after it) is taken as typed, then corrected.
    expect((await search('forum ouver ')).text).toContain('Aucun résultat pour « forum ouver ». Vouliez-vous dire forum ouvert ?');
  });

  it('suggests nothing when no correction finds anything', async () => {
    const r = await search('xylophonique');
    expect(r.text).toContain('Aucun résultat pour « xylophonique »');
    expect(r.text).not.toContain('Vouliez-vous dire');
  });

  it('shows a page once when it is found through the page and its attached document', async () => {
    for (const q of ['forum ouvert', 'voyage apprenant', 'participation', 'pcaet']) {
      const r = await search(q);
      const pages = r.links.map((l) => l.split('#')[0]);
      expect(pages.length, q).toBeGreaterThan(0);
      expect(new Set(pages).size, `${q}: ${pages.join(' ')}`).toBe(pages.length);
      const count = Number(r.text.match(/(\d+) résultats?/)?.[1]);
      if (count <= 12) expect(count, q).toBe(pages.length);
    }
    // A document found alone still shows, with the item it belongs to.
    const r = await search('centrales villageoises');
    expect(r.text).toContain('Compte rendu Forum Ouvert PCAET 14-11-2019');
  });

  it('never suggests nor completes a word of members-only text for an anonymous visitor', async () => {
    for (const q of ['Nantse', 'lombricompotsage', 'lombricompos']) {
      const anonymous = await search(q);
      expect(anonymous.status).toBe(200);
      expect(anonymous.text, q).toContain(`Aucun résultat pour « ${q} »`);
      expect(anonymous.text, q).not.toContain('Vouliez-vous dire');
      expect(anonymous.body.toLowerCase(), q).not.toMatch(/nantes|lombricompostage|compte rendu du groupe/);
    }
    // Members search everything, typos included.
    const member = await search('Nantse', 'member');
    expect(member.text).toContain('Vouliez-vous dire nantes ?');
    expect(member.text).toContain('Invitation Voyage apprenant Pays de la Loire');
    expect((await search('lombricompos', 'member')).text).toContain('Compte rendu du groupe de travail');
  });
});
