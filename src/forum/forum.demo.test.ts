import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';

describeEachDatabase('forum demo', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    // The forum demo attaches its forums to the agenda's demo events, which use the content themes.
    for (const name of ['content', 'events', 'forum']) await app.modules.find((m) => m.name === name)!.demo!();
  });
  afterAll(() => app?.destroy());

  it('shows the Arras 2019 forum as a closed forum of 16 groups of 3 to 14 participants, with its proceedings', async () => {
    const page = await new Agent(app.server).get('/forums/forum-ouvert-pcaet-arras-2019');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Changement climatique : quelles coopérations pour accélérer les transitions via les PCAET ?');
    expect(text).toContain('16 groupes de travail');
    expect(text).toContain('Clos');
    const html = textOf((await new Agent(app.server).get('/forums/forum-ouvert-pcaet-arras-2019/actes')).body);
    expect(html).toContain('de 3 à 14 participant·e·s');
    expect(html).toContain('Mobilisation interne : élu·e·s et services');
    const pdf = await new Agent(app.server).get('/forums/forum-ouvert-pcaet-arras-2019/actes.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets a visitor join the upcoming forum with the code shown on its page and propose a theme', async () => {
    const visitor = new Agent(app.server);
    const page = await visitor.get('/forums/forum-ouvert-territoires-participatifs-2027');
    expect(textOf(page.body)).toContain('ESSAI7');
    const join = await visitor.submit('/forums/forum-ouvert-territoires-participatifs-2027/participer', '/forums/forum-ouvert-territoires-participatifs-2027/participer', {
      code: 'ESSAI7',
      name: 'Sacha',
      organisation: '',
    });
    expect(join.statusCode).toBe(303);
    const res = await visitor.submit('/forums/forum-ouvert-territoires-participatifs-2027/participer', '/forums/forum-ouvert-territoires-participatifs-2027/themes', {
      title: 'Essayer Palabre',
      description: '',
    });
    expect(res.statusCode).toBe(303);
    expect(textOf((await visitor.get('/forums/forum-ouvert-territoires-participatifs-2027/mur')).body)).toContain('Essayer Palabre');
  });
});

describeEachDatabase('forum demo and the agenda', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    for (const name of ['content', 'events', 'forum']) await app.modules.find((m) => m.name === name)!.demo!();
  });
  afterAll(() => app?.destroy());

  it('attaches the published proceedings to the forum day in the agenda', async () => {
    const page = await new Agent(app.server).get('/agenda/forum-ouvert-pcaet-arras-2019');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/forums/forum-ouvert-pcaet-arras-2019/actes.pdf"');
  });
});
