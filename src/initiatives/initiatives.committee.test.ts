import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, csrfFrom, textOf } from '../../test/agent.ts';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { transact } from '../platform/db/transaction.ts';
import { callForm, inAWeek, person, postFile, projectForm } from './initiatives.test-helpers.ts';

/** RFC 7946, strictly for what the open data promises: points in Hauts-de-France or no geometry. */
const position = z.tuple([z.number().min(1.3).max(4.3), z.number().min(48.8).max(51.1)]);
const geojson = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z
      .object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.union([z.null(), z.object({ type: z.literal('Point'), coordinates: position }).strict()]),
        properties: z.record(z.string(), z.unknown()),
      })
      .strict(),
  ),
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

/** Posts the report's files form as a browser does (multipart, CSRF first). */
async function postReportFile(app: TestApp, agent: Agent, id: string, fields: Record<string, string>, file: { name: string; data: Buffer; type: string }) {
  const page = await agent.get(`/initiatives/dossiers/${id}/bilan`);
  const boundary = '----palabre-report-boundary';
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(
      part('_csrf', csrfFrom(page.body)!) +
        Object.entries(fields)
          .map(([k, v]) => part(k, v))
          .join(''),
    ),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.server.inject({
    method: 'POST',
    url: `/initiatives/dossiers/${id}/bilan/pieces`,
    payload,
    headers: { ...agent.headers, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describeEachDatabase('initiatives: from the committee to the last tranche and the public follow-up', (kind) => {
  let app: TestApp;
  type Person = Awaited<ReturnType<typeof person>>;
  let staff: Person;
  let holders: Person[];
  let chair: Person;
  let members: Person[];
  let callId = '';
  let session = '';
  const files: string[] = [];
  const db = () => app.platform.db;
  const state = async (id: string) => (await db().selectFrom('initiative_applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  /** French typography puts narrow and non-breaking spaces in amounts and before colons: compared as plain spaces. */
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  const mailsTo = async (email: string) =>
    (await db().selectFrom('mail_outbox').select(['subject', 'text_body']).where('to_address', '=', email).orderBy('created_at').execute()).map((m) => ({
      subject: plain(m.subject),
      text_body: plain(m.text_body),
    }));
  const pageText = (html: string) => plain(textOf(html));

  beforeAll(async () => {
    app = await createTestApp(kind, { env: { LOG_LEVEL: 'error' } });
    staff = await person(app, 'animator', 'Camille Animatrice');
    holders = [await person(app, 'user', 'Inès Porteuse'), await person(app, 'user', 'Omar Porteur')];
    chair = await person(app, 'user', 'Paule Présidente');
    members = [await person(app, 'user', 'Karim Membre'), await person(app, 'user', 'Jeanne Déportée'), await person(app, 'user', 'Luc Membre')];
    // A call of 900 € per project and 1 500 € a year, decided by at least 3 members.
    const created = await staff.agent.submit('/admin/initiatives/nouveau', '/admin/initiatives/nouveau', callForm({ quorum: '3', yearly_envelope: '1500' }));
    expect(created.statusCode).toBe(303);
    const call = await db().selectFrom('initiative_calls').selectAll().executeTakeFirstOrThrow();
    callId = call.id;
    const day = inAWeek();
    const added = await staff.agent.submit(`/admin/initiatives/${callId}/dossiers`, `/admin/initiatives/${callId}/comites`, {
      day,
      time: '18:00',
      place: 'Maison des associations',
      deadline_days: '0',
    });
    expect(added.statusCode).toBe(303);
    session = (await db().selectFrom('initiative_committees').select('id').executeTakeFirstOrThrow()).id;
    // Two files, submitted and admissible through the first half of the module.
    for (const [i, h] of holders.entries()) {
      const start = await h.agent.submit(`/initiatives/${call.slug}`, `/initiatives/${call.slug}/candidature`, {});
      const id = String(start.headers.location).split('/').pop()!;
      const title = i === 0 ? 'Fête des voisins de la rue de l’Alma' : 'Atelier vélo de l’Epeule';
      const sent = await postFile(h.agent, id, (r) => projectForm(r, { title, public: '1', ends_on: day, action: 'submit' }));
      expect(sent.statusCode, pageText(sent.body).slice(0, 300)).toBe(303);
      const page = `/admin/initiatives/dossiers/${id}`;
      expect((await staff.agent.submit(page, `${page}/recevabilite`, { decision: 'admissible', reason: '' })).statusCode).toBe(303);
      files.push(id);
    }
    // Jeanne reviews the first file and recuses herself.
    const page = `/admin/initiatives/dossiers/${files[0]}`;
    expect((await staff.agent.submit(page, `${page}/evaluateurs`, { name: 'Jeanne', email: members[1].email })).statusCode).toBe(303);
    const reviewer = await db().selectFrom('initiative_reviewers').select('id').where('user_id', '=', members[1].id).executeTakeFirstOrThrow();
    const url = `/initiatives/evaluations/${reviewer.id}`;
    expect((await members[1].agent.submit(url, `${url}/declaration`, { declaration: 'recused', note: 'Ma sœur est dans le groupe.' })).statusCode).toBe(303);
  });
  afterAll(() => app?.destroy());

  const sessionUrl = () => `/initiatives/comites/${session}`;

  it('lets staff name the chair and members, and puts the files on the agenda', async () => {
    const unknown = await staff.agent.submit(sessionUrl(), `${sessionUrl()}/membres`, { email: 'personne@nulle-part.test', role: 'committee' });
    expect(unknown.statusCode).toBe(400);
    expect(pageText(unknown.body)).toContain('Aucun compte n’a cette adresse');
    expect((await staff.agent.submit(sessionUrl(), `${sessionUrl()}/membres`, { email: chair.email, role: 'chair' })).statusCode).toBe(303);
    for (const m of members) expect((await staff.agent.submit(sessionUrl(), `${sessionUrl()}/membres`, { email: m.email, role: 'committee' })).statusCode).toBe(303);
    // A member sees the session; someone without a role on the call does not.
    expect((await members[0].agent.get(sessionUrl())).statusCode).toBe(200);
    expect((await holders[0].agent.get(sessionUrl())).statusCode).toBe(404);
    expect(pageText((await members[0].agent.get('/initiatives/comites')).body)).toContain('Fonds PIC de test');
    expect(pageText((await members[0].agent.get('/compte')).body)).toContain('Mes comités (1)');
    // Staff reach the payments of the calls they run from the sessions page.
    expect((await staff.agent.get('/initiatives/comites')).body).toContain(`href="/admin/initiatives/${callId}/versements"`);
    expect((await members[0].agent.get('/initiatives/comites')).body).not.toContain('/versements');

    for (const [i, id] of files.entries()) {
      const res = await chair.agent.submit(sessionUrl(), `${sessionUrl()}/ordre-du-jour`, { application_id: id, hearing_at: `18:${i}5` });
      expect(res.statusCode).toBe(303);
    }
    const page = pageText((await chair.agent.get(sessionUrl())).body);
    expect(page).toContain('PICT-001 — Fête des voisins');
    expect(page).toContain('Audition : 18h05');
    // Members may not run the session.
    expect((await members[0].agent.submit(sessionUrl(), `${sessionUrl()}/audition`, { application_id: files[0], heard: '1' })).statusCode).toBe(403);
    expect((await chair.agent.submit(sessionUrl(), `${sessionUrl()}/audition`, { application_id: files[0], heard: '1' })).statusCode).toBe(303);
  });

  it('refuses to decide without the quorum, with the figures', async () => {
    const res = await chair.agent.submit(sessionUrl(), `${sessionUrl()}/decisions`, { application_id: files[0], outcome: 'granted', amount: '500', conditions: '', reason: '' });
    expect(res.statusCode).toBe(400);
    expect(pageText(res.body)).toContain('Le comité ne peut pas décider : 0 membres présents sur 3 requis');
    expect(await db().selectFrom('initiative_decisions').selectAll().execute()).toEqual([]);
  });

  it('counts the votes of members present, never those of a reviewer who recused on the file', async () => {
    const present = [chair.id, ...members.map((m) => m.id)];
    expect((await chair.agent.submit(sessionUrl(), `${sessionUrl()}/presences`, { present, guests: 'M. le maire adjoint' })).statusCode).toBe(303);
    expect(pageText((await chair.agent.get(sessionUrl())).body)).toContain('Quorum atteint : 4 membres présents sur 3 requis');

    const recused = await members[1].agent.submit(sessionUrl(), `${sessionUrl()}/votes`, { application_id: files[0], choice: 'for' });
    expect(recused.statusCode).toBe(403);
    expect(pageText(recused.body)).toContain('Vous vous êtes déporté·e sur ce dossier : vous ne pouvez pas voter.');
    // Her vote form is not even shown for that file; it is for the other one.
    const her = (await members[1].agent.get(sessionUrl())).body;
    expect(her).not.toContain(`Mon vote sur PICT-001`);
    expect(her).toContain('Mon vote sur PICT-002');
    // A person without a seat cannot vote at all.
    const outsider = await person(app, 'user', 'Personne');
    expect((await outsider.agent.get(sessionUrl())).statusCode).toBe(404);

    for (const [who, choice] of [
      [chair, 'for'],
      [members[0], 'for'],
      [members[2], 'abstain'],
    ] as const) {
      expect((await who.agent.submit(sessionUrl(), `${sessionUrl()}/votes`, { application_id: files[0], choice })).statusCode).toBe(303);
    }
    expect(pageText((await chair.agent.get(sessionUrl())).body)).toContain('Votes : 2 pour, 0 contre, 1 abstentions (3 votant·es possibles)');

    // Karim reviewed the file: the committee sees the grid's average, Jeanne (recused) sees no score.
    const page = `/admin/initiatives/dossiers/${files[0]}`;
    expect((await staff.agent.submit(page, `${page}/evaluateurs`, { name: 'Karim', email: members[0].email })).statusCode).toBe(303);
    const reviewer = await db().selectFrom('initiative_reviewers').select('id').where('user_id', '=', members[0].id).executeTakeFirstOrThrow();
    const url = `/initiatives/evaluations/${reviewer.id}`;
    expect((await members[0].agent.submit(url, `${url}/declaration`, { declaration: 'declared_none', note: '' })).statusCode).toBe(303);
    const criteria = await db().selectFrom('initiative_criteria').select('id').orderBy('position').execute();
    expect((await members[0].agent.submit(url, `${url}/notes`, { [`score_${criteria[0].id}`]: '4', [`score_${criteria[1].id}`]: '2', comment: '' })).statusCode).toBe(303);
    expect(pageText((await chair.agent.get(sessionUrl())).body)).toContain(
      'PICT-001 — Fête des voisins de la rue de l’Alma Porteur : Les voisins de l’Alma · Montant demandé : 400 € · Audition : 18h05 · porteur entendu · Grille : 70 / 100 en moyenne, écart 0 (1 évaluations)',
    );
    expect(pageText((await members[1].agent.get(sessionUrl())).body)).not.toContain('Grille : 70');
  });

  it('refuses a grant above the per-project ceiling or the year’s remaining envelope, with the figures in French', async () => {
    const over = await chair.agent.submit(sessionUrl(), `${sessionUrl()}/decisions`, { application_id: files[0], outcome: 'granted', amount: '950', conditions: '', reason: '' });
    expect(over.statusCode).toBe(400);
    expect(pageText(over.body)).toContain('950 € dépasse le plafond par projet de cet appel (900 €).');
    expect(over.body).toContain('value="950"');

    const ok = await chair.agent.submit(sessionUrl(), `${sessionUrl()}/decisions`, {
      application_id: files[0],
      outcome: 'granted',
      amount: '900',
      conditions: 'Associer l’école du quartier.',
      reason: '',
    });
    expect(ok.statusCode, pageText(ok.body).slice(0, 400)).toBe(303);
    expect(await state(files[0])).toBe('granted');
    const decision = await db().selectFrom('initiative_decisions').selectAll().where('application_id', '=', files[0]).executeTakeFirstOrThrow();
    expect([decision.votes_for, decision.votes_against, decision.votes_abstain]).toEqual([2, 0, 1]);

    const year = (await db().selectFrom('initiative_committees').select('meets_at').executeTakeFirstOrThrow()).meets_at.slice(0, 4);
    const yearly = await chair.agent.submit(sessionUrl(), `${sessionUrl()}/decisions`, { application_id: files[1], outcome: 'granted', amount: '700', conditions: '', reason: '' });
    expect(yearly.statusCode).toBe(400);
    expect(pageText(yearly.body)).toContain(`700 € dépasse ce qui reste de l’enveloppe ${year} : 600 € sur 1 500 €.`);
    // The chair clicks twice: one decision, one mail.
    const token = csrfFrom((await chair.agent.get(sessionUrl())).body)!;
    const both = await Promise.all(
      [1, 2].map(() => chair.agent.post(`${sessionUrl()}/decisions`, { _csrf: token, application_id: files[1], outcome: 'granted', amount: '600', conditions: '', reason: '' })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect(await db().selectFrom('initiative_decisions').select('id').where('application_id', '=', files[1]).execute()).toHaveLength(1);
    expect((await mailsTo(holders[1].email)).filter((m) => m.subject.includes('est financé'))).toHaveLength(1);
  });

  it('mails the holder the amount, the tranches and the next steps', async () => {
    const mail = (await mailsTo(holders[0].email)).at(-1)!;
    expect(mail.subject).toBe('Votre projet PICT-001 est financé : 900 €');
    expect(mail.text_body).toContain('Associer l’école du quartier.');
    expect(mail.text_body).toContain('tranche 1 : 720 €, à la signature de la convention');
    expect(mail.text_body).toContain('tranche 2 : 180 €, à réception de la fiche bilan');
    expect(mail.text_body).toContain('signez la convention avec Association gestionnaire test');
    expect(mail.text_body).toContain(`/initiatives/dossiers/${files[0]}/bilan`);
  });

  it('has the minutes signed off by the chair only, as a PDF that shows the decisions', async () => {
    const byStaff = await staff.agent.submit(sessionUrl(), `${sessionUrl()}/signature`, { notes: 'Séance chaleureuse.', confirm: '1' });
    expect(byStaff.statusCode).toBe(403);
    const unticked = await chair.agent.submit(sessionUrl(), `${sessionUrl()}/signature`, { notes: 'Séance chaleureuse.' });
    expect(unticked.statusCode).toBe(400);
    expect(pageText(unticked.body)).toContain('Cochez la case pour signer.');
    expect((await chair.agent.submit(sessionUrl(), `${sessionUrl()}/signature`, { notes: 'Séance chaleureuse.', confirm: '1' })).statusCode).toBe(303);
    const committee = await db().selectFrom('initiative_committees').selectAll().executeTakeFirstOrThrow();
    expect(committee.status).toBe('held');
    expect(committee.minutes_file_key).not.toBeNull();

    const pdf = await members[0].agent.get(`${sessionUrl()}/proces-verbal.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    const flat = plain(text).replace(/\s+/g, ' ');
    expect(flat).toContain('PICT-001 — Fête des voisins de la rue de l’Alma');
    expect(flat).toContain('Accordé : 900 €');
    expect(flat).toContain('Accordé : 600 €');
    expect(flat).toContain('Votes : 2 pour, 0 contre, 1 abstentions');
    expect(flat).toContain('M. le maire adjoint');
    expect(flat).toContain('Signé par Paule Présidente');
    // Signed: the session is frozen.
    expect((await chair.agent.submit(sessionUrl(), `${sessionUrl()}/presences`, { present: [chair.id] })).statusCode).toBe(409);
  });

  it('pays the first tranche, holds the last until the fiche bilan, then completes the project', async () => {
    const pay = `/admin/initiatives/${callId}/versements`;
    const tranches = await db().selectFrom('initiative_tranches').selectAll().where('application_id', '=', files[0]).orderBy('position').execute();
    expect(tranches.map((t) => [t.amount_cents, t.condition, t.status])).toEqual([
      [72000, 'signature', 'planned'],
      [18000, 'final_report', 'planned'],
    ]);
    // Holders and members do not see the payments.
    expect((await holders[0].agent.get(pay)).statusCode).toBe(404);
    const missing = await staff.agent.submit(pay, pay, { tranche_id: tranches[0].id, paid_on: '', reference: '' });
    expect(missing.statusCode).toBe(400);
    expect((await staff.agent.submit(pay, pay, { tranche_id: tranches[0].id, paid_on: '2026-12-01', reference: 'VIR-2026-118' })).statusCode).toBe(303);
    expect(await state(files[0])).toBe('in_progress');
    const early = await staff.agent.submit(pay, pay, { tranche_id: tranches[1].id, paid_on: '2026-12-02', reference: 'VIR-X' });
    expect(early.statusCode).toBe(409);
    expect(pageText(early.body)).toContain('Cette tranche attend la fiche bilan du porteur.');

    // The holder writes the fiche bilan: spent vs planned per budget line, reached from the personal space.
    const bilan = `/initiatives/dossiers/${files[0]}/bilan`;
    expect((await holders[0].agent.get('/compte')).body).toContain(`href="${bilan}"`);
    const form = pageText((await holders[0].agent.get(bilan)).body);
    expect(form).toContain('Repas partagé (prévu : 300 €)');
    const lines = await db().selectFrom('initiative_budget_lines').select(['id', 'label']).where('application_id', '=', files[0]).where('side', '=', 'expense').execute();
    const spent = Object.fromEntries(lines.map((l) => [`spent_${l.id}`, l.label === 'Repas partagé' ? '310,50' : '100']));
    // Receipts stay private; a photo needs its description, and is public only with consent.
    const receipt = await postReportFile(
      app,
      holders[0].agent,
      files[0],
      { kind: 'final', file_kind: 'receipt' },
      { name: 'ticket.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' },
    );
    expect(receipt.statusCode).toBe(303);
    const noAlt = await postReportFile(app, holders[0].agent, files[0], { kind: 'final', file_kind: 'photo', consent: '1' }, { name: 'fete.png', data: PNG, type: 'image/png' });
    expect(noAlt.statusCode).toBe(400);
    expect(pageText(noAlt.body)).toContain('Décrivez la photo en quelques mots.');
    const notPhoto = await postReportFile(
      app,
      holders[0].agent,
      files[0],
      { kind: 'final', file_kind: 'photo', alt: 'x', consent: '1' },
      { name: 'ticket2.pdf', data: Buffer.from('%PDF-1.4\n'), type: 'application/pdf' },
    );
    expect(pageText(notPhoto.body)).toContain('« ticket2.pdf » n’est pas une photo JPEG ou PNG.');
    for (const [alt, consent] of [
      ['Des enfants peignent la chaussée', '1'],
      ['Photo sans accord', ''],
    ]) {
      expect((await postReportFile(app, holders[0].agent, files[0], { kind: 'final', file_kind: 'photo', alt, consent }, { name: 'fete.png', data: PNG, type: 'image/png' })).statusCode).toBe(303);
    }
    const incomplete = await holders[0].agent.submit(bilan, bilan, { kind: 'final', what_happened: '', participants: '', self_evaluation: '', action: 'submit', ...spent });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('value="310,50"');
    const sent = await holders[0].agent.submit(bilan, bilan, {
      kind: 'final',
      what_happened: 'Cent voisins autour des tables.\n\nLes enfants ont peint la rue.',
      participants: '104',
      self_evaluation: 'À refaire au printemps.',
      published: '1',
      action: 'submit',
      ...spent,
    });
    expect(sent.statusCode, pageText(sent.body).slice(0, 300)).toBe(303);
    const report = await db().selectFrom('initiative_reports').selectAll().where('application_id', '=', files[0]).executeTakeFirstOrThrow();
    expect(report.spent_cents).toBe(31050 + 20000);
    expect((await db().selectFrom('initiative_tranches').select('status').where('id', '=', tranches[1].id).executeTakeFirstOrThrow()).status).toBe('due');

    expect((await staff.agent.submit(pay, pay, { tranche_id: tranches[1].id, paid_on: '2027-01-15', reference: 'VIR-2027-004' })).statusCode).toBe(303);
    expect(await state(files[0])).toBe('completed');
    const again = await staff.agent.submit(pay, pay, { tranche_id: tranches[1].id, paid_on: '2027-01-15', reference: 'VIR-2027-004' });
    expect(again.statusCode).toBe(409);
    const page = pageText((await staff.agent.get(pay)).body);
    expect(page).toContain('Accordé : 1 500 € · versé : 900 €');
  });

  it('exports the payments and the Région’s action sheet as CSV and XLSX that parse', async () => {
    const base = `/admin/initiatives/${callId}`;
    const csv = await staff.agent.get(`${base}/versements.csv`);
    expect(csv.statusCode).toBe(200);
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(rows[0]).toEqual(['Référence', 'Projet', 'Porteur', 'Commune', 'Montant accordé', 'Tranche', 'Montant', 'Condition', 'État', 'Versée le', 'Référence du virement']);
    expect(rows).toContainEqual([
      'PICT-001',
      'Fête des voisins de la rue de l’Alma',
      'Les voisins de l’Alma',
      'Roubaix',
      '900',
      '1',
      '720',
      'à la signature de la convention',
      'versée',
      '2026-12-01',
      'VIR-2026-118',
    ]);
    expect((await holders[0].agent.get(`${base}/versements.csv`)).statusCode).toBe(404);

    const xlsx = await staff.agent.get(`${base}/fiche-action.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Référence', 'Projet', 'Porteur', 'Thématique', 'Commune', 'Quartier', 'Montant', 'Participant·es', 'Auto-évaluation']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'PICT-001', 'Fête des voisins de la rue de l’Alma', 'Les voisins de l’Alma', '', 'Roubaix', 'Alma', 900, '104', 'À refaire au printemps.']);
    const accounts = new ExcelJS.Workbook();
    await accounts.xlsx.load((await staff.agent.get(`${base}/versements.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(accounts.worksheets[0].rowCount).toBe(5);
    // Amounts are numbers the accounts can add up.
    expect(accounts.worksheets[0].getRow(2).getCell(7).value).toBe(720);
  });

  it('shows funded projects publicly with filters, a map, a page with the published report, and in search', async () => {
    const anon = new Agent(app.server);
    const list = await anon.get('/initiatives/projets');
    expect(list.statusCode).toBe(200);
    const text = pageText(list.body);
    expect(text).toContain('Fête des voisins de la rue de l’Alma');
    expect(text).toContain('Atelier vélo de l’Epeule');
    expect(list.body).toContain('<svg');
    expect(text).toContain('Roubaix : 2 projets');
    const filtered = pageText((await anon.get('/initiatives/projets?commune=59163')).body);
    expect(filtered).toContain('0 projets.');
    const page = pageText((await anon.get(`/initiatives/projets/${files[0]}`)).body);
    expect(page).toContain('900 €');
    expect(page).toContain('Les enfants ont peint la rue.');
    expect(page).toContain('tranche 2 versée (180 €)');
    expect(page).not.toContain('Square de l’Alma');
    // The consented photo of the published report is public, with its description; nothing else is.
    const attachments = await db().selectFrom('initiative_attachments').select(['id', 'kind', 'consent']).where('application_id', '=', files[0]).where('report_id', 'is not', null).execute();
    const shown = attachments.find((a) => a.kind === 'photo' && a.consent === 1)!;
    const html = (await anon.get(`/initiatives/projets/${files[0]}`)).body;
    expect(html).toContain(`<img src="/initiatives/projets/${files[0]}/photos/${shown.id}" alt="Des enfants peignent la chaussée"`);
    expect((await anon.get(`/initiatives/projets/${files[0]}/photos/${shown.id}`)).statusCode).toBe(200);
    for (const a of attachments.filter((x) => x.id !== shown.id)) {
      expect(html).not.toContain(a.id);
      expect((await anon.get(`/initiatives/projets/${files[0]}/photos/${a.id}`)).statusCode).toBe(404);
      expect([303, 401, 404]).toContain((await anon.get(`/initiatives/dossiers/${files[0]}/pieces/${a.id}`)).statusCode);
      expect((await holders[1].agent.get(`/initiatives/dossiers/${files[0]}/pieces/${a.id}`)).statusCode).toBe(404);
      expect((await staff.agent.get(`/initiatives/dossiers/${files[0]}/pieces/${a.id}`)).statusCode).toBe(200);
    }
    expect(page).not.toContain('06 12 34 56 78');
    const search = pageText((await anon.get('/recherche?q=voisins')).body);
    expect(search).toContain('Fête des voisins de la rue de l’Alma');
  });

  it('publishes valid GeoJSON at the commune’s centre, with no private address', async () => {
    const res = await new Agent(app.server).get('/initiatives/projets.geojson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const data = geojson.parse(JSON.parse(res.body));
    expect(data.features).toHaveLength(2);
    const f = data.features.find((x) => x.id === files[0])!;
    expect(f.geometry?.coordinates).toEqual([3.175, 50.69]);
    expect(f.properties).toMatchObject({ reference: 'PICT-001', commune: 'Roubaix', commune_insee: '59512', amount_eur: 900, status: 'completed' });
    for (const secret of ['Square de l’Alma', '06 12 34 56 78', 'Inès', holders[0].email]) expect(res.body).not.toContain(secret);
  });

  it('exports a holder’s reports and a member’s attendance, and erases the member’s name from the attendance', async () => {
    const exported = (await app.services.initiatives.definition.personalData!.export(holders[0].id, holders[0].email)) as { reports: Array<{ what_happened: string }> };
    expect(exported.reports[0].what_happened).toContain('Les enfants ont peint la rue.');
    const member = (await app.services.initiatives.definition.personalData!.export(members[2].id, members[2].email)) as { committeeAttendance: Array<{ name: string }> };
    expect(member.committeeAttendance).toEqual([expect.objectContaining({ name: 'Luc Membre', present: 1 })]);
    await transact(db(), (trx) => app.services.initiatives.definition.personalData!.erase(trx, members[2].id, members[2].email));
    const names = (await db().selectFrom('initiative_committee_attendance').select('name').execute()).map((a) => a.name);
    expect(names).not.toContain('Luc Membre');
    expect(await db().selectFrom('initiative_decisions').select('votes_for').where('application_id', '=', files[0]).executeTakeFirstOrThrow()).toEqual({ votes_for: 2 });
  });

  it('reminds a holder once, a week before the fiche bilan is due', async () => {
    const report = await db().selectFrom('initiative_reports').selectAll().where('application_id', '=', files[1]).executeTakeFirstOrThrow();
    const before = (await mailsTo(holders[1].email)).length;
    const dayBefore = new Date(Date.parse(`${report.due_on}T12:00:00Z`) - 10 * 86400_000).toISOString().slice(0, 10);
    expect(await app.services.initiatives.followUp.reports.remindReports(dayBefore)).toBe(0);
    const weekBefore = new Date(Date.parse(`${report.due_on}T12:00:00Z`) - 6 * 86400_000).toISOString().slice(0, 10);
    expect(await app.services.initiatives.followUp.reports.remindReports(weekBefore)).toBe(1);
    expect(await app.services.initiatives.followUp.reports.remindReports(weekBefore)).toBe(0);
    const mails = await mailsTo(holders[1].email);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.subject).toContain('Fiche bilan (fin de projet) de PICT-002');
  });
});
