import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfFrom, textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { createAccount, signIn } from '../accounts/accounts.test-helpers.ts';
import { fixture } from './imports.test-helpers.ts';

/** Posts the upload form as a browser does: the CSRF token and the kind first, then the file. */
async function upload(app: TestApp, agent: Agent, file: { name: string; data: Buffer } | null, kind = 'auto') {
  const page = await agent.get('/admin/import');
  const boundary = '----palabre-import-boundary';
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const parts: Buffer[] = [Buffer.from(field('_csrf', csrfFrom(page.body)!) + field('kind', kind))];
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.server.inject({
    method: 'POST',
    url: '/admin/import',
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

describeEachDatabase('/admin/import', (kind) => {
  let app: TestApp;
  let animator: Agent;
  beforeAll(async () => {
    app = await createTestApp(kind);
    animator = new Agent(app.server);
    const a = await createAccount(app, { role: 'animator' });
    await signIn(animator, a.email, a.password);
  }, 60_000);
  afterAll(() => app?.destroy());

  it('is for animators only', async () => {
    const member = new Agent(app.server);
    const m = await createAccount(app);
    await signIn(member, m.email, m.password);
    expect((await member.get('/admin/import')).statusCode).toBe(403);
    expect((await new Agent(app.server).get('/admin/import')).statusCode).toBe(303);
  });

  it('asks what a CSV holds, in French next to the field, and refuses a missing file', async () => {
    const data = fs.readFileSync(fixture('mailchimp-subscribed.csv'));
    const noKind = await upload(app, animator, { name: 'export.csv', data });
    expect(noKind.statusCode).toBe(400);
    expect(textOf(noKind.body)).toContain('Ce fichier ne dit pas ce qu’il contient : choisissez le type de données');
    const noFile = await upload(app, animator, null, 'subscribers');
    expect(noFile.statusCode).toBe(400);
    expect(textOf(noFile.body)).toContain('Choisissez le fichier à importer');
    const site = await upload(app, animator, { name: 'site.zip', data: Buffer.from('PK') });
    expect(textOf(site.body)).toContain('palabre import FICHIER.zip');
  });

  it('uploads, previews the first lines mapped to Palabre’s fields, imports in the background and reports each line', async () => {
    const res = await upload(app, animator, { name: 'abonnes.csv', data: fs.readFileSync(fixture('mailchimp-subscribed.csv')) }, 'subscribers');
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const preview = textOf((await animator.get(url)).body);
    expect(preview).toContain('Fichier reconnu : Mailchimp (abonné·es).');
    expect(preview).toMatch(/Email Address\s+Adresse e-mail/);
    expect(preview).toContain('marie.curie@exemple.fr');
    expect(preview).toContain('abonné·e (consentement conservé)');
    expect(preview).toContain('3 créé(s), 0 mis à jour, 0 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    // The preview wrote nothing.
    expect(await app.platform.db.selectFrom('newsletter_subscribers').select('id').execute()).toHaveLength(0);

    const started = await animator.submit(url, `${url}/lancer`, {});
    expect(started.statusCode).toBe(303);
    const running = await animator.get(url);
    expect(textOf(running.body)).toMatch(/Import en cours|Compte rendu/);
    await app.platform.jobs.runner.drain();
    const progress = JSON.parse((await animator.get(`${url}/avancement`)).body);
    expect(progress).toMatchObject({ status: 'done', processed: 5, total: 5 });
    const report = textOf((await animator.get(url)).body);
    expect(report).toContain('3 créé(s), 0 mis à jour, 0 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    expect(report).toMatch(/4\s+jean\.dupont@\s+erreur\s+Email Address\s+adresse e-mail invalide/);
    expect(report).toContain('même adresse que la ligne 2 : fusionnée avec elle');
    expect(await app.platform.db.selectFrom('newsletter_subscribers').select('id').execute()).toHaveLength(3);
    // Started twice: nothing more happens.
    expect((await animator.submit(url, `${url}/lancer`, {})).statusCode).toBe(303);
    expect(await app.platform.db.selectFrom('import_runs').select('status').where('status', '!=', 'done').execute()).toHaveLength(0);
  });

  it('offers the welcome mail after a members import, and sends it once', async () => {
    const res = await upload(app, animator, { name: 'membres.csv', data: fs.readFileSync(fixture('membres-windows1252.csv')) }, 'members');
    const url = String(res.headers.location);
    expect(textOf((await animator.get(url)).body)).toContain('Élodie Lefèvre');
    await animator.submit(url, `${url}/lancer`, {});
    await app.platform.jobs.runner.drain();
    const page = await animator.get(url);
    expect(textOf(page.body)).toContain('« 62000 » désigne plusieurs territoires');
    expect(await app.platform.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(0);
    const sent = await animator.submit(url, `${url}/bienvenue`, {});
    expect(sent.statusCode).toBe(303);
    await animator.submit(url, `${url}/bienvenue`, {});
    const mails = await app.platform.db.selectFrom('mail_outbox').select(['to_address', 'subject']).execute();
    expect(mails).toHaveLength(3);
  });

  it('takes a WordPress export and its files in one .zip, and its old addresses redirect once imported', async () => {
    const zip = Buffer.from(
      zipSync({
        'export-wordpress/export.xml': fs.readFileSync(fixture('wordpress/export.xml')),
        'export-wordpress/uploads/2019/05/rapport-annuel-2018.pdf': fs.readFileSync(fixture('wordpress/uploads/2019/05/rapport-annuel-2018.pdf')),
      }),
    );
    const res = await upload(app, animator, { name: 'ancien-site.zip', data: zip }, 'wordpress');
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const preview = textOf((await animator.get(url)).body);
    expect(preview).toContain('Fichier reconnu : WordPress (WXR).');
    expect(preview).toContain('Mon article : retour sur le budget participatif d’Arras'.replace('’', "'"));
    expect(preview).toContain('6 créé(s), 0 mis à jour, 0 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    await animator.submit(url, `${url}/lancer`, {});
    await app.platform.jobs.runner.drain();
    expect(textOf((await animator.get(url)).body)).toContain('fichier « photo-forum.jpg » absent du dossier');
    const old = await new Agent(app.server).get('/wp-content/uploads/2019/05/rapport-annuel-2018.pdf');
    expect(old.statusCode).toBe(301);
    expect((await new Agent(app.server).get(String(old.headers.location))).statusCode).toBe(200);
    // The same zip again (unpacked elsewhere): nothing changes.
    const again = String((await upload(app, animator, { name: 'ancien-site.zip', data: zip }, 'wordpress')).headers.location);
    expect(textOf((await animator.get(again)).body)).toContain('0 créé(s), 0 mis à jour, 6 inchangé(s), 1 ignoré(s), 1 erreur(s)');
    await animator.submit(again, `${again}/lancer`, {});
    await app.platform.jobs.runner.drain();
    expect(textOf((await animator.get(again)).body)).toContain('0 créé(s), 0 mis à jour, 6 inchangé(s), 1 ignoré(s), 1 erreur(s)');
  });

  it('deletes an uploaded file nobody imported after a week', async () => {
    const res = await upload(app, animator, { name: 'oublie.csv', data: fs.readFileSync(fixture('brevo-contacts.csv')) }, 'subscribers');
    const run = (await app.services.imports.service.getRun(String(res.headers.location).split('/').pop()!))!;
    expect(fs.existsSync(run.path)).toBe(true);
    expect(await app.services.imports.service.tidy(Date.now() + 6 * 86400_000)).toBe(0);
    expect(await app.services.imports.service.tidy(Date.now() + 8 * 86400_000)).toBe(1);
    expect(fs.existsSync(run.path)).toBe(false);
    expect(textOf((await animator.get(`/admin/import/${run.id}`)).body)).toContain('Le fichier de cet import n’existe plus.');
  });

  it('says what to do with Mailchimp’s zip of CSV files', async () => {
    const zip = Buffer.from(zipSync({ 'subscribed_members_export.csv': fs.readFileSync(fixture('mailchimp-subscribed.csv')) }));
    const url = String((await upload(app, animator, { name: 'audience.zip', data: zip }, 'subscribers')).headers.location);
    expect(textOf((await animator.get(url)).body)).toContain('Décompressez l’archive et importez chacun de ses fichiers CSV');
  });

  it('offers to resume an import that stopped, which goes on after its last recorded line', async () => {
    const res = await upload(app, animator, { name: 'brevo.csv', data: fs.readFileSync(fixture('brevo-contacts.csv')) }, 'subscribers');
    const url = String(res.headers.location);
    const id = url.split('/').pop()!;
    await animator.submit(url, `${url}/lancer`, {});
    await app.platform.jobs.runner.drain();
    // As if it had stopped after its first two lines.
    const kept = (await app.platform.db.selectFrom('import_lines').select('entry').where('run_id', '=', id).orderBy('line').execute()).slice(0, 2).map((r) => r.entry);
    await app.platform.db.deleteFrom('import_lines').where('run_id', '=', id).where('entry', 'not in', kept).execute();
    await app.platform.db.updateTable('import_runs').set({ status: 'failed', failure: 'imports.failure.stopped' }).where('id', '=', id).execute();
    // A run that stopped keeps its file (only a finished one is deleted).
    const run = (await app.services.imports.service.getRun(id))!;
    fs.mkdirSync(path.dirname(run.path), { recursive: true });
    fs.copyFileSync(fixture('brevo-contacts.csv'), run.path);
    const page = textOf((await animator.get(url)).body);
    expect(page).toContain('L’import s’est arrêté sur une erreur. Relancez-le : il reprend après la dernière ligne enregistrée.');
    const resumed = await animator.submit(url, `${url}/lancer`, {});
    expect(resumed.statusCode).toBe(303);
    await app.platform.jobs.runner.drain();
    expect((await app.services.imports.service.getRun(id))!).toMatchObject({ status: 'done', processed: 4, total: 4 });
    expect(textOf((await animator.get(url)).body)).toContain('Compte rendu');
  });

  it('answers 404 for a run that does not exist', async () => {
    expect((await animator.get('/admin/import/inconnu0000')).statusCode).toBe(404);
    expect((await animator.get('/admin/import/..%2f..%2fetc')).statusCode).toBe(404);
  });
});
