import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase } from '../../test/harness.ts';
import { loggerOptions } from './logger.ts';
import { AccessLog } from './http/access-log.ts';
import { createLinkSigner } from '../events/events.links.ts';
import { newId } from './db/ids.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino(loggerOptions('info') as pino.LoggerOptions, stream) };
}

const TOKEN = 'q8Jx3VbN0_pZr-7cYt2WkLmA9sHfGdE4uI1oPqRsTuV';
const SESSION = 'sEsSiOn-TOKEN-that-must-never-be-logged-0123456789';

describe('structured logs', () => {
  const { lines, logger } = capture();
  // Configured as the real server is (src/platform/http/server.ts).
  const app = Fastify({ loggerInstance: logger, logController: new AccessLog() });
  app.get('/connexion/lien/:token', async () => 'ok');
  app.get('/recherche', async () => 'ok');
  app.get('/agenda/:slug/inscription/:token', async () => 'ok');
  app.get('/agenda/:slug/inscription/:token/annuler', async () => 'ok');
  app.get('/forums/:slug/participer', async () => 'ok');
  app.get('/admin/rencontres/:id/accueil/code/:code', async () => 'ok');
  app.get('/connexion', async () => 'ok');
  app.get('/boom', async () => {
    throw new Error('SMTP said 550 <camille.dupont@exemple.fr> unknown');
  });
  afterAll(() => app.close());

  it('logs a magic-link request without its token, its cookie or its authorization header', async () => {
    await app.inject({ url: `/connexion/lien/${TOKEN}?suivant=/compte`, headers: { cookie: `sid=${SESSION}`, authorization: `Bearer ${SESSION}` } });
    const text = lines.join('\n');
    expect(text).toContain('/connexion/lien/[token]');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SESSION);
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.req);
    expect(entry.req).toEqual({ id: expect.any(String), method: 'GET', url: '/connexion/lien/[token]?suivant=/compte' });
  });

  it('logs personal links (registration, forum join, check-in code) without any part of their token', async () => {
    // Real tokens, `<id>.<HMAC>`, as the events module signs them.
    const signer = createLinkSigner(async () => 'a secret of the test');
    const personal = await signer.personal(newId(), 1);
    const checkin = await signer.checkin(newId());
    const eventId = newId();
    lines.length = 0;
    await app.inject({ url: `/agenda/rencontre-climat/inscription/${personal}` });
    await app.inject({ url: `/agenda/rencontre-climat/inscription/${personal}/annuler` });
    await app.inject({ url: `/forums/forum-ouvert/participer?inscription=${personal}` });
    await app.inject({ url: `/admin/rencontres/${eventId}/accueil/code/${checkin}` });
    await app.inject({ url: `/connexion?suivant=${encodeURIComponent(`/agenda/rencontre-climat/inscription/${personal}`)}` });
    const urls = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.req)
      .map((l) => l.req.url);
    expect(urls).toEqual([
      '/agenda/rencontre-climat/inscription/[token]',
      '/agenda/rencontre-climat/inscription/[token]/annuler',
      '/forums/forum-ouvert/participer?inscription=[token]',
      '/admin/rencontres/[token]/accueil/code/[token]',
      '/connexion?suivant=%2Fagenda%2Frencontre-climat%2Finscription%2F[token]',
    ]);
    for (const token of [personal, checkin]) for (const half of token.split('.')) expect(lines.join('\n')).not.toContain(half);
  });

  it('logs a request with an e-mail address in its query without the address, plain or encoded', async () => {
    lines.length = 0;
    await app.inject({ url: '/recherche?email=camille.dupont@exemple.fr&q=climat' });
    await app.inject({ url: '/recherche?email=camille.dupont%40exemple.fr' });
    const text = lines.join('\n');
    expect(text).toContain('/recherche?email=[email]&q=climat');
    expect(text).not.toMatch(/camille|dupont/);
  });

  it('keeps addresses out of error messages and censors secret fields', async () => {
    lines.length = 0;
    await app.inject({ url: '/boom' });
    logger.info({ email: 'sacha@exemple.fr', user: { email: 'sacha@exemple.fr', password: 'hunter2hunter2' }, token: TOKEN }, 'signed up');
    const text = lines.join('\n');
    expect(text).toContain('SMTP said 550 <[email]> unknown');
    expect(text).toContain('signed up');
    expect(text).not.toMatch(/camille|sacha|hunter2/);
    expect(text).not.toContain(TOKEN);
  });
});

describeEachDatabase('health check', (kind) => {
  it('answers 503 when the database is gone, without internals', async () => {
    const app = await createTestApp(kind);
    try {
      expect((await app.server.inject({ url: '/healthz' })).statusCode).toBe(200);
      // The bus holds a PostgreSQL connection that the pool would wait for.
      await app.platform.bus.close();
      await app.platform.raw.close();
      const res = await app.server.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable' });
    } finally {
      await app.server.close();
      await app.database.drop();
    }
  });
});
