import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Agent } from '../../../test/agent.ts';
import { PageCache } from './page-cache.ts';

describe('anonymous page cache', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('sqlite');
  });
  afterAll(() => app?.destroy());

  it('serves a cached page byte for byte as it was rendered, accents included', async () => {
    const agent = new Agent(app.server);
    const rendered = await agent.get('/donnees-personnelles');
    expect(rendered.headers['x-cache']).toBeUndefined();
    const cached = await agent.get('/donnees-personnelles');
    expect(cached.headers['x-cache']).toBe('hit');
    expect(cached.rawPayload.equals(rendered.rawPayload)).toBe(true);
    expect(cached.body).toContain('Données personnelles');
    expect(cached.headers['content-type']).toBe(rendered.headers['content-type']);
    expect(Number(cached.headers['content-length'])).toBe(rendered.rawPayload.length);
  });

  it('keeps one cached copy per language', async () => {
    const fr = await new Agent(app.server).get('/mentions-legales');
    await new Agent(app.server, { 'accept-language': 'en' }).get('/mentions-legales');
    const en = await new Agent(app.server, { 'accept-language': 'en' }).get('/mentions-legales');
    expect(en.headers['x-cache']).toBe('hit');
    expect(en.body).toContain('<html lang="en">');
    expect(fr.body).toContain('<html lang="fr">');
  });
});

describe('page cache limits', () => {
  it('keeps the pages read most recently when it is full', () => {
    const cache = new PageCache(2);
    cache.set('fr /a', '/a', 'A', 'text/html');
    cache.set('fr /b', '/b', 'B', 'text/html');
    cache.get('fr /a');
    cache.set('fr /c', '/c', 'C', 'text/html');
    expect(cache.get('fr /a')?.body.toString()).toBe('A');
    expect(cache.get('fr /b')).toBeUndefined();
  });

  it('keeps a bounded number of query strings per path, so invented ones cannot push the others out', () => {
    const cache = new PageCache(1000);
    cache.set('fr /', '/', 'home', 'text/html');
    for (let i = 0; i < 500; i++) cache.set(`fr /?x=${i}`, `/?x=${i}`, `junk ${i}`, 'text/html');
    expect(cache.size).toBe(25);
    expect(cache.get('fr /')?.body.toString()).toBe('home');
    cache.set('fr /agenda?mois=2027-05', '/agenda?mois=2027-05', 'mai', 'text/html');
    expect(cache.get('fr /agenda?mois=2027-05')?.body.toString()).toBe('mai');
  });

  it('empties itself when the day changes in Paris, so "today" is never yesterday', () => {
    let now = new Date('2027-05-10T21:30:00Z'); // 23:30 in Paris
    const cache = new PageCache(1000, () => now);
    cache.set('fr /agenda?vue=mois', '/agenda?vue=mois', 'le 10 mai', 'text/html');
    now = new Date('2027-05-10T21:59:00Z');
    expect(cache.get('fr /agenda?vue=mois')).toBeDefined();
    now = new Date('2027-05-10T22:01:00Z'); // 00:01 on the 11th in Paris
    expect(cache.get('fr /agenda?vue=mois')).toBeUndefined();
  });
});
