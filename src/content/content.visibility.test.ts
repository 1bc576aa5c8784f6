import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { agentAs, editor, form, makePdf, type Role } from './content.test-helpers.ts';

const SECRET_WORD = 'Zanzibarique';
const SECRET_DOC_WORD = 'Pamplemoussade';

describeEachDatabase('content visibility', (kind) => {
  let app: TestApp;
  let open: { id: string; url: string; docUrl: string; secretDocUrl: string };
  let closed: { id: string; url: string; docUrl: string };

  beforeAll(async () => {
    app = await createTestApp(kind);
    const s = app.services.content.service;
    await s.themes.upsert({ slug: 'participation-citoyenne', name: { fr: 'Participation citoyenne', en: 'Citizen participation' }, description: { fr: '', en: '' } });
    // A public news item with one public and one members-only document.
    const news = await s.create(
      form({
        title: 'Voyage apprenant en Pays de la Loire',
        summary: 'Rejoignez la délégation du réseau.',
        body: 'Un voyage sur les inspirations démocratiques.',
        themes: ['participation-citoyenne'],
      }),
      editor,
    );
    const pub = await s.upload(news.id, { data: makePdf('Programme public du voyage apprenant.'), filename: 'programme-public.pdf', title: 'Programme public', membersOnly: false }, editor);
    const sec = await s.upload(
      news.id,
      { data: makePdf(`Programme détaillé réservé : ${SECRET_DOC_WORD} à Nantes.`), filename: 'programme-membres.pdf', title: 'Invitation Voyage apprenant Pays de la Loire', membersOnly: true },
      editor,
    );
    await s.publish(news.id, editor);
    open = { id: news.id, url: '/actualites/voyage-apprenant-en-pays-de-la-loire', docUrl: `/documents/${pub.id}/${pub.filename}`, secretDocUrl: `/documents/${sec.id}/${sec.filename}` };
    // A members-only resource: its card is public, its body and file are not.
    const res = await s.create(
      form({
        kind: 'resource',
        resourceType: 'guide',
        title: 'Guide des coopérations du réseau',
        summary: 'Un guide pour les membres du réseau.',
        body: `Le mot de passe du guide est ${SECRET_WORD}.`,
        themes: ['participation-citoyenne'],
        membersOnly: true,
      }),
      editor,
    );
    const doc = await s.upload(res.id, { data: makePdf('Annexe du guide des coopérations.'), filename: 'annexe.pdf', title: 'Annexe', membersOnly: false }, editor);
    await s.publish(res.id, editor);
    closed = { id: res.id, url: '/ressources/guide-des-cooperations-du-reseau', docUrl: `/documents/${doc.id}/${doc.filename}` };
  });
  afterAll(() => app?.destroy());

  const readers: Array<{ role: Role; member: boolean }> = [
    { role: 'anonymous', member: false },
    { role: 'visitor', member: false },
    { role: 'pending', member: false },
    { role: 'member', member: true },
    { role: 'animator', member: true },
    { role: 'admin', member: true },
  ];

  for (const { role, member } of readers) {
    describe(`as ${role}`, () => {
      it(member ? 'shows the members-only resource in full' : 'shows the card of a members-only resource with the mark, never its body', async () => {
        const agent = await agentAs(app, role);
        const res = await agent.get(closed.url);
        expect(res.statusCode).toBe(200);
        const text = textOf(res.body);
        expect(text).toContain('Guide des coopérations du réseau');
        expect(text).toContain('Réservé aux membres du réseau');
        if (member) {
          expect(text).toContain(SECRET_WORD);
          expect(res.body).toContain(closed.docUrl);
        } else {
          expect(res.body).not.toContain(SECRET_WORD);
          expect(res.body).not.toContain(closed.docUrl);
          // Those without a request are offered to join; a pending request is told to wait.
          if (role === 'pending') expect(text).toContain('en cours d’examen');
          else expect(res.body).toContain('/reseau/adhesion');
        }
      });

      it(member ? 'serves members-only files' : 'never serves a members-only file, by any URL', async () => {
        const agent = await agentAs(app, role);
        for (const url of [closed.docUrl, open.secretDocUrl, open.secretDocUrl.replace(/[^/]+$/, 'autre-nom.pdf')]) {
          const res = await agent.get(url);
          if (member) {
            expect([200, 301]).toContain(res.statusCode);
          } else {
            expect(res.statusCode === 403 || (res.statusCode === 303 && String(res.headers.location).startsWith('/connexion'))).toBe(true);
            expect(res.body).not.toContain('%PDF');
          }
        }
        // The public document of the same page is served to everyone.
        expect((await agent.get(open.docUrl)).statusCode).toBe(200);
      });

      it(member ? 'finds words of members-only bodies and files' : 'finds no members-only body or file text in search', async () => {
        const agent = await agentAs(app, role);
        for (const word of [SECRET_WORD, SECRET_DOC_WORD]) {
          const text = textOf((await agent.get(`/recherche?q=${word}`)).body);
          if (member) expect(text).not.toContain('0 résultats');
          else expect(text).toContain('0 résultats');
        }
        // The public card (title) is findable by everyone, with its mark.
        const byTitle = textOf((await agent.get('/recherche?q=coopérations')).body);
        expect(byTitle).toContain('Guide des coopérations du réseau');
        expect(byTitle).toContain('Réservé aux membres du réseau');
      });

      it('lists members-only items in the API only for those who may open them', async () => {
        const agent = await agentAs(app, role);
        const res = await agent.get('/api/v1/contents?per_page=100');
        expect(res.statusCode).toBe(200);
        const ids = (res.json() as { data: Array<{ id: string }> }).data.map((d) => d.id);
        expect(ids.includes(closed.id)).toBe(member);
        expect(ids).toContain(open.id);
        expect(res.body).not.toContain(SECRET_WORD);
      });

      it('marks members-only items in related blocks and theme pages', async () => {
        const agent = await agentAs(app, role);
        const page = await agent.get(open.url);
        expect(page.statusCode).toBe(200);
        const related = page.body.slice(page.body.indexOf('id="related-title"'));
        expect(related).toContain('Guide des coopérations du réseau');
        expect(textOf(related)).toContain('Réservé aux membres du réseau');
        expect(page.body).not.toContain(SECRET_WORD);
        const theme = await agent.get('/thematiques/participation-citoyenne');
        expect(textOf(theme.body)).toContain('Guide des coopérations du réseau');
        expect(theme.body).not.toContain(SECRET_WORD);
      });
    });
  }

  it('serves a document of a members-only item as private, never storable by a shared cache, and public documents as public', async () => {
    const member = await agentAs(app, 'member');
    const inherited = await member.get(closed.docUrl);
    expect(inherited.statusCode).toBe(200);
    expect(String(inherited.headers['cache-control'])).toMatch(/\bprivate\b/);
    expect(String(inherited.headers['cache-control'])).not.toMatch(/\bpublic\b/);
    expect(String((await member.get(open.secretDocUrl)).headers['cache-control'])).toMatch(/\bprivate\b/);
    expect(String((await member.get(open.docUrl)).headers['cache-control'])).toMatch(/\bpublic\b/);
  });

  it('asks browsers and proxies not to store content admin pages', async () => {
    const animator = await agentAs(app, 'animator');
    for (const url of ['/admin/contenus', `/admin/contenus/${open.id}`, '/admin/contenus/thematiques']) {
      const res = await animator.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(String(res.headers['cache-control']), url).toContain('no-store');
    }
  });

  it('keeps members-only items out of feeds and the sitemap', async () => {
    const agent = await agentAs(app, 'anonymous');
    await app.services.content.service.publish(
      (await app.services.content.service.create(form({ title: 'Réunion réservée', summary: 'Réservée.', membersOnly: true, themes: ['participation-citoyenne'] }), editor)).id,
      editor,
    );
    const feed = await agent.get('/flux/actualites.xml');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('Voyage apprenant en Pays de la Loire');
    expect(feed.body).not.toContain('Réunion réservée');
    const themeFeed = await agent.get('/flux/thematiques/participation-citoyenne.xml');
    expect(themeFeed.body).toContain('Voyage apprenant');
    expect(themeFeed.body).not.toContain('Guide des coopérations');
    const sitemap = await agent.get('/sitemap.xml');
    expect(sitemap.body).toContain(`http://palabre.test${open.url}`);
    expect(sitemap.body).not.toContain(closed.url);
    expect(sitemap.body).not.toContain('reunion-reservee');
  });

  it('hides drafts from the public and shows them to animators', async () => {
    const s = app.services.content.service;
    const draft = await s.create(form({ title: 'Brouillon secret', summary: 'Pas encore prêt.' }), editor);
    expect((await (await agentAs(app, 'member')).get('/actualites/brouillon-secret')).statusCode).toBe(404);
    expect((await (await agentAs(app, 'anonymous')).get('/actualites/brouillon-secret')).statusCode).toBe(404);
    const asAnimator = await (await agentAs(app, 'animator')).get('/actualites/brouillon-secret');
    expect(asAnimator.statusCode).toBe(200);
    expect(textOf(asAnimator.body)).toContain('Brouillon');
    expect(textOf((await (await agentAs(app, 'member')).get('/recherche?q=brouillon')).body)).toContain('0 résultats');
    await s.archive(draft.id, editor);
  });
});
