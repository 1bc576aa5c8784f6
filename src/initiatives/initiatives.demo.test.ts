import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { loadDemo } from '../demo/demo.ts';

describeEachDatabase('initiatives demo', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await loadDemo(app);
  }, 300_000);
  afterAll(() => app?.destroy());

  it('opens the 2027 rolling call with monthly committees and its PIC Labs', async () => {
    const page = textOf((await new Agent(app.server).get('/initiatives/projets-initiative-citoyenne-2027')).body);
    expect(page).toContain("Projets d'Initiative Citoyenne 2027");
    expect(page).toContain('Au fil de l’eau (comités mensuels)');
    expect(page).toContain('Roubaix, Croix, Méricourt, Arras, Lille');
    expect(page).toContain('PIC Lab : rencontre sur les Projets d’Initiative Citoyenne à Saint-Quentin');
    expect(page).toContain('PIC Lab : monter son Projet d’Initiative Citoyenne en 2027');
    const committees = await app.platform.db.selectFrom('initiative_committees').select('meets_at').execute();
    expect(committees.length).toBeGreaterThanOrEqual(3);
    const list = await new Agent(app.server).get('/initiatives');
    expect(textOf(list.body)).toContain("Projets d'Initiative Citoyenne 2027");
    // Each call has its picture (drawn by Palabre for the demo), on its card and its page, served in sizes.
    const call = await app.platform.db.selectFrom('initiative_calls').select('id').where('slug', '=', 'projets-initiative-citoyenne-2027').executeTakeFirstOrThrow();
    const picture = await app.services.media.service.picture('call', call.id);
    expect(picture).not.toBeNull();
    const src = /<img[^>]+src="(\/images\/[^"]+)"/.exec((await new Agent(app.server).get('/initiatives/projets-initiative-citoyenne-2027')).body)?.[1];
    expect(src).toBeDefined();
    expect(list.body).toContain('/images/');
    // The funded projects' follow-up is reached from the calls' page.
    expect(list.body).toContain('href="/initiatives/projets"');
    expect((await new Agent(app.server).get(src!)).statusCode).toBe(200);
    // Published to the catalogue: on its themes' pages and in search.
    const themed = textOf((await new Agent(app.server).get('/recherche?q=initiatives+habitants&theme=politique-de-la-ville-dsu')).body);
    expect(themed).toContain("Projets d'Initiative Citoyenne 2027");
    expect(themed).toContain('Appel à projets');
  });

  it('has files in every state before the committee, one of them reviewed with a recused member', async () => {
    const files = await app.platform.db.selectFrom('initiative_applications').select(['state', 'title']).execute();
    const states = new Set(files.map((f) => f.state));
    for (const s of ['draft', 'submitted', 'complements_requested', 'admissible', 'not_admissible', 'under_review']) expect([...states]).toContain(s);
    const reviewers = await app.platform.db.selectFrom('initiative_reviewers').select(['conflict', 'completed_at']).execute();
    expect(reviewers.filter((r) => r.completed_at !== null)).toHaveLength(2);
    expect(reviewers.filter((r) => r.conflict === 'recused')).toHaveLength(1);
  });
});
