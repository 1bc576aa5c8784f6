import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/harness.ts';
import { Agent, textOf } from '../../../test/agent.ts';

describeEachDatabase('platform http', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app?.destroy());

  it('serves the home page in French with the main navigation', async () => {
    const res = await new Agent(app.server).get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="fr">');
    const text = textOf(res.body);
    for (const label of ['Agenda', 'Actualités', 'Ressources', 'Réseau', 'Forums', 'Initiatives']) expect(text).toContain(label);
  });

  it("serves each module's scripts from its assets folder under /static/<module>/, and the font, cached", async () => {
    const agent = new Agent(app.server);
    for (const url of ['/static/events/events.js', '/static/forum/wall.js', '/static/catalog/bookmarks.js', '/static/network/territory-picker.js']) {
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('javascript');
      expect(res.headers['cache-control'], url).toBe('public, max-age=3600');
    }
    const font = await agent.get('/static/fonts/atkinson-hyperlegible-latin-400-normal.woff2');
    expect(font.statusCode).toBe(200);
    for (const url of ['/static/events/missing.js', '/static/forum/..%2f..%2fforum.routes.tsx', '/static/events/../events.routes.tsx']) expect((await agent.get(url)).statusCode, url).toBe(404);
  });

  it('serves English when the browser asks for it, French for an unknown language', async () => {
    const en = await new Agent(app.server, { 'accept-language': 'en-GB,en;q=0.9' }).get('/');
    expect(en.body).toContain('<html lang="en">');
    const unknown = await new Agent(app.server, { 'accept-language': 'xx-YY, tlh' }).get('/');
    expect(unknown.body).toContain('<html lang="fr">');
  });

  it('keeps the language chosen with the switch in a cookie', async () => {
    const agent = new Agent(app.server);
    const res = await agent.get('/langue/en?suivant=%2Faccessibilite');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/accessibilite');
    expect((await agent.get('/accessibilite')).body).toContain('<h1>Accessibility</h1>');
  });

  it('refuses an off-site "come back to" address on the language switch', async () => {
    const res = await new Agent(app.server).get('/langue/en?suivant=//evil.example');
    expect(res.headers.location).toBe('/');
  });

  it('answers an unknown page with a friendly 404 in the visitor language, without internals', async () => {
    const fr = await new Agent(app.server).get('/nulle-part');
    expect(fr.statusCode).toBe(404);
    expect(textOf(fr.body)).toContain('Page introuvable');
    const en = await new Agent(app.server, { 'accept-language': 'en' }).get('/nowhere');
    expect(textOf(en.body)).toContain('Page not found');
    expect(fr.body).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it('sends a CSP without inline scripts and the usual security headers', async () => {
    const res = await new Agent(app.server).get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.body).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
  });

  it('refuses a form posted without a CSRF token', async () => {
    const res = await new Agent(app.server).post('/deconnexion', { anything: 'x' });
    expect(res.statusCode).toBe(403);
    expect(textOf(res.body)).toContain('Formulaire expiré');
  });

  it('answers a malformed form body with a 4xx page, not a 500', async () => {
    const res = await new Agent(app.server).post('/deconnexion', '%%%%=%E0%A4%A', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('ignores a tampered session cookie and treats the visitor as anonymous', async () => {
    const agent = new Agent(app.server);
    agent.cookies.set('sid', 'forged-'.repeat(10));
    const res = await agent.get('/');
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Se connecter');
  });

  it('reports a healthy database on /healthz', async () => {
    const res = await new Agent(app.server).get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind });
  });

  it('serves anonymous pages from the cache until a change notice empties it', async () => {
    const agent = new Agent(app.server);
    await agent.get('/mentions-legales');
    expect((await agent.get('/mentions-legales')).headers['x-cache']).toBe('hit');
    await app.platform.bus.publish('content', { id: 'x' });
    expect((await agent.get('/mentions-legales')).headers['x-cache']).toBeUndefined();
  });
});
