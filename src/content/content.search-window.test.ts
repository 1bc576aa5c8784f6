import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { transact } from '../platform/db/transaction.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { CatalogItem } from '../catalog/catalog.types.ts';
import * as catalogRepo from '../catalog/catalog.repo.ts';
import * as searchRepo from '../catalog/catalog.search.repo.ts';
import { parseQuery } from '../catalog/catalog.query.ts';
import { agentAs } from './content.test-helpers.ts';

// 1,100 items match "compostage" (more than the window); 30 old ones match "lombricompost"
// and 200 newer ones match neither, so a narrow word must be found behind the newest rows.
const BROAD = 1100;
const NARROW = 30;

function item(i: number, over: Partial<CatalogItem>): CatalogItem {
  const day = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
  return {
    kind: i % 2 ? 'news' : 'resource',
    id: `w-${i}`,
    url: `/actualites/w-${i}`,
    title: `Fiche ${i}`,
    summary: 'Une fiche pratique.',
    body: '',
    themes: [i % 3 ? 'climat' : 'participation'],
    territory: i % 4 ? 'Amiens' : 'Arras',
    format: null,
    membersOnly: false,
    publishedAt: day,
    updatedAt: day,
    startsAt: null,
    ...over,
  };
}

describeEachDatabase('search past its window of matches', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    const items: CatalogItem[] = [];
    for (let i = 0; i < NARROW; i++) items.push(item(i, { id: `old-${i}`, title: `Lombricompost en pied d’immeuble ${i}` }));
    for (let i = 0; i < BROAD; i++) items.push(item(NARROW + i, { summary: 'Un atelier de compostage partagé.' }));
    // The newest members-only item says "compostage" in its body only: anonymous readers must not find it.
    items.push(item(NARROW + BROAD, { id: 'secret', title: 'Réservé', summary: 'Pour les membres.', body: 'Compostage confidentiel.', membersOnly: true }));
    for (let i = 0; i < 200; i++) items.push(item(NARROW + BROAD + 1 + i, { id: `new-${i}`, title: `Mobilité douce ${i}` }));
    await transact(app.platform.db, (trx) => app.services.catalog.service.upsertMany(trx, items));
  });
  afterAll(() => app?.destroy());

  it('says "plus de 1 000 résultats" for a broad word and explains what the facets count', async () => {
    const res = await (await agentAs(app, 'anonymous')).get('/recherche?q=compostage');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Plus de 1 000 résultats');
    expect(text).toContain('les 1 000 résultats les plus récents sont classés et comptés dans les filtres');
    // The facets count the window: 1,000 items between the two kinds.
    const counts = [...text.matchAll(/(?:Actualités|Ressources) \((\d+)\)/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(text).not.toContain('Réservé');
  });

  it('orders a broad search by date from the newest item on, and pages through the window', async () => {
    const s = app.services.catalog.service;
    const first = await s.search('compostage', {}, { user: null, sort: 'date', page: 1, perPage: 12 });
    expect(first.capped).toBe(true);
    expect(first.rows[0].item_id).toBe(`w-${NARROW + BROAD - 1}`);
    const last = await s.search('compostage', {}, { user: null, sort: 'date', page: 84, perPage: 12 });
    expect(last.rows).toHaveLength(1000 - 83 * 12);
    const filtered = await s.search('compostage', { territory: 'Arras' }, { user: null, sort: 'relevance', page: 1, perPage: 12 });
    expect(filtered.capped).toBe(false);
    expect(filtered.total).toBe(BROAD / 4);
    expect(filtered.facets?.territory).toEqual([{ value: 'Arras', count: BROAD / 4 }]);
  });

  it('finds every match of a narrow word even when it is far behind the newest rows', async () => {
    const backend = await catalogRepo.detectBackend(app.platform.db, kind);
    // A first look at the 100 newest rows finds nothing; the search must still reach the old ones.
    const found = await searchRepo.search(app.platform.db, backend, {
      query: parseQuery('lombricompost'),
      filters: {},
      canReadMembersOnly: false,
      sort: 'relevance',
      limit: 12,
      offset: 0,
      firstSpan: 100,
    });
    expect(found.total).toBe(NARROW);
    expect(found.capped).toBe(false);
    expect(found.facets.theme.reduce((a, f) => a + f.count, 0)).toBe(NARROW);
    expect(found.rows).toHaveLength(12);
  });

  it('finds the members-only body for a member, not for a visitor', async () => {
    const s = app.services.catalog.service;
    const member: CurrentUser = { id: 'm', sessionId: 's', name: 'Camille', email: 'm@x.test', role: 'user', membership: 'approved', lang: 'fr' };
    const forMember = await s.search('confidentiel', {}, { user: member, sort: 'relevance', page: 1, perPage: 12 });
    expect(forMember.rows.map((r) => r.item_id)).toEqual(['secret']);
    const forVisitor = await s.search('confidentiel', {}, { user: null, sort: 'relevance', page: 1, perPage: 12 });
    expect(forVisitor.total).toBe(0);
  });
});
