import { asTables } from '../platform/db/database.ts';
import type { Database } from '../database.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { h, type VNode } from 'preact';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { textOf } from '../../test/agent.ts';
import { transact } from '../platform/db/transaction.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import { browser, createAccount, linkIn, mailTo, signIn, unique, useLink } from './accounts.test-helpers.ts';

describeEachDatabase('accounts: personal space, roles and personal data', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  // A module of the kind the others are (events, bookmarks): it contributes a /compte section and personal data.
  const erased: Array<{ userId: string; email: string }> = [];
  const probe: ModuleDefinition = {
    name: 'probe',
    accountSections: [{ order: 1, render: async (ctx) => h('section', { 'aria-labelledby': 'probe' }, h('h2', { id: 'probe' }, `Mes inscriptions de ${ctx.user?.name}`)) as VNode }],
    personalData: {
      export: async (userId, email) => ({ registrations: [{ event: 'Rencontre PCAET', userId, email }] }),
      async erase(trx, userId, email) {
        // Runs inside the deletion's transaction: it sees the account not yet erased.
        const row = await asTables<Database>(trx).selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
        erased.push({ userId, email: row?.email === email ? email : 'outside the transaction' });
      },
    },
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url, TRUST_PROXY: 'true' }, workers: true });
    app.modules.push(probe);
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  it('sends an anonymous visitor of /compte to the sign-in page, and back after signing in', async () => {
    const agent = browser(app);
    const res = await agent.get('/compte');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion?suivant=%2Fcompte');
    const { email, password } = await createAccount(app);
    const signedIn = await agent.submit('/connexion?suivant=%2Fcompte', '/connexion', { email, password, suivant: '/compte' });
    expect(signedIn.headers.location).toBe('/compte');
  });

  it('shows the profile, the e-mail address and the sections other modules contribute', async () => {
    const { email, password } = await createAccount(app, { name: 'Dominique Membre' });
    const agent = browser(app);
    await signIn(agent, email, password);
    const res = await agent.get('/compte');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = textOf(res.body);
    expect(text).toContain(email);
    expect(text).toContain('Mes inscriptions de Dominique Membre');
    expect(res.body).toContain('value="Dominique Membre"');
  });

  it('saves a new name and language, and the site then speaks that language', async () => {
    const { email, password } = await createAccount(app);
    const agent = browser(app);
    await signIn(agent, email, password);
    const res = await agent.submit('/compte', '/compte/profil', { name: 'Alex Nouveau', lang: 'en' });
    expect(res.statusCode).toBe(303);
    const page = await agent.follow(res);
    expect(page.body).toContain('<html lang="en">');
    expect(textOf(page.body)).toContain('Your profile is saved.');
    expect(page.body).toContain('value="Alex Nouveau"');
    expect((await app.services.accounts.service.findUserByEmail(email))?.lang).toBe('en');
  });

  it('re-renders the profile form with a clear message for bad input', async () => {
    const { email, password } = await createAccount(app, { name: 'Nom Avant' });
    const agent = browser(app);
    await signIn(agent, email, password);
    const res = await agent.submit('/compte', '/compte/profil', { name: 'x'.repeat(300), lang: 'klingon' });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Texte trop long');
    expect(textOf(res.body)).toContain('Choisissez le français ou l’anglais');
    expect((await app.services.accounts.service.findUserByEmail(email))?.name).toBe('Nom Avant');
  });

  it('sets a password for an account without one, mails a notice, and the password then works', async () => {
    const { id } = await app.services.accounts.service.ensureUser({ email: unique().email, name: 'Sans Mot De Passe' });
    const email = (await app.services.accounts.service.getUser(id))!.email!;
    const agent = browser(app);
    await agent.submit('/connexion', '/connexion/lien', { email });
    await useLink(agent, linkIn(await mailTo(sink, email, /lien de connexion/)));
    expect(textOf((await agent.get('/compte')).body)).toContain('Vous n’avez pas de mot de passe');

    const mismatch = await agent.submit('/compte', '/compte/mot-de-passe', { password: 'nouveau mot de passe', confirm: 'autre chose encore' });
    expect(mismatch.statusCode).toBe(400);
    expect(textOf(mismatch.body)).toContain('Les deux mots de passe ne sont pas identiques');

    const saved = await agent.submit('/compte', '/compte/mot-de-passe', { password: 'nouveau mot de passe', confirm: 'nouveau mot de passe' });
    expect(saved.statusCode).toBe(303);
    await mailTo(sink, email, /mot de passe a été modifié/);
    await signIn(browser(app), email, 'nouveau mot de passe');
  });

  it('asks for the current password to replace it, and signs out every other device but this one', async () => {
    const { email, password } = await createAccount(app);
    const phone = browser(app);
    const laptop = browser(app);
    await signIn(phone, email, password);
    await signIn(laptop, email, password);
    expect((await laptop.get('/compte')).body).toContain('autocomplete="current-password"');

    const missing = await laptop.submit('/compte', '/compte/mot-de-passe', { password: 'un autre mot de passe', confirm: 'un autre mot de passe' });
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('Mot de passe actuel');
    const wrong = await laptop.submit('/compte', '/compte/mot-de-passe', { current: 'pas le bon du tout', password: 'un autre mot de passe', confirm: 'un autre mot de passe' });
    expect(wrong.statusCode).toBe(400);
    expect(textOf(wrong.body)).toContain('Ce n’est pas votre mot de passe actuel');
    await signIn(browser(app), email, password);

    const saved = await laptop.submit('/compte', '/compte/mot-de-passe', { current: password, password: 'un autre mot de passe', confirm: 'un autre mot de passe' });
    expect(saved.statusCode).toBe(303);
    expect((await laptop.get('/compte')).statusCode).toBe(200);
    expect((await phone.get('/compte')).statusCode).toBe(303);
    expect((await browser(app).submit('/connexion', '/connexion', { email, password })).statusCode).toBe(401);
    await signIn(browser(app), email, 'un autre mot de passe');
  });

  it('lets an account without a password choose one only within minutes of signing in', async () => {
    const { id } = await app.services.accounts.service.ensureUser({ email: unique().email, name: 'Lien Seulement' });
    const email = (await app.services.accounts.service.getUser(id))!.email!;
    const agent = browser(app);
    await agent.submit('/connexion', '/connexion/lien', { email });
    await useLink(agent, linkIn(await mailTo(sink, email, /lien de connexion/)));
    // An hour later, on a computer left open.
    await app.platform.db
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 3600_000).toISOString() })
      .where('user_id', '=', id)
      .execute();
    const late = await agent.submit('/compte', '/compte/mot-de-passe', { password: 'choisi par un autre', confirm: 'choisi par un autre' });
    expect(late.statusCode).toBe(400);
    expect(textOf(late.body)).toContain('reconnectez-vous');
    expect((await app.services.accounts.service.getUser(id))?.hasPassword).toBe(false);
  });

  it('signs out: the session row is deleted, so a copy of the old cookie no longer works', async () => {
    const { email, password } = await createAccount(app);
    const agent = browser(app);
    await signIn(agent, email, password);
    const stolen = agent.cookies.get('sid')!;
    const res = await agent.submit('/compte', '/deconnexion', {});
    expect(res.headers.location).toBe('/');
    expect(agent.cookies.has('sid')).toBe(false);

    const thief = browser(app);
    thief.cookies.set('sid', stolen);
    expect((await thief.get('/compte')).statusCode).toBe(303);
  });

  it('signs out of every device at once', async () => {
    const { email, password } = await createAccount(app);
    const phone = browser(app);
    const laptop = browser(app);
    await signIn(phone, email, password);
    await signIn(laptop, email, password);
    const res = await laptop.submit('/compte', '/compte/deconnexion-partout', {});
    expect(res.statusCode).toBe(303);
    expect(textOf((await laptop.follow(res)).body)).toContain('déconnecté·e de tous vos appareils');
    expect((await phone.get('/compte')).statusCode).toBe(303);
    expect((await laptop.get('/compte')).statusCode).toBe(303);
  });

  it('downloads all my data as JSON: the profile and every module’s part', async () => {
    const { id, email, password } = await createAccount(app, { name: 'Export Complet' });
    const agent = browser(app);
    await signIn(agent, email, password);
    const res = await agent.get('/compte/donnees.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.account).toMatchObject({ id, email, name: 'Export Complet', language: 'fr', role: 'user', membership: 'none', hasPassword: true });
    expect(JSON.stringify(data)).not.toContain('argon2');
    expect(data.sessions).toHaveLength(1);
    expect(data.modules.probe).toEqual({ registrations: [{ event: 'Rencontre PCAET', userId: id, email }] });
    expect((await browser(app).get('/compte/donnees.json')).statusCode).toBe(303);
  });

  it('deletes my account after a confirmation step: e-mail and name erased, sessions dropped, authorship kept as "ancien membre"', async () => {
    const { id, email, password } = await createAccount(app, { name: 'Partante' });
    const agent = browser(app);
    await signIn(agent, email, password);
    const other = browser(app);
    await signIn(other, email, password);
    const stolen = agent.cookies.get('sid')!;

    const page = await agent.get('/compte/supprimer');
    expect(textOf(page.body)).toContain('ancien membre');
    const unconfirmed = await agent.submit('/compte/supprimer', '/compte/supprimer', {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(textOf(unconfirmed.body)).toContain('Cochez la case pour confirmer');
    expect(await app.services.accounts.service.findUserByEmail(email)).not.toBeNull();

    const res = await agent.submit('/compte/supprimer', '/compte/supprimer', { confirm: 'oui' });
    expect(res.statusCode).toBe(303);
    expect(textOf((await agent.follow(res)).body)).toContain('Votre compte a été supprimé');

    const row = await app.platform.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, name: 'Ancien membre', password_hash: null });
    expect(row.deleted_at).not.toBeNull();
    expect(erased).toContainEqual({ userId: id, email });
    const sessions = await app.platform.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    expect(sessions).toHaveLength(0);

    const thief = browser(app);
    thief.cookies.set('sid', stolen);
    expect((await thief.get('/compte')).statusCode).toBe(303);
    expect((await other.get('/compte')).statusCode).toBe(303);
    expect(await app.services.accounts.service.displayName(id)).toBe('ancien membre');
    expect(await app.services.accounts.service.findUserByEmail(email)).toBeNull();
    await mailTo(sink, email, /Votre compte a été supprimé/);
    // Nobody can sign in to it any more; the address is free for a new account.
    expect((await browser(app).submit('/connexion', '/connexion', { email, password })).statusCode).toBe(401);
    await browser(app).submit('/compte/creer', '/compte/creer', { name: 'Revenue', email, password: '', lang: 'fr' });
    expect((await app.services.accounts.service.findUserByEmail(email))?.id).not.toBe(id);
  });

  it('refuses /admin/comptes to a plain user and to an animator (403), and shows it to an admin', async () => {
    const user = await createAccount(app);
    const animator = await createAccount(app, { role: 'animator' });
    const admin = await createAccount(app, { role: 'admin', name: 'Alex Admin' });
    for (const who of [user, animator]) {
      const agent = browser(app);
      await signIn(agent, who.email, who.password);
      const res = await agent.get('/admin/comptes');
      expect(res.statusCode).toBe(403);
      expect(textOf(res.body)).toContain('Accès refusé');
    }
    const agent = browser(app);
    await signIn(agent, admin.email, admin.password);
    const res = await agent.get(`/admin/comptes?q=${encodeURIComponent(user.email.toUpperCase())}`);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain(user.email);
    expect(textOf(res.body)).not.toContain(animator.email);
    expect(app.modules.flatMap((m) => m.adminLinks ?? []).map((l) => l.href)).toContain('/admin/comptes');
  });

  it('lets an admin change a role, and the new role applies at once; an admin cannot demote themself', async () => {
    const user = await createAccount(app);
    const admin = await createAccount(app, { role: 'admin' });
    const userAgent = browser(app);
    await signIn(userAgent, user.email, user.password);
    expect((await userAgent.get('/admin/comptes')).statusCode).toBe(403);

    const adminAgent = browser(app);
    await signIn(adminAgent, admin.email, admin.password);
    const res = await adminAgent.submit('/admin/comptes', `/admin/comptes/${user.id}/role`, { role: 'admin' });
    expect(res.statusCode).toBe(303);
    expect(textOf((await adminAgent.follow(res)).body)).toContain('Le rôle a été modifié');
    expect((await userAgent.get('/admin/comptes')).statusCode).toBe(200);

    const self = await adminAgent.submit('/admin/comptes', `/admin/comptes/${admin.id}/role`, { role: 'user' });
    expect(self.statusCode).toBe(409);
    expect((await app.services.accounts.service.getUser(admin.id))?.role).toBe('admin');
    const bad = await adminAgent.submit('/admin/comptes', `/admin/comptes/${user.id}/role`, { role: 'dieu' });
    expect(bad.statusCode).toBe(400);
    const nobody = await adminAgent.submit('/admin/comptes', '/admin/comptes/inconnu/role', { role: 'user' });
    expect(nobody.statusCode).toBe(404);
    // Without the CSRF token, even an admin's form is refused.
    expect((await adminAgent.post(`/admin/comptes/${user.id}/role`, { role: 'user' })).statusCode).toBe(403);
  });

  it('gives other modules an account for an address without one, which can later sign in by magic link', async () => {
    const { email } = unique('inscrite-sans-compte');
    const service = app.services.accounts.service;
    const first = await transact(app.platform.db, (trx) => service.findOrCreateUserByEmail(trx, { email: ` ${email.toUpperCase()} `, name: 'Inscrite Rencontre', lang: 'fr' }));
    expect(first.created).toBe(true);
    const again = await transact(app.platform.db, (trx) => service.findOrCreateUserByEmail(trx, { email, name: 'Autre nom', lang: 'en' }));
    expect(again).toEqual({ id: first.id, created: false });
    expect(await service.getUser(first.id)).toMatchObject({ email, name: 'Inscrite Rencontre', emailVerified: false, hasPassword: false, membership: 'none' });

    await transact(app.platform.db, (trx) => service.setMembership(trx, first.id, 'pending'));
    expect((await service.findUserByEmail(email))?.membership).toBe('pending');
    await service.setRole(first.id, 'animator');
    expect(await service.displayName(first.id)).toBe('Inscrite Rencontre');

    const agent = browser(app);
    await agent.submit('/connexion', '/connexion/lien', { email });
    await useLink(agent, linkIn(await mailTo(sink, email, /lien de connexion/)));
    const space = await agent.get('/compte');
    expect(space.statusCode).toBe(200);
    expect(textOf(space.body)).toContain('Animateur·rice');
    expect(textOf(space.body)).toContain('Demande en cours');
    expect((await service.getUser(first.id))?.emailVerified).toBe(true);
  });
});
