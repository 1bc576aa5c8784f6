import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { agentAs, editor, form, makePdf, upload } from './content.test-helpers.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function docx(text: string): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'word/document.xml': strToU8(
        `<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>${text.slice(0, 8)}</w:t></w:r><w:r><w:t>${text.slice(8)}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  );
}
function odt(text: string): Buffer {
  return Buffer.from(
    zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': strToU8(`<office:document-content><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>`),
    }),
  );
}

describeEachDatabase('content editing, documents and bookmarks', (kind) => {
  let app: TestApp;
  let animator: Agent;
  let contentId: string;
  beforeAll(async () => {
    app = await createTestApp(kind, { env: { UPLOAD_MAX_MB: '0.05' } });
    await app.services.catalog.service.themes.upsert({ slug: 'pcaet-climat', name: { fr: 'PCAET / climat', en: 'Climate plans' }, description: { fr: '', en: '' } });
    animator = await agentAs(app, 'animator');
  });
  afterAll(() => app?.destroy());

  it('refuses the editor to members and visitors', async () => {
    expect((await (await agentAs(app, 'member')).get('/admin/contenus')).statusCode).toBe(403);
    const anon = await (await agentAs(app, 'anonymous')).get('/admin/contenus/nouveau');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/connexion');
  });

  it('re-renders the form with the input kept and French messages when it is wrong', async () => {
    const res = await animator.submit('/admin/contenus/nouveau?kind=resource', '/admin/contenus', { kind: 'resource', title: 'Ab', slug: 'Pas Bon!', summary: '', body: 'Mon texte gardé' });
    expect(res.statusCode).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain('Le formulaire contient des erreurs');
    expect(text).toContain('Texte trop court (3 caractères au minimum)');
    expect(text).toContain('Champ obligatoire');
    expect(text).toContain('Utilisez seulement des lettres minuscules');
    expect(res.body).toContain('Mon texte gardé');
  });

  it('previews sanitised Markdown without saving, then creates, publishes and keeps the history', async () => {
    const fields = {
      kind: 'news',
      title: 'Journée PCAET & participation citoyenne',
      slug: '',
      summary: 'Rendez-vous le 1er octobre à Amiens.',
      body: '## Programme\n\n**Accueil** à 9h <script>alert(1)</script> [lien](javascript:alert(1)) <img src="x" onerror="alert(1)">',
      themes: 'pcaet-climat',
    };
    const preview = await animator.submit('/admin/contenus/nouveau?kind=news', '/admin/contenus', { ...fields, intent: 'preview' });
    expect(preview.statusCode).toBe(200);
    const shown = preview.body.slice(preview.body.indexOf('id="preview-title"'), preview.body.indexOf('<form method="post" action="/admin/contenus"'));
    expect(shown).toContain('<strong>Accueil</strong>');
    expect(shown).not.toContain('<script>alert');
    expect(shown).not.toContain('javascript:');
    expect(shown).not.toContain('onerror');
    // The author's text is kept in the form, escaped.
    expect(preview.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect((await app.services.content.service.adminList({ limit: 10, offset: 0 })).total).toBe(0);

    const created = await animator.submit('/admin/contenus/nouveau?kind=news', '/admin/contenus', { ...fields, intent: 'save' });
    expect(created.statusCode).toBe(303);
    const editUrl = String(created.headers.location);
    contentId = editUrl.split('/').pop()!;
    expect((await new Agent(app.server).get('/actualites/journee-pcaet-participation-citoyenne')).statusCode).toBe(404);
    await animator.submit(editUrl, `${editUrl}/publier`, {});
    const page = await new Agent(app.server).get('/actualites/journee-pcaet-participation-citoyenne');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toMatch(/Publié le \d+ \w+ \d{4}/);
    expect(page.body).not.toContain('alert(1)</script>');
    const edit = textOf((await animator.get(editUrl)).body);
    expect(edit).toContain('Camille animator : création');
    expect(edit).toContain('Camille animator : publication');
  });

  it('keeps old addresses working after a title change', async () => {
    const editUrl = `/admin/contenus/${contentId}`;
    await animator.submit(editUrl, editUrl, {
      title: 'Journée régionale PCAET 2020',
      slug: 'journee-regionale-pcaet-2020',
      summary: 'Rendez-vous le 1er octobre à Amiens.',
      body: 'Texte',
      themes: 'pcaet-climat',
      intent: 'save',
    });
    const old = await new Agent(app.server).get('/actualites/journee-pcaet-participation-citoyenne');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/actualites/journee-regionale-pcaet-2020');
    expect((await new Agent(app.server).get('/actualites/journee-regionale-pcaet-2020')).statusCode).toBe(200);
  });

  it('publishes a scheduled item when its time comes, and not before', async () => {
    const s = app.services.content.service;
    const item = await s.create(form({ title: 'Annonce programmée', summary: 'Bientôt.' }), editor);
    const at = new Date(Date.now() + 3600_000).toISOString();
    await s.schedule(item.id, at, editor);
    expect((await new Agent(app.server).get('/actualites/annonce-programmee')).statusCode).toBe(404);
    expect(await s.publishDue(new Date(Date.now() + 7200_000).toISOString())).toBe(1);
    const page = await new Agent(app.server).get('/actualites/annonce-programmee');
    expect(page.statusCode).toBe(200);
  });

  it('uploads a PDF, extracts its text and serves it with headers, ETag and ranges', async () => {
    const pdf = makePdf('Compte rendu : la sobriété énergétique des bâtiments communaux.');
    const res = await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents`,
      { title: 'Compte rendu de la journée' },
      { name: 'compte-rendu.pdf', type: 'application/pdf', data: pdf },
    );
    expect(res.statusCode).toBe(303);
    const [doc] = await app.services.content.service.listDocuments(contentId);
    expect(doc.format).toBe('PDF');
    expect(doc.text).toContain('sobriété énergétique');
    const url = `/documents/${doc.id}/${doc.filename}`;
    const anon = new Agent(app.server);
    const full = await anon.get(url);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('application/pdf');
    expect(String(full.headers['content-disposition'])).toContain('attachment; filename="compte-rendu.pdf"');
    expect(full.rawPayload.equals(pdf)).toBe(true);
    const etag = String(full.headers.etag);
    expect((await anon.get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    const part = await anon.get(url, { range: 'bytes=0-7' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-7/${pdf.length}`);
    expect(part.rawPayload.toString('latin1')).toBe('%PDF-1.4');
    expect((await anon.get(url, { range: `bytes=${pdf.length + 10}-` })).statusCode).toBe(416);
    // A range in another unit, or several ranges, is ignored: the whole file, never a 416.
    for (const range of ['items=0-7', 'bytes=0-1,4-5', 'bytes=x-y']) {
      const whole = await anon.get(url, { range });
      expect(whole.statusCode, range).toBe(200);
      expect(whole.rawPayload.equals(pdf)).toBe(true);
    }
    expect(textOf((await anon.get('/recherche?q=sobriete')).body)).toContain('Compte rendu de la journée');
  });

  it('replaces a file keeping its address while the version changes', async () => {
    const [doc] = await app.services.content.service.listDocuments(contentId);
    const url = `/documents/${doc.id}/${doc.filename}`;
    const before = String((await new Agent(app.server).get(url)).headers.etag);
    const res = await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents/${doc.id}`,
      { title: doc.title },
      { name: 'nouvelle-version.pdf', type: 'application/pdf', data: makePdf('Version corrigée du compte rendu.') },
    );
    expect(res.statusCode).toBe(303);
    const after = await new Agent(app.server).get(url);
    expect(after.statusCode).toBe(200);
    expect(String(after.headers.etag)).not.toBe(before);
    const [replaced] = await app.services.content.service.listDocuments(contentId);
    expect(replaced.version).toBe(2);
    expect(textOf((await new Agent(app.server).get('/actualites/journee-regionale-pcaet-2020')).body)).toContain('version 2');
  });

  it('reads ODT and DOCX text and tells their type from the bytes', async () => {
    await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents`,
      {},
      { name: 'note.odt', type: 'application/octet-stream', data: odt('Une note sur les jardins partagés.') },
    );
    await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents`,
      {},
      { name: 'fiche.docx', type: 'text/plain', data: docx('Fiche repère : budget participatif.') },
    );
    const docs = await app.services.content.service.listDocuments(contentId);
    expect(docs.find((d) => d.format === 'ODT')?.text).toContain('jardins partagés');
    expect(docs.find((d) => d.format === 'DOCX')?.text).toContain('Fiche repère : budget participatif.');
  });

  it('refuses a file whose bytes are not an allowed type, whatever its name or declared type', async () => {
    const count = (await app.services.content.service.listDocuments(contentId)).length;
    const fake = await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents`,
      {},
      { name: 'rapport.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    expect(fake.statusCode).toBe(400);
    expect(textOf(fake.body)).toContain('le type est vérifié d’après son contenu');
    expect((await app.services.content.service.listDocuments(contentId)).length).toBe(count);
  });

  it('stores a file by its real type and a safe name, whatever the extension or path given', async () => {
    const res = await upload(app, animator, `/admin/contenus/${contentId}`, `/admin/contenus/${contentId}/documents`, {}, { name: '../../etc/passwd.txt', type: 'text/plain', data: PNG });
    expect(res.statusCode).toBe(303);
    const png = (await app.services.content.service.listDocuments(contentId)).find((d) => d.format === 'PNG')!;
    expect(png.filename).toBe('passwd.png');
    expect(png.mime).toBe('image/png');
    expect(png.storage_key).not.toContain('..');
  });

  it('answers a document title over 200 characters with a message on the form, storing nothing', async () => {
    const count = (await app.services.content.service.listDocuments(contentId)).length;
    const res = await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents`,
      { title: 'x'.repeat(100_000) },
      { name: 'note.pdf', type: 'application/pdf', data: makePdf('note') },
    );
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Texte trop long (200 caractères au maximum)');
    expect((await app.services.content.service.listDocuments(contentId)).length).toBe(count);
  });

  it('refuses an oversized file with a clear message', async () => {
    const big = Buffer.concat([makePdf('gros'), Buffer.alloc(60 * 1024, 32)]);
    const res = await upload(app, animator, `/admin/contenus/${contentId}`, `/admin/contenus/${contentId}/documents`, {}, { name: 'gros.pdf', type: 'application/pdf', data: big });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Ce fichier dépasse la taille autorisée');
  });

  it('saves a bookmark without JavaScript and comes back, toggles it with JavaScript', async () => {
    const member = await agentAs(app, 'member');
    const page = '/actualites/journee-regionale-pcaet-2020';
    const saved = await member.submit(page, '/favoris', { kind: 'news', id: contentId, retour: page, action: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(page);
    const after = await member.get(page);
    expect(textOf(after.body)).toContain('Contenu enregistré dans vos favoris.');
    expect(after.body).toContain('aria-pressed="true"');
    expect(textOf((await member.get('/favoris')).body)).toContain('Journée régionale PCAET 2020');
    const token = /name="_csrf" value="([^"]+)"/.exec(after.body)![1];
    const js = await member.post('/favoris', { _csrf: token, kind: 'news', id: contentId, action: 'toggle' }, { accept: 'application/json' });
    expect(js.json()).toEqual({ saved: false });
    expect(textOf((await member.get('/favoris')).body)).not.toContain('Journée régionale PCAET 2020');
    const forged = await member.post('/favoris', { kind: 'news', id: contentId, action: 'save' });
    expect(forged.statusCode).toBe(403);
  });

  it('sends an anonymous click to sign-in and saves the item on return', async () => {
    const visitor = new Agent(app.server);
    const page = '/actualites/journee-regionale-pcaet-2020';
    const click = await visitor.post('/favoris', { kind: 'news', id: contentId, retour: page, action: 'save' });
    expect(click.statusCode).toBe(303);
    const next = new URL(String(click.headers.location), 'http://x').searchParams.get('suivant')!;
    expect(String(click.headers.location)).toMatch(/^\/connexion\?suivant=/);
    // Signing in (done by the accounts module) ends on `suivant` with a session.
    const { id } = await app.services.accounts.service.ensureUser({ email: 'nouvelle@content.test', name: 'Nouvelle' });
    visitor.cookies.set('sid', await app.services.accounts.service.openSession(id, 'test'));
    const back = await visitor.get(next);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(page);
    expect(textOf((await visitor.get('/favoris')).body)).toContain('Journée régionale PCAET 2020');
  });

  it('refuses a token-less bookmark posted from another site, so a signed-in reader cannot be made to save an item', async () => {
    const page = '/actualites/journee-regionale-pcaet-2020';
    // The Lax session cookie does not travel with another site's post: it arrives anonymous.
    const anonymous = new Agent(app.server);
    const elsewhere: Array<Record<string, string>> = [{ origin: 'https://ailleurs.example' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of elsewhere) {
      const forged = await anonymous.post('/favoris', { kind: 'news', id: contentId, retour: page, action: 'save' }, headers);
      expect(forged.statusCode).toBe(403);
      expect(String(forged.headers['set-cookie'] ?? '')).not.toContain('pending_bookmark');
    }
    // Our own pages still work without a token.
    const own = await anonymous.post('/favoris', { kind: 'news', id: contentId, retour: page, action: 'save' }, { origin: 'http://palabre.test', 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode).toBe(303);
    expect(String(own.headers.location)).toMatch(/^\/connexion\?suivant=/);
  });

  it('shares a named collection by link', async () => {
    const member = await agentAs(app, 'member');
    await member.submit('/favoris', '/favoris/collections', { name: 'Pour l’atelier climat' });
    const [collection] = await app.services.catalog.service.bookmarks.collections((await app.services.accounts.service.ensureUser({ email: 'member@content.test', name: 'x' })).id);
    await member.submit('/favoris', '/favoris', { kind: 'news', id: contentId, retour: '/favoris', action: 'save', collection: collection.id });
    const shared = await new Agent(app.server).get(`/favoris/partage/${collection.share_token}`);
    expect(shared.statusCode).toBe(200);
    expect(textOf(shared.body)).toContain('Collection « Pour l’atelier climat »');
    expect(textOf(shared.body)).toContain('Journée régionale PCAET 2020');
    expect((await new Agent(app.server).get('/favoris/partage/inconnu')).statusCode).toBe(404);
    const empty = await member.submit('/favoris', '/favoris/collections', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(textOf(empty.body)).toContain('Champ obligatoire');
  });

  it('archives an item: gone from the public, search and feeds', async () => {
    await animator.submit(`/admin/contenus/${contentId}`, `/admin/contenus/${contentId}/archiver`, {});
    const anon = new Agent(app.server);
    expect((await anon.get('/actualites/journee-regionale-pcaet-2020')).statusCode).toBe(404);
    expect(textOf((await anon.get('/recherche?q=sobriete')).body)).toContain('0 résultats');
    expect((await anon.get('/flux/actualites.xml')).body).not.toContain('Journée régionale PCAET 2020');
  });
});
