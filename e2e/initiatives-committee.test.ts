import { afterAll, beforeAll, expect, it } from 'vitest';
import { callSchema } from '../src/initiatives/initiatives.schema.ts';
import { callForm } from '../src/initiatives/initiatives.test-helpers.ts';
import type { CurrentUser } from '../src/platform/http/access.ts';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Page, type Site } from './browser.ts';

const STAFF = { email: 'gestion.pic@palabre.test', name: 'Camille Gestionnaire', role: 'animator' as const };
const HOLDER = { email: 'ines.porteuse@exemple.fr', name: 'Inès Porteuse' };
const CHAIR = { email: 'paule.presidente@exemple.fr', name: 'Paule Présidente' };
const MEMBER = { email: 'karim.comite@exemple.fr', name: 'Karim Comité' };

async function pressButton(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}
async function typeInto(page: Page, label: string, text: string, scope: Page | ReturnType<Page['getByRole']> = page) {
  await scope.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describeBrowser('initiatives: the committee scores and the chair records decisions, keyboard only', () => {
  let site: Site;
  let committeeId = '';
  let fileId = '';
  let callId = '';
  let slug = '';
  const asUser = async (email: string, role: CurrentUser['role'] = 'user'): Promise<CurrentUser> => {
    const a = (await site.app.services.accounts.service.findUserByEmail(email))!;
    return { id: a.id, sessionId: 's', name: a.name, email, role, membership: 'none', lang: 'fr' };
  };

  beforeAll(async () => {
    site = await startSite();
    const { service: svc, followUp } = site.app.services.initiatives;
    const accounts = site.app.services.accounts.service;
    for (const p of [STAFF, HOLDER, CHAIR, MEMBER]) await accounts.ensureUser(p);
    const staff = await asUser(STAFF.email, 'animator');
    const saved = await svc.saveCall(null, callSchema.parse(callForm({ title: 'Fonds PIC de Roubaix 2030', quorum: '2' })), staff.id);
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    callId = saved.call.id;
    slug = saved.call.slug;
    committeeId = await svc.addCommittee(callId, { day: '2030-03-05', time: '18:00', place: 'Maison des associations', deadline_days: 15 });
    const holder = await asUser(HOLDER.email);
    const started = await svc.startDraft(holder, callId);
    if (started.kind !== 'ok') throw new Error(started.kind);
    fileId = started.id;
    await svc.saveDraft(
      holder,
      fileId,
      {
        title: 'Fête des voisins de l’Alma',
        summary: 'Un repas partagé et des jeux.',
        holder_kind: 'informal_group',
        holder_name: 'Les voisins de l’Alma',
        holder_people: 'Inès, Karim',
        contact_phone: '',
        commune_code: '59512',
        neighbourhood: 'Alma',
        place: 'Square de l’Alma',
        starts_on: '2030-04-12',
        ends_on: '2030-04-12',
        audience: 'Le quartier',
        expected_participants: 80,
        themes: [],
        public: true,
        revision: 1,
      },
      [
        { side: 'expense', kind: 'food', label: 'Repas partagé', amount_cents: 90000 },
        { side: 'resource', kind: 'requested', label: 'Fonds PIC', amount_cents: 90000 },
      ],
    );
    const sent = await svc.submit(holder, fileId, 'fr');
    if (sent.kind !== 'ok') throw new Error(JSON.stringify(sent.errors));
    await svc.decideAdmissibility(staff, fileId, true, '');
    await svc.assignReviewer(staff, fileId, MEMBER);
    await followUp.committee.addMember(staff, committeeId, CHAIR.email, 'chair');
    await followUp.committee.addMember(staff, committeeId, MEMBER.email, 'committee');
    await followUp.committee.addToAgenda(staff, committeeId, fileId, null);
    await followUp.committee.recordAttendance(staff, committeeId, [(await asUser(CHAIR.email)).id, (await asUser(MEMBER.email)).id], []);
  });
  afterAll(() => site?.close());

  it('lets a member declare no conflict, score the grid and vote, then the chair decide within the ceiling and sign the minutes', async () => {
    const memberContext = await site.newContext();
    await signInAs(site, memberContext, MEMBER);
    const member = await memberContext.newPage();
    await member.goto('/initiatives/evaluations');
    await member.getByRole('link', { name: /Fête des voisins/ }).focus();
    await member.keyboard.press('Enter');
    await member.getByLabel('Je déclare n’avoir aucun conflit d’intérêts avec ce projet.').focus();
    await member.keyboard.press('Space');
    await pressButton(member, 'Enregistrer ma déclaration');
    await member.getByText('Déclaration enregistrée').waitFor();
    for (const [criterion, score] of [
      [/Participation des habitant/, '4'],
      [/Faisabilité/, '3'],
    ] as const) {
      const group = member.getByRole('group', { name: criterion });
      await group.getByLabel('Note de 0 à 5', { exact: true }).focus();
      await member.keyboard.type(score);
    }
    await pressButton(member, 'Enregistrer mes notes');
    await member.getByText('Notes enregistrées.').waitFor();
    await expectNoAxeViolations(member);

    await member.goto('/initiatives/comites');
    await expectNoAxeViolations(member);
    await member.getByRole('link', { name: /Fonds PIC de Roubaix 2030/ }).focus();
    await member.keyboard.press('Enter');
    await member.getByRole('heading', { level: 1, name: /Comité du 5 mars 2030/ }).waitFor();
    await expectNoAxeViolations(member);
    await member.getByRole('radio', { name: 'Pour' }).focus();
    await member.keyboard.press('Space');
    await pressButton(member, 'Voter');
    await member.getByText('Vote enregistré.').waitFor();

    const chairContext = await site.newContext();
    await signInAs(site, chairContext, CHAIR);
    const chair = await chairContext.newPage();
    await chair.goto(`/initiatives/comites/${committeeId}`);
    await expectNoAxeViolations(chair);
    await chair.getByRole('radio', { name: 'Pour' }).focus();
    await chair.keyboard.press('Space');
    await pressButton(chair, 'Voter');
    await chair.getByText('Vote enregistré.').waitFor();
    // Above the per-project ceiling: refused next to the field, what was typed kept.
    await typeInto(chair, 'Montant accordé (€)', '950');
    await typeInto(chair, 'Conditions', 'Associer l’école.');
    await pressButton(chair, 'Enregistrer la décision sur PICT-001');
    await chair.getByText('dépasse le plafond par projet de cet appel').first().waitFor();
    expect(await chair.getByLabel('Conditions', { exact: true }).inputValue()).toBe('Associer l’école.');
    await expectNoAxeViolations(chair);
    await typeInto(chair, 'Montant accordé (€)', '900');
    await pressButton(chair, 'Enregistrer la décision sur PICT-001');
    await chair.getByText('Décision enregistrée et envoyée au porteur.').waitFor();
    expect(await chair.getByText('Votes : 2 pour, 0 contre, 0 abstentions').count()).toBe(1);
    await chair.getByLabel(/Je certifie/).focus();
    await chair.keyboard.press('Space');
    await pressButton(chair, 'Signer le procès-verbal');
    await chair.getByText('Procès-verbal signé : le comité est clos.').waitFor();
    await expectNoAxeViolations(chair);
  });

  it('keeps the payments, report and public pages axe-clean', async () => {
    const staffContext = await site.newContext();
    await signInAs(site, staffContext, STAFF);
    const staff = await staffContext.newPage();
    await staff.goto(`/admin/initiatives/${callId}/versements`);
    await expectNoAxeViolations(staff);
    await typeInto(staff, 'Date du virement', '01032030');
    await typeInto(staff, 'Référence du virement', 'VIR-1');
    await pressButton(staff, 'Marquer versée la tranche 1 de PICT-001');
    await staff.getByText('Versement enregistré.').waitFor();
    await expectNoAxeViolations(staff);

    const holderContext = await site.newContext({ width: 390, height: 844 });
    await signInAs(site, holderContext, HOLDER);
    const holder = await holderContext.newPage();
    await holder.goto(`/initiatives/dossiers/${fileId}/bilan`);
    await expectNoAxeViolations(holder);
    await typeInto(holder, 'Ce qui s’est passé', 'Quatre-vingts voisins.');
    await pressButton(holder, 'Envoyer la fiche bilan');
    await holder.getByText('Ce champ est obligatoire pour envoyer le bilan.').first().waitFor();
    await expectNoAxeViolations(holder);

    const visitor = await site.newPage();
    await site.app.platform.db.updateTable('initiative_calls').set({ vote_enabled: 1 }).where('id', '=', callId).execute();
    await visitor.goto(`/initiatives/${slug}/vote`);
    await visitor.getByRole('heading', { level: 1, name: /Vote public/ }).waitFor();
    await expectNoAxeViolations(visitor);
    await visitor.goto('/initiatives/projets');
    await expectNoAxeViolations(visitor);
    await visitor.getByRole('link', { name: 'Fête des voisins de l’Alma' }).focus();
    await visitor.keyboard.press('Enter');
    await visitor.getByRole('heading', { level: 1, name: 'Fête des voisins de l’Alma' }).waitFor();
    await expectNoAxeViolations(visitor);
  });
});
