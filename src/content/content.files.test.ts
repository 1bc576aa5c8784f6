import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf, type Agent } from '../../test/agent.ts';
import { agentAs, editor, form, upload } from './content.test-helpers.ts';
import { extractText, sniff } from './content.files.ts';
import { readZipDirectory, readZipEntry, ZipError } from './content.zip.ts';

/** A zip written by hand, so that a test can lie in its headers the way a hostile file does. */
function zipWith(entries: Array<{ name: string; data: Buffer; declaredSize?: number; deflated?: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflated ?? zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') };
const wordXml = (body: string) => Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`);
const docxOf = (body: string) => zipWith([CONTENT_TYPES, { name: 'word/document.xml', data: wordXml(body) }]);

/** word/document.xml of `mb` megabytes of blanks: a few hundred kilobytes once deflated. */
function docxBomb(mb: number, declaredSize?: number): Buffer {
  const xml = Buffer.concat([wordXml('<w:p><w:r><w:t>Début</w:t></w:r></w:p>'), Buffer.alloc(mb * 1024 * 1024, 0x20)]);
  return zipWith([CONTENT_TYPES, { name: 'word/document.xml', data: xml, declaredSize }]);
}

describe('office documents: zip reading and text extraction', () => {
  it('reads the text of a DOCX, joining runs, and decodes character references, even malformed or out of range ones', async () => {
    const doc = docxOf(
      '<w:p><w:r><w:t>Budget par</w:t></w:r><w:r><w:t>ticipatif &amp; &#233;lus &#x2019;ok&#x2019; &#xZZ; &#99999999; &#xD800; &amp;lt;</w:t></w:r></w:p><w:p><w:r><w:t>Seconde ligne</w:t></w:r></w:p>',
    );
    const type = sniff(doc)!;
    expect(type.format).toBe('DOCX');
    const { text } = await extractText(doc, type);
    expect(text).toContain('Budget participatif & élus ’ok’');
    expect(text).toContain('&#xZZ;');
    expect(text).toContain('&lt;');
    expect(text).toContain('\nSeconde ligne');
  });

  it('refuses a zip with two entries of the same name', () => {
    const twice = zipWith([
      CONTENT_TYPES,
      { name: 'word/document.xml', data: wordXml('<w:p><w:r><w:t>Visible</w:t></w:r></w:p>') },
      { name: 'word/document.xml', data: wordXml('<w:p><w:r><w:t>Caché</w:t></w:r></w:p>') },
    ]);
    expect(() => readZipDirectory(twice)).toThrow(ZipError);
    expect(() => sniff(twice)).toThrow(expect.objectContaining({ problem: 'duplicate' }));
  });

  it('refuses an entry declared larger than the cap without inflating it, and stops one that inflates past its declared size', () => {
    const honest = docxBomb(40);
    const entry = readZipDirectory(honest).get('word/document.xml')!;
    expect(() => readZipEntry(honest, entry, 1024 * 1024)).toThrow(expect.objectContaining({ problem: 'tooLarge' }));
    const liar = docxBomb(40, 2000);
    const lying = readZipDirectory(liar).get('word/document.xml')!;
    const before = process.memoryUsage().arrayBuffers;
    expect(() => readZipEntry(liar, lying, 1024 * 1024)).toThrow(expect.objectContaining({ problem: 'tooLarge' }));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('extracts a zip bomb off the event loop: the site keeps answering, and the document comes back without text', async () => {
    for (const bomb of [docxBomb(100), docxBomb(100, 1000)]) {
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const started = Date.now();
      const result = await extractText(bomb, sniff(bomb)!);
      lag.disable();
      expect(result).toEqual({ text: '', unread: 'tooLarge' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(lag.max / 1e6).toBeLessThan(500);
    }
  });

  it('starts the extraction worker when the app runs under tsx, as bin/palabre.js does', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const script = `
      const { register } = await import('tsx/esm/api');
      register();
      const { extractText, sniff } = await import(${JSON.stringify(path.join(here, 'content.files.ts'))});
      const doc = Buffer.from(${JSON.stringify(docxOf('<w:p><w:r><w:t>Sous tsx</w:t></w:r></w:p>').toString('base64'))}, 'base64');
      console.log(JSON.stringify(await extractText(doc, sniff(doc))));
      process.exit(0);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(here, '../..'), encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ text: 'Sous tsx', unread: null });
  });
});

describeEachDatabase('document uploads with unreadable text', (kind) => {
  let app: TestApp;
  let animator: Agent;
  let contentId: string;
  beforeAll(async () => {
    app = await createTestApp(kind, { env: { UPLOAD_MAX_MB: '5' } });
    animator = await agentAs(app, 'animator');
    contentId = (await app.services.content.service.create(form({ title: 'Dossier du mois' }), editor)).id;
  });
  afterAll(() => app?.destroy());

  it('stores a document whose text is too large once uncompressed, without its text, and tells the animator', async () => {
    const res = await upload(
      app,
      animator,
      `/admin/contenus/${contentId}`,
      `/admin/contenus/${contentId}/documents`,
      { title: 'Annexe énorme' },
      { name: 'annexe.docx', type: 'application/octet-stream', data: docxBomb(100, 1000) },
    );
    expect(res.statusCode).toBe(303);
    // The upload helper posts outside the agent: carry the flash cookie over by hand.
    for (const c of res.cookies as Array<{ name: string; value: string }>) animator.cookies.set(c.name, c.value);
    const page = await animator.follow(res);
    expect(textOf(page.body)).toContain('son texte n’a pas pu être lu pour la recherche');
    const [doc] = await app.services.content.service.listDocuments(contentId);
    expect(doc).toMatchObject({ title: 'Annexe énorme', format: 'DOCX', text: '' });
  });

  it('refuses a document whose archive has two entries of the same name, with a clear message', async () => {
    const twice = zipWith([
      CONTENT_TYPES,
      { name: 'word/document.xml', data: wordXml('<w:p><w:r><w:t>Un</w:t></w:r></w:p>') },
      { name: 'word/document.xml', data: wordXml('<w:p><w:r><w:t>Deux</w:t></w:r></w:p>') },
    ]);
    const res = await upload(app, animator, `/admin/contenus/${contentId}`, `/admin/contenus/${contentId}/documents`, {}, { name: 'double.docx', type: 'application/octet-stream', data: twice });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('entrées en double');
  });
});
