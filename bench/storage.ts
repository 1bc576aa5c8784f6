/**
 * Storage benchmark (issue 16): upload and download throughput of the file store on the local
 * disk and on an S3-compatible store (s3rver, in this process), through the storage layer and
 * through Palabre's document download route. Writes the "## Storage" section of bench/RESULTS.md.
 *
 *   npx tsx bench/storage.ts                   # full run (about two minutes)
 *   BENCH_QUICK=1 npx tsx bench/storage.ts     # smoke run (does not touch RESULTS.md)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../test/harness.ts';
import { startS3, type TestS3 } from '../test/s3.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDiskStorage, createS3Storage, type Storage } from '../src/platform/storage/index.ts';
import { load } from './lib/load.ts';
import { loadLine, machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const KiB = 1024;
const MiB = 1024 * KiB;
/** Per size, enough objects for about 48 MiB each way (a tenth in a quick run). */
const SIZES = [64 * KiB, 1 * MiB, 16 * MiB];
const VOLUME = QUICK ? 5 * MiB : 48 * MiB;
const ROUNDS = QUICK ? 1 : 3;
const HTTP_SECONDS = QUICK ? 2 : 10;

const chunked = (buf: Buffer) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += 64 * KiB) yield buf.subarray(i, i + 64 * KiB);
    })(),
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

/** MiB/s putting then getting `count` new objects of `size` bytes, one at a time (an upload, then a download, as one visitor does). */
async function throughput(store: Storage, size: number, count: number) {
  const blobs = Array.from({ length: count }, () => crypto.randomBytes(size));
  let t = performance.now();
  const keys: string[] = [];
  for (const b of blobs) keys.push((await store.put(chunked(b))).key);
  const put = mbps(size * count, performance.now() - t);
  t = performance.now();
  for (const key of keys) for await (const _ of (await store.get(key))!.stream);
  const get = mbps(size * count, performance.now() - t);
  for (const key of keys) await store.remove(key);
  return { put, get };
}

async function storeFigures(s3: TestS3, dir: string) {
  const stores: Array<[string, Storage]> = [
    ['disk', createDiskStorage(path.join(dir, 'files'))],
    ['s3', createS3Storage(loadConfig({ ...s3.env }).s3!)],
  ];
  const rows: string[] = [];
  for (const size of SIZES) {
    const count = Math.max(2, Math.round(VOLUME / size));
    const runs: Record<string, { put: number[]; get: number[] }> = { disk: { put: [], get: [] }, s3: { put: [], get: [] } };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which store goes first: the machine is shared, and its load drifts.
      for (const [name, store] of round % 2 ? [...stores].reverse() : stores) {
        const r = await throughput(store, size, count);
        runs[name].put.push(r.put);
        runs[name].get.push(r.get);
      }
    }
    const d = { put: median(runs.disk.put), get: median(runs.disk.get) };
    const s = { put: median(runs.s3.put), get: median(runs.s3.get) };
    const label = size >= MiB ? `${size / MiB} MiB` : `${size / KiB} KiB`;
    rows.push(`| ${label} × ${count} | ${d.put.toFixed(0)} | ${s.put.toFixed(0)} | ${(s.put / d.put).toFixed(2)} | ${d.get.toFixed(0)} | ${s.get.toFixed(0)} | ${(s.get / d.get).toFixed(2)} |`);
    console.log(rows[rows.length - 1]);
  }
  for (const [, store] of stores) await store.close();
  return rows;
}

/** req/s and MiB/s of a public document download through Palabre (streamed from the store), 10 connections. */
async function httpFigures(s3: TestS3) {
  const rows: string[] = [];
  const results: Record<string, { rps: number; p99: number }> = {};
  for (const name of ['disk', 's3'] as const) {
    const app = await createTestApp('sqlite', { env: name === 's3' ? s3.env : {} });
    const editor = { id: null, name: 'Bench' };
    const s = app.services.content.service;
    const item = await s.create({ kind: 'news', title: 'Banc d’essai', slug: '', summary: 'x', body: '', resourceType: '', territory: '', authorOrg: '', themes: [], membersOnly: false }, editor);
    // A PDF by its first bytes (the extraction finds no text in it, which changes nothing here).
    const doc = await s.upload(item.id, { data: Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(MiB)]), filename: 'banc.pdf', title: 'Banc', membersOnly: false }, editor);
    await s.publish(item.id, editor);
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/documents/${doc.id}/${doc.filename}`;
    await load(url, { connections: 10, duration: 1 });
    const r = await load(url, { connections: 10, duration: HTTP_SECONDS });
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    results[name] = { rps: r.requestsPerSecond, p99: r.p99 };
    await app.destroy();
  }
  const { disk, s3: obj } = results;
  rows.push(`| 1 MiB public document, 10 connections | ${disk.rps.toFixed(0)} req/s, p99 ${disk.p99} ms | ${obj.rps.toFixed(0)} req/s, p99 ${obj.p99} ms | ${(obj.rps / disk.rps).toFixed(2)} |`);
  console.log(rows[0]);
  return rows;
}

async function main() {
  const startLoad = loadLine();
  const s3 = await startS3({ bucket: 'palabre-bench' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-storage-'));
  try {
    const stores = await storeFigures(s3, dir);
    const http = await httpFigures(s3);
    const body = `Measured ${today()} on ${machineLine()}; ${startLoad} at the start, ${loadLine()} at the end, with \`npx tsx bench/storage.ts\`.

s3rver runs in the benchmark's process (Node, objects in files of a temporary folder, no TLS) on the same two cores: the ratios say what the S3 protocol and the SDK cost against the local disk on one machine, not how fast a real object store (Garage, MinIO, a provider's) is, which adds the network. Each object is new random bytes streamed in 64 KiB chunks; put hashes while it writes (a temporary file then a rename on disk; on S3, one PUT under the checksum's key up to 8 MiB, a multipart upload to a temporary object then a server-side copy above); get streams the whole object. One object at a time; median of ${ROUNDS} rounds, the stores alternating.

| objects | disk put MiB/s | S3 put MiB/s | S3/disk put | disk get MiB/s | S3 get MiB/s | S3/disk get |
|---|---:|---:|---:|---:|---:|---:|
${stores.join('\n')}

Downloads through Palabre (\`/documents/…\`, access check, ETag, streamed from the store; autocannon in the same process for ${HTTP_SECONDS} s after 1 s of warm-up; one request is one MiB):

| download | disk | S3 (s3rver) | S3/disk |
|---|---|---|---:|
${http.join('\n')}
`;
    if (QUICK) console.log(body);
    else writeResultsSection('Storage', body);
  } finally {
    await s3.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
