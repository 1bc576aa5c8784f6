import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { agentAs, editor, form } from './content.test-helpers.ts';

describeEachDatabase('animator screen for themes', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await app.services.catalog.service.themes.upsert({ slug: 'politique-de-la-ville-dsu', name: { fr: 'Politique de la ville - DSU', en: 'Urban policy' }, description: { fr: '', en: '' } });
  });
  afterAll(() => app?.destroy());

  const PAGE = '/admin/contenus/thematiques';

  it('is for animators only', async () => {
    expect((await (await agentAs(app, 'anonymous')).get(PAGE)).statusCode).toBe(303);
    for (const role of ['visitor', 'member'] as const) expect((await (await agentAs(app, role)).get(PAGE)).statusCode).toBe(403);
    const res = await (await agentAs(app, 'animator')).get(PAGE);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Politique de la ville - DSU');
    const posted = await (await agentAs(app, 'member')).submit('/recherche', PAGE, { nameFr: 'Intrusion' });
    expect(posted.statusCode).toBe(403);
    expect(await app.services.catalog.service.themes.get('intrusion')).toBeNull();
  });

  it('creates a theme without JavaScript, its slug made from the name, and lists it', async () => {
    const agent = await agentAs(app, 'animator');
    const res = await agent.submit(PAGE, PAGE, { nameFr: 'Transition énergétique', nameEn: '', descriptionFr: 'Sobriété, efficacité, renouvelables.', descriptionEn: '', slug: '' });
    expect(res.statusCode).toBe(303);
    const list = textOf((await agent.get(PAGE)).body);
    expect(list).toContain('Thématique créée.');
    expect(list).toContain('/thematiques/transition-energetique');
    const publicPage = await (await agentAs(app, 'anonymous')).get('/thematiques/transition-energetique');
    expect(publicPage.statusCode).toBe(200);
    expect(textOf(publicPage.body)).toContain('Transition énergétique');
    // No English name given: the French one is used.
    expect((await app.services.catalog.service.themes.get('transition-energetique'))?.name.en).toBe('Transition énergétique');
  });

  it('refuses an empty name or a taken slug, keeping what was typed', async () => {
    const agent = await agentAs(app, 'animator');
    const empty = await agent.submit(PAGE, PAGE, { nameFr: '', nameEn: 'Climate', slug: '' });
    expect(empty.statusCode).toBe(400);
    expect(textOf(empty.body)).toContain('Texte trop court (2 caractères au minimum)');
    expect(empty.body).toContain('value="Climate"');
    const taken = await agent.submit(PAGE, PAGE, { nameFr: 'Quartiers prioritaires', nameEn: '', slug: 'politique-de-la-ville-dsu' });
    expect(taken.statusCode).toBe(400);
    expect(textOf(taken.body)).toContain('Cette adresse est déjà celle de la thématique « Politique de la ville - DSU »');
    expect(taken.body).toContain('value="Quartiers prioritaires"');
    const badSlug = await agent.submit(PAGE, PAGE, { nameFr: 'Climat', slug: 'Climat & air' });
    expect(badSlug.statusCode).toBe(400);
    expect((await app.services.catalog.service.themes.list()).map((t) => t.slug)).not.toContain('climat');
  });

  it('renames a theme while its slug, its page and the items filed under it stay', async () => {
    const s = app.services.content.service;
    const item = await s.create(form({ title: 'Quartiers en transition', summary: 'Un retour d’expérience.', themes: ['politique-de-la-ville-dsu'] }), editor);
    await s.publish(item.id, editor);
    const agent = await agentAs(app, 'animator');
    const editPage = textOf((await agent.get(`${PAGE}/politique-de-la-ville-dsu`)).body);
    expect(editPage).toContain('Adresse : /thematiques/politique-de-la-ville-dsu');
    const res = await agent.submit(`${PAGE}/politique-de-la-ville-dsu`, `${PAGE}/politique-de-la-ville-dsu`, {
      nameFr: 'Politique de la ville',
      nameEn: 'Urban policy',
      descriptionFr: 'Quartiers prioritaires et cohésion urbaine.',
      descriptionEn: '',
      // A slug slipped into the form changes nothing.
      slug: 'autre-chose',
    });
    expect(res.statusCode).toBe(303);
    expect(await s.themes.get('autre-chose')).toBeNull();
    const page = textOf((await (await agentAs(app, 'anonymous')).get('/thematiques/politique-de-la-ville-dsu')).body);
    expect(page).toContain('Politique de la ville');
    expect(page).not.toContain('Politique de la ville - DSU');
    expect(page).toContain('Quartiers en transition');
    const invalid = await agent.submit(`${PAGE}/politique-de-la-ville-dsu`, `${PAGE}/politique-de-la-ville-dsu`, { nameFr: 'x'.repeat(81) });
    expect(invalid.statusCode).toBe(400);
    expect(textOf(invalid.body)).toContain('Texte trop long (80 caractères au maximum)');
    expect((await agent.get(`${PAGE}/inconnue`)).statusCode).toBe(404);
  });
});
