import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Agent } from '../../../test/agent.ts';

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
