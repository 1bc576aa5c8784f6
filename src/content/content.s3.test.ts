import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { startS3, type TestS3 } from '../../test/s3.ts';
import { Agent } from '../../test/agent.ts';
import { zipSync, strToU8 } from 'fflate';
import { agentAs, editor, form, makePdf, upload } from './content.test-helpers.ts';

// Documents and pictures on an S3-compatible store: same access rules, Range and ETag as on disk.
describeEachDatabase('documents and pictures on S3', (kind) => {
  let s3: TestS3;
  let app: TestApp;
  const pdf = makePdf('Relevé de décisions du comité de pilotage, réservé aux membres.');
  const publicPdf = makePdf('Programme public de la rencontre régionale.');
  let secretUrl: string;
  let publicUrl: string;
  let secretKey: string;

  beforeAll(async () => {
    s3 = await startS3();
    app = await createTestApp(kind, { env: s3.env });
    const s = app.services.content.service;
    const news = await s.create(form({ title: 'Rencontre régionale des conseils citoyens' }), editor);
    const secret = await s.upload(news.id, { data: pdf, filename: 'releve.pdf', title: 'Relevé de décisions', membersOnly: true }, editor);
    const open = await s.upload(news.id, { data: publicPdf, filename: 'programme.pdf', title: 'Programme', membersOnly: false }, editor);
    await s.illustrate({ kind: 'news', id: news.id }, { motif: 'news', seed: 'rencontre' });
    await s.publish(news.id, editor);
    secretUrl = `/documents/${secret.id}/${secret.filename}`;
    publicUrl = `/documents/${open.id}/${open.filename}`;
    secretKey = secret.storage_key;
  });
  afterAll(async () => {
    await app?.destroy();
    await s3?.close();
  });

  it('keeps the uploaded files in the bucket, none on the local disk', async () => {
    const keys: string[] = [];
    for await (const key of app.platform.storage.list()) keys.push(key);
    expect(app.platform.storage.kind).toBe('s3');
    expect(keys).toContain(secretKey);
    // s3rver writes each object under its folder: the bytes really went through S3.
    expect(fs.existsSync(path.join(s3.directory, s3.bucket, `${secretKey}._S3rver_object`))).toBe(true);
    expect(fs.existsSync(app.platform.config.filesDir)).toBe(false);
  });

  it('still refuses a members-only document to an anonymous reader and a visitor', async () => {
    const anon = await new Agent(app.server).get(secretUrl);
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/connexion/);
    expect(anon.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    const visitor = await (await agentAs(app, 'visitor')).get(secretUrl);
    expect(visitor.statusCode).toBe(403);
    expect(visitor.body).not.toContain('%PDF');
  });

  it('streams a members-only document to a member, with its ETag, a 304, a range and a 416', async () => {
    const member = await agentAs(app, 'member');
    const full = await member.get(secretUrl);
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.equals(pdf)).toBe(true);
    expect(full.headers['content-type']).toBe('application/pdf');
    expect(full.headers['content-length']).toBe(String(pdf.length));
    expect(String(full.headers['cache-control'])).toMatch(/\bprivate\b/);
    const etag = String(full.headers.etag);
    const revalidated = await member.get(secretUrl, { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    const part = await member.get(secretUrl, { range: 'bytes=5-20' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 5-20/${pdf.length}`);
    expect(part.rawPayload.equals(pdf.subarray(5, 21))).toBe(true);
    const tail = await member.get(secretUrl, { range: 'bytes=-9' });
    expect(tail.rawPayload.equals(pdf.subarray(pdf.length - 9))).toBe(true);
    expect((await member.get(secretUrl, { range: `bytes=${pdf.length}-` })).statusCode).toBe(416);
    const head = await app.server.inject({ method: 'HEAD', url: secretUrl, headers: { cookie: [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(pdf.length));
    expect(head.rawPayload.length).toBe(0);
    // A stale If-Range: the whole (new) file, not a piece of it.
    const stale = await member.get(secretUrl, { range: 'bytes=0-3', 'if-range': '"ancienne-version"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.equals(pdf)).toBe(true);
  });

  it('serves a public document and the item’s picture from the bucket to anyone', async () => {
    const anon = new Agent(app.server);
    const doc = await anon.get(publicUrl);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.equals(publicPdf)).toBe(true);
    expect(String(doc.headers['cache-control'])).toMatch(/\bpublic\b/);
    const page = await anon.get('/actualites/rencontre-regionale-des-conseils-citoyens');
    const src = /<img[^>]+src="(\/images\/[^"]+)"/.exec(page.body)?.[1];
    expect(src).toBeDefined();
    const picture = await anon.get(src!);
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    expect(picture.rawPayload.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect((await anon.get(src!, { 'if-none-match': String(picture.headers.etag) })).statusCode).toBe(304);
  });

  it('streams a document sent with the form into the bucket, and refuses a file by its bytes, in French', async () => {
    const animator = await agentAs(app, 'animator');
    const news = await app.services.content.service.create(form({ title: 'Dépôt par le formulaire' }), editor);
    const page = `/admin/contenus/${news.id}`;
    const send = (name: string, data: Buffer) => upload(app, animator, page, `${page}/documents`, { title: '' }, { name, type: 'application/pdf', data });
    const fake = await send('programme.pdf', Buffer.from('MZ\x90\x00 ceci est un programme, pas un PDF'));
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('n’est pas un PDF, ODT, DOCX, XLSX, PNG ou JPG valide');
    // A DOCX whose archive names word/document.xml twice: no office suite writes it.
    const twice = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>'), 'word/documenX.xml': strToU8('<w:document/>') }, { level: 0 }));
    const damaged = await send('rapport.docx', Buffer.from(twice.toString('latin1').replaceAll('word/documenX.xml', 'word/document.xml'), 'latin1'));
    expect(damaged.statusCode).toBe(400);
    expect(damaged.body).toContain('entrées en double');
    expect(await app.services.content.service.listDocuments(news.id)).toHaveLength(0);
    const minutes = makePdf('Compte rendu déposé par le formulaire.');
    expect((await send('compte-rendu.pdf', minutes)).statusCode).toBe(303);
    const [doc] = await app.services.content.service.listDocuments(news.id);
    expect(doc).toMatchObject({ format: 'PDF', size: minutes.length });
    expect(doc.text).toContain('Compte rendu déposé');
    expect(await app.platform.storage.exists(doc.storage_key)).toBe(true);
    const back = await animator.get(`/documents/${doc.id}/${doc.filename}`);
    expect(back.rawPayload.equals(minutes)).toBe(true);
  });

  it('answers 404, not a broken download, when the store has lost the file', async () => {
    await app.platform.storage.remove(secretKey);
    const member = await agentAs(app, 'member');
    const lost = await member.get(secretUrl);
    expect(lost.statusCode).toBe(404);
    expect(lost.headers['content-disposition']).toBeUndefined();
    expect(lost.headers['content-type']).toMatch(/^text\/html/);
  });
});
