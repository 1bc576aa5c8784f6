/**
 * The demo's open call, "Projets d'Initiative Citoyenne 2027" (rolling, monthly committees), with files in
 * every state before the committee, all written through the service as a resident and the staff would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { parisDay, parisToIso } from '../platform/format.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { callSchema } from './initiatives.schema.ts';
import type { InitiativesService } from './initiatives.service.ts';
import { pdfBytes } from '../platform/pdf.ts';

const asUser = (a: { id: string; name: string; email: string | null; role: CurrentUser['role']; lang: 'fr' | 'en' }): CurrentUser => ({
  id: a.id,
  sessionId: 'demo',
  name: a.name,
  email: a.email ?? '',
  role: a.role,
  membership: 'none',
  lang: a.lang,
});

/** A one-page PDF standing for a quote or statutes. */
function pdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const done = pdfBytes(doc);
  doc.fontSize(18).text(title).moveDown();
  doc.fontSize(11);
  for (const l of lines) doc.text(l);
  doc.end();
  return done;
}

interface DemoFile {
  holder: { name: string; email: string };
  title: string;
  summary: string;
  holderKind: 'informal_group' | 'association' | 'collective' | 'council';
  holderName: string;
  commune: string;
  neighbourhood: string;
  place: string;
  startsOn: string;
  audience: string;
  participants: number;
  themes: string[];
  /** [kind, label, euros] */
  expenses: Array<[string, string, number]>;
  resources: Array<[string, string, number]>;
  quote?: string;
}

const files: Record<'draft' | 'submitted' | 'complements' | 'admissible' | 'reviewed' | 'notAdmissible', DemoFile> = {
  draft: {
    holder: { name: 'Nadia Haddad', email: 'nadia.haddad@exemple.fr' },
    title: 'Jardin partagé de l’Épeule',
    summary: 'Transformer la friche derrière l’école en jardin partagé, avec des bacs à hauteur pour les personnes âgées.',
    holderKind: 'informal_group',
    holderName: 'Les jardinier·es de l’Épeule',
    commune: '59512',
    neighbourhood: 'Épeule',
    place: '',
    startsOn: '2027-04-10',
    audience: 'Familles et voisin·es du quartier',
    participants: 40,
    themes: ['participation-citoyenne'],
    expenses: [
      ['purchase', 'Terreau et semences', 180],
      ['purchase', 'Bacs en bois', 320],
    ],
    resources: [['requested', 'Fonds PIC', 450]],
  },
  submitted: {
    holder: { name: 'Karim Belkacem', email: 'karim.belkacem@exemple.fr' },
    title: 'Repair café des Trois-Ponts',
    summary: 'Un samedi par mois, des bénévoles réparent avec les habitant·es petits appareils, vélos et vêtements, autour d’un café.',
    holderKind: 'association',
    holderName: 'Association Trois-Ponts Solidaires',
    commune: '59512',
    neighbourhood: 'Trois-Ponts',
    place: 'Salle polyvalente des Trois-Ponts',
    startsOn: '2027-03-06',
    audience: 'Tout le quartier, en particulier les familles aux petits revenus',
    participants: 120,
    themes: ['participation-citoyenne', 'energie-citoyenne'],
    expenses: [
      ['purchase', 'Outillage et pièces détachées', 380],
      ['communication', 'Affiches et flyers', 90],
      ['food', 'Café et goûter (10 séances)', 150],
      ['in_kind', 'Bénévolat des réparateur·rices (valorisé)', 400],
    ],
    resources: [
      ['requested', 'Fonds PIC Roubaix', 520],
      ['other_funding', 'Bailleur social (Vilogia)', 100],
      ['in_kind', 'Bénévolat valorisé', 400],
    ],
    quote: 'Devis outillage — Quincaillerie du Centre',
  },
  complements: {
    holder: { name: 'Sylvie Roussel', email: 'sylvie.roussel@exemple.fr' },
    title: 'Fresque participative de la place de la République',
    summary: 'Les enfants et les habitant·es dessinent ensemble une fresque sur le mur de la salle des sports, avec une artiste du quartier.',
    holderKind: 'collective',
    holderName: 'Collectif Couleurs de Croix',
    commune: '59163',
    neighbourhood: 'Saint-Pierre',
    place: 'Mur de la salle des sports',
    startsOn: '2027-05-15',
    audience: 'Enfants du centre social et leurs parents',
    participants: 60,
    themes: ['participation-citoyenne'],
    expenses: [
      ['purchase', 'Peinture et pinceaux', 420],
      ['service', 'Intervention de l’artiste (2 demi-journées)', 300],
    ],
    resources: [
      ['requested', 'Fonds PIC Croix', 620],
      ['other_funding', 'Centre social', 100],
    ],
  },
  admissible: {
    holder: { name: 'Mehdi Ouali', email: 'mehdi.ouali@exemple.fr' },
    title: 'Tournoi de foot inter-quartiers',
    summary: 'Une journée de tournoi mixte entre les jeunes des quartiers de Méricourt, avec un repas partagé préparé par les parents.',
    holderKind: 'informal_group',
    holderName: 'Les jeunes de la Cité des Provinces',
    commune: '62570',
    neighbourhood: 'Cité des Provinces',
    place: 'Stade municipal',
    startsOn: '2027-06-19',
    audience: 'Jeunes de 12 à 18 ans et leurs familles',
    participants: 150,
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    expenses: [
      ['purchase', 'Ballons, chasubles, coupes', 350],
      ['food', 'Repas partagé (ingrédients)', 300],
      ['insurance', 'Assurance de la journée', 80],
      ['in_kind', 'Prêt du stade par la ville', 200],
    ],
    resources: [
      ['requested', 'Fonds PIC Méricourt', 680],
      ['own', 'Participation des familles', 50],
      ['in_kind', 'Prêt du stade', 200],
    ],
    quote: 'Devis équipements sportifs',
  },
  reviewed: {
    holder: { name: 'Aminata Diallo', email: 'aminata.diallo@exemple.fr' },
    title: 'Ateliers cuisine du monde',
    summary: 'Six ateliers où les habitantes font découvrir la cuisine de leur pays, puis un grand repas de quartier.',
    holderKind: 'association',
    holderName: 'Association Saveurs Partagées',
    commune: '62041',
    neighbourhood: 'Saint-Michel',
    place: 'Cuisine du centre social Léon Blum',
    startsOn: '2027-03-20',
    audience: 'Habitant·es du quartier Saint-Michel, toutes générations',
    participants: 90,
    themes: ['participation-citoyenne'],
    expenses: [
      ['food', 'Ingrédients (6 ateliers et le repas)', 540],
      ['rental', 'Location de vaisselle', 120],
      ['communication', 'Livret de recettes', 140],
    ],
    resources: [
      ['requested', 'Fonds PIC Arras', 700],
      ['other_funding', 'Ville d’Arras', 100],
    ],
    quote: 'Devis livret de recettes — Imprimerie Artésienne',
  },
  notAdmissible: {
    holder: { name: 'Julien Caron', email: 'julien.caron@exemple.fr' },
    title: 'Achat d’un barnum pour le quartier',
    summary: 'Acheter un grand barnum que les associations du quartier pourront emprunter.',
    holderKind: 'informal_group',
    holderName: 'Voisins de Fives',
    commune: '59350',
    neighbourhood: 'Fives',
    place: 'Fives',
    startsOn: '2027-04-01',
    audience: 'Associations du quartier',
    participants: 30,
    themes: ['participation-citoyenne'],
    expenses: [['purchase', 'Barnum 6 × 3 m', 850]],
    resources: [['requested', 'Fonds PIC Lille', 850]],
  },
};

export async function loadInitiativesDemo(service: InitiativesService): Promise<void> {
  const { accounts, events } = service.ctx.deps;
  const animator = await accounts.findUserByEmail('animation@palabre.test');
  if (!animator) return;
  const staff = asUser(animator);
  const account = async (p: { name: string; email: string }) => {
    const { id } = await accounts.ensureUser({ email: p.email, name: p.name });
    return asUser((await accounts.getUser(id))!);
  };

  const input = callSchema.parse({
    title: "Projets d'Initiative Citoyenne 2027",
    slug: 'projets-initiative-citoyenne-2027',
    reference_prefix: 'PIC27',
    summary: 'Jusqu’à 900 € pour un projet d’habitant·es dans un quartier prioritaire de Roubaix, Croix, Méricourt, Arras ou Lille. Un comité d’habitant·es se réunit chaque mois.',
    description:
      'Le Projet d’Initiative Citoyenne (PIC) soutient les petites actions imaginées et portées par les habitant·es : fête de quartier, jardin partagé, atelier, sortie, chantier collectif.\n\nIl favorise la prise d’initiative, le lien entre voisin·es et la participation des habitant·es à la vie de leur quartier. Successeur du Fonds de Participation des Habitants, il est cofinancé par la Région Hauts-de-France et les communes.',
    fund_name: 'Fonds PIC des quartiers prioritaires (Métropole lilloise et bassin minier)',
    funders: 'Région Hauts-de-France 70\nCommunes participantes 30',
    operator_name: 'Association gestionnaire « Initiatives Habitants »',
    operator_contact: 'pic@initiatives-habitants.exemple.fr',
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    eligible_holders: ['informal_group', 'association', 'collective'],
    eligibility: 'Un groupe d’au moins trois habitant·es, ou une association de moins de 10 000 € de budget annuel, dont le projet se déroule dans un quartier prioritaire.',
    communes: '59512\n59163\n62570\n62041\n59350',
    neighbourhoods: 'Épeule\nTrois-Ponts\nAlma\nSaint-Pierre\nCité des Provinces\nSaint-Michel\nFives',
    project_ceiling: '900',
    repeat_project_ceiling: '400',
    yearly_envelope: '30000',
    eligible_costs: 'Seuls les frais de fonctionnement sont éligibles : petit matériel, fournitures, alimentation, location, prestation, communication, assurance.',
    ineligible_costs: 'Investissements (matériel durable de plus de 500 €), salaires, dépenses déjà engagées avant le comité.',
    status: 'rolling',
    opens_on: '2027-01-04',
    closes_on: '',
    deadline_days_before: '15',
    quorum: '7',
    documents: 'Règlement du fonds PIC | /ressources?q=PIC\nKit du porteur de projet | /ressources?q=projet+initiative+citoyenne\nModèle de fiche bilan | /ressources?q=fiche+bilan',
    first_tranche_percent: '80',
    report_due_days: '30',
    checklist:
      'Porteur éligible (groupe d’habitant·es ou petite association)\nProjet dans un quartier prioritaire\nBudget équilibré, dépenses de fonctionnement seulement\nDevis joint pour les dépenses de plus de 150 €\nRIB au nom du porteur ou de l’association relais',
    criteria: 'Participation des habitant·es | 3 | 5\nUtilité pour le quartier | 2 | 5\nFaisabilité et budget | 2 | 5\nLien entre voisin·es et générations | 1 | 5',
    vote_enabled: '',
  });
  const saved = await service.saveCall(null, input, staff.id);
  if (!saved.ok) throw new Error(`initiatives demo: ${JSON.stringify(saved.problems)}`);
  const call = saved.call;

  // Monthly committees: the first Tuesday evening of each month of 2027 still ahead, at least three.
  const now = Date.now();
  const months: string[] = [];
  for (let y = 2027, m = 1; months.length < 12 && y < 2031; m === 12 ? ((m = 1), y++) : m++) {
    const first = new Date(Date.UTC(y, m - 1, 1));
    const tuesday = 1 + ((9 - first.getUTCDay()) % 7);
    const day = `${y}-${String(m).padStart(2, '0')}-${String(tuesday).padStart(2, '0')}`;
    if (Date.parse(parisToIso(day, '18:00')) - 15 * 86400_000 > now) months.push(day);
  }
  for (const day of months) await service.addCommittee(call.id, { day, time: '18:00', place: 'Maison des associations, Roubaix', deadline_days: 15 });

  // The PIC Lab of the seed, and an information meeting of the new call on the agenda.
  const lab = await events.getEventBySlug('pic-lab-saint-quentin-2017');
  if (lab) await service.linkEvent(call.id, lab.id, 1);
  const meeting = await events.createEvent({
    slug: 'pic-lab-roubaix-2027',
    kind: 'pic-lab',
    title: 'PIC Lab : monter son Projet d’Initiative Citoyenne en 2027',
    summary: 'Un après-midi pour découvrir le fonds PIC 2027, rencontrer des porteurs de projets et l’association gestionnaire, et préparer son dossier.',
    description: 'Présentation du dispositif, témoignages de porteurs de projets financés en 2026, puis ateliers : écrire son projet, monter un budget équilibré, préparer son passage en comité.',
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    territory: 'Nord',
    startsAt: parisToIso(months[0] ? shiftDays(months[0], -21) : parisDay(new Date(now + 30 * 86400_000)), '14:00'),
    endsAt: parisToIso(months[0] ? shiftDays(months[0], -21) : parisDay(new Date(now + 30 * 86400_000)), '17:00'),
    placeName: 'Maison des associations',
    placeAddress: 'Roubaix',
    organisers: ['Conseil régional Hauts-de-France', 'Association gestionnaire « Initiatives Habitants »'],
    status: 'published',
    registrationMode: 'open',
    capacity: 40,
  });
  await service.linkEvent(call.id, meeting.id, 0);

  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'palabre-pic-demo-'));
  try {
    const draftOf = async (f: DemoFile, complete: boolean) => {
      const holder = await account(f.holder);
      const started = await service.startDraft(holder, call.id);
      if (started.kind !== 'ok') throw new Error(`initiatives demo: ${started.kind}`);
      const lines = [
        ...f.expenses.map(([kind, label, euros]) => ({ side: 'expense' as const, kind, label, amount_cents: euros * 100 })),
        ...f.resources.map(([kind, label, euros]) => ({ side: 'resource' as const, kind, label, amount_cents: euros * 100 })),
      ];
      await service.saveDraft(
        holder,
        started.id,
        {
          title: f.title,
          summary: f.summary,
          holder_kind: f.holderKind,
          holder_name: f.holderName,
          holder_people: complete ? `${f.holder.name} et deux voisin·es` : '',
          contact_phone: '',
          commune_code: f.commune,
          neighbourhood: f.neighbourhood,
          place: f.place,
          starts_on: f.startsOn,
          ends_on: '',
          audience: f.audience,
          expected_participants: complete ? f.participants : '',
          themes: f.themes,
          public: true,
          revision: 1,
        },
        lines,
      );
      if (f.quote) {
        const file = path.join(tmp, `${started.id}.pdf`);
        await fs.promises.writeFile(file, await pdf(f.quote, [f.holderName, ...f.expenses.map(([, l, e]) => `${l} : ${e} €`)]));
        await service.addAttachments(holder, started.id, [{ kind: 'quote', filename: `${f.quote}.pdf`, path: file, size: (await fs.promises.stat(file)).size }]);
      }
      return { holder, id: started.id };
    };
    const submitted = async (f: DemoFile) => {
      const d = await draftOf(f, true);
      const r = await service.submit(d.holder, d.id, 'fr');
      if (r.kind !== 'ok') throw new Error(`initiatives demo: ${JSON.stringify(r.errors)}`);
      return d;
    };

    await draftOf(files.draft, false);
    await submitted(files.submitted);
    const complements = await submitted(files.complements);
    await service.requestComplements(staff, complements.id, 'Merci de joindre le devis de la peinture et le RIB du collectif (ou de l’association relais).', shiftDays(parisDay(new Date(now)), 21));
    const admissible = await submitted(files.admissible);
    await service.decideAdmissibility(staff, admissible.id, true, '');
    const refused = await submitted(files.notAdmissible);
    await service.decideAdmissibility(
      staff,
      refused.id,
      false,
      'L’achat d’un barnum est un investissement : seules les dépenses de fonctionnement sont éligibles. La location d’un barnum pour une fête le serait.',
    );

    // Reviewed: three committee members (residents with no other role), one recused.
    const reviewed = await submitted(files.reviewed);
    await service.decideAdmissibility(staff, reviewed.id, true, '');
    const members = [
      { name: 'Fatima Benali', email: 'fatima.benali@exemple.fr', scores: [5, 4, 4, 5], declaration: 'declared_none' as const },
      { name: 'Jean-Pierre Lemaire', email: 'jp.lemaire@exemple.fr', scores: [4, 4, 3, 4], declaration: 'declared_none' as const },
      { name: 'Sophie Martin', email: 'sophie.martin@exemple.fr', scores: [], declaration: 'recused' as const },
    ];
    const criteria = await service.criteria(call.id);
    for (const m of members) {
      await service.assignReviewer(staff, reviewed.id, m);
      const member = await account(m);
      const assignment = (await service.myReviews(member.id))[0];
      await service.declare(member, assignment.id, m.declaration, m.declaration === 'recused' ? 'Je suis adhérente de l’association.' : '');
      if (m.declaration === 'declared_none')
        await service.saveScores(member, assignment.id, Object.fromEntries(criteria.map((c, i) => [c.id, { score: String(m.scores[i]), comment: '' }])), 'Projet qui rassemble vraiment le quartier.');
    }
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

/** "2027-02-02" moved by `days` calendar days. */
function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
