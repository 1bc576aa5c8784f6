import { parisToIso } from '../platform/format.ts';
import { parseProgramme, parseQuestions } from './events.schema.ts';
import type { EventsService } from './events.service.ts';

const at = parisToIso;
const cerdd = 'Cerdd — réseau régional des Territoires participatifs';
const firstNames = ['Camille', 'Dominique', 'Sacha', 'Claude', 'Alix', 'Lou', 'Morgan', 'Noa', 'Yanis', 'Inès', 'Léa', 'Karim', 'Jeanne', 'Hugo', 'Amina', 'Théo'];
const lastNames = ['Martin', 'Lefebvre', 'Dubois', 'Leroy', 'Moreau', 'Fournier', 'Girard', 'Bonnet', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent'];
const orgs = ['CC du Vimeu', 'Amiens Métropole', 'Ville de Roubaix', 'CA du Saint-Quentinois', 'MRES', 'PNR Scarpe-Escaut', 'Département du Nord', 'Association Les Jardins du Cœur'];
const person = (i: number) => ({
  name: `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`,
  email: `participant${i}@exemple.fr`,
  organisation: orgs[i % orgs.length],
});

/** The agenda of the demo: the seeds' events (past stays past) and upcoming 2027 events to try registration on. */
export async function loadEventsDemo(events: EventsService): Promise<void> {
  await events.createEvent({
    slug: 'pic-lab-saint-quentin-2017',
    kind: 'pic-lab',
    title: 'PIC Lab : rencontre sur les Projets d’Initiative Citoyenne à Saint-Quentin',
    summary: 'Une journée territoriale pour échanger sur les pratiques de participation des habitant·es et envisager la création de Projets d’Initiative Citoyenne.',
    description:
      'Les Projets d’Initiative Citoyenne constitueront, en Région, un dispositif phare pour le soutien aux initiatives citoyennes et la mise en pratique effective de la participation des habitants, sur l’ensemble des territoires concernés par la Politique de la Ville en Hauts-de-France.\n\nTrois rencontres, les PIC Labs, destinées notamment aux élus, équipes politique de la ville et associations gestionnaires, sont organisées.',
    themes: ['participation-citoyenne', 'politique-de-la-ville-dsu'],
    territory: 'Aisne',
    startsAt: at('2017-09-28', '14:00'),
    endsAt: at('2017-09-28', '17:00'),
    placeName: 'Espace CREATIS',
    placeAddress: '6 avenue Archimède, Saint-Quentin',
    placeAccess: 'À 15 minutes à pied de la gare de Saint-Quentin ; parking gratuit devant le bâtiment.',
    organisers: ['Conseil régional Hauts-de-France', 'IREV'],
    recap:
      'Élus, équipes politique de la ville et associations gestionnaires ont échangé sur leurs pratiques de participation des habitant·es et sur la création de Projets d’Initiative Citoyenne dans l’Aisne.',
    programme: parseProgramme('13h30 Accueil\n14h Démarrage des travaux (présentation du dispositif, temps d’échanges, carrefour PIC-Lab, capitalisation, restitution)\n17h Clôture').items,
    status: 'published',
    registrationMode: 'none',
  });
  await events.createEvent({
    slug: 'forum-ouvert-pcaet-arras-2019',
    kind: 'forum-ouvert',
    title: 'Rencontre annuelle régionale des PCAET en forum ouvert',
    summary:
      '« Changement climatique : quelles coopérations pour accélérer les transitions via les PCAET ? » La rencontre des animateur·rices des 58 territoires en PCAET prend la forme d’un forum ouvert.',
    description:
      'Organisée par le Conseil régional et la DREAL, la rencontre réunit les animateur·rices PCAET des Hauts-de-France. Lors de la plénière de démarrage, chacun·e peut proposer un thème ; les participant·es forment ensuite des groupes de travail qui rédigent chacun un compte-rendu.',
    themes: ['pcaet-climat', 'cooperation-territoriale'],
    territory: 'Pas-de-Calais',
    startsAt: at('2019-11-14', '09:00'),
    endsAt: at('2019-11-14', '17:00'),
    placeName: 'Arras',
    organisers: ['Conseil régional Hauts-de-France', 'DREAL Hauts-de-France', 'Cerdd'],
    recap:
      '16 groupes de travail se sont formés, avec chacun entre 3 et 14 participant·es, autour de la coopération avec les acteurs du territoire ou entre territoires en PCAET, et de la mobilisation interne à la collectivité (élu·es et services).\n\nLes propositions émises lors de la journée permettront de conforter la coopération et le partage d’expérience entre acteurs des PCAET.',
    reportUrl: '/ressources?q=forum+ouvert+PCAET',
    documents: [{ title: 'Compte rendu Forum Ouvert PCAET 14-11-2019', url: '/ressources?q=compte+rendu+forum+ouvert', format: 'PDF' }],
    status: 'published',
    registrationMode: 'invitation',
  });
  await events.createEvent({
    slug: 'journee-pcaet-participation-citoyenne-2020',
    kind: 'journee-regionale',
    title: 'Journée PCAET & participation citoyenne',
    summary: 'Une première journée d’informations et d’échanges sur la participation citoyenne, destinée à l’ensemble des territoires régionaux engagés dans une démarche PCAET.',
    description:
      'La Région Hauts-de-France, en concertation avec le Cerdd, la MRES, quelques PCAET et têtes de réseau, organise une journée relative à la participation citoyenne. Cet événement régional est issu d’intérêts exprimés lors de la rencontre régionale des PCAET en 2019.\n\nObjectifs : faire connaître les services et ressources favorisant la participation citoyenne ; échanger sur les questions soulevées par la participation citoyenne dans les territoires (moyens requis, évaluation, massification sans perte de qualité).',
    themes: ['pcaet-climat', 'participation-citoyenne'],
    territory: 'Somme',
    startsAt: at('2020-10-01', '09:00'),
    endsAt: at('2020-10-01', '17:30'),
    placeName: 'Siège de Région Hauts-de-France',
    placeAddress: '15 Mail Albert 1er, 80000 Amiens',
    placeAccess: 'Gare d’Amiens à 10 minutes à pied.',
    placeAccessibility: 'Bâtiment accessible de plain-pied, ascenseurs, boucle magnétique dans l’hémicycle.',
    organisers: ['Région Hauts-de-France', 'Cerdd', 'MRES'],
    status: 'published',
    registrationMode: 'invitation',
  });
  await events.createEvent({
    slug: 'lancement-reseau-territoires-participatifs-2022',
    kind: 'rencontre',
    title: 'Rencontre de lancement du réseau régional des Territoires participatifs',
    summary: 'La première rencontre du réseau régional des acteur·rices des transitions et de la participation citoyenne.',
    themes: ['participation-citoyenne', 'democratie'],
    territory: 'Nord',
    startsAt: at('2022-04-28', '09:30'),
    endsAt: at('2022-04-28', '16:30'),
    placeName: 'Lille',
    organisers: [cerdd],
    status: 'published',
    registrationMode: 'open',
  });
  await events.createEvent({
    slug: 'rencontre-regionale-participation-citoyennete-2023',
    title: '2ème Rencontre régionale du réseau de la participation & de la citoyenneté',
    themes: ['participation-citoyenne'],
    territory: 'Hauts-de-France',
    startsAt: at('2023-05-25', '09:30'),
    endsAt: at('2023-05-25', '16:30'),
    organisers: [cerdd],
    status: 'published',
    registrationMode: 'open',
  });
  const recits = await events.createEvent({
    slug: 'forum-ouvert-pionniers-mise-en-recits-2023',
    kind: 'forum-ouvert',
    title: 'Forum ouvert : Tous pionniers de la mise en récits !',
    themes: ['cooperation-territoriale', 'participation-citoyenne'],
    territory: 'Hauts-de-France',
    startsAt: at('2023-06-02', '09:00'),
    endsAt: at('2023-06-02', '17:00'),
    organisers: [cerdd],
    status: 'published',
    registrationMode: 'open',
    capacity: 12,
  });
  await events.seedRegistrations(
    recits.id,
    Array.from({ length: 12 }, (_, i) => ({ ...person(i + 100), status: 'confirmed' as const })),
  );
  await events.createEvent({
    slug: 'webinaires-participation-citoyenne-2023',
    kind: 'webinaire',
    title: 'Participation citoyenne : trois webinaires pour s’inspirer',
    themes: ['participation-citoyenne', 'pcaet-climat'],
    territory: 'Hauts-de-France',
    startsAt: at('2023-11-27', '11:00'),
    endsAt: at('2023-11-30', '12:30'),
    onlineUrl: 'https://visio.exemple.fr/webinaires-participation',
    organisers: [cerdd],
    recap: 'Trois webinaires d’une heure et demie pour découvrir des démarches de participation citoyenne dans les PCAET, avec des témoignages de territoires.',
    replayUrl: 'https://video.exemple.fr/webinaires-participation-2023',
    status: 'published',
    registrationMode: 'open',
  });
  await events.createEvent({
    slug: 'voyage-apprenant-pays-de-la-loire-2024',
    kind: 'voyage-apprenant',
    title: 'Voyage apprenant sur la participation citoyenne en Pays de la Loire',
    summary: 'Le réseau régional des Territoires Participatifs se rend en région Pays de la Loire pour découvrir des expériences et acteur·rices qui innovent dans leurs pratiques de la démocratie.',
    description:
      'Le Cerdd propose à ses membres un voyage apprenant et inspirant sur le thème des « inspirations démocratiques » : partir à la rencontre d’acteurs et d’actrices qui portent des ambitions de renouvellement démocratique pour comprendre comment elles et ils ont travaillé, les réussites, les difficultés, les conditions pour que cela fonctionne.',
    themes: ['democratie', 'participation-citoyenne'],
    territory: 'Pays de la Loire',
    startsAt: at('2024-03-25', '08:00'),
    endsAt: at('2024-03-28', '18:00'),
    placeName: 'Pays de la Loire',
    organisers: [cerdd],
    programme: parseProgramme(
      [
        '25/03/2024',
        '8h Départ en train de Lille',
        '14h Échange avec des collectivités qui ont revisité leurs organisations de travail pour impliquer les habitant·es',
        '26/03/2024',
        '9h Découverte de conseils de développement au service du pouvoir d’agir des habitant·es',
        '14h Visite d’un lieu de participation',
        '27/03/2024',
        '9h Journée de travail avec le Collège des Transitions Sociétales : renforcer les coopérations entre institutions et citoyens',
        '28/03/2024',
        '9h Temps d’échange entre les participant·es pour analyser les enseignements des visites',
        '15h Retour vers les Hauts-de-France',
      ].join('\n'),
    ).items,
    speakers: [
      { name: 'Équipe du Collège des Transitions Sociétales', organisation: 'Collège des Transitions Sociétales' },
      { name: 'Équipe d’animation du réseau', organisation: 'Cerdd' },
    ],
    recap: 'Une délégation de membres du réseau a rencontré pendant quatre jours des collectivités, des conseils de développement et le Collège des Transitions Sociétales.',
    photosUrl: '/actualites?q=voyage+apprenant',
    documents: [{ title: 'Invitation Voyage apprenant Pays de la Loire', url: '/ressources?q=voyage+apprenant', format: 'PDF' }],
    status: 'published',
    registrationMode: 'members',
    deadline: at('2023-11-30', '23:59'),
    capacity: 20,
  });
  await events.createEvent({
    slug: 'rencontre-reseau-tiers-lieux-2024',
    kind: 'rencontre',
    title: 'Rencontre réseau régional Territoires participatifs : le rôle des tiers-lieux dans les dynamiques locales',
    themes: ['participation-citoyenne', 'cooperation-territoriale'],
    territory: 'Hauts-de-France',
    startsAt: at('2024-04-09', '09:30'),
    endsAt: at('2024-04-09', '16:30'),
    organisers: [cerdd],
    status: 'published',
    registrationMode: 'open',
  });

  // Upcoming: enough to try every way of registering.
  const spring = await events.createEvent({
    slug: 'rencontre-reseau-printemps-2027',
    kind: 'rencontre',
    title: 'Rencontre du réseau régional : printemps 2027',
    summary: 'La rencontre semestrielle du réseau : retours d’expériences, ateliers entre pairs et temps d’interconnaissance.',
    description: 'Une journée pour partager les avancées de chacun·e, croiser les regards entre collectivités, associations et habitant·es, et préparer les prochains chantiers du réseau.',
    themes: ['participation-citoyenne', 'cooperation-territoriale'],
    territory: 'Somme',
    startsAt: at('2027-04-08', '09:30'),
    endsAt: at('2027-04-08', '16:30'),
    placeName: 'Siège de Région Hauts-de-France',
    placeAddress: '15 Mail Albert 1er, 80000 Amiens',
    placeAccess: 'Gare d’Amiens à 10 minutes à pied ; pas de stationnement sur place, parking Saint-Leu à 5 minutes.',
    placeAccessibility: 'Bâtiment accessible de plain-pied, ascenseurs, boucle magnétique dans l’hémicycle. Un besoin particulier ? Dites-le dans le formulaire d’inscription.',
    organisers: [cerdd],
    speakers: [
      { name: 'Claire Martin', organisation: 'Cerdd' },
      { name: 'Karim Lefebvre', organisation: 'CC du Vimeu' },
      { name: 'Inès Dubois', organisation: 'Ville de Roubaix' },
    ],
    programme: parseProgramme('9h Accueil café\n9h30 Plénière d’ouverture\n11h Ateliers entre pairs\n12h30 Déjeuner\n14h Retours d’expériences\n16h Clôture').items,
    status: 'published',
    registrationMode: 'open',
    capacity: 60,
    deadline: at('2027-04-01', '23:59'),
  });
  await events.seedRegistrations(
    spring.id,
    Array.from({ length: 56 }, (_, i) => ({ ...person(i), status: 'confirmed' as const })),
  );
  const forum = await events.createEvent({
    slug: 'forum-ouvert-sobriete-2027',
    kind: 'forum-ouvert',
    title: 'Forum ouvert : sobriété et coopération entre territoires',
    summary: 'Comme à Arras en 2019, l’ordre du jour est construit par les participant·es en plénière.',
    themes: ['pcaet-climat', 'cooperation-territoriale'],
    territory: 'Nord',
    startsAt: at('2027-05-20', '09:00'),
    endsAt: at('2027-05-20', '17:00'),
    placeName: 'Maison Régionale de l’Environnement et des Solidarités',
    placeAddress: '23 rue Gosselet, Lille',
    organisers: [cerdd, 'MRES'],
    status: 'published',
    registrationMode: 'open',
    capacity: 30,
    offerHours: 48,
  });
  await events.seedRegistrations(forum.id, [
    ...Array.from({ length: 30 }, (_, i) => ({ ...person(i + 200), status: 'confirmed' as const })),
    ...Array.from({ length: 4 }, (_, i) => ({ ...person(i + 300), status: 'waiting' as const })),
  ]);
  await events.createEvent({
    slug: 'voyage-apprenant-2027',
    kind: 'voyage-apprenant',
    title: 'Voyage apprenant 2027 : les assemblées citoyennes en Bretagne',
    summary: 'Trois jours à la rencontre des assemblées citoyennes bretonnes, réservés aux membres du réseau.',
    themes: ['democratie', 'participation-citoyenne'],
    territory: 'Bretagne',
    startsAt: at('2027-06-14', '08:00'),
    endsAt: at('2027-06-16', '18:00'),
    placeName: 'Rennes',
    organisers: [cerdd],
    status: 'published',
    registrationMode: 'members',
    capacity: 20,
    deadline: at('2027-05-15', '23:59'),
  });
  await events.createEvent({
    slug: 'webinaire-budget-participatif-2027',
    kind: 'webinaire',
    title: 'Webinaire : lancer un budget participatif dans une petite commune',
    summary: 'Une heure et demie en ligne pour découvrir les étapes d’un budget participatif, avec deux communes qui l’ont fait.',
    themes: ['participation-citoyenne', 'democratie'],
    territory: 'Hauts-de-France',
    startsAt: at('2027-05-06', '11:00'),
    endsAt: at('2027-05-06', '12:30'),
    onlineUrl: 'https://visio.exemple.fr/budget-participatif-2027',
    organisers: [cerdd],
    speakers: [
      { name: 'Jeanne Fontaine', organisation: 'Mairie de Saint-Valery-sur-Somme' },
      { name: 'Hugo Girard', organisation: 'Cerdd' },
    ],
    programme: parseProgramme('11h Les étapes d’un budget participatif\n11h30 Témoignages de deux communes\n12h Questions et échanges').items,
    status: 'published',
    registrationMode: 'open',
    capacity: 100,
  });
  await events.createEvent({
    slug: 'journee-regionale-pcaet-2027',
    kind: 'journee-regionale',
    title: 'Journée régionale des PCAET 2027 : mobiliser les habitant·es',
    summary: 'Ateliers au choix, témoignages de territoires et déjeuner sur place.',
    themes: ['pcaet-climat', 'participation-citoyenne', 'energie-citoyenne'],
    territory: 'Pas-de-Calais',
    startsAt: at('2027-10-07', '09:00'),
    endsAt: at('2027-10-07', '17:30'),
    placeName: 'Arras',
    organisers: ['Région Hauts-de-France', 'DREAL Hauts-de-France', 'Cerdd'],
    status: 'published',
    registrationMode: 'open',
    capacity: 300,
    maxPlaces: 3,
    membersReserved: 50,
    membersReservedUntil: at('2027-09-01', '23:59'),
    questions: parseQuestions("choix*: Atelier de l'après-midi | Mobilité | Énergie citoyenne | Alimentation\ntexte: Régime alimentaire\ncase: J'ai besoin d'un accès adapté").questions,
  });
}
