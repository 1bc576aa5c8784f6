import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, expect, it } from 'vitest';
import { ZipReader, ZipWriter } from './zip.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-zip-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('writes entries as they stream in and reads them back, as other ZIP readers do', async () => {
  const file = path.join(dir, 'a.zip');
  const picture = Buffer.alloc(3_000_000, 7);
  picture[12345] = 1;
  const zip = new ZipWriter(file);
  await zip.add('schema.json', [Buffer.from('{"format":"x"}\n')]);
  await zip.add('files/ab/abcdef', [picture.subarray(0, 1_000_000), picture.subarray(1_000_000)], { deflate: false });
  await zip.add('vide', []);
  await zip.add(
    'tables/événements.json',
    (async function* () {
      for (let i = 0; i < 5000; i++) yield Buffer.from(`{"ligne":${i}}\n`);
    })(),
  );
  await zip.finish();

  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const read = await ZipReader.open(file);
  expect([...read.entries.keys()]).toEqual(['schema.json', 'files/ab/abcdef', 'vide', 'tables/événements.json']);
  expect((await read.buffer('files/ab/abcdef')).equals(picture)).toBe(true);
  expect((await read.buffer('vide')).length).toBe(0);
  expect((await read.buffer('tables/événements.json')).toString().split('\n')[4999]).toBe('{"ligne":4999}');
  const other = unzipSync(fs.readFileSync(file));
  expect(Buffer.from(other['files/ab/abcdef']!).equals(picture)).toBe(true);
  expect(Buffer.from(other['tables/événements.json']!).toString()).toContain('{"ligne":4999}');
});

it('refuses bytes that do not match their checksum', async () => {
  const file = path.join(dir, 'b.zip');
  const zip = new ZipWriter(file);
  await zip.add('files/x', [Buffer.from('les octets du document')], { deflate: false });
  await zip.finish();
  const bytes = fs.readFileSync(file);
  bytes[bytes.indexOf('octets')] = 0x4f;
  fs.writeFileSync(file, bytes);
  await expect((await ZipReader.open(file)).buffer('files/x')).rejects.toThrow(/checksum/);
});

it('holds more than 65,535 files (ZIP64)', { timeout: 120_000 }, async () => {
  const file = path.join(dir, 'c.zip');
  const zip = new ZipWriter(file);
  for (let i = 0; i < 66_000; i++) await zip.add(`files/${i}`, [Buffer.from(String(i))], { deflate: false });
  await zip.finish();
  const read = await ZipReader.open(file);
  expect(read.entries.size).toBe(66_000);
  expect((await read.buffer('files/65999')).toString()).toBe('65999');
  expect(Object.keys(unzipSync(fs.readFileSync(file))).length).toBe(66_000);
});

it('says a file is not a ZIP', async () => {
  const file = path.join(dir, 'd.zip');
  fs.writeFileSync(file, 'pas une archive');
  await expect(ZipReader.open(file)).rejects.toThrow(/not a zip/);
});
