import type { Catalogue } from '../platform/i18n/i18n.ts';

export const homeCatalogue: Catalogue = {
  fr: {
    'nav.agenda': 'Agenda',
    'nav.news': 'Actualités',
    'nav.resources': 'Ressources',
    'nav.network': 'Réseau',
    'nav.forums': 'Forums',
    'nav.initiatives': 'Initiatives',
    'home.title': 'Accueil',
    'home.hero.title': 'Territoires participatifs : coopérer pour réussir les transitions',
    'home.hero.text':
      "Le réseau régional des acteurs et actrices de la participation citoyenne dans les projets de transition : collectivités, élu·es, associations, habitant·es. Rencontres deux fois par an, ressources partagées, forums ouverts et appels à projets d'initiative citoyenne.",
    'home.hero.agenda': "Voir l'agenda",
    'home.hero.join': 'Rejoindre le réseau',
    'home.description': 'Agenda, ressources, réseau et forums ouverts des territoires participatifs en Hauts-de-France.',
    'static.accessibility.title': 'Accessibilité',
    'static.accessibility.body':
      "Palabre vise la conformité au Référentiel général d'amélioration de l'accessibilité (RGAA 4.1, niveau AA). Le site est partiellement conforme : chaque type de page est vérifié automatiquement avec axe-core et au clavier. Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à l'équipe d'animation du réseau : nous vous proposerons une alternative accessible. Si notre réponse ne vous satisfait pas, vous pouvez saisir le Défenseur des droits.",
    'static.legal.title': 'Mentions légales',
    'static.legal.body':
      "Ce site est édité par l'équipe d'animation du réseau régional des Territoires participatifs. Il fonctionne avec Palabre, logiciel libre. Les contenus publiés restent la propriété de leurs auteurs et autrices.",
    'static.privacy.title': 'Données personnelles',
    'static.privacy.body':
      "Nous ne collectons que les données nécessaires aux services que vous utilisez (compte, inscriptions aux rencontres, adhésion au réseau, lettre d'information). Aucun traceur publicitaire, aucun pixel de suivi. Depuis votre espace personnel, vous pouvez télécharger toutes vos données et supprimer votre compte à tout moment.",
  },
  en: {
    'nav.agenda': 'Events',
    'nav.news': 'News',
    'nav.resources': 'Resources',
    'nav.network': 'Network',
    'nav.forums': 'Forums',
    'nav.initiatives': 'Initiatives',
    'home.title': 'Home',
    'home.hero.title': 'Participatory territories: cooperating for successful transitions',
    'home.hero.text':
      'The regional network of people working on citizen participation in transition projects: local authorities, elected officials, associations, residents. Meetings twice a year, shared resources, open forums and calls for citizen-initiative projects.',
    'home.hero.agenda': 'See the events',
    'home.hero.join': 'Join the network',
    'home.description': 'Events, resources, network and open forums of the participatory territories in Hauts-de-France.',
    'static.accessibility.title': 'Accessibility',
    'static.accessibility.body':
      'Palabre aims at conformance with the French accessibility framework (RGAA 4.1, level AA). The site is partially compliant: every kind of page is checked automatically with axe-core and with the keyboard. If you cannot reach some content or service, write to the network team: we will offer you an accessible alternative.',
    'static.legal.title': 'Legal notice',
    'static.legal.body':
      'This site is published by the team that runs the regional network of participatory territories. It runs on Palabre, free software. Published content remains the property of its authors.',
    'static.privacy.title': 'Personal data',
    'static.privacy.body':
      'We only collect the data needed for the services you use (account, event registrations, network membership, newsletter). No advertising tracker, no tracking pixel. From your personal space you can download all your data and delete your account at any time.',
  },
};
