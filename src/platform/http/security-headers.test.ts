import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Agent } from '../../../test/agent.ts';
import { securityHeaders } from './security-headers.ts';

describe('security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('sqlite');
  });
  afterAll(() => app?.destroy());

  it('sends the same strict policy on pages, error pages, static files and cached pages', async () => {
    const agent = new Agent(app.server);
    for (const url of ['/', '/', '/nulle-part', '/static/palabre.css', '/healthz']) {
      const res = await agent.get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      // Plain http: no HSTS and no forced upgrade, or a local demo would lock itself out.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(csp, url).not.toContain('upgrade-insecure-requests');
    }
  });

  it('adds HSTS and upgrade-insecure-requests behind an https public address', async () => {
    const secure = await createTestApp('sqlite', { env: { PUBLIC_URL: 'https://palabre.example' } });
    try {
      const res = await new Agent(secure.server).get('/');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await secure.destroy();
    }
  });

  it('refuses an invalid policy at start-up rather than serving without one', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"] }, useDefaults: false } })).toThrow(/default-src/);
  });
});
