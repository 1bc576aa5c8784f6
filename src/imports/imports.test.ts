import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { transact } from '../platform/db/transaction.ts';
import { parisToIso } from '../platform/format.ts';
import { fixture, importFile, rowCounts, variant } from './imports.test-helpers.ts';

describeEachDatabase('imports', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
    await app.services.catalog.service.themes.upsert({ slug: 'climat', name: { fr: 'Climat', en: 'Climate' }, description: { fr: '', en: '' } });
  }, 60_000);
  afterAll(() => app?.destroy());

  const subscriber = (email: string) => app.platform.db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();
  const outbox = async () =>
    Number(
      (
        await app.platform.db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it('brings a Mailchimp list in with its consent proof, merges case variants and reports a malformed line with its number', async () => {
    const report = await importFile(app, fixture('mailchimp-subscribed.csv'), 'subscribers');
    expect(report.counts).toMatchObject({ created: 3, error: 1, skipped: 1 });
    const bad = report.lines.find((l) => l.outcome === 'error')!;
    expect(bad).toMatchObject({ line: 4, field: 'Email Address', reason: 'imports.reason.badEmail', label: 'jean.dupont@' });
    expect(report.lines.find((l) => l.outcome === 'skipped')).toMatchObject({ line: 5, reason: 'imports.reason.mergedWith', params: { line: 2 } });
    const marie = (await subscriber('marie.curie@exemple.fr'))!;
    expect(marie.status).toBe('confirmed');
    expect(marie.requested_at).toBe('2019-03-04T10:12:33.000Z');
    expect(marie.confirmed_at).toBe('2019-03-04T10:15:02.000Z');
    expect(marie.consent_source).toContain('depuis 192.0.2.10');
    expect(marie.confirm_token_hash).toBeNull();
    // Nobody is asked to confirm again: not one message.
    expect(await outbox()).toBe(0);
  });

  it('imports the unsubscribed export as "do not mail", and a second import of the first file changes nothing', async () => {
    const report = await importFile(app, fixture('mailchimp-unsubscribed.csv'), 'subscribers');
    expect(report.counts).toMatchObject({ created: 1, updated: 1 });
    expect((await subscriber('paul.vidal@mairie-exemple.fr'))!.status).toBe('unsubscribed');
    expect((await subscriber('lucie.martin@exemple.fr'))!).toMatchObject({ status: 'unsubscribed', unsubscribed_at: '2021-09-15T19:20:00.000Z' });

    const before = await app.platform.db.selectFrom('newsletter_subscribers').selectAll().orderBy('email').execute();
    const again = await importFile(app, fixture('mailchimp-subscribed.csv'), 'subscribers');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, error: 1, skipped: 1 });
    expect(await app.platform.db.selectFrom('newsletter_subscribers').selectAll().orderBy('email').execute()).toEqual(before);
    // Whoever left stays out of every issue.
    expect((await subscriber('paul.vidal@mairie-exemple.fr'))!.status).toBe('unsubscribed');
  });

  it('reads a Brevo export (semicolons, byte order mark, accents): blacklisted contacts come in as "do not mail"', async () => {
    const report = await importFile(app, fixture('brevo-contacts.csv'), 'subscribers');
    expect(report.counts).toMatchObject({ created: 3, error: 1 });
    expect(report.lines.find((l) => l.outcome === 'error')).toMatchObject({ line: 5, field: 'EMAIL', reason: 'imports.reason.badEmail' });
    expect((await subscriber('helene.leroy@exemple.fr'))!).toMatchObject({ status: 'confirmed', requested_at: '2023-02-14T09:30:00.000Z' });
    expect((await subscriber('ancien.contact@exemple.fr'))!.status).toBe('unsubscribed');
  });

  it('writes nothing in a dry run, and says what the import would do', async () => {
    const before = await rowCounts(app);
    const report = await app.services.imports.service.dryRunFile(fixture('membres-windows1252.csv'), 'members');
    expect(report.counts).toMatchObject({ created: 3, error: 2 });
    expect(await rowCounts(app)).toEqual(before);
  });

  it('creates members from a Windows-1252 spreadsheet, territories resolved, without sending anything until the welcome mail is chosen', async () => {
    const report = await importFile(app, fixture('membres-windows1252.csv'), 'members');
    expect(report.counts).toMatchObject({ created: 3, error: 2 });
    expect(report.lines.find((l) => l.line === 5)).toMatchObject({ outcome: 'error', field: 'Territoire', reason: 'imports.reason.territoryAmbiguous' });
    expect(report.lines.find((l) => l.line === 6)).toMatchObject({ outcome: 'error', field: 'Territoire', reason: 'imports.reason.territoryUnknown' });
    expect(report.lines.find((l) => l.line === 4)).toMatchObject({ outcome: 'created', reason: 'imports.reason.unknownThemes', params: { names: 'Thème inconnu' } });
    const members = await app.platform.db.selectFrom('network_members').selectAll().orderBy('email').execute();
    expect(members.map((m) => [m.name, m.territory_code, m.directory])).toEqual([
      ['Élodie Lefèvre', 'commune:80021', 1],
      ['Rémi Dubois', 'commune:80021', 0],
      ['Thérèse Nguyen', 'commune:59350', 1],
    ]);
    expect(members[0].role).toBe('elu');
    expect(JSON.parse(members[0].themes)).toEqual(['climat']);
    const orgs = await app.platform.db.selectFrom('network_organisations').select('name').orderBy('name').execute();
    expect(orgs.map((o) => o.name)).toContain('Association Bocage & Cœur');
    const elodie = (await app.services.accounts.service.findUserByEmail('elodie.lefevre@amiens.fr'))!;
    expect(elodie.membership).toBe('approved');
    expect(await outbox()).toBe(0);

    const runs = await app.services.imports.service.listRuns();
    const run = runs.find((r) => r.kind === 'members')!;
    expect(await app.services.imports.service.welcome(run.id)).toBe(3);
    await app.services.imports.service.welcome(run.id);
    expect(await outbox()).toBe(3);
  });

  it('gives what its reports hold about a member in the personal data export, and forgets it with the account', async () => {
    const elodie = (await app.services.accounts.service.findUserByEmail('elodie.lefevre@amiens.fr'))!;
    const personal = app.services.imports.definition.personalData!;
    const held = (await personal.export(elodie.id, 'elodie.lefevre@amiens.fr')) as { importLines: Array<{ label: string }> };
    expect(held.importLines.map((l) => l.label)).toContain('Élodie Lefèvre');
    await transact(app.platform.db, (trx) => personal.erase(trx, elodie.id, 'elodie.lefevre@amiens.fr'));
    expect(((await personal.export(elodie.id, 'elodie.lefevre@amiens.fr')) as { importLines: unknown[] }).importLines).toEqual([]);
    expect(await app.platform.db.selectFrom('import_items').select('key').where('key', '=', 'elodie.lefevre@amiens.fr').execute()).toEqual([]);
  });

  it('imports events from iCalendar (time zone, all-day, several days), and the same UIDs again update instead of duplicating', async () => {
    const report = await importFile(app, fixture('agenda.ics'), 'events');
    expect(report.counts).toMatchObject({ created: 4, error: 1 });
    expect(report.lines.find((l) => l.outcome === 'error')).toMatchObject({ field: 'DTSTART', reason: 'imports.reason.required', label: 'Rencontre sans date' });
    const bySlug = async (title: string) => (await app.platform.db.selectFrom('events').selectAll().where('title', '=', title).executeTakeFirst())!;
    const atelier = await bySlug('Atelier PCAET : la concertation des habitants');
    expect([atelier.starts_at, atelier.ends_at]).toEqual(['2027-03-15T08:30:00.000Z', '2027-03-15T11:30:00.000Z']);
    expect(atelier.place_name).toBe('Salle des fêtes, 2 rue de la Mairie, 62130 Saint-Pol-sur-Ternoise');
    expect(atelier.description).toContain('Inscription auprès de la communauté de communes.');
    expect(atelier.description).toContain('https://ternois.example/agenda/atelier-pcaet');
    expect(JSON.parse(atelier.themes)).toEqual(['climat']);
    const fete = await bySlug('Fête de la nature');
    expect([fete.starts_at, fete.ends_at]).toEqual([parisToIso('2027-05-22', '00:00'), parisToIso('2027-05-22', '23:59')]);
    const universite = await bySlug('Université d’été de la participation'.replace('’', "'"));
    expect([universite.starts_at, universite.ends_at]).toEqual([parisToIso('2027-07-05', '00:00'), parisToIso('2027-07-07', '23:59')]);
    expect((await bySlug('Webinaire budget participatif')).starts_at).toBe('2027-01-10T13:00:00.000Z');

    const count = async () => (await app.platform.db.selectFrom('events').select('id').execute()).length;
    const events = await count();
    expect((await importFile(app, fixture('agenda.ics'), 'events')).counts).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const moved = variant('agenda.ics', (t) =>
      t.replace('DTSTART;TZID=Europe/Paris:20270315T093000', 'DTSTART;TZID=Europe/Paris:20270316T093000').replace('DTEND;TZID=Europe/Paris:20270315T123000', 'DTEND;TZID=Europe/Paris:20270316T123000'),
    );
    expect((await importFile(app, moved, 'events')).counts).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await count()).toBe(events);
    expect((await app.services.events.service.getEvent(atelier.id))!.startsAt).toBe('2027-03-16T08:30:00.000Z');
  });

  it('brings a WordPress site in: posts, pages, themes, attachments, and its old addresses redirect', async () => {
    const report = await importFile(app, fixture('wordpress/export.xml'), 'wordpress');
    expect(report.lines.find((l) => l.label === 'Menu principal')).toMatchObject({ outcome: 'skipped', reason: 'imports.reason.wpType' });
    expect(report.lines.find((l) => l.label === 'Photo du forum')).toMatchObject({ outcome: 'error', reason: 'imports.reason.fileMissing' });
    expect(report.counts).toMatchObject({ created: 6, error: 1, skipped: 1 });
    const article = (await app.platform.db.selectFrom('contents').selectAll().where('slug', '=', 'mon-article').executeTakeFirst())!;
    expect(article).toMatchObject({ kind: 'news', status: 'published', published_at: '2019-05-14T07:30:00.000Z' });
    expect(JSON.parse(article.themes)).toEqual(['democratie-participative', 'budget-participatif']);
    expect(article.body_md).toContain('href="/a-propos/"');
    const draft = (await app.platform.db.selectFrom('contents').selectAll().where('title', '=', 'Brouillon jamais publié').executeTakeFirst())!;
    expect(draft.status).toBe('draft');

    const visitor = new Agent(app.server);
    const old = await visitor.get('/2019/05/mon-article/');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/actualites/mon-article');
    expect((await visitor.get('/a-propos')).headers.location).toBe('/pages/a-propos');
    const pdf = await visitor.get('/wp-content/uploads/2019/05/rapport-annuel-2018.pdf');
    expect(pdf.statusCode).toBe(301);
    expect(pdf.headers.location).toMatch(/^\/documents\/\w+\/rapport-annuel-2018\.pdf$/);
    const page = await visitor.get('/actualites/mon-article');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Arras a lancé son budget participatif en 2018.');
    // An address nobody imported is still a 404.
    expect((await visitor.get('/2019/05/inconnu/')).statusCode).toBe(404);

    const before = await rowCounts(app);
    const again = await importFile(app, fixture('wordpress/export.xml'), 'wordpress');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    const after = await rowCounts(app);
    expect({ ...after, import_runs: 0, import_lines: 0 }).toEqual({ ...before, import_runs: 0, import_lines: 0 });
  });

  it('never lets an old address hide a page of the site, and answers HEAD as GET', async () => {
    await app.platform.db.insertInto('import_redirects').values({ path: '/agenda', target: '/actualites/mon-article', run_id: null, created_at: new Date().toISOString() }).execute();
    const visitor = new Agent(app.server);
    expect((await visitor.get('/agenda')).statusCode).toBe(200);
    const head = await app.server.inject({ method: 'HEAD', url: '/2019/05/mon-article/?utm_source=lettre' });
    expect([head.statusCode, head.headers.location]).toEqual([301, '/actualites/mon-article']);
    // A form posted to an old address is not redirected.
    expect((await app.server.inject({ method: 'POST', url: '/2019/05/mon-article/' })).statusCode).toBe(404);
  });

  it('imports a folder of documents described by a CSV, members-only and dates kept, a missing file reported', async () => {
    const report = await importFile(app, fixture('documents'), 'documents');
    expect(report.counts).toMatchObject({ created: 1, error: 1 });
    expect(report.lines.find((l) => l.outcome === 'error')).toMatchObject({ line: 3, field: 'fichier', reason: 'imports.reason.fileMissing', params: { value: 'absent.pdf' } });
    const guide = (await app.platform.db.selectFrom('contents').selectAll().where('title', '=', 'Guide de la concertation').executeTakeFirst())!;
    expect(guide).toMatchObject({ kind: 'resource', status: 'published', published_at: parisToIso('2020-03-12', '00:00') });
    expect(JSON.parse(guide.themes)).toEqual(['democratie-participative', 'climat']);
    const docs = await app.platform.db.selectFrom('documents').selectAll().where('content_id', '=', guide.id).execute();
    expect(docs.map((d) => d.filename)).toEqual(['guide-concertation.pdf']);
    const moved = await new Agent(app.server).get('/docs/guide-concertation.pdf');
    expect(moved.headers.location).toBe(`/ressources/${guide.slug}`);
  });

  it('keeps a members-only document members-only, and changes nothing the second time even for lines without a date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-docs-'));
    fs.copyFileSync(fixture('documents/guide-concertation.pdf'), path.join(dir, 'guide.pdf'));
    fs.writeFileSync(path.join(dir, 'liste.csv'), 'fichier,titre,date,réservé aux membres\nguide.pdf,Guide sans date,,oui\n');
    expect((await importFile(app, dir, 'documents')).counts).toMatchObject({ created: 1 });
    const before = await app.platform.db.selectFrom('contents').selectAll().where('title', '=', 'Guide sans date').executeTakeFirstOrThrow();
    expect(before.members_only).toBe(1);
    const doc = await app.platform.db.selectFrom('documents').selectAll().where('content_id', '=', before.id).executeTakeFirstOrThrow();
    expect(doc.members_only).toBe(1);
    // Members-only stays members-only: a visitor gets the card, not the file.
    expect((await new Agent(app.server).get(`/documents/${doc.id}/${doc.filename}`)).statusCode).not.toBe(200);
    expect((await importFile(app, dir, 'documents')).counts).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await app.platform.db.selectFrom('contents').selectAll().where('title', '=', 'Guide sans date').executeTakeFirstOrThrow()).toEqual(before);
  });

  it('resumes an interrupted run after its last recorded line', async () => {
    const imports = app.services.imports.service;
    const file = variant('brevo-contacts.csv', (t) => t.replace('helene.leroy', 'helene.leroy2'));
    const { run } = await imports.createRun({ file, filename: path.basename(file), kind: 'subscribers', startedBy: null, move: false, resume: true });
    await imports.execute(run.id);
    // As if the process had stopped after two entries: the rest of the lines are not recorded.
    const kept = (await app.platform.db.selectFrom('import_lines').select('entry').where('run_id', '=', run.id).orderBy('line').execute()).slice(0, 2).map((r) => r.entry);
    await app.platform.db.deleteFrom('import_lines').where('run_id', '=', run.id).where('entry', 'not in', kept).execute();
    await app.platform.db.updateTable('import_runs').set({ status: 'running' }).where('id', '=', run.id).execute();
    const again = await imports.createRun({ file, filename: path.basename(file), kind: 'subscribers', startedBy: null, move: false, resume: true });
    expect(again).toMatchObject({ resumed: true, run: { id: run.id } });
    const report = await imports.execute(run.id);
    expect(report.lines.map((l) => l.line)).toEqual([2, 3, 4, 5]);
    expect((await imports.getRun(run.id))!).toMatchObject({ status: 'done', processed: 4, total: 4 });
  });
});
