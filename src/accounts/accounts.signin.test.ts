import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import argon2 from 'argon2';
import { sql } from 'kysely';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { textOf } from '../../test/agent.ts';
import { browser, createAccount, linkIn, mailTo, signIn, unique, useLink } from './accounts.test-helpers.ts';
import { LIMITS } from './accounts.service.ts';
import { sha256 } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';

describeEachDatabase('accounts: sign-up and sign-in', (kind) => {
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

  const samePage = (body: string, email: string) => textOf(body).replaceAll(email, '[email]');

  it('signs up by e-mail, mails a confirmation link, and the link confirms the address and signs in', async () => {
    const { email, ip } = unique('inscription');
    const agent = browser(app, ip);
    const res = await agent.submit('/compte/creer', '/compte/creer', { name: 'Claire Dupont', email, password: '', lang: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Confirmez votre adresse');

    const account = await app.services.accounts.service.findUserByEmail(email);
    expect(account).toMatchObject({ name: 'Claire Dupont', emailVerified: false, hasPassword: false });

    const mail = await mailTo(sink, email, /Confirmez votre adresse/);
    expect(mail.text).toContain('Bonjour Claire Dupont');
    const confirmed = await agent.follow(await useLink(agent, linkIn(mail)));
    expect(confirmed.statusCode).toBe(200);
    expect(textOf(confirmed.body)).toContain('Votre adresse est confirmée');
    expect(textOf(confirmed.body)).toContain('Mon espace personnel');
    expect((await app.services.accounts.service.findUserByEmail(email))?.emailVerified).toBe(true);
  });

  it('sends the person back to the page they came from once the sign-up is confirmed', async () => {
    const { email, ip } = unique('retour');
    const agent = browser(app, ip);
    await agent.submit('/compte/creer?suivant=%2Fagenda%2Fune-rencontre', '/compte/creer', { name: 'Retour', email, lang: 'fr', suivant: '/agenda/une-rencontre' });
    const res = await useLink(agent, linkIn(await mailTo(sink, email, /Confirmez votre adresse/)));
    expect(res.headers.location).toBe('/agenda/une-rencontre');
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const secure = await createTestApp(kind, { env: { PUBLIC_URL: 'https://palabre.example', TRUST_PROXY: 'true' } });
    try {
      const { email, password } = await createAccount(secure);
      const res = await signIn(browser(secure), email, password);
      const cookie = (res.cookies as Array<{ name: string; secure?: boolean; httpOnly?: boolean; sameSite?: string }>).find((c) => c.name === 'sid');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await secure.destroy();
    }
  });

  it('mails an English confirmation to someone who signs up in English', async () => {
    const { email, ip } = unique('english');
    await browser(app, ip).submit('/compte/creer', '/compte/creer', { name: 'Sam Smith', email, password: 'a long enough password', lang: 'en' });
    const mail = await mailTo(sink, email, /Confirm your address/);
    expect(mail.text).toContain('Hello Sam Smith');
    expect(mail.html).toContain('Confirm my address');
  });

  it('answers a sign-up with an address already in use exactly like a new one, and mails the owner instead', async () => {
    const known = await createAccount(app, { name: 'Déjà Inscrite' });
    const fresh = unique('nouvelle').email;
    const answerKnown = await browser(app).submit('/compte/creer', '/compte/creer', { name: 'Intrus', email: known.email, password: '', lang: 'fr' });
    const answerFresh = await browser(app).submit('/compte/creer', '/compte/creer', { name: 'Intrus', email: fresh, password: '', lang: 'fr' });
    expect(answerKnown.statusCode).toBe(answerFresh.statusCode);
    expect(samePage(answerKnown.body, known.email)).toBe(samePage(answerFresh.body, fresh));

    const mail = await mailTo(sink, known.email, /Vous avez déjà un compte/);
    expect(mail.text).toContain('Bonjour Déjà Inscrite');
    // The account was not touched by the second sign-up.
    expect((await app.services.accounts.service.findUserByEmail(known.email))?.name).toBe('Déjà Inscrite');
  });

  it('answers sign-ups past the limit for one address like the first, mailing no more, so nobody learns or blocks it', async () => {
    const { email } = unique('saturee');
    const answers = [];
    for (let i = 0; i <= LIMITS.signUpPerAddress.limit; i++) {
      answers.push(await browser(app).submit('/compte/creer', '/compte/creer', { name: 'Quelqu’un', email, password: '', lang: 'fr' }));
    }
    const [first, ...rest] = answers;
    for (const later of rest) {
      expect(later.statusCode).toBe(first.statusCode);
      expect(samePage(later.body, email)).toBe(samePage(first.body, email));
    }
    await mailTo(sink, email, /Confirmez/);
    const sent = await app.platform.db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute();
    expect(sent).toHaveLength(LIMITS.signUpPerAddress.limit);
  });

  it('never changes an unconfirmed account on sign-up: a stranger’s password waits on a link only the owner receives', async () => {
    // The account a membership request or an event registration creates: unconfirmed, no password.
    const { email, ip } = unique('rejointe');
    const service = app.services.accounts.service;
    const { id } = await transact(app.platform.db, (trx) => service.findOrCreateUserByEmail(trx, { email, name: 'Vraie Personne', lang: 'fr' }));
    const fresh = unique('jamais-vue').email;

    const stranger = await browser(app, ip).submit('/compte/creer', '/compte/creer', { name: 'Intrus', email, password: 'le mot de passe de l’intrus', lang: 'fr' });
    const control = await browser(app).submit('/compte/creer', '/compte/creer', { name: 'Intrus', email: fresh, password: 'le mot de passe de l’intrus', lang: 'fr' });
    expect(stranger.statusCode).toBe(control.statusCode);
    expect(samePage(stranger.body, email)).toBe(samePage(control.body, fresh));
    expect(await service.getUser(id)).toMatchObject({ name: 'Vraie Personne', hasPassword: false, emailVerified: false });
    const strangersLink = linkIn(await mailTo(sink, email, /Confirmez votre adresse/));

    // The owner signs up too, with their own password, and confirms with their own link.
    const owner = browser(app);
    await owner.submit('/compte/creer', '/compte/creer', { name: 'Vraie Personne', email, password: 'le mot de passe de la personne', lang: 'fr' });
    await sink.waitFor(() => sink.to(email).filter((m) => /Confirmez votre adresse/.test(m.subject ?? '')).length === 2);
    const ownersMail = sink.to(email).filter((m) => /Confirmez votre adresse/.test(m.subject ?? ''))[1];
    expect((await useLink(owner, linkIn(ownersMail))).statusCode).toBe(303);
    expect(await service.getUser(id)).toMatchObject({ name: 'Vraie Personne', hasPassword: true, emailVerified: true });

    expect((await browser(app).submit('/connexion', '/connexion', { email, password: 'le mot de passe de l’intrus' })).statusCode).toBe(401);
    await signIn(browser(app), email, 'le mot de passe de la personne');
    // The stranger's link, were it ever used, does not replace the password of a confirmed account.
    await useLink(browser(app), strangersLink);
    await signIn(browser(app), email, 'le mot de passe de la personne');
  });

  it('drops a stranger’s password when the owner confirms by a sign-in link', async () => {
    const { email, ip } = unique('premier-venu');
    await browser(app, ip).submit('/compte/creer', '/compte/creer', { name: 'Intrus', email, password: 'le mot de passe de l’intrus', lang: 'fr' });
    await mailTo(sink, email, /Confirmez votre adresse/);
    const owner = browser(app);
    await owner.submit('/connexion', '/connexion/lien', { email });
    await useLink(owner, linkIn(await mailTo(sink, email, /Votre lien de connexion/)));
    expect((await browser(app).submit('/connexion', '/connexion', { email, password: 'le mot de passe de l’intrus' })).statusCode).toBe(401);
  });

  it('signs in with a magic link read from the mail and goes back to the page asked for', async () => {
    const { email } = await createAccount(app, { name: 'Lien Magique' });
    const agent = browser(app);
    const page = await agent.get('/connexion?suivant=%2Fcompte%3Fonglet%3D1');
    expect(page.body).toContain('name="suivant" value="/compte?onglet=1"');
    const asked = await agent.submit('/connexion?suivant=%2Fcompte%3Fonglet%3D1', '/connexion/lien', { email, suivant: '/compte?onglet=1' });
    expect(asked.statusCode).toBe(200);
    expect(textOf(asked.body)).toContain('Consultez votre messagerie');

    const mail = await mailTo(sink, email, /Votre lien de connexion/);
    const path = linkIn(mail);
    // A mail scanner fetching the link twice does not use it up.
    expect((await browser(app).get(path)).statusCode).toBe(200);
    expect((await browser(app).get(path)).statusCode).toBe(200);
    const res = await useLink(agent, path);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte?onglet=1');
    const cookie = (res.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; value: string }>).find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.secure).toBeFalsy();
    // Only the hash of the session token is stored.
    const stored = await sql<{ id: string }>`select id from sessions`.execute(app.platform.db);
    expect(stored.rows.map((r) => r.id)).not.toContain(cookie!.value);
    expect((await agent.get('/compte')).body).toContain('value="Lien Magique"');
  });

  it('refuses a link used a second time with a clear message', async () => {
    const { email } = await createAccount(app);
    await browser(app).submit('/connexion', '/connexion/lien', { email });
    const path = linkIn(await mailTo(sink, email, /Votre lien de connexion/));
    expect((await useLink(browser(app), path)).statusCode).toBe(303);

    const again = browser(app);
    const page = await again.get(path);
    expect(page.statusCode).toBe(410);
    expect(textOf(page.body)).toContain('Ce lien a déjà été utilisé');
    // The POST is refused too (someone who kept the confirmation page open).
    const reused = await again.post(path, { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1] });
    expect(reused.statusCode).toBe(410);
    expect(again.cookies.has('sid')).toBe(false);
  });

  it('refuses an expired link with a clear message', async () => {
    const { email } = await createAccount(app);
    await browser(app).submit('/connexion', '/connexion/lien', { email });
    const path = linkIn(await mailTo(sink, email, /Votre lien de connexion/));
    const agent = browser(app);
    const page = await agent.get(path);
    expect(page.statusCode).toBe(200);
    // Sixteen minutes later.
    await app.platform.db
      .updateTable('login_tokens')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', sha256(path.split('/').pop()!))
      .execute();
    const res = await agent.post(path, { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1] });
    expect(res.statusCode).toBe(410);
    expect(textOf(res.body)).toContain('Ce lien a expiré');
    expect(agent.cookies.has('sid')).toBe(false);
    expect(textOf((await browser(app).get(path)).body)).toContain('Ce lien a expiré');
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const { email: known } = await createAccount(app);
    const unknown = unique('inconnue').email;
    const a = await browser(app).submit('/connexion', '/connexion/lien', { email: unknown });
    const b = await browser(app).submit('/connexion', '/connexion/lien', { email: known });
    expect(a.statusCode).toBe(b.statusCode);
    expect(samePage(a.body, unknown)).toBe(samePage(b.body, known));
    await mailTo(sink, known, /Votre lien de connexion/);
    await app.platform.jobs.runner.drain();
    await app.platform.mail.sender!.flush();
    expect(sink.to(unknown)).toHaveLength(0);

    // The password form gives the same refusal for an unknown address and a wrong password.
    const wrong = await browser(app).submit('/connexion', '/connexion', { email: known, password: 'pas le bon mot de passe' });
    const nobody = await browser(app).submit('/connexion', '/connexion', { email: unknown, password: 'pas le bon mot de passe' });
    expect(wrong.statusCode).toBe(401);
    expect(nobody.statusCode).toBe(401);
    expect(samePage(wrong.body, known)).toBe(samePage(nobody.body, unknown));
  });

  it('runs one full argon2id verification for an unknown address, as for a wrong password', async () => {
    const { email: known } = await createAccount(app);
    const attempt = async (email: string) => {
      const agent = browser(app);
      const page = await agent.get('/connexion');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
      return agent.post('/connexion', { _csrf: token, email, password: 'pas le bon mot de passe' });
    };
    // Counting the verifications, not timing them: a speed ratio flakes on a busy machine.
    const verify = vi.spyOn(argon2, 'verify');
    try {
      expect((await attempt(known)).statusCode).toBe(401);
      const forKnown = verify.mock.calls.map(([hash]) => hash);
      verify.mockClear();
      expect((await attempt(unique().email)).statusCode).toBe(401);
      const forUnknown = verify.mock.calls.map(([hash]) => hash);
      expect(forKnown).toHaveLength(1);
      // Without the dummy hash, an unknown address would answer in a few ms and tell that nobody has it.
      expect(forUnknown).toHaveLength(1);
      expect(forUnknown[0]).toMatch(/^\$argon2id\$/);
      expect(forUnknown[0].split('$')[3]).toBe(forKnown[0].split('$')[3]);
    } finally {
      verify.mockRestore();
    }
  });

  it('signs in with a password and goes to the personal space', async () => {
    const { email, password } = await createAccount(app, { name: 'Mot De Passe' });
    const agent = browser(app);
    const res = await signIn(agent, email, password);
    expect(res.headers.location).toBe('/compte');
    const space = await agent.follow(res);
    expect(textOf(space.body)).toContain('Vous êtes connecté·e');
    expect(space.body).toContain('value="Mot De Passe"');
  });

  it('refuses a wrong password, keeps the address typed and says how else to sign in', async () => {
    const { email } = await createAccount(app);
    const agent = browser(app);
    const res = await agent.submit('/connexion', '/connexion', { email, password: 'mauvais mot de passe' });
    expect(res.statusCode).toBe(401);
    expect(textOf(res.body)).toContain('Adresse e-mail ou mot de passe incorrect');
    expect(res.body).toContain(`value="${email}"`);
    expect(agent.cookies.has('sid')).toBe(false);
  });

  it('does not let a password open an account whose address was never confirmed, and resends the confirmation', async () => {
    const { email, ip } = unique('pasconfirmee');
    await browser(app, ip).submit('/compte/creer', '/compte/creer', { name: 'Pas Confirmée', email, password: 'mon mot de passe', lang: 'fr' });
    await mailTo(sink, email, /Confirmez votre adresse/);
    const agent = browser(app);
    const res = await agent.submit('/connexion', '/connexion', { email, password: 'mon mot de passe' });
    expect(agent.cookies.has('sid')).toBe(false);
    expect(textOf(res.body)).toContain('pas encore confirmée');
    await sink.waitFor((_m) => sink.to(email).filter((x) => /Confirmez/.test(x.subject ?? '')).length === 2);
  });

  it(`refuses wrong passwords on one address after ${LIMITS.passwordFailuresPerAddress.limit} failures, whatever the IP, but lets its owner in`, async () => {
    const { email, password } = await createAccount(app);
    for (let i = 0; i < LIMITS.passwordFailuresPerAddress.limit; i++) {
      expect((await browser(app).submit('/connexion', '/connexion', { email, password: `essai ${i} raté` })).statusCode).toBe(401);
    }
    const blocked = await browser(app).submit('/connexion', '/connexion', { email, password: 'encore un essai raté' });
    expect(blocked.statusCode).toBe(429);
    expect(textOf(blocked.body)).toContain('Trop de tentatives');
    // Three more link requests from anywhere: eight requests used to lock the owner out of both ways in.
    for (let i = 0; i < LIMITS.linkSendsPerAddress.limit; i++) await browser(app).submit('/connexion', '/connexion/lien', { email });
    const owner = browser(app);
    await signIn(owner, email, password);
    expect((await owner.get('/compte')).statusCode).toBe(200);
  });

  it('does not count successful sign-ins against the IP: a whole room on one Wi-Fi signs in', async () => {
    const { ip } = unique('salle');
    const room = LIMITS.passwordFailuresPerIp.limit + 5;
    for (let i = 0; i < room; i++) {
      const { email, password } = await createAccount(app);
      const res = await browser(app, ip).submit('/connexion', '/connexion', { email, password });
      expect(res.statusCode, `person ${i + 1}`).toBe(303);
    }
  });

  it(`refuses password attempts from one IP after ${LIMITS.passwordFailuresPerIp.limit} failures`, async () => {
    const { ip } = unique();
    for (let i = 0; i < LIMITS.passwordFailuresPerIp.limit; i++) {
      expect((await browser(app, ip).submit('/connexion', '/connexion', { email: unique().email, password: 'au hasard' })).statusCode).toBe(401);
    }
    const { email, password } = await createAccount(app);
    expect((await browser(app, ip).submit('/connexion', '/connexion', { email, password: 'au hasard' })).statusCode).toBe(429);
    await signIn(browser(app), email, password);
  });

  it(`refuses link requests from one IP after ${LIMITS.linkPerIp.limit}, and mails one address at most ${LIMITS.linkSendsPerAddress.limit} links without saying so`, async () => {
    const { ip } = unique();
    for (let i = 0; i < LIMITS.linkPerIp.limit; i++) {
      expect((await browser(app, ip).submit('/connexion', '/connexion/lien', { email: unique().email })).statusCode).toBe(200);
    }
    const blocked = await browser(app, ip).submit('/connexion', '/connexion/lien', { email: unique().email });
    expect(blocked.statusCode).toBe(429);
    expect(textOf(blocked.body)).toContain('Trop de tentatives');
    expect((await browser(app).submit('/connexion', '/connexion/lien', { email: unique().email })).statusCode).toBe(200);

    const { email } = await createAccount(app);
    const answers: string[] = [];
    for (let i = 0; i < LIMITS.linkSendsPerAddress.limit + 2; i++) {
      const res = await browser(app).submit('/connexion', '/connexion/lien', { email });
      expect(res.statusCode).toBe(200);
      answers.push(samePage(res.body, email));
    }
    expect(new Set(answers).size).toBe(1);
    await app.platform.jobs.runner.drain();
    await app.platform.mail.sender!.flush();
    expect(sink.to(email).filter((m) => /Votre lien de connexion/.test(m.subject ?? ''))).toHaveLength(LIMITS.linkSendsPerAddress.limit);
  });

  it('refuses sign-in forms posted without a valid CSRF token', async () => {
    const { email, password } = await createAccount(app);
    const agent = browser(app);
    const missing = await agent.post('/connexion', { email, password });
    expect(missing.statusCode).toBe(403);
    expect(textOf(missing.body)).toContain('Formulaire expiré');
    // A token taken from another browser does not match this browser's cookie.
    const other = browser(app);
    const token = /name="_csrf" value="([^"]+)"/.exec((await other.get('/connexion')).body)![1];
    await agent.get('/connexion');
    expect((await agent.post('/connexion', { _csrf: token, email, password })).statusCode).toBe(403);
    expect(agent.cookies.has('sid')).toBe(false);
  });

  it('re-renders the sign-up form with clear messages and the input kept, for bad input', async () => {
    const agent = browser(app);
    const long = 'N'.repeat(101);
    const res = await agent.submit('/compte/creer', '/compte/creer', { name: long, email: 'pas-une-adresse', password: 'court', lang: 'de' });
    expect(res.statusCode).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain('Le formulaire contient des erreurs');
    expect(text).toContain('Texte trop long (100 caractères au maximum)');
    expect(text).toContain('Adresse e-mail invalide');
    expect(text).toContain('Texte trop court (10 caractères au minimum)');
    expect(text).toContain('Choisissez le français ou l’anglais');
    expect(res.body).toContain(`value="${long}"`);
    expect(res.body).toContain('value="pas-une-adresse"');
    expect(res.body).not.toContain('value="court"');

    const missing = await agent.submit('/compte/creer', '/compte/creer', {});
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('Champ obligatoire');
  });

  it('answers malformed bodies, repeated fields and odd tokens with a 4xx, never a 500', async () => {
    const agent = browser(app);
    const page = await agent.get('/connexion');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const repeated = await agent.post('/connexion', { _csrf: token, email: ['a@exemple.fr', 'b@exemple.fr'], password: 'x' });
    expect(repeated.statusCode).toBe(400);
    const json = await agent.post('/compte/creer', JSON.stringify([1, 2, 3]), { 'content-type': 'application/json', 'x-csrf-token': token });
    expect(json.statusCode).toBe(400);
    const broken = await agent.post('/connexion/lien', '%%%%=%E0%A4%A', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    for (const path of ['/connexion/lien/court', `/connexion/lien/${'x'.repeat(400)}`, '/connexion/lien/%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80']) {
      const res = await agent.get(path);
      expect(res.statusCode).toBe(404);
      expect(textOf(res.body)).toContain('Ce lien n’est pas valide');
    }
    const offsite = await agent.get('/connexion?suivant=//evil.example');
    expect(offsite.body).not.toContain('name="suivant"');
  });
});
