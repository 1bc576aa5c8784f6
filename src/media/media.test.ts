import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { csrfFrom, textOf, type Agent } from '../../test/agent.ts';
import { agentAs, editor, form, makePdf } from '../content/content.test-helpers.ts';

/** A photo-like JPEG: 1400 × 900, a gradient and a disc, so every size is a real encode. */
async function photo(width = 1400, height = 900): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#1f6f43"/><stop offset="1" stop-color="#1d5fa8"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#f5a300"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** Posts the picture form like a browser (multipart, the page's CSRF token), with or without a file. */
async function postImage(app: TestApp, agent: Agent, pageUrl: string, action: string, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const page = await agent.get(pageUrl);
  const token = csrfFrom(page.body);
  if (!token) throw new Error(`no CSRF token on ${pageUrl}`);
  const fd = new FormData();
  fd.set('_csrf', token);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (file) fd.set('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const request = new Request('http://palabre.test/', { method: 'POST', body: fd });
  const payload = Buffer.from(await request.arrayBuffer());
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.server.inject({ method: 'POST', url: action, payload, headers: { 'content-type': request.headers.get('content-type')!, cookie } });
}

/** The addresses of a page's <source>/<img> srcsets, by type. */
function srcsets(html: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of html.matchAll(/<source type="([^"]+)" srcset="([^"]+)"/g)) out[m[1]] = m[2].split(', ').map((s) => s.split(' ')[0]);
  const img = /<img src="[^"]+" srcset="([^"]+)"/.exec(html);
  if (img) out['image/jpeg'] = img[1].split(', ').map((s) => s.split(' ')[0]);
  return out;
}

describeEachDatabase('pictures of items', (kind) => {
  let app: TestApp;
  let animator: Agent;
  let newsId: string;
  let membersId: string;
  let draftId: string;
  const s = () => app.services.content.service;

  beforeAll(async () => {
    app = await createTestApp(kind);
    animator = await agentAs(app, 'animator');
    newsId = (await s().create(form({ title: 'Forum ouvert à Arras' }), editor)).id;
    await s().publish(newsId, editor);
    membersId = (await s().create(form({ title: 'Compte rendu du comité', membersOnly: true }), editor)).id;
    await s().publish(membersId, editor);
    draftId = (await s().create(form({ title: 'Brouillon illustré' }), editor)).id;
  });
  afterAll(() => app?.destroy());

  const edit = (id: string) => `/admin/contenus/${id}`;
  const action = (id: string) => `/admin/images/news/${id}`;

  it('refuses a picture without alternative text with a French message, keeps the credit, focus and file, then saves it with the text', async () => {
    const refused = await postImage(app, animator, edit(newsId), action(newsId), { credit: 'Photo : Cerdd', focus: '50-0', alt: '' }, { name: 'arras.jpg', type: 'image/jpeg', data: await photo() });
    expect(refused.statusCode).toBe(400);
    expect(textOf(refused.body)).toContain('Décrivez l’image en quelques mots, ou cochez');
    expect(refused.body).toContain('value="Photo : Cerdd"');
    expect(refused.body).toMatch(/<input type="radio" name="focus" value="50-0" checked/);
    // The file is kept: the form carries it, and nothing is published yet.
    const pending = /name="pending" value="([^"]+)"/.exec(refused.body)?.[1];
    expect(pending).toBeTruthy();
    expect(await s().picture({ kind: 'news', id: newsId })).toBeNull();

    const saved = await postImage(app, animator, edit(newsId), action(newsId), { pending: pending!, credit: 'Photo : Cerdd', focus: '50-0', alt: 'Une vingtaine de personnes autour d’une carte' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${edit(newsId)}#image`);
    const page = await (await agentAs(app, 'anonymous')).get('/actualites/forum-ouvert-a-arras');
    expect(page.body).toContain('alt="Une vingtaine de personnes autour d’une carte"');
    expect(textOf(page.body)).toContain('Crédit : Photo : Cerdd');
    expect(page.body).toContain('focus-50-0');
  });

  it('takes an empty alternative text when the picture is said to be decorative', async () => {
    const res = await postImage(app, animator, edit(draftId), action(draftId), { decorative: 'on', alt: '' }, { name: 'motif.jpg', type: 'image/jpeg', data: await photo(800, 600) });
    expect(res.statusCode).toBe(303);
    expect((await s().picture({ kind: 'news', id: draftId }))?.alt).toBe('');
  });

  it('refuses a file that is not a picture, and a picture too small for a card, in French', async () => {
    const pdf = await postImage(app, animator, edit(newsId), action(newsId), { alt: 'Un texte' }, { name: 'photo.jpg', type: 'image/jpeg', data: makePdf('Pas une image') });
    expect(pdf.statusCode).toBe(400);
    expect(textOf(pdf.body)).toContain('Ce fichier n’est pas une image que le site sait lire');
    const tiny = await postImage(app, animator, edit(newsId), action(newsId), { alt: 'Un texte' }, { name: 'icone.jpg', type: 'image/jpeg', data: await photo(120, 80) });
    expect(tiny.statusCode).toBe(400);
    expect(textOf(tiny.body)).toContain('trop petite');
  });

  it('serves every size in AVIF, WebP and JPEG, a year in any cache for a public item', async () => {
    const anonymous = await agentAs(app, 'anonymous');
    const page = await anonymous.get('/actualites/forum-ouvert-a-arras');
    const sets = srcsets(page.body);
    expect(Object.keys(sets).sort()).toEqual(['image/avif', 'image/jpeg', 'image/webp']);
    for (const [type, urls] of Object.entries(sets)) {
      // 1400 pixels wide: 400, 800 and 1200, never enlarged to 1600.
      expect(urls.map((u) => Number(/\/(\d+)\.\w+$/.exec(u)![1]))).toEqual([400, 800, 1200]);
      for (const url of urls) {
        const res = await anonymous.get(url);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        const meta = await sharp(res.rawPayload).metadata();
        expect(meta.width).toBe(Number(/\/(\d+)\.\w+$/.exec(url)![1]));
        expect({ avif: 'heif', webp: 'webp', jpeg: 'jpeg' }[type.slice(6)]).toBe(meta.format);
        const again = await anonymous.get(url, { 'if-none-match': String(res.headers.etag) });
        expect(again.statusCode).toBe(304);
      }
    }
    // The list's card shows it too, in the card's sizes.
    const list = await anonymous.get('/actualites');
    expect(list.body).toMatch(/<picture class="card-media">/);
  });

  it('gives a members-only item’s picture to members only, and a draft’s to animators only', async () => {
    await postImage(app, animator, edit(membersId), action(membersId), { alt: 'Le comité réuni' }, { name: 'comite.jpg', type: 'image/jpeg', data: await photo(900, 600) });
    const url = srcsets(await (await animator.get(edit(membersId))).body)['image/webp'][0];
    const anonymous = await agentAs(app, 'anonymous');
    expect((await anonymous.get(url)).statusCode).toBe(403);
    expect((await (await agentAs(app, 'visitor')).get(url)).statusCode).toBe(403);
    const member = await (await agentAs(app, 'member')).get(url);
    expect(member.statusCode).toBe(200);
    expect(member.headers['cache-control']).toMatch(/^private/);
    // Its card, which anyone sees, shows no picture the reader would be refused.
    const list = await anonymous.get('/actualites');
    expect(textOf(list.body)).toContain('Compte rendu du comité');
    expect(list.body).not.toContain(url);

    const draftUrl = srcsets(await (await animator.get(edit(draftId))).body)['image/jpeg'][0];
    expect((await anonymous.get(draftUrl)).statusCode).toBe(404);
    const staff = await animator.get(draftUrl);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-cache');
  });

  it('draws a PDF’s first page as the document’s thumbnail', async () => {
    await s().upload(newsId, { data: makePdf('Compte rendu du forum ouvert'), filename: 'cr.pdf', title: 'Compte rendu', membersOnly: false }, editor);
    const page = await (await agentAs(app, 'anonymous')).get('/actualites/forum-ouvert-a-arras');
    expect(page.body).toMatch(/<div class="document-page" aria-hidden="true"><picture>/);
  });
});
