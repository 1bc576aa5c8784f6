import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import { newId, randomToken } from '../platform/db/ids.ts';
import { parisToIso } from '../platform/format.ts';
import { transact } from '../platform/db/transaction.ts';
import * as repo from './newsletter.repo.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import type { CampaignItem } from './newsletter.service.ts';

const CONSENT = "J'accepte de recevoir la lettre d'information du réseau par e-mail. Je peux me désinscrire à tout moment en un clic depuis chaque lettre.";

/** A few confirmed subscribers and the issue that announced the network's launch (seed 003). */
export async function loadNewsletterDemo(platform: Platform): Promise<void> {
  const db = platform.db as Kysely<NewsletterTables>;
  await transact(db, async (trx) => {
    const subscribers = [
      { email: 'lea.martin@mairie-amiens.example', themes: ['participation-citoyenne', 'pcaet-climat'], territory: '80', at: '2022-03-14' },
      { email: 'contact@collectif-transition-arras.example', themes: ['participation-citoyenne'], territory: '62', at: '2022-05-02' },
      { email: 'j.dupont@cc-pays-solesmois.example', themes: ['pcaet-climat'], territory: '59', at: '2023-01-09' },
      { email: 'nadia.benali@asso-quartiers-lille.example', themes: [], territory: null, at: '2024-02-20' },
    ];
    for (const s of subscribers) {
      const at = parisToIso(s.at, '10:00');
      await repo.insertSubscriber(trx, {
        id: newId(),
        email: s.email,
        lang: 'fr',
        themes: JSON.stringify(s.themes),
        territory: s.territory,
        status: 'confirmed',
        token: randomToken(24),
        confirm_token_hash: null,
        confirm_sent_at: at,
        consent_text: CONSENT,
        consent_source: 'formulaire /lettre',
        requested_at: at,
        confirmed_at: at,
        unsubscribed_at: null,
        bounced_at: null,
        created_at: at,
        updated_at: at,
      });
    }
    const items: CampaignItem[] = [
      {
        kind: 'news',
        title: 'Territoires participatifs : lancement du réseau régional !',
        url: '/reseau',
        summary:
          'Le Cerdd lance un réseau pour les acteur·trices des transitions et de la participation citoyenne en Hauts-de-France : deux rencontres par an et une liste de diffusion pour partager ressources, projets et actualités.',
        date: parisToIso('2022-05-10', '09:00'),
      },
      {
        kind: 'event',
        title: 'Première rencontre du réseau régional des territoires participatifs',
        url: '/agenda',
        summary: "La rencontre de lancement s'est tenue le 28 avril 2022 à Lille : revivez ce rendez-vous.",
        date: parisToIso('2022-04-28', '09:30'),
      },
      {
        kind: 'link',
        title: 'Rejoindre le réseau',
        url: '/reseau/adhesion',
        summary: 'La première étape est de vous y inscrire en remplissant le formulaire.',
        date: null,
      },
    ];
    const sentAt = parisToIso('2022-05-12', '10:00');
    await repo.insertCampaign(trx, {
      id: newId(),
      number: 1,
      subject: 'Un réseau régional pour les territoires participatifs',
      intro:
        'Les mobilisations citoyennes pour le climat se sont intensifiées ces dernières années, rappelant que la transition écologique sera collective ou ne sera pas.\n\nDésormais, place au partage et à la rencontre des acteurs avec un nouveau réseau régional des territoires participatifs. Voici de quoi le découvrir et le rejoindre.',
      items: JSON.stringify(items),
      audience_themes: '[]',
      audience_territories: '[]',
      status: 'sent',
      scheduled_at: sentAt,
      started_at: sentAt,
      sent_at: sentAt,
      cursor: null,
      recipients: subscribers.length,
      created_by: null,
      created_at: sentAt,
      updated_at: sentAt,
    });
  });
}
