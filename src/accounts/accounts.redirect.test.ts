import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { safeNext } from '../platform/http/server.ts';
import { browser, createAccount, linkIn, mailTo, signIn, useLink } from './accounts.test-helpers.ts';

const SITE = 'http://palabre.test';

/** "Come back to" values that must never leave the site nor break the Location header. */
const HOSTILE = [
  '/\t/evil.example', // browsers drop the TAB and read //evil.example
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/ /evil.example',
  '/\\evil.example',
  '//evil.example',
  '/\u000b/evil.example',
  'https://evil.example/compte',
  'http://palabre.test.evil.example/',
  'javascript:alert(1)',
  '/compte\r\nSet-Cookie: sid=planted',
  '/agenda/\u2028',
  '/agenda/rencontre-\u0101', // beyond Latin-1: Node refuses it in a header
  '/agenda/\u{1F600}',
  'compte',
];

describe('safeNext', () => {
  it('keeps same-site paths with their query and fragment', () => {
    for (const path of ['/', '/compte', '/compte?onglet=1', '/agenda/une-rencontre#inscription', '/recherche?q=caf%C3%A9', '/.//x']) {
      expect(safeNext(path, SITE)).toBe(path);
    }
  });

  it('falls back for anything that could leave the site or break the Location header', () => {
    for (const next of [...HOSTILE, undefined, 42, '', ['/compte']]) expect(safeNext(next, SITE), JSON.stringify(next)).toBe('/');
    expect(safeNext('//evil.example', SITE, '/compte')).toBe('/compte');
  });
});

describeEachDatabase('accounts: "come back to" addresses', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url, TRUST_PROXY: 'true' }, workers: true });
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  it('never sends a person off-site or into a 500 after a password sign-in', async () => {
    for (const next of HOSTILE) {
      const { email, password } = await createAccount(app);
      const agent = browser(app);
      const page = await agent.get('/connexion');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
      const signedIn = await agent.post('/connexion', { _csrf: csrf, email, password, suivant: next });
      expect(signedIn.statusCode, JSON.stringify(next)).toBe(303);
      expect(signedIn.headers.location).toBe('/compte');
    }
  });

  it('never sends a person off-site after a magic-link sign-in', async () => {
    for (const next of ['/\t/evil.example', '/\r\n/evil.example', '/agenda/\u{1F600}']) {
      const { email } = await createAccount(app);
      const agent = browser(app);
      await agent.submit('/connexion', '/connexion/lien', { email, suivant: next });
      const mail = await mailTo(sink, email, /Votre lien de connexion/);
      const res = await useLink(agent, linkIn(mail));
      expect(res.statusCode, JSON.stringify(next)).toBe(303);
      expect(res.headers.location).toBe('/compte');
    }
  });

  it('never sends a person off-site from /favoris/reprendre or the language switch', async () => {
    const { email, password } = await createAccount(app);
    const agent = browser(app);
    await signIn(agent, email, password);
    for (const next of HOSTILE) {
      const q = encodeURIComponent(next);
      const resumed = await agent.get(`/favoris/reprendre?retour=${q}`);
      expect(resumed.statusCode, JSON.stringify(next)).toBe(303);
      expect(resumed.headers.location).toBe('/');
      const lang = await browser(app).get(`/langue/en?suivant=${q}`);
      expect(lang.statusCode, JSON.stringify(next)).toBe(303);
      expect(lang.headers.location).toBe('/');
    }
    expect((await agent.get('/favoris/reprendre?retour=%2Fressources%3Fpage%3D2')).headers.location).toBe('/ressources?page=2');
  });
});
