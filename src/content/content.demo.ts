import type { Platform } from '../platform/platform.ts';
import { parisToIso } from '../platform/format.ts';
import { transact } from '../platform/db/transaction.ts';
import type { Kysely } from 'kysely';
import type { ContentService } from './content.service.ts';
import type { ContentForm } from './content.schema.ts';
import type { ContentTables } from './content.tables.ts';
import { makePdf } from './content.pdf.ts';
import { hasMotif } from '../media/media.illustrations.ts';

const THEMES = [
  {
    slug: 'participation-citoyenne',
    fr: 'Participation citoyenne',
    en: 'Citizen participation',
    dfr: 'Associer les habitant·es aux décisions et aux projets de leur territoire.',
    den: 'Involving residents in the decisions and projects of their territory.',
  },
  {
    slug: 'politique-de-la-ville-dsu',
    fr: 'Politique de la ville - DSU',
    en: 'Urban policy',
    dfr: 'Développement social urbain et quartiers prioritaires de la politique de la ville.',
    den: 'Urban social development and priority neighbourhoods.',
  },
  {
    slug: 'pcaet-climat',
    fr: 'PCAET / climat',
    en: 'Climate plans (PCAET)',
    dfr: 'Plans climat air énergie territoriaux : atténuer et s’adapter au changement climatique.',
    den: 'Territorial climate, air and energy plans.',
  },
  {
    slug: 'cooperation-territoriale',
    fr: 'Coopération territoriale',
    en: 'Territorial cooperation',
    dfr: 'Coopérer entre collectivités, associations, entreprises et citoyen·nes.',
    den: 'Cooperation between local authorities, associations, businesses and citizens.',
  },
  {
    slug: 'democratie',
    fr: 'Démocratie / inspirations démocratiques',
    en: 'Democracy / democratic inspirations',
    dfr: 'Renouveler les pratiques démocratiques locales.',
    den: 'Renewing local democratic practice.',
  },
  {
    slug: 'energie-citoyenne',
    fr: 'Énergie citoyenne',
    en: 'Community energy',
    dfr: 'Projets d’énergie renouvelable portés par et pour les citoyen·nes.',
    den: 'Renewable energy projects run by and for citizens.',
  },
];

interface DemoItem {
  form: Partial<ContentForm> & { title: string; summary: string };
  published: string;
  updated?: string;
  documents?: Array<{ filename: string; title: string; text: string; membersOnly?: boolean }>;
}

const org = 'Cerdd';

const ITEMS: DemoItem[] = [
  {
    form: {
      kind: 'news',
      title: 'Retour sur le forum ouvert PCAET',
      summary:
        'Le 14 novembre 2019 à Arras, la rencontre régionale des animateur·rices des 58 territoires en PCAET a pris la forme d’un forum ouvert : 16 groupes de travail sur la coopération et la mobilisation interne.',
      body: `La rencontre annuelle régionale Hauts-de-France des animateur·rices des **58 territoires en PCAET**, organisée par le Conseil régional et la DREAL, a eu lieu à Arras le 14 novembre 2019 autour de la question : *« Changement climatique : quelles coopérations pour accélérer les transitions via les PCAET ? »*. Elle a pris cette année une forme originale : celle d’un forum ouvert.

Les **Plans climat air énergie territoriaux (PCAET)** sont des plans d’actions élaborés par les EPCI et l’ensemble des acteurs socio-économiques de leur territoire (collectivités, entreprises, associations, habitant·es…) pour atténuer le changement climatique et s’y adapter, reconquérir la qualité de l’air et maîtriser la consommation d’énergie.

## Un nouveau format : le forum ouvert

Le forum ouvert part d’un constat : lors d’une conférence, les échanges informels dans les couloirs ou pendant les pauses café sont souvent les plus riches. La formule **recrée les conditions de ces échanges** en laissant les participant·es, réuni·es autour d’une grande question, construire eux-mêmes l’ordre du jour. En plénière d’ouverture, chacun·e peut proposer un thème ; des groupes de travail se forment ensuite autour de chaque thème, et chaque groupe rédige un compte-rendu, avec au besoin un plan d’action.

Le 14 novembre, **16 groupes de travail** se sont formés, de 3 à 14 participant·es chacun. Ils ont porté sur **la coopération** avec les acteurs du territoire ou entre territoires en PCAET, et sur **la mobilisation interne** de la collectivité (élu·es et services). Les propositions de la journée aideront à **conforter la coopération et le partage d’expérience entre acteurs des PCAET**.

Plus de ressources : la plateforme Territoires & Climat et la rubrique de la DREAL consacrée aux PCAET.`,
      themes: ['pcaet-climat', 'cooperation-territoriale', 'participation-citoyenne'],
      territory: 'Arras',
      authorOrg: org,
    },
    published: '2019-11-20',
    updated: '2019-12-12',
    documents: [
      {
        filename: 'compte-rendu-forum-ouvert-pcaet-14-11-2019.pdf',
        title: 'Compte rendu Forum Ouvert PCAET 14-11-2019',
        text: `Compte-rendu du forum ouvert PCAET - Arras, 14 novembre 2019
Question d'ouverture : Changement climatique : quelles coopérations pour accélérer les transitions via les PCAET ?
Rencontre annuelle régionale des animateurs et animatrices des 58 territoires en PCAET des Hauts-de-France, organisée par le Conseil régional et la DREAL.
Déroulé : plénière d'ouverture, place du marché, deux sessions de groupes de travail, plénière de clôture.
16 groupes de travail, de 3 à 14 participants chacun.
Groupe 1 - Mobiliser les élus autour du plan climat : présenter le PCAET en conseil communautaire, former les élus référents.
Groupe 2 - Coopérer avec les associations du territoire : conventions, appels à projets, comités de suivi ouverts.
Groupe 3 - Associer les habitants au diagnostic : ateliers, balades climatiques, questionnaires.
Groupe 4 - Mutualiser l'ingénierie entre intercommunalités voisines.
Groupe 5 - Mobilisation interne : faire du PCAET un projet de toute la collectivité, pas seulement du service environnement.
Groupe 6 - Energie citoyenne et centrales villageoises : accompagner les projets d'énergie renouvelable portés par les citoyens.
Plan d'action : créer un espace d'échange régulier entre animateurs PCAET, partager les cahiers des charges, organiser une journée sur la participation citoyenne en 2020.`,
      },
    ],
  },
  {
    form: {
      kind: 'news',
      title: 'Territoires participatifs : lancement du réseau régional !',
      summary: 'Le Cerdd lance un réseau pour les acteur·rices des transitions et de la participation citoyenne en Hauts-de-France, qui se réunira deux fois par an.',
      body: `Le Cerdd lance **un réseau pour les acteur·rices des transitions et de la participation citoyenne** qui souhaitent échanger, s’inspirer, **réinventer les modèles démocratiques classiques** et imaginer des projets collectifs pour répondre aux défis climatiques et écologiques.

Les mobilisations citoyennes pour le climat rappellent que la transition écologique sera **collective** ou ne sera pas. Le droit à la participation est pourtant ancien, et de nombreux dispositifs existent ; la participation du public aux débats sur l’écologie et le climat reste fragile au regard des enjeux.

## Un réseau régional, pour qui ?

Pour **toute organisation et toute personne située en Hauts-de-France** qui souhaite avancer sur la participation citoyenne dans les projets de transition : professionnel·les des transitions et de la participation, secteur public, privé ou associatif, collectifs citoyens, têtes de réseau.

## Comment va-t-il fonctionner ?

Le réseau réunira ses membres **deux fois par an** en présentiel, pour des rencontres et des retours d’expériences, complétés par une liste de diffusion pour partager ressources, projets et actualités.

## Comment le rejoindre ?

La première étape est de vous inscrire avec le [formulaire d’adhésion](/reseau/adhesion). Une première rencontre du réseau s’est tenue le 28 avril 2022 à Lille.`,
      themes: ['participation-citoyenne', 'democratie', 'cooperation-territoriale'],
      territory: 'Hauts-de-France',
      authorOrg: org,
    },
    published: '2022-04-05',
    updated: '2022-05-10',
  },
  {
    form: {
      kind: 'news',
      title: 'Voyage apprenant sur la participation citoyenne en Pays de la Loire : rejoignez la délégation',
      summary: 'Du 25 au 28 mars 2024, le réseau part à la rencontre d’acteur·rices qui innovent dans leurs pratiques démocratiques. Inscriptions des membres jusqu’au 30 novembre 2023.',
      body: `Le réseau régional des Territoires participatifs se rendra **en région Pays de la Loire du 25 au 28 mars 2024** pour découvrir des expériences et des acteur·rices qui innovent dans leurs pratiques de la démocratie. Vous êtes membre du réseau ? Rejoignez la délégation !

Le Cerdd propose à ses membres **un voyage apprenant et inspirant sur le thème des « inspirations démocratiques »**.

**Date limite d’inscription : le 30 novembre 2023.**

## Au programme

- échanges avec des collectivités qui ont revisité leurs organisations pour impliquer les habitant·es ;
- découverte de conseils de développement au service du pouvoir d’agir ;
- une journée de travail avec le Collège des transitions sociétales : renforcer les coopérations entre institutions et citoyen·nes ;
- des temps d’échange entre participant·es tout au long du voyage.

Le programme détaillé est réservé aux membres du réseau.`,
      themes: ['democratie', 'participation-citoyenne'],
      territory: 'Pays de la Loire',
      authorOrg: org,
    },
    published: '2023-10-20',
    updated: '2023-11-16',
    documents: [
      {
        filename: 'invitation-voyage-apprenant-pays-de-la-loire.pdf',
        title: 'Invitation Voyage apprenant Pays de la Loire',
        membersOnly: true,
        text: `Invitation - Voyage apprenant Pays de la Loire, du 25 au 28 mars 2024
Réseau régional des Territoires participatifs - inspirations démocratiques
Lundi 25 mars : départ de Lille, accueil à Nantes, présentation du programme.
Mardi 26 mars : rencontre de collectivités qui ont revisité leurs organisations de travail pour impliquer les habitants.
Mercredi 27 mars : découverte de conseils de développement ; journée avec le Collège des transitions sociétales.
Jeudi 28 mars : temps d'analyse collective des enseignements, retour en Hauts-de-France.
Inscription avant le 30 novembre 2023 auprès de l'équipe d'animation du réseau.`,
      },
    ],
  },
  {
    form: {
      kind: 'news',
      title: 'Projets d’initiative citoyenne (PIC) : la Région Hauts-de-France soutient les dynamiques de participation des habitants',
      summary: 'Les projets d’initiative citoyenne seront un dispositif phare pour soutenir les initiatives des habitant·es des quartiers de la politique de la ville. Trois PIC Labs sont organisés.',
      body: `Les **projets d’initiative citoyenne (PIC)** constitueront, en région, un dispositif phare pour soutenir les initiatives citoyennes et mettre en pratique la participation des habitant·es. Ils ont vocation à être développés sur l’ensemble des territoires concernés par la **politique de la ville** en Hauts-de-France.

Le Conseil régional souhaite associer l’ensemble des partenaires lors de journées territoriales pour échanger sur les pratiques (bénévoles, associations, technicien·nes, élu·es), engager des actions de qualification et valoriser les expériences réussies.

Trois rencontres, les **PIC Labs**, sont organisées pour les élu·es, les équipes politique de la ville et les associations gestionnaires, dont une à Saint-Quentin le 28 septembre 2017.`,
      themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
      territory: 'Hauts-de-France',
      authorOrg: 'IREV',
    },
    published: '2017-08-24',
  },
  {
    form: {
      kind: 'resource',
      resourceType: 'publication',
      title: 'Manifeste pour une rev3 citoyenne',
      summary: 'Une publication pour que la troisième révolution industrielle en Hauts-de-France se construise avec et pour les citoyen·nes.',
      body: 'Ce manifeste plaide pour une **rev3 citoyenne** : une transition énergétique et écologique qui associe les habitant·es dès la conception des projets, et pas seulement à leur réception. Il propose des principes pour les collectivités et les acteurs économiques.',
      themes: ['participation-citoyenne', 'energie-citoyenne'],
      authorOrg: org,
    },
    published: '2019-06-12',
  },
  {
    form: {
      kind: 'resource',
      resourceType: 'guide',
      title: 'Livret méthodologique « La participation citoyenne dans les projets de transition »',
      summary: 'Un livret méthodologique pour concevoir et animer une démarche participative dans un projet de transition.',
      body: 'Ce livret accompagne pas à pas les collectivités et les associations : clarifier ce qui est soumis à la participation, choisir les bons formats (atelier, forum ouvert, jury citoyen), mobiliser les publics éloignés, rendre compte des contributions.',
      themes: ['participation-citoyenne'],
      authorOrg: org,
    },
    published: '2021-03-18',
  },
  {
    form: {
      kind: 'resource',
      resourceType: 'fiche',
      title: 'Fiche « La participation citoyenne et les PCAET »',
      summary: 'Une fiche repère sur les obligations et les bonnes pratiques de concertation dans l’élaboration d’un plan climat.',
      body: 'La fiche rappelle le cadre réglementaire (concertation préalable, consultation du public) et donne des exemples de démarches participatives menées par des territoires en PCAET des Hauts-de-France.',
      themes: ['participation-citoyenne', 'pcaet-climat'],
      authorOrg: org,
    },
    published: '2020-09-10',
  },
  {
    form: {
      kind: 'resource',
      resourceType: 'retour',
      title: 'Retours d’expériences « Projets d’énergie renouvelable citoyens »',
      summary: 'Des retours d’expériences de projets d’énergie renouvelable portés par des citoyen·nes et des collectivités en Hauts-de-France.',
      body: 'Parcs éoliens participatifs, centrales solaires villageoises, réseaux de chaleur coopératifs : ces retours d’expériences détaillent la gouvernance, le financement participatif et la place des habitant·es dans chaque projet.',
      themes: ['energie-citoyenne', 'participation-citoyenne', 'pcaet-climat'],
      authorOrg: org,
    },
    published: '2021-11-04',
  },
  {
    form: {
      kind: 'resource',
      resourceType: 'publication',
      title: 'Enquête Cerdd : la participation citoyenne dans les territoires',
      summary: 'Les résultats de l’enquête menée auprès des collectivités des Hauts-de-France sur leurs pratiques de participation citoyenne.',
      body: 'L’enquête dresse un état des lieux des moyens consacrés à la participation, des dispositifs utilisés et des difficultés rencontrées : moyens humains, évaluation des effets, massification sans perte de qualité.',
      themes: ['participation-citoyenne', 'pcaet-climat'],
      authorOrg: org,
    },
    published: '2020-11-03',
  },
  {
    form: {
      kind: 'resource',
      resourceType: 'guide',
      title: 'Institut de la Concertation et de la Participation citoyenne',
      summary: 'Un réseau national de praticien·nes de la concertation : ressources, formations et rencontres.',
      body: 'L’Institut de la Concertation et de la Participation citoyenne réunit des professionnel·les de la participation de tous horizons. Il propose des ressources en ligne, des journées d’échange et des formations.',
      themes: ['participation-citoyenne', 'democratie'],
      authorOrg: 'ICPC',
    },
    published: '2021-01-15',
  },
  {
    form: {
      kind: 'news',
      title: 'Rencontre du réseau : les tiers-lieux, moteurs des dynamiques locales',
      summary: 'Le réseau s’est retrouvé pour explorer le rôle des tiers-lieux dans la participation citoyenne et les transitions.',
      body: 'Une journée de visites et d’ateliers pour comprendre comment les **tiers-lieux** deviennent des espaces de coopération entre habitant·es, associations et collectivités.',
      themes: ['participation-citoyenne', 'cooperation-territoriale'],
      territory: 'Hauts-de-France',
      authorOrg: org,
    },
    published: '2024-04-09',
  },
  {
    form: {
      kind: 'news',
      title: 'Appel à projets d’initiative citoyenne 2026 : les candidatures sont ouvertes',
      summary: 'Associations et collectifs d’habitant·es peuvent déposer leur dossier jusqu’au 15 mars 2026 : accompagnement et subvention à la clé.',
      body: 'Le nouvel appel à projets d’initiative citoyenne soutient les projets portés par les habitant·es : jardins partagés, ateliers de réparation, actions de sobriété énergétique. Un temps d’information en ligne est proposé aux porteur·euses de projet.',
      themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
      territory: 'Hauts-de-France',
      authorOrg: org,
    },
    published: '2026-01-12',
  },
  {
    form: {
      kind: 'news',
      title: 'Prochain forum ouvert du réseau : proposez vos thèmes',
      summary: 'Le prochain forum ouvert du réseau portera sur la sobriété et la coopération entre territoires : venez avec vos questions.',
      body: 'Comme à Arras en 2019, l’ordre du jour sera construit par les participant·es en plénière. Préparez vos propositions de thèmes : coopération entre intercommunalités, implication des habitant·es, sobriété énergétique.',
      themes: ['cooperation-territoriale', 'pcaet-climat'],
      territory: 'Hauts-de-France',
      authorOrg: org,
    },
    published: '2026-02-03',
  },
  {
    form: {
      kind: 'news',
      title: 'Bilan de l’évaluation du réseau régional des PCAET',
      summary: 'Les membres ont évalué deux années d’animation : des rencontres utiles, une envie de plus d’échanges entre pairs.',
      body: 'L’évaluation confirme l’intérêt des rencontres semestrielles et des forums ouverts. Les membres demandent davantage de **retours d’expériences** et une liste de diffusion plus active.',
      themes: ['pcaet-climat', 'cooperation-territoriale'],
      authorOrg: org,
    },
    published: '2025-11-20',
  },
  {
    form: {
      kind: 'page',
      title: 'À propos du réseau',
      summary: 'Le réseau régional des Territoires participatifs, animé par le Cerdd, en quelques mots.',
      body: 'Le réseau réunit les acteur·rices de la participation citoyenne dans les projets de transition en Hauts-de-France. Il se retrouve deux fois par an, partage des ressources et organise des forums ouverts.',
      themes: ['participation-citoyenne'],
      authorOrg: org,
    },
    published: '2022-04-05',
  },
];

/** The demo library, from the facts of the seed pages; dates in the past stay in the past. */
export async function loadContentDemo(platform: Platform, service: ContentService): Promise<void> {
  for (const [i, t] of THEMES.entries()) {
    await service.themes.upsert({ slug: t.slug, name: { fr: t.fr, en: t.en }, description: { fr: t.dfr, en: t.den }, position: i });
  }
  const actor = { id: null, name: 'Équipe d’animation' };
  const db = platform.db as unknown as Kysely<ContentTables>;
  for (const item of ITEMS) {
    const created = await service.create({ kind: 'news', slug: '', body: '', resourceType: '', territory: '', authorOrg: '', themes: [], membersOnly: false, ...item.form } as ContentForm, actor);
    // News get a drawing of their first theme, resources one of documents (media.illustrations.ts).
    if (created.kind !== 'page') {
      const theme = created.themeList[0];
      await service.illustrate(created, { motif: created.kind === 'news' && theme && hasMotif(theme) ? theme : created.kind, seed: created.slug });
    }
    for (const d of item.documents ?? []) {
      await service.upload(created.id, { data: makePdf(d.text, { title: d.title }), filename: d.filename, title: d.title, membersOnly: d.membersOnly ?? false }, actor);
    }
    const published = parisToIso(item.published, '10:00');
    await service.publish(created.id, actor, published);
    // The seeds give real dates ("Mis à jour le 12 décembre 2019"): the demo keeps them.
    const updated = item.updated ? parisToIso(item.updated, '10:00') : published;
    await transact(db, async (trx) => {
      await trx.updateTable('contents').set({ published_at: published, updated_at: updated, created_at: published }).where('id', '=', created.id).execute();
      await trx.updateTable('documents').set({ created_at: updated, updated_at: updated }).where('content_id', '=', created.id).execute();
    });
    await service.resync(created.id);
  }
}
