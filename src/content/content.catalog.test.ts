import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { transact } from '../platform/db/transaction.ts';
import type { CatalogItem } from '../catalog/catalog.types.ts';
import { agentAs } from './content.test-helpers.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function entry(kind: string, id: string, title: string, publishedAt: string, over: Partial<CatalogItem> = {}): CatalogItem {
  return {
    kind,
    id,
    url: `/x/${id}`,
    title,
    summary: `Résumé de ${title}`,
    body: '',
    themes: [],
    territory: null,
    format: null,
    membersOnly: false,
    publishedAt,
    updatedAt: publishedAt,
    startsAt: null,
    ...over,
  };
}

describeEachDatabase('catalogue of recent items', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await transact(app.platform.db, (trx) =>
      app.services.catalog.service.upsertMany(trx, [
        entry('news', 'n1', 'Retour sur la journée PCAET', '2026-10-01T08:00:00.000Z'),
        entry('resource', 'r1', 'Fiche « Concertation préalable »', '2026-11-01T08:00:00.000Z'),
        entry('resource', 'm1', 'Guide réservé aux membres', '2026-11-10T08:00:00.000Z', { membersOnly: true }),
        entry('event', 'e-later', 'Rencontre régionale de printemps', '2026-09-01T08:00:00.000Z', { startsAt: inDays(30) }),
        entry('event', 'e-soon', 'Atelier budget participatif', '2026-09-02T08:00:00.000Z', { startsAt: inDays(5) }),
        entry('event', 'e-past', 'Forum ouvert PCAET à Arras', '2019-10-01T08:00:00.000Z', { startsAt: '2019-11-14T08:00:00.000Z' }),
        entry('document', 'd1', 'Compte rendu en PDF', '2026-11-20T08:00:00.000Z', { format: 'PDF' }),
      ]),
    );
  });
  afterAll(() => app?.destroy());

  it('lists upcoming events first, soonest first, then the rest newest first, members-only marked', async () => {
    const recent = await app.services.catalog.service.recent({ kinds: ['news', 'resource', 'event'], limit: 10 });
    expect(recent.map((r) => r.id)).toEqual(['e-soon', 'e-later', 'm1', 'r1', 'n1', 'e-past']);
    expect(recent.find((r) => r.id === 'm1')).toMatchObject({ kind: 'resource', url: '/x/m1', membersOnly: true, startsAt: null, publishedAt: '2026-11-10T08:00:00.000Z' });
    expect(recent[0]).toMatchObject({ kind: 'event', title: 'Atelier budget participatif', membersOnly: false });
    expect((await app.services.catalog.service.recent({ kinds: ['news', 'resource', 'event'], limit: 3 })).map((r) => r.id)).toEqual(['e-soon', 'e-later', 'm1']);
    expect((await app.services.catalog.service.recent({ limit: 1 })).map((r) => r.id)).toEqual(['e-soon']);
  });

  it('offers them in the newsletter composer, without the members-only ones', async () => {
    const page = await (await agentAs(app, 'animator')).get('/admin/lettre/nouvelle');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Atelier budget participatif');
    expect(text.indexOf('Atelier budget participatif')).toBeLessThan(text.indexOf('Retour sur la journée PCAET'));
    expect(text).toContain('Fiche « Concertation préalable »');
    expect(text).not.toContain('Guide réservé aux membres');
    expect(text).not.toContain('Compte rendu en PDF');
  });
});
