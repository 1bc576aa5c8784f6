import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { formatDateTime, parisToIso } from '../platform/format.ts';
import { callForm, inAWeek, PDF, person, postFile, projectForm, upload } from './initiatives.test-helpers.ts';

describeEachDatabase('initiatives: from the call to the review', (kind) => {
  let app: TestApp;
  let staff: Awaited<ReturnType<typeof person>>;
  let holder: Awaited<ReturnType<typeof person>>;
  let slug = '';
  let fileId = '';
  beforeAll(async () => {
    app = await createTestApp(kind);
    staff = await person(app, 'animator', 'Camille Animatrice');
    holder = await person(app, 'user', 'Inès Porteuse');
  });
  afterAll(() => app?.destroy());
  const db = () => app.platform.db;
  const state = async (id: string) => (await db().selectFrom('initiative_applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  const mailsTo = (email: string) => db().selectFrom('mail_outbox').select(['subject', 'text_body']).where('to_address', '=', email).orderBy('created_at').execute();

  it('lets staff publish a call that lists its fund, ceilings, communes and committees, and finds it in search', async () => {
    // Cached for visitors before the call exists: the new call must still show.
    expect(textOf((await new Agent(app.server).get('/initiatives')).body)).toContain('Aucun appel');
    const res = await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm());
    expect(res.statusCode, textOf(res.body).slice(0, 400)).toBe(303);
    const call = await db().selectFrom('initiative_calls').selectAll().executeTakeFirstOrThrow();
    slug = call.slug;
    expect(JSON.parse(call.commune_codes)).toEqual(['59512', '59163']);
    const page = textOf((await new Agent(app.server).get(`/initiatives/${slug}`)).body);
    expect(page).toContain('Fonds de participation des habitants');
    expect(page).toContain('900 €');
    expect(page).toContain('Roubaix, Croix');
    expect(page).toContain('Région Hauts-de-France (70 %)');
    expect(textOf((await new Agent(app.server).get('/initiatives')).body)).toContain('Fonds PIC de test');
    expect(textOf((await new Agent(app.server).get('/recherche?q=gestionnaire')).body)).toContain('Fonds PIC de test');
  });

  it('links agenda events to the call from its form, and refuses one the agenda does not have', async () => {
    const lab = await app.services.events.service.createEvent({
      slug: 'pic-lab-test',
      kind: 'pic-lab',
      title: 'PIC Lab de test',
      startsAt: '2027-03-01T13:00:00.000Z',
      endsAt: '2027-03-01T16:00:00.000Z',
      status: 'published',
    });
    const call = await db().selectFrom('initiative_calls').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    const edit = `/admin/initiatives/${call.id}/modifier`;
    const refused = await staff.agent.submit(edit, edit, callForm({ slug, events: '/agenda/pic-lab-test\n/agenda/nulle-part' }));
    expect(refused.statusCode).toBe(400);
    expect(textOf(refused.body)).toContain('Rencontres introuvables dans l’agenda : /agenda/nulle-part');
    expect((await staff.agent.submit(edit, edit, callForm({ slug, events: `http://palabre.test/agenda/${lab.slug}` }))).statusCode).toBe(303);
    expect(textOf((await new Agent(app.server).get(`/initiatives/${slug}`)).body)).toContain('PIC Lab de test');
    expect((await staff.agent.get(edit)).body).toContain('/agenda/pic-lab-test</textarea>');
  });

  it('refuses an unknown commune in the call form, next to the field', async () => {
    const res = await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm({ title: 'Autre', communes: 'Roubaix\nAtlantis' }));
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Communes inconnues en Hauts-de-France : Atlantis');
  });

  it('starts a draft for a confirmed account and refuses to submit an unbalanced budget, keeping what was typed', async () => {
    const start = await holder.agent.submit(`/initiatives/${slug}`, `/initiatives/${slug}/candidature`, {});
    expect(start.statusCode).toBe(303);
    fileId = String(start.headers.location).split('/').pop()!;
    const res = await postFile(holder.agent, fileId, (r) => projectForm(r, { res_amount_0: '350', action: 'submit' }));
    expect(res.statusCode).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain('Le budget n’est pas équilibré : 500 € de dépenses pour 450 € de ressources');
    expect(res.body).toContain('value="350"');
    expect(await state(fileId)).toBe('draft');
  });

  it('refuses a save built from an older revision (another tab) and shows what was typed', async () => {
    const page = await holder.agent.get(`/initiatives/dossiers/${fileId}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1];
    expect((await holder.agent.post(`/initiatives/dossiers/${fileId}`, { _csrf: csrf, ...projectForm(revision) })).statusCode).toBe(303);
    const stale = await holder.agent.post(`/initiatives/dossiers/${fileId}`, { _csrf: csrf, ...projectForm(revision, { title: 'Titre tapé dans un vieil onglet' }) });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('Ce dossier a été modifié depuis un autre onglet ou appareil.');
    expect(stale.body).toContain('value="Titre tapé dans un vieil onglet"');
    const stored = await db().selectFrom('initiative_applications').select('title').where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(stored.title).toBe('Fête des voisins de la rue de l’Alma');
    const shown = /name="revision" value="(\d+)"/.exec(stale.body)![1];
    expect((await holder.agent.post(`/initiatives/dossiers/${fileId}`, { _csrf: csrf, ...projectForm(shown) })).statusCode).toBe(303);
  });

  it('submits a balanced file before the deadline and mails an acknowledgement', async () => {
    expect((await upload(app, holder.agent, fileId, 'devis.pdf', PDF)).statusCode).toBe(303);
    const res = await postFile(holder.agent, fileId, (r) => projectForm(r, { action: 'submit' }));
    expect(res.statusCode, textOf(res.body).slice(0, 600)).toBe(303);
    expect(await state(fileId)).toBe('submitted');
    const mails = await mailsTo(holder.email);
    expect(mails.at(-1)!.subject).toMatch(/^Dossier PICT-001 bien reçu/);
    // Submitted: the holder can no longer change it.
    expect((await postFile(holder.agent, fileId, (r) => projectForm(r))).statusCode).toBe(403);
  });

  it('reopens the file with a "demande de compléments", then takes it again', async () => {
    const page = `/admin/initiatives/dossiers/${fileId}`;
    const res = await staff.agent.submit(page, `${page}/complements`, { reason: 'Merci de joindre le RIB du groupe.', due_on: inAWeek() });
    expect(res.statusCode).toBe(303);
    expect(await state(fileId)).toBe('complements_requested');
    expect((await mailsTo(holder.email)).at(-1)!.text_body).toContain('Merci de joindre le RIB du groupe.');
    const own = textOf((await holder.agent.get(`/initiatives/dossiers/${fileId}`)).body);
    expect(own).toContain('Merci de joindre le RIB du groupe.');
    expect((await upload(app, holder.agent, fileId, 'rib.pdf', PDF, 'bank_details')).statusCode).toBe(303);
    expect((await postFile(holder.agent, fileId, (r) => projectForm(r, { action: 'submit' }))).statusCode).toBe(303);
    expect(await state(fileId)).toBe('submitted');
  });

  it('records admissibility with the checklist and mails it', async () => {
    const page = `/admin/initiatives/dossiers/${fileId}`;
    const items = await db().selectFrom('initiative_checklist_items').select(['id', 'label']).orderBy('position').execute();
    expect(items.map((i) => i.label)).toEqual(['Budget équilibré', 'RIB fourni']);
    const checked = await staff.agent.submit(page, `${page}/checklist`, {
      [`answer_${items[0].id}`]: 'yes',
      [`note_${items[0].id}`]: '',
      [`answer_${items[1].id}`]: 'no',
      [`note_${items[1].id}`]: 'RIB illisible',
    });
    expect(checked.statusCode).toBe(303);
    expect((await staff.agent.get(page)).body).toContain('value="RIB illisible"');
    const answers = await db().selectFrom('initiative_checklist_answers').select(['item_id', 'answer']).where('application_id', '=', fileId).execute();
    expect(Object.fromEntries(answers.map((a) => [a.item_id, a.answer]))).toEqual({ [items[0].id]: 'yes', [items[1].id]: 'no' });
    const refused = await staff.agent.submit(page, `${page}/recevabilite`, { decision: 'not_admissible', reason: '' });
    expect(refused.statusCode).toBe(400);
    expect(textOf(refused.body)).toContain('Indiquez le motif');
    expect((await staff.agent.submit(page, `${page}/recevabilite`, { decision: 'admissible', reason: '' })).statusCode).toBe(303);
    expect(await state(fileId)).toBe('admissible');
    expect((await mailsTo(holder.email)).at(-1)!.subject).toContain('recevable');
  });

  it('lets a reviewer who declared no conflict score, and shows a recused one no file and no score', async () => {
    const reader = await person(app, 'user', 'Karim Comité');
    const recused = await person(app, 'user', 'Jeanne Comité');
    const page = `/admin/initiatives/dossiers/${fileId}`;
    for (const r of [reader, recused]) expect((await staff.agent.submit(page, `${page}/evaluateurs`, { name: 'Membre du comité', email: r.email })).statusCode).toBe(303);
    expect(await state(fileId)).toBe('under_review');
    const reviewerId = async (userId: string) => (await db().selectFrom('initiative_reviewers').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow()).id;
    const readerUrl = `/initiatives/evaluations/${await reviewerId(reader.id)}`;
    const recusedUrl = `/initiatives/evaluations/${await reviewerId(recused.id)}`;

    // Before the declaration, nothing of the file.
    const before = textOf((await reader.agent.get(readerUrl)).body);
    expect(before).toContain('Déclaration de conflit d’intérêts');
    expect(before).not.toContain('Repas partagé');

    expect((await reader.agent.submit(readerUrl, `${readerUrl}/declaration`, { declaration: 'declared_none', note: '' })).statusCode).toBe(303);
    const criteria = await db().selectFrom('initiative_criteria').select(['id', 'label']).orderBy('position').execute();
    const scored = await reader.agent.submit(readerUrl, `${readerUrl}/notes`, { [`score_${criteria[0].id}`]: '4', [`score_${criteria[1].id}`]: '2', comment: 'Beau projet' });
    expect(scored.statusCode).toBe(303);
    const readerPage = textOf((await reader.agent.get(readerUrl)).body);
    expect(readerPage).toContain('Repas partagé');
    // (3×4/5 + 1×2/5) / 4 = 70 %.
    expect(readerPage).toContain('70 / 100');

    expect((await recused.agent.submit(recusedUrl, `${recusedUrl}/declaration`, { declaration: 'recused', note: 'Ma sœur est dans le groupe.' })).statusCode).toBe(303);
    const recusedPage = textOf((await recused.agent.get(recusedUrl)).body);
    expect(recusedPage).toContain('Vous vous êtes déporté·e pour ce dossier');
    expect(recusedPage).not.toContain('70 / 100');
    expect(recusedPage).not.toContain('Repas partagé');
    expect(recusedPage).not.toContain('Moyenne');
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await recused.agent.get(recusedUrl)).body)?.[1] ?? '';
    expect((await recused.agent.post(`${recusedUrl}/notes`, { _csrf: csrf, [`score_${criteria[0].id}`]: '0' })).statusCode).toBe(404);
    expect((await recused.agent.get(`/initiatives/dossiers/${fileId}`)).statusCode).toBe(404);

    // Staff see the averages, not who gave which score.
    const staffPage = textOf((await staff.agent.get(page)).body);
    expect(staffPage).toContain('2 évaluateur·rices, 1 grilles remplies, 1 déport(s)');
    expect(staffPage).toContain('70 / 100');

    // An animator who recuses on the file sees no score on the staff page either.
    const colleague = await person(app, 'animator', 'Alix Animatrice');
    expect((await staff.agent.submit(page, `${page}/evaluateurs`, { name: 'Alix', email: colleague.email })).statusCode).toBe(303);
    const colleagueUrl = `/initiatives/evaluations/${await reviewerId(colleague.id)}`;
    expect((await colleague.agent.submit(colleagueUrl, `${colleagueUrl}/declaration`, { declaration: 'recused', note: '' })).statusCode).toBe(303);
    const colleaguePage = textOf((await colleague.agent.get(page)).body);
    expect(colleaguePage).toContain('Vous vous êtes déporté·e pour ce dossier');
    expect(colleaguePage).not.toContain('70 / 100');
  });

  it('holds the requested amount to the ceiling, and to the lower one for a second action in the year', async () => {
    const start = await holder.agent.submit(`/initiatives/${slug}`, `/initiatives/${slug}/candidature`, {});
    const id = String(start.headers.location).split('/').pop()!;
    const big = (r: string) => projectForm(r, { exp_amount_0: '900', res_amount_0: '1000', action: 'submit' });
    const over = await postFile(holder.agent, id, big);
    expect(over.statusCode).toBe(400);
    expect(textOf(over.body)).toContain('Le montant demandé dépasse le plafond de 900 € par projet.');
    // The first file of this holder is funded this year: the second may ask 400 € at most.
    await db().updateTable('initiative_applications').set({ state: 'granted', decided_at: new Date().toISOString() }).where('id', '=', fileId).execute();
    const second = await postFile(holder.agent, id, (r) => projectForm(r, { exp_amount_0: '350', res_amount_0: '450', action: 'submit' }));
    expect(second.statusCode).toBe(400);
    expect(textOf(second.body)).toContain('pour une deuxième action, le montant demandé ne peut dépasser 400 €');
    const within = await postFile(holder.agent, id, (r) => projectForm(r, { exp_amount_0: '200', res_amount_0: '300', action: 'submit' }));
    expect(within.statusCode).toBe(303);
    // The holder may withdraw it before the decision, once the box is ticked.
    const unconfirmed = await holder.agent.submit(`/initiatives/dossiers/${id}`, `/initiatives/dossiers/${id}/retirer`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(textOf(unconfirmed.body)).toContain('Cochez la case pour confirmer le retrait.');
    expect(await state(id)).toBe('submitted');
    expect((await holder.agent.submit(`/initiatives/dossiers/${id}`, `/initiatives/dossiers/${id}/retirer`, { confirm: '1' })).statusCode).toBe(303);
    expect(await state(id)).toBe('withdrawn');
    expect((await holder.agent.get(`/initiatives/dossiers/${id}`)).body).not.toContain('/retirer');
  });

  it('refuses a file after the deadline and says when it was', async () => {
    const late = await person(app, 'user', 'Lou Tardive');
    const start = await late.agent.submit(`/initiatives/${slug}`, `/initiatives/${slug}/candidature`, {});
    const id = String(start.headers.location).split('/').pop()!;
    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    await db()
      .updateTable('initiative_calls')
      .set({ closes_at: parisToIso(yesterday, '23:59') })
      .execute();
    const res = await postFile(late.agent, id, (r) => projectForm(r, { action: 'submit' }));
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain(`La date limite de dépôt est passée : c’était le ${formatDateTime(parisToIso(yesterday, '23:59'), 'fr')}`);
    expect(await state(id)).toBe('draft');
  });
});

describe('initiatives: an account whose address is not confirmed', () => {
  it('cannot start a file', async () => {
    const app = await createTestApp('sqlite');
    try {
      const staff = await person(app, 'animator');
      await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm());
      const slug = (await app.platform.db.selectFrom('initiative_calls').select('slug').executeTakeFirstOrThrow()).slug;
      const holder = await person(app);
      await app.platform.db.updateTable('users').set({ email_verified_at: null }).where('id', '=', holder.id).execute();
      const res = await holder.agent.submit(`/initiatives/${slug}`, `/initiatives/${slug}/candidature`, {});
      expect(res.statusCode).toBe(403);
      expect(textOf(res.body)).toContain('confirmez d’abord votre adresse électronique');
    } finally {
      await app.destroy();
    }
  });
});
