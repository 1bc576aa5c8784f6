import type { Catalogue } from '../platform/i18n/i18n.ts';

export const initiativesCatalogue: Catalogue = {
  fr: {
    'initiatives.title': "Projets d'Initiative Citoyenne",
    'initiatives.description': "Les Projets d'Initiative Citoyenne (PIC) soutiennent les initiatives des habitant·es des quartiers de la politique de la ville en Hauts-de-France.",
    'initiatives.lead':
      "Les Projets d'Initiative Citoyenne constituent, en Région, un dispositif phare pour le soutien aux initiatives citoyennes et la mise en pratique effective de la participation des habitant·es.",
    'initiatives.body1': "Ils ont vocation à être développés sur l'ensemble des territoires concernés par la politique de la ville en Hauts-de-France.",
    'initiatives.body2':
      "Le Conseil régional associe l'ensemble des partenaires autour de journées territoriales pour échanger sur leurs pratiques (bénévoles, associations, technicien·nes, élu·es), engager des actions de qualification, valoriser les expériences les plus réussies ou envisager la création de PIC.",
    'initiatives.labs.title': 'Les PIC Labs',
    'initiatives.labs.text': 'Trois rencontres, les PIC Labs, sont destinées notamment aux élu·es, aux équipes politique de la ville et aux associations gestionnaires.',
    'initiatives.labs.empty': "Aucun PIC Lab n'est inscrit à l'agenda pour le moment.",
    'initiatives.more': "Tout l'agenda",
  },
  en: {
    'initiatives.title': 'Citizen Initiative Projects',
    'initiatives.description': 'Citizen Initiative Projects (PIC) support the initiatives of residents of priority urban neighbourhoods in Hauts-de-France.',
    'initiatives.lead': 'Citizen Initiative Projects are a flagship scheme of the Region to support citizen initiatives and put residents’ participation into practice.',
    'initiatives.body1': 'They are meant to develop in every territory covered by urban policy in Hauts-de-France.',
    'initiatives.body2':
      'The Regional Council brings partners together in local days to share practices (volunteers, associations, staff, elected officials), train, showcase the most successful experiences or consider creating PICs.',
    'initiatives.labs.title': 'The PIC Labs',
    'initiatives.labs.text': 'Three meetings, the PIC Labs, are meant in particular for elected officials, urban policy teams and associations.',
    'initiatives.labs.empty': 'No PIC Lab is on the agenda for now.',
    'initiatives.more': 'All events',
  },
};
