import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { createAccount } from '../accounts/accounts.test-helpers.ts';
import { loadPastCallDemo } from './initiatives.demo.past.ts';

describeEachDatabase('initiatives demo: the past call of 2026', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind, { env: { LOG_LEVEL: 'error' } });
    await createAccount(app, { email: 'animation@palabre.test', role: 'animator', name: 'Équipe d’animation' });
    await app.services.catalog.service.themes.create({ slug: 'participation-citoyenne', nameFr: 'Participation citoyenne', nameEn: 'Citizen participation', descriptionFr: '', descriptionEn: '' });
    await loadPastCallDemo(app.services.initiatives.service, app.services.initiatives.followUp);
  });
  afterAll(() => app?.destroy());
  const db = () => app.platform.db;

  it('funds at least eight projects across Hauts-de-France communes, decided by committees with signed minutes', async () => {
    const call = await db().selectFrom('initiative_calls').selectAll().executeTakeFirstOrThrow();
    expect(call.status).toBe('closed');
    const funded = await db().selectFrom('initiative_applications').select(['state', 'commune_code']).where('state', 'in', ['granted', 'in_progress', 'completed']).execute();
    expect(funded.length).toBeGreaterThanOrEqual(8);
    expect(new Set(funded.map((f) => f.commune_code)).size).toBeGreaterThanOrEqual(8);
    const committees = await db().selectFrom('initiative_committees').select(['status', 'minutes_signed_at', 'meets_at']).execute();
    expect(committees).toHaveLength(3);
    for (const c of committees) {
      expect(c.status).toBe('held');
      expect(c.minutes_signed_at).not.toBeNull();
      expect(c.meets_at.slice(0, 4)).toBe('2026');
    }
    const decisions = await db().selectFrom('initiative_decisions').select(['votes_for', 'votes_abstain']).execute();
    expect(decisions.every((d) => d.votes_for === 6 && d.votes_abstain === 1)).toBe(true);
  });

  it('has tranches paid and fiches bilan received, and shows them publicly', async () => {
    const tranches = await db().selectFrom('initiative_tranches').select(['status', 'condition']).execute();
    expect(tranches.filter((t) => t.status === 'paid').length).toBeGreaterThanOrEqual(9);
    expect(tranches.some((t) => t.condition === 'final_report' && t.status === 'paid')).toBe(true);
    expect(tranches.some((t) => t.condition === 'final_report' && t.status === 'planned')).toBe(true);
    const reports = await db().selectFrom('initiative_reports').select(['status', 'published']).where('status', '=', 'submitted').execute();
    expect(reports.length).toBeGreaterThanOrEqual(5);
    const list = textOf((await new Agent(app.server).get('/initiatives/projets?annee=&appel=projets-initiative-citoyenne-2026')).body);
    for (const t of ['Fête de printemps de l’Alma', 'Ciné en plein air d’Étouvie', 'Tournoi de foot des familles']) expect(list).toContain(t);
    for (const c of ['Amiens', 'Lens', 'Méricourt', 'Tourcoing']) expect(list).toContain(c);
    // Funded projects are catalogue items: on their theme's page and in search.
    const theme = await new Agent(app.server).get('/thematiques/participation-citoyenne');
    expect(theme.statusCode).toBe(200);
    expect(textOf(theme.body)).toContain('Fête de printemps de l’Alma');
    expect(textOf((await new Agent(app.server).get('/recherche?q=tournoi')).body)).toContain('Tournoi de foot des familles');
  });
});
