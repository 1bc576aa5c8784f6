import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import { platformCatalogue } from '../platform/i18n/platform.i18n.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import * as repo from './forum.repo.ts';
import { forumCatalogue } from './forum.i18n.ts';
import type { ForumReader } from './forum.read.ts';
import type { ForumService } from './forum.service.ts';
import type { ActionStatus, ForumTables, ReportSection } from './forum.tables.ts';

/** The network's staff account that runs forum days in the demo data set. */
const DEMO_FACILITATOR = {
  id: 'demo-animation',
  sessionId: 'demo',
  name: 'Camille Animatrice',
  email: 'animation@palabre.test',
  role: 'animator' as const,
  membership: 'approved' as const,
  lang: 'fr' as const,
};

const FIRST = [
  'Sophie',
  'Thomas',
  'Nadia',
  'Julien',
  'Claire',
  'Mehdi',
  'Anne',
  'Pierre',
  'Élodie',
  'Karim',
  'Isabelle',
  'Vincent',
  'Aurélie',
  'Nicolas',
  'Fatima',
  'Benoît',
  'Camille',
  'Olivier',
  'Hélène',
  'Sébastien',
  'Laure',
  'Damien',
  'Marion',
  'François',
  'Justine',
  'Rachid',
  'Céline',
  'Mathieu',
  'Émilie',
  'Guillaume',
  'Sarah',
  'Jérôme',
  'Pauline',
  'Antoine',
  'Lucie',
  'Yannick',
];
const LAST = [
  'Lefebvre',
  'Dubois',
  'Lemaire',
  'Delattre',
  'Vasseur',
  'Caron',
  'Leroy',
  'Dupont',
  'Mercier',
  'Boulanger',
  'Deschamps',
  'Lecomte',
  'Hennebert',
  'Bailleul',
  'Devos',
  'Carpentier',
  'Wattel',
  'Poulain',
  'Hochart',
  'Dumortier',
];
const ORGS = [
  "Communauté urbaine d'Arras",
  'Métropole Européenne de Lille',
  'Amiens Métropole',
  'CA du Douaisis',
  'CA du Boulonnais',
  'CC du Pays de Lumbres',
  'CC Flandre Intérieure',
  'CC du Ternois',
  'CA Maubeuge Val de Sambre',
  'CC Sud-Avesnois',
  'CA de Saint-Quentin',
  'CC du Pays du Coquelicot',
  'CA Béthune-Bruay',
  'CA du Beauvaisis',
  'Pôle métropolitain de l’Artois',
  'Région Hauts-de-France',
  'DREAL Hauts-de-France',
  'ADEME Hauts-de-France',
  'Cerdd',
  'MRES',
];

interface DemoReport {
  title: string;
  description: string;
  convener: number;
  size: number;
  sections: Partial<Record<ReportSection, string>>;
  actions: Array<{ title: string; carrier: string; partners: string; due: string; status: ActionStatus; kind?: 'proposal'; update?: string }>;
  comment?: string;
}

// 16 groups, as on 14 November 2019: cooperation with territorial actors, cooperation between
// PCAET territories, internal mobilisation of elected officials and services.
const ARRAS: DemoReport[] = [
  {
    title: 'Embarquer les entreprises du territoire dans le PCAET',
    description: 'Comment passer des réunions de concertation à des engagements concrets des entreprises ?',
    convener: 0,
    size: 14,
    sections: {
      key_points:
        "Les entreprises viennent aux réunions de lancement puis disparaissent : le PCAET leur paraît un document de la collectivité. Celles qui restent sont celles à qui l'on a proposé un gain concret (facture d'énergie, image, recrutement). Les clubs d'entreprises et les chambres consulaires sont des relais plus efficaces qu'une invitation directe.",
      proposals:
        "Construire l'offre avec la CCI : un diagnostic énergie gratuit contre un engagement chiffré. Valoriser les entreprises engagées dans la communication du PCAET. Nommer un interlocuteur unique au sein de l'EPCI.",
      questions: 'Comment suivre les engagements dans le temps sans créer une charge administrative pour les PME ?',
      resources: "Charte d'engagement des entreprises du PCAET du Douaisis ; programme « Entreprises engagées » de l'ADEME.",
    },
    actions: [
      {
        title: 'Charte régionale type « entreprise partenaire du PCAET »',
        carrier: 'CA du Douaisis',
        partners: 'CCI Hauts-de-France, ADEME',
        due: 'juin 2020',
        status: 'done',
        update: "Charte adoptée et diffusée à l'ensemble des animateur·rice·s PCAET.",
      },
      {
        title: 'Club des entreprises engagées, deux rencontres par an',
        carrier: 'CC du Pays de Lumbres',
        partners: 'Club d’entreprises local',
        due: 'fin 2020',
        status: 'started',
        update: 'Première rencontre tenue en octobre 2020, 18 entreprises présentes.',
      },
    ],
    comment: 'Penser aussi aux artisans via la Chambre de métiers, souvent oubliés.',
  },
  {
    title: 'Associer les citoyen·ne·s au-delà des réunions publiques',
    description: 'Sortir du format réunion publique où viennent toujours les mêmes.',
    convener: 1,
    size: 12,
    sections: {
      key_points:
        "Les réunions publiques attirent surtout des retraités déjà convaincus. Les formats qui marchent vont vers les gens : stands sur les marchés, balades climat, ateliers dans les centres sociaux. Le tirage au sort d'un panel citoyen est envisagé par deux territoires.",
      proposals: 'Mutualiser entre territoires une boîte à outils de formats participatifs. Prévoir un budget participation dès la délibération de lancement du PCAET.',
      questions: 'Comment rendre compte aux habitant·e·s de ce que devient leur contribution ?',
    },
    actions: [
      {
        title: 'Boîte à outils régionale des formats participatifs pour les PCAET',
        carrier: 'Cerdd',
        partners: 'MRES, Région',
        due: 'septembre 2020',
        status: 'done',
        update: 'Publiée sur le site du Cerdd ; présentée lors de la journée du 1er octobre 2020 à Amiens.',
      },
      { title: 'Expérimenter un panel citoyen tiré au sort', carrier: 'CC Flandre Intérieure', partners: 'Cerdd', due: '2021', status: 'started' },
    ],
  },
  {
    title: 'Travailler avec les associations environnementales',
    description: 'Partenaires ou contradicteurs ? Trouver la bonne place des associations.',
    convener: 2,
    size: 9,
    sections: {
      key_points:
        "Les associations ont l'expertise de terrain et les réseaux de bénévoles ; elles craignent d'être instrumentalisées. Les conventions pluriannuelles sécurisent la relation mieux que les appels à projets annuels.",
      proposals: "Inviter les associations au comité de pilotage du PCAET avec un vrai rôle. Financer l'animation plutôt que des actions ponctuelles.",
    },
    actions: [{ title: 'Modèle de convention pluriannuelle EPCI–association pour le PCAET', carrier: 'MRES', partners: 'Amiens Métropole', due: 'mars 2020', status: 'done' }],
  },
  {
    title: 'Agriculteurs et PCAET : parler le même langage',
    description: 'Le monde agricole est souvent absent des PCAET alors qu’il pèse lourd.',
    convener: 3,
    size: 7,
    sections: {
      key_points:
        "Le vocabulaire du PCAET (GES, séquestration) ne parle pas aux agriculteurs. Passer par la chambre d'agriculture et par des exploitants pionniers qui témoignent. Les enjeux d'adaptation (sécheresse, eau) mobilisent plus que l'atténuation.",
      proposals: "Organiser des visites de ferme entre pairs. Intégrer un volet adaptation de l'agriculture dans chaque PCAET.",
      questions: 'Quel rôle pour les EPCI sur un sujet où la compétence est surtout régionale et européenne ?',
    },
    actions: [
      {
        title: 'Cycle de visites de fermes « climat » entre agriculteurs',
        carrier: 'CC du Ternois',
        partners: "Chambre d'agriculture",
        due: 'printemps 2020',
        status: 'dropped',
        update: 'Reporté puis abandonné avec la crise sanitaire ; à reprendre.',
      },
    ],
  },
  {
    title: 'Les bailleurs sociaux, alliés de la rénovation',
    description: 'Rénovation du parc social et précarité énergétique.',
    convener: 4,
    size: 6,
    sections: {
      key_points:
        "Les bailleurs ont leurs propres plans stratégiques de patrimoine ; les croiser avec le PCAET permet de prioriser les quartiers. La précarité énergétique est un bon point d'entrée commun.",
      proposals: 'Une réunion annuelle EPCI–bailleurs sur la rénovation. Partager les données de consommation du parc social.',
    },
    actions: [
      { title: 'Rencontre annuelle bailleurs–EPCI sur la rénovation énergétique', carrier: 'CA Béthune-Bruay', partners: "Union régionale pour l'habitat", due: 'fin 2020', status: 'proposed' },
    ],
  },
  {
    title: 'Mobiliser les jeunes et les établissements scolaires',
    description: 'Les marches pour le climat montrent une envie : comment la relier au PCAET ?',
    convener: 5,
    size: 5,
    sections: {
      key_points: "Les lycéens mobilisés pour le climat ne connaissent pas le PCAET. Les éco-délégués sont un relais existant. Un conseil des jeunes peut être consulté sur le plan d'action.",
      proposals: 'Présenter le PCAET dans les lycées avec les éco-délégués. Associer un conseil de jeunes au suivi annuel.',
    },
    actions: [
      { title: 'Intervention PCAET auprès des éco-délégués des lycées', carrier: 'CA de Saint-Quentin', partners: 'Région (lycées), rectorat', due: 'année scolaire 2019-2020', status: 'done' },
    ],
  },
  {
    title: 'Coopérer entre EPCI voisins sur les énergies renouvelables',
    description: 'Méthanisation, éolien, solaire : des projets qui dépassent nos limites administratives.',
    convener: 6,
    size: 11,
    sections: {
      key_points:
        "Les gisements (biomasse, vent) ne s'arrêtent pas aux frontières des EPCI. Des schémas directeurs à l'échelle des SCoT ou des pôles métropolitains évitent la concurrence entre territoires. Les sociétés de projet citoyennes peuvent associer plusieurs EPCI.",
      proposals: "Élaborer un schéma des énergies renouvelables à l'échelle du pôle métropolitain. Créer une société d'économie mixte énergie commune.",
      questions: 'Comment partager les retombées fiscales entre territoires ?',
    },
    actions: [
      {
        title: "Schéma EnR partagé à l'échelle du pôle métropolitain de l'Artois",
        carrier: 'Pôle métropolitain de l’Artois',
        partners: 'CU d’Arras, CA Béthune-Bruay, CA Lens-Liévin',
        due: '2021',
        status: 'started',
        update: 'Étude de gisement lancée en 2020.',
      },
      { title: 'Étudier une SEM énergie commune à plusieurs EPCI', carrier: 'CA du Douaisis', partners: 'EPCI voisins, Région', due: '2021', status: 'proposed', kind: 'proposal' },
    ],
  },
  {
    title: 'Mutualiser l’ingénierie entre petits territoires',
    description: 'Un chargé de mission PCAET à mi-temps pour 40 communes : comment tenir ?',
    convener: 7,
    size: 10,
    sections: {
      key_points:
        "Les petites communautés de communes n'ont souvent qu'un demi-poste pour le PCAET. Mutualiser un poste entre deux ou trois EPCI, ou s'appuyer sur un PETR, donne une équipe plus solide. Le réseau régional est précieux pour ne pas rester isolé.",
      proposals: 'Un poste de chargé de mission partagé entre EPCI d’un même bassin. Des binômes entre animateur·rice·s expérimenté·e·s et nouveaux arrivants.',
    },
    actions: [
      { title: 'Binômes de parrainage entre animateur·rice·s PCAET', carrier: 'Cerdd', partners: 'DREAL, Région', due: 'début 2020', status: 'done', update: '12 binômes formés en 2020.' },
      { title: 'Poste de chargé·e de mission PCAET partagé entre deux EPCI', carrier: 'CC Sud-Avesnois', partners: 'CA Maubeuge Val de Sambre', due: '2020', status: 'started' },
    ],
  },
  {
    title: 'Partager les données énergie-climat entre territoires',
    description: 'Chaque territoire refait les mêmes diagnostics avec les mêmes données.',
    convener: 8,
    size: 8,
    sections: {
      key_points:
        "Les données de l'observatoire régional existent mais sont mal connues. Les indicateurs de suivi diffèrent d'un PCAET à l'autre, ce qui empêche toute comparaison. Un socle commun d'indicateurs faciliterait le bilan à mi-parcours.",
      proposals: "Définir un socle commun de 15 indicateurs de suivi. Une formation à l'usage des données de l'observatoire.",
    },
    actions: [{ title: 'Socle commun d’indicateurs de suivi des PCAET', carrier: 'DREAL Hauts-de-France', partners: 'Observatoire régional climat, Cerdd', due: '2020', status: 'done' }],
  },
  {
    title: 'Monter des projets communs entre territoires urbains et ruraux',
    description: 'Alimentation, bois-énergie, compensation : des complémentarités à organiser.',
    convener: 9,
    size: 7,
    sections: {
      key_points:
        "Les territoires urbains ont des besoins (alimentation, énergie, foncier pour compenser) que les territoires ruraux peuvent satisfaire, à condition d'un échange équilibré. Les contrats de réciprocité sont un cadre possible.",
      proposals: 'Un contrat de réciprocité ville–campagne sur l’alimentation et le bois-énergie.',
      questions: 'Comment éviter que le rural devienne seulement le « puits de carbone » de la métropole ?',
    },
    actions: [{ title: 'Contrat de réciprocité alimentation et bois-énergie', carrier: 'Amiens Métropole', partners: 'CC voisines', due: '2021', status: 'proposed', kind: 'proposal' }],
  },
  {
    title: 'Un réseau régional des animateur·rice·s PCAET',
    description: 'Se retrouver plus d’une fois par an.',
    convener: 10,
    size: 6,
    sections: {
      key_points:
        "La rencontre annuelle ne suffit pas : les échanges les plus utiles se font entre pairs, au fil de l'eau. Des webinaires courts et thématiques, et une liste d'échange, répondent à ce besoin.",
      proposals: 'Des webinaires PCAET trimestriels. Une liste de diffusion des animateur·rice·s.',
    },
    actions: [{ title: 'Cycle de webinaires PCAET', carrier: 'Cerdd', partners: 'DREAL, Région', due: '2020', status: 'done', update: 'Six webinaires tenus en 2020.' }],
  },
  {
    title: 'Convaincre les élu·e·s que le climat n’est pas un sujet de plus',
    description: 'Le PCAET reste souvent l’affaire du seul vice-président environnement.',
    convener: 11,
    size: 13,
    sections: {
      key_points:
        'Le PCAET est perçu comme une contrainte réglementaire. Les élu·e·s se mobilisent quand on parle de leurs priorités : factures des bâtiments communaux, attractivité, santé. Les visites de réalisations concrètes chez un territoire voisin convainquent plus que les diagnostics.',
      proposals: "Des voyages d'étude d'élu·e·s chez des territoires pionniers. Un argumentaire par délégation (finances, urbanisme, économie) plutôt qu'un discours général.",
      questions: "Comment maintenir l'engagement après les élections municipales de 2020 ?",
      resources: 'Kit « Climat et élus locaux » du Réseau Action Climat ; témoignages filmés de maires.',
    },
    actions: [
      {
        title: "Kit d'accueil climat pour les nouveaux élu·e·s après les municipales 2020",
        carrier: 'Région Hauts-de-France',
        partners: 'Cerdd, AMF du Nord et du Pas-de-Calais',
        due: 'septembre 2020',
        status: 'done',
        update: 'Diffusé à la rentrée 2020 ; 200 exemplaires.',
      },
      { title: "Voyage d'étude d'élu·e·s chez un territoire pionnier", carrier: 'CU d’Arras', partners: 'Cerdd', due: '2021', status: 'started' },
    ],
    comment: 'Les élu·e·s écoutent d’abord d’autres élu·e·s : privilégier les témoignages de pairs.',
  },
  {
    title: 'Faire du PCAET l’affaire de tous les services',
    description: 'Transversalité : urbanisme, voirie, finances, marchés publics.',
    convener: 12,
    size: 9,
    sections: {
      key_points:
        "Le chargé de mission PCAET porte seul un plan qui dépend surtout d'autres services. Un comité technique interservices régulier et des référents climat dans chaque direction changent la donne. Les marchés publics sont un levier sous-estimé.",
      proposals: 'Des référents climat dans chaque direction. Une clause climat type dans les marchés publics.',
    },
    actions: [
      { title: 'Réseau de référent·e·s climat dans les directions', carrier: 'Métropole Européenne de Lille', partners: 'DRH', due: '2020', status: 'started' },
      { title: 'Clauses climat types pour les marchés publics', carrier: 'CA du Boulonnais', partners: 'Réseau régional de la commande publique durable', due: '2020', status: 'done' },
    ],
  },
  {
    title: 'Budget climat : évaluer les dépenses de la collectivité',
    description: 'Savoir si notre budget va dans le sens du PCAET.',
    convener: 13,
    size: 5,
    sections: {
      key_points:
        "L'évaluation climat du budget, testée par quelques grandes collectivités, rend visible l'écart entre le plan et les dépenses. Elle parle aux services financiers et aux élu·e·s aux finances.",
      proposals: "Tester une évaluation climat du budget sur une collectivité volontaire, avec l'appui de la méthode I4CE.",
    },
    actions: [{ title: 'Expérimentation d’un budget vert', carrier: 'CA du Beauvaisis', partners: 'I4CE, direction des finances', due: 'budget 2021', status: 'proposed' }],
  },
  {
    title: 'Former les agents aux enjeux climat',
    description: 'Sans culture commune, pas de transversalité.',
    convener: 14,
    size: 4,
    sections: {
      key_points: 'Peu d’agents ont été formés aux enjeux climat. La Fresque du climat en interne a bien fonctionné à la CC du Pays du Coquelicot : elle crée un langage commun.',
      proposals: 'Une Fresque du climat pour tous les encadrants. Un module climat dans le parcours d’accueil des nouveaux agents.',
    },
    actions: [{ title: 'Fresque du climat pour les encadrant·e·s', carrier: 'CC du Pays du Coquelicot', partners: 'CNFPT', due: '2020', status: 'done' }],
  },
  {
    title: 'Communiquer sur le PCAET sans jargon',
    description: 'PCAET, GES, TEPCV… personne ne comprend.',
    convener: 15,
    size: 3,
    sections: {
      key_points: "Le sigle PCAET n'évoque rien au grand public. Nommer le plan par un nom propre (« Territoire en transition ») et raconter des histoires de réalisations concrètes fonctionne mieux.",
      proposals: 'Donner un nom parlant au plan. Une page de réalisations illustrées plutôt qu’un PDF de 200 pages.',
    },
    actions: [{ title: 'Rebaptiser le PCAET avec un nom compréhensible', carrier: 'CC du Ternois', partners: 'Service communication', due: '2020', status: 'done' }],
  },
];

const CLUSTERS = [
  {
    name: 'Coopération avec les acteurs du territoire',
    initiator: 'Cerdd',
    next: 'Une journée régionale sur la participation citoyenne dans les PCAET (tenue à Amiens le 1er octobre 2020), puis une boîte à outils partagée.',
    themes: [0, 1, 2, 3, 4, 5],
  },
  {
    name: 'Coopération entre territoires en PCAET',
    initiator: 'DREAL Hauts-de-France',
    next: "Socle commun d'indicateurs, binômes entre animateur·rice·s et webinaires trimestriels.",
    themes: [6, 7, 8, 9, 10],
  },
  {
    name: 'Mobilisation interne : élu·e·s et services',
    initiator: 'Région Hauts-de-France',
    next: "Kit d'accueil des nouveaux élu·e·s après les municipales de 2020 et formations des encadrant·e·s.",
    themes: [11, 12, 13, 14, 15],
  },
];

export async function loadForumDemo(platform: Platform<Database>, service: ForumService, reader: ForumReader): Promise<void> {
  const db = platform.db as Kysely<ForumTables>;
  if ((await repo.listForums(db)).length > 0) return;
  const t = createI18n([platformCatalogue, forumCatalogue]).t('fr');

  // ---- Arras, 14 November 2019: past and closed, with its proceedings.
  const arras = await service.create(
    {
      title: 'Rencontre régionale des PCAET 2019 : forum ouvert',
      slug: 'forum-ouvert-pcaet-arras-2019',
      question: 'Changement climatique : quelles coopérations pour accélérer les transitions via les PCAET ?',
      place: 'Arras',
      starts_on: '2019-11-14',
      event: 'forum-ouvert-pcaet-arras-2019',
      slots: '10h30-11h45\n14h-15h15',
      spaces: 'Salle Beffroi (40)\nSalle Citadelle (30)\nSalle Scarpe (25)\nSalle Artois (20)\nSalle Vauban (15)\nAtelier 1 (12)\nAtelier 2 (12)\nAtelier 3 (10)',
      votes: 5,
      themes: ['pcaet-climat', 'cooperation-territoriale'],
      phase: 'sessions',
      joinCode: 'ARRAS19',
    },
    DEMO_FACILITATOR,
  );
  const actor = { participant: null, user: DEMO_FACILITATOR };
  const people: string[] = [];
  await transact(db, async (trx) => {
    for (let i = 0; i < 72; i++) {
      const id = newId();
      people.push(id);
      await repo.insertParticipant(trx, {
        id,
        forum_id: arras.id,
        name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
        organisation: ORGS[i % ORGS.length],
        user_id: null,
        registration_id: null,
        token_hash: sha256(randomToken(24)),
        created_at: '2019-11-14T08:45:00.000Z',
      });
    }
  });
  const { slots, spaces } = await service.structure(arras);
  const themeIds: string[] = [];
  for (const [i, r] of ARRAS.entries()) {
    const id = newId();
    themeIds.push(id);
    const slot = slots[i < 8 ? 0 : 1];
    const space = spaces[i % 8];
    await transact(db, async (trx) => {
      const at = i < 8 ? '2019-11-14T09:40:00.000Z' : '2019-11-14T09:55:00.000Z';
      await repo.insertTheme(trx, {
        id,
        forum_id: arras.id,
        title: r.title,
        description: r.description,
        status: 'open',
        merged_into: null,
        slot_id: slot.id,
        space_id: space.id,
        queued_at: null,
        created_at: at,
        updated_at: at,
      });
      await repo.insertSections(
        trx,
        (['participants', 'key_points', 'proposals', 'questions', 'resources'] as ReportSection[]).map((section) => ({
          theme_id: id,
          section,
          body: r.sections[section] ?? '',
          version: r.sections[section] ? 1 : 0,
          updated_at: '2019-11-14T15:10:00.000Z',
          updated_by: null,
        })),
      );
      await repo.addConvener(trx, id, people[r.convener * 4]);
    });
  }
  // Groups: the first eight in the morning, the other eight in the afternoon; the moves are the day's history.
  let cursor = 0;
  for (const [i, r] of ARRAS.entries()) {
    if (i === 8) cursor = 0;
    const members = [people[r.convener * 4], ...people.filter((p) => p !== people[r.convener * 4]).slice(cursor, cursor + r.size - 1)];
    cursor += r.size - 1;
    await transact(db, async (trx) => {
      for (const p of members) await repo.setGroup(trx, arras.id, p, themeIds[i], i < 8 ? '2019-11-14T10:30:00.000Z' : '2019-11-14T14:00:00.000Z', newId());
      const names = (await repo.listParticipantNames(trx, members)).map((m) => `${m.name} (${m.organisation})`);
      await repo.overwriteSection(trx, themeIds[i], 'participants', names.join(', '), '2019-11-14T15:10:00.000Z');
    });
  }
  const forum = await service.byId(arras.id);
  for (const [i, r] of ARRAS.entries()) {
    for (const a of r.actions) await service.addAction(forum, actor, themeIds[i], { kind: a.kind ?? 'action', title: a.title, carrier: a.carrier, partners: a.partners, due: a.due });
    if (r.comment) await service.addComment(forum, { participant: { id: people[40 + i], name: 'Justine Hochart', organisation: null, forum_id: forum.id }, user: null }, themeIds[i], r.comment);
  }
  // Convergence: the dots, the clusters and their initiators.
  await service.setPhase(forum, DEMO_FACILITATOR, 'sessions', 'convergence');
  const converging = await service.byId(arras.id);
  const actions = await reader.actionViews(converging);
  for (const [i, p] of people.entries()) {
    const participant = { id: p, name: '', organisation: null, forum_id: forum.id };
    for (let k = 0; k < 3; k++) {
      const target = actions[(i * 3 + k * 7 + (i % 5) * (k + 1)) % actions.length];
      await service.vote(converging, { participant, user: null }, target.id, false);
    }
  }
  for (const c of CLUSTERS) {
    await service.saveCluster(converging, DEMO_FACILITATOR, null, {
      name: c.name,
      initiator: c.initiator,
      next_steps: c.next,
      actions: actions.filter((a) => c.themes.includes(themeIds.indexOf(a.themeId))).map((a) => a.id),
    });
  }
  await service.setPhase(converging, DEMO_FACILITATOR, 'convergence', 'closed');
  const closed = await service.byId(arras.id);
  // Follow-up months later.
  for (const [i, r] of ARRAS.entries()) {
    for (const a of r.actions) {
      const view = actions.find((x) => x.title === a.title && x.themeId === themeIds[i]);
      if (view && a.status !== 'proposed') await service.followUp(closed, actor, view.id, { status: a.status, owner: a.carrier, body: a.update ?? '' });
    }
  }
  await service.publishProceedings(closed, DEMO_FACILITATOR, await reader.proceedings(closed, t, 'fr'));
  await db.updateTable('forums').set({ proceedings_published_at: '2019-12-12T10:00:00.000Z' }).where('id', '=', arras.id).execute();

  // ---- An upcoming forum a visitor can try: the marketplace is open, the code is on the page.
  const next = await service.create(
    {
      title: 'Forum ouvert : sobriété et coopération entre territoires',
      slug: 'forum-ouvert-territoires-participatifs-2027',
      question: 'Comment embarquer tous les habitant·e·s dans les transitions de nos territoires ?',
      place: 'Maison Régionale de l’Environnement et des Solidarités, 23 rue Gosselet, Lille',
      starts_on: '2027-05-20',
      event: 'forum-ouvert-sobriete-2027',
      slots: '10h-11h15\n11h30-12h45\n14h-15h15',
      spaces: 'Grande salle (60)\nSalle Jardin (25)\nSalle Verrière (20)\nAtelier (12)',
      votes: 5,
      themes: ['participation-citoyenne'],
      phase: 'marketplace',
      joinCode: 'ESSAI7',
    },
    DEMO_FACILITATOR,
  );
  const upcoming = await service.byId(next.id);
  const seeds = [
    { title: 'Aller vers les habitant·e·s qui ne viennent jamais', description: 'Quartiers prioritaires, villages : sortir des salles de réunion.', convener: 'Nadia Lemaire' },
    { title: 'Budgets participatifs climat : retours d’expérience', description: 'Ce qui a marché, ce qui a déçu.', convener: 'Thomas Devos' },
    { title: 'Conventions citoyennes locales pour le climat', description: 'Tirage au sort, mandat, suites données.', convener: 'Claire Wattel' },
  ];
  for (const s of seeds) await service.proposeTheme(upcoming, actor, { ...s, queue: false });
  await repo.updateForum(db, upcoming.id, { updated_at: nowIso() });
}
