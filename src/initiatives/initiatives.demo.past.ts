/**
 * The demo's past call, "Projets d'Initiative Citoyenne 2026": nine projects across Hauts-de-France
 * decided by three committees, with votes, signed minutes, tranches (some paid) and fiches bilan,
 * written through the service functions as residents, the committee and the association would.
 */
import { parisToIso } from '../platform/format.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import { callSchema } from './initiatives.schema.ts';
import type { InitiativesService } from './initiatives.service.ts';

const asUser = (a: { id: string; name: string; email: string | null; role: CurrentUser['role']; lang: 'fr' | 'en' }): CurrentUser => ({
  id: a.id,
  sessionId: 'demo',
  name: a.name,
  email: a.email ?? '',
  role: a.role,
  membership: 'none',
  lang: a.lang,
});

interface PastProject {
  holder: [name: string, email: string];
  title: string;
  summary: string;
  holderName: string;
  commune: string;
  neighbourhood: string;
  dates: [starts: string, ends: string];
  participants: number;
  themes: string[];
  /** [kind, label, euros]; the resources are the amount asked and volunteering valued. */
  expenses: Array<[string, string, number]>;
  inKind: number;
  granted: number;
  /** The fiche bilan, when the project is over: what happened, participants, self-evaluation. */
  report?: [string, number, string];
}

const COMMITTEES = ['2026-03-03', '2026-05-05', '2026-09-08'];

const projects: PastProject[] = [
  {
    holder: ['Yasmina Cherif', 'yasmina.cherif@exemple.fr'],
    title: 'Fête de printemps de l’Alma',
    summary: 'Un après-midi de jeux, de musique et de crêpes sur la place, préparé par les voisin·es.',
    holderName: 'Les voisin·es de l’Alma',
    commune: '59512',
    neighbourhood: 'Alma',
    dates: ['2026-04-18', '2026-04-18'],
    participants: 200,
    themes: ['participation-citoyenne'],
    expenses: [
      ['food', 'Farine, œufs, boissons', 280],
      ['rental', 'Sonorisation', 250],
      ['communication', 'Affiches', 60],
    ],
    inKind: 150,
    granted: 590,
    report: ['Deux cents personnes sont passées sur la place ; les enfants de l’école ont tenu le stand de crêpes.', 230, 'Très réussi. L’an prochain, nous prévoirons un abri en cas de pluie.'],
  },
  {
    holder: ['Bernard Lefebvre', 'bernard.lefebvre@exemple.fr'],
    title: 'Boîte à livres de la rue de Lille',
    summary: 'Fabriquer avec les jeunes du quartier une boîte à livres et animer des lectures le mercredi.',
    holderName: 'Collectif Lire à Croix',
    commune: '59163',
    neighbourhood: 'Saint-Pierre',
    dates: ['2026-04-01', '2026-06-30'],
    participants: 60,
    themes: ['participation-citoyenne'],
    expenses: [
      ['purchase', 'Bois et quincaillerie', 240],
      ['purchase', 'Livres jeunesse', 150],
    ],
    inKind: 120,
    granted: 390,
    report: ['La boîte est installée depuis mai ; huit lectures ont réuni une soixantaine d’enfants.', 64, 'Les jeunes veulent en construire une deuxième près du parc.'],
  },
  {
    holder: ['Mehdi Ouali', 'mehdi.ouali@exemple.fr'],
    title: 'Tournoi de foot des familles',
    summary: 'Un tournoi mixte parents-enfants suivi d’un repas partagé au stade.',
    holderName: 'Les jeunes de la Cité des Provinces',
    commune: '62570',
    neighbourhood: 'Cité des Provinces',
    dates: ['2026-04-25', '2026-04-25'],
    participants: 150,
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    expenses: [
      ['purchase', 'Ballons, chasubles, coupes', 380],
      ['food', 'Repas partagé', 420],
      ['insurance', 'Assurance de la journée', 100],
    ],
    inKind: 200,
    granted: 900,
    report: ['Seize équipes, dont six de mamans ; le repas a rassemblé tout le quartier.', 170, 'Une belle journée ; il faudra plus de bénévoles pour le rangement.'],
  },
  {
    holder: ['Aminata Diallo', 'aminata.diallo@exemple.fr'],
    title: 'Cuisine du monde à Saint-Michel',
    summary: 'Quatre ateliers où les habitantes partagent les recettes de leur pays, puis un repas de quartier.',
    holderName: 'Association Saveurs Partagées',
    commune: '62041',
    neighbourhood: 'Saint-Michel',
    dates: ['2026-06-06', '2026-07-04'],
    participants: 80,
    themes: ['participation-citoyenne'],
    expenses: [
      ['food', 'Ingrédients', 480],
      ['rental', 'Vaisselle', 90],
    ],
    inKind: 100,
    granted: 570,
    report: ['Quatre ateliers de douze personnes et un repas de quatre-vingts convives.', 86, 'Le livret de recettes a beaucoup plu ; à imprimer en plus grand nombre.'],
  },
  {
    holder: ['Thomas Vasseur', 'thomas.vasseur@exemple.fr'],
    title: 'Jardin des Bois-Blancs',
    summary: 'Des bacs de culture au pied des immeubles, entretenus par les habitant·es et l’école.',
    holderName: 'Les jardinier·es des Bois-Blancs',
    commune: '59350',
    neighbourhood: 'Bois-Blancs',
    dates: ['2026-05-16', '2026-09-30'],
    participants: 45,
    themes: ['participation-citoyenne', 'energie-citoyenne'],
    expenses: [
      ['purchase', 'Terreau, semences, outils', 520],
      ['purchase', 'Bois pour les bacs', 330],
    ],
    inKind: 150,
    granted: 850,
    report: ['Six bacs installés ; la récolte de tomates a été partagée lors d’un goûter en septembre.', 52, 'Il faut organiser l’arrosage pendant l’été : un planning est prévu.'],
  },
  {
    holder: ['Chantal Dupont', 'chantal.dupont@exemple.fr'],
    title: 'Sortie à la mer des aîné·es',
    summary: 'Une journée à Malo-les-Bains pour les personnes âgées isolées, accompagnées par des jeunes.',
    holderName: 'Association Bourgogne Solidaire',
    commune: '59599',
    neighbourhood: 'Bourgogne',
    dates: ['2026-07-09', '2026-07-09'],
    participants: 35,
    themes: ['participation-citoyenne'],
    expenses: [
      ['transport', 'Location d’un car', 650],
      ['food', 'Pique-nique', 180],
    ],
    inKind: 80,
    granted: 830,
  },
  {
    holder: ['Kevin Dumont', 'kevin.dumont@exemple.fr'],
    title: 'Chantier de peinture de la cage d’escalier',
    summary: 'Repeindre avec les locataires la cage d’escalier de la résidence, en choisissant ensemble les couleurs.',
    holderName: 'Amicale des locataires Grande Résidence',
    commune: '62498',
    neighbourhood: 'Grande Résidence',
    dates: ['2026-10-03', '2026-10-17'],
    participants: 40,
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    expenses: [
      ['purchase', 'Peinture et rouleaux', 520],
      ['food', 'Café des chantiers', 80],
    ],
    inKind: 300,
    granted: 600,
    report: ['Trois samedis de chantier, quarante locataires ; la cage d’escalier est méconnaissable.', 41, 'Le bailleur propose de reprendre l’idée dans deux autres résidences.'],
  },
  {
    holder: ['Léa Fontaine', 'lea.fontaine@exemple.fr'],
    title: 'Ciné en plein air d’Étouvie',
    summary: 'Une projection en plein air choisie par les habitant·es, avec un pique-nique.',
    holderName: 'Collectif Étouvie en fête',
    commune: '80021',
    neighbourhood: 'Étouvie',
    dates: ['2026-09-19', '2026-09-19'],
    participants: 120,
    themes: ['participation-citoyenne'],
    expenses: [
      ['rental', 'Écran et projecteur', 500],
      ['communication', 'Affiches et vote du film', 70],
    ],
    inKind: 100,
    granted: 570,
  },
  {
    holder: ['Sandrine Morel', 'sandrine.morel@exemple.fr'],
    title: 'Atelier couture solidaire',
    summary: 'Des ateliers pour apprendre à réparer et transformer ses vêtements, entre voisines.',
    holderName: 'Les fils du Vert-Bois',
    commune: '62510',
    neighbourhood: 'Vert-Bois',
    dates: ['2026-10-01', '2026-12-17'],
    participants: 25,
    themes: ['participation-citoyenne'],
    expenses: [
      ['purchase', 'Machines à coudre (location)', 300],
      ['purchase', 'Fils, tissus, aiguilles', 200],
    ],
    inKind: 150,
    granted: 500,
  },
];

const COMMITTEE_PEOPLE: Array<[string, string]> = [
  ['Fatima Benali', 'fatima.benali@exemple.fr'],
  ['Jean-Pierre Lemaire', 'jp.lemaire@exemple.fr'],
  ['Sophie Martin', 'sophie.martin@exemple.fr'],
  ['Rachid Amrani', 'rachid.amrani@exemple.fr'],
  ['Monique Delattre', 'monique.delattre@exemple.fr'],
  ['Hugo Lambert', 'hugo.lambert@exemple.fr'],
  ['Nathalie Petit', 'nathalie.petit@exemple.fr'],
];
const CHAIR: [string, string] = ['Odile Carpentier', 'odile.carpentier@exemple.fr'];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

export async function loadPastCallDemo(service: InitiativesService, followUp: FollowUpService): Promise<void> {
  const { accounts } = service.ctx.deps;
  const animator = await accounts.findUserByEmail('animation@palabre.test');
  if (!animator) return;
  const staff = asUser(animator);
  const account = async ([name, email]: [string, string]) => asUser((await accounts.getUser((await accounts.ensureUser({ email, name })).id))!);

  const fields = {
    title: "Projets d'Initiative Citoyenne 2026",
    slug: 'projets-initiative-citoyenne-2026',
    reference_prefix: 'PIC26',
    summary: 'L’appel 2026 du fonds PIC : neuf projets d’habitant·es financés à Roubaix, Croix, Méricourt, Arras, Lille, Tourcoing, Lens, Amiens et Liévin.',
    description:
      'Le Projet d’Initiative Citoyenne soutient les petites actions portées par les habitant·es des quartiers prioritaires. Trois comités se sont réunis en 2026 ; les projets et leurs fiches bilan sont publiés sur la page des projets financés.',
    fund_name: 'Fonds PIC des quartiers prioritaires (Hauts-de-France)',
    funders: 'Région Hauts-de-France 70\nCommunes participantes 30',
    operator_name: 'Association gestionnaire « Initiatives Habitants »',
    operator_contact: 'pic@initiatives-habitants.exemple.fr',
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    eligible_holders: ['informal_group', 'association', 'collective'],
    eligibility: 'Un groupe d’au moins trois habitant·es, ou une petite association, pour un projet dans un quartier prioritaire.',
    communes: '59512\n59163\n62570\n62041\n59350\n59599\n62498\n80021\n62510',
    neighbourhoods: '',
    project_ceiling: '900',
    repeat_project_ceiling: '400',
    yearly_envelope: '12000',
    eligible_costs: 'Frais de fonctionnement : petit matériel, alimentation, location, transport, communication, assurance.',
    ineligible_costs: 'Investissements, salaires, dépenses engagées avant le comité.',
    status: 'open',
    opens_on: '2026-01-05',
    closes_on: addDays(new Date().toISOString().slice(0, 10), 1),
    deadline_days_before: '15',
    quorum: '7',
    documents: 'Règlement du fonds PIC | /ressources?q=PIC\nModèle de fiche bilan | /ressources?q=fiche+bilan',
    first_tranche_percent: '80',
    report_due_days: '30',
    checklist: 'Porteur éligible\nProjet dans un quartier prioritaire\nBudget équilibré, fonctionnement seulement',
    criteria: 'Participation des habitant·es | 3 | 5\nUtilité pour le quartier | 2 | 5\nFaisabilité et budget | 2 | 5',
    vote_enabled: '',
  };
  // Open while the residents file (the service takes files only in an open call), closed once decided.
  const saved = await service.saveCall(null, callSchema.parse(fields), staff.id);
  if (!saved.ok) throw new Error(`initiatives past demo: ${JSON.stringify(saved.problems)}`);
  const call = saved.call;
  const committees: string[] = [];
  for (const day of COMMITTEES) committees.push(await service.addCommittee(call.id, { day, time: '18:00', place: 'Salle du conseil, Hôtel de ville de Roubaix', deadline_days: 15 }));

  const files: Array<{ id: string; holder: CurrentUser; p: PastProject }> = [];
  for (const p of projects) {
    const holder = await account(p.holder);
    const started = await service.startDraft(holder, call.id);
    if (started.kind !== 'ok') throw new Error(`initiatives past demo: ${started.kind}`);
    const asked = p.expenses.reduce((a, [, , e]) => a + e, 0);
    await service.saveDraft(
      holder,
      started.id,
      {
        title: p.title,
        summary: p.summary,
        holder_kind: p.holderName.startsWith('Association') ? 'association' : 'informal_group',
        holder_name: p.holderName,
        holder_people: `${p.holder[0]} et trois voisin·es`,
        contact_phone: '',
        commune_code: p.commune,
        neighbourhood: p.neighbourhood,
        place: '',
        starts_on: p.dates[0],
        ends_on: p.dates[1],
        audience: 'Les habitant·es du quartier',
        expected_participants: p.participants,
        themes: p.themes,
        public: true,
        revision: 1,
      },
      [
        ...p.expenses.map(([kind, label, euros]) => ({ side: 'expense' as const, kind, label, amount_cents: euros * 100 })),
        { side: 'expense' as const, kind: 'in_kind', label: 'Bénévolat valorisé', amount_cents: p.inKind * 100 },
        { side: 'resource' as const, kind: 'requested', label: 'Fonds PIC', amount_cents: asked * 100 },
        { side: 'resource' as const, kind: 'in_kind', label: 'Bénévolat valorisé', amount_cents: p.inKind * 100 },
      ],
    );
    const sent = await service.submit(holder, started.id, 'fr');
    if (sent.kind !== 'ok') throw new Error(`initiatives past demo: ${JSON.stringify(sent.errors)}`);
    await service.decideAdmissibility(staff, started.id, true, '');
    files.push({ id: started.id, holder, p });
  }

  const chair = await account(CHAIR);
  const members = [];
  for (const m of COMMITTEE_PEOPLE) members.push(await account(m));
  for (const [i, committeeId] of committees.entries()) {
    if (i === 0) {
      await followUp.committee.addMember(staff, committeeId, CHAIR[1], 'chair');
      for (const [, email] of COMMITTEE_PEOPLE) await followUp.committee.addMember(staff, committeeId, email, 'committee');
    }
    const batch = files.slice(i * 3, i * 3 + 3);
    for (const [n, f] of batch.entries()) await followUp.committee.addToAgenda(staff, committeeId, f.id, parisToIso(COMMITTEES[i], `18:${String(15 + n * 20).padStart(2, '0')}`));
    // One member excused at each committee; the quorum of seven is still met with the chair.
    const present = [chair, ...members].filter((_, k) => k !== i + 1);
    await followUp.committee.recordAttendance(
      staff,
      committeeId,
      present.map((m) => m.id),
      ['Élue à la politique de la ville'],
    );
    for (const f of batch) {
      await followUp.committee.markHeard(chair, committeeId, f.id, true);
      for (const [k, m] of present.entries()) await followUp.committee.vote(m, committeeId, f.id, k === 3 ? 'abstain' : 'for');
      const out = await followUp.committee.decide(
        chair,
        committeeId,
        { application_id: f.id, outcome: 'granted', amount_cents: f.p.granted * 100, conditions: 'Mentionner le soutien de la Région et de la commune sur les affiches.', reason: '' },
        'fr',
      );
      if (out.kind !== 'ok') throw new Error(`initiatives past demo: ${JSON.stringify(out.errors)}`);
    }
    await followUp.committee.signMinutes(chair, committeeId, 'Les porteurs ont été entendus ; le comité salue la diversité des projets.', 'fr');
  }

  // The association pays the first tranche three weeks after each committee; a fiche bilan releases the last one.
  for (const [i, f] of files.entries()) {
    const committeeDay = COMMITTEES[Math.floor(i / 3)];
    const [first, last] = await followUp.reports.reportsView(staff, f.id).then((v) => v.tranches);
    await followUp.payments.markPaid(staff, first.id, addDays(committeeDay, 21), `VIR-2026-${String(101 + i)}`);
    if (!f.p.report) continue;
    const view = await followUp.reports.reportsView(f.holder, f.id);
    const spent = Object.fromEntries(view.budget.map((b) => [b.id, b.amount_cents]));
    const [what, participants, evaluation] = f.p.report;
    await followUp.reports.saveReport(f.holder, f.id, 'final', { what_happened: what, participants, self_evaluation: evaluation, published: true, spent }, true);
    const paidOn = addDays(f.p.dates[1], 40);
    if (last && paidOn < new Date().toISOString().slice(0, 10)) await followUp.payments.markPaid(staff, last.id, paidOn, `VIR-2026-${String(201 + i)}`);
  }

  await service.saveCall(call.id, callSchema.parse({ ...fields, status: 'closed', closes_on: '2026-08-24' }), staff.id);
}
