import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId } from '../platform/db/ids.ts';
import { parisToIso } from '../platform/format.ts';
import * as repo from './network.repo.ts';
import type { NetworkRequestsTable, NetworkTables } from './network.tables.ts';
import type { NetworkDeps, NetworkService } from './network.service.ts';
import { territoryByCode } from '../platform/territories.ts';

const CHARTER = "J'adhère à la charte du réseau : je m'engage à partager, à respecter les autres membres et la confidentialité des échanges de la liste.";

const members = [
  {
    email: 'lea.martin@mairie-amiens.example',
    name: 'Léa Martin',
    role: 'technicien',
    org: ['Ville d’Amiens', 'collectivite'],
    territory: 'commune:80021',
    themes: ['participation'],
    joined: '2022-04-28',
  },
  {
    email: 'p.lefebvre@mel.example',
    name: 'Pierre Lefebvre',
    role: 'technicien',
    org: ['Métropole Européenne de Lille', 'epci'],
    territory: 'epci:200093201',
    themes: ['climat'],
    joined: '2022-04-28',
  },
  {
    email: 'contact@collectif-transition-arras.example',
    name: 'Sophie Durand',
    role: 'habitant',
    org: ['Collectif Arras en transition', 'collectif'],
    territory: 'commune:62041',
    themes: ['participation'],
    joined: '2022-05-03',
  },
  { email: 'm.benali@st-quentin.example', name: 'Mehdi Benali', role: 'elu', org: ['Ville de Saint-Quentin', 'collectivite'], territory: 'commune:02691', themes: [], joined: '2022-06-15' },
  {
    email: 'anne.roussel@cpie-oise.example',
    name: 'Anne Roussel',
    role: 'salarie-associatif',
    org: ['CPIE de l’Oise', 'association'],
    territory: 'departement:60',
    themes: ['climat'],
    joined: '2023-01-10',
  },
  // The demo accounts of src/demo/demo.ts that are members: they join like everybody else.
  {
    email: 'membre@palabre.test',
    name: 'Dominique Membre',
    role: 'habitant',
    org: ['Conseil citoyen de Beauvais', 'collectif'],
    territory: 'commune:60057',
    themes: ['participation'],
    joined: '2023-09-20',
  },
  {
    email: 'animation@palabre.test',
    name: 'Camille Animatrice',
    role: 'salarie-associatif',
    org: ['Réseau des territoires participatifs', 'association'],
    territory: 'commune:59350',
    themes: ['participation', 'climat'],
    joined: '2022-04-28',
  },
  {
    email: 'admin@palabre.test',
    name: 'Alex Admin',
    role: 'salarie-associatif',
    org: ['Réseau des territoires participatifs', 'association'],
    territory: 'commune:59350',
    themes: [],
    joined: '2022-04-28',
  },
];

const requests = [
  {
    email: 'julien.carpentier@cc-pays-solesmois.example',
    name: 'Julien Carpentier',
    role: 'technicien',
    org: ['Communauté de communes du Pays Solesmois', 'epci'],
    territory: 'commune:59571',
    motivation: 'Nous lançons notre PCAET et voulons y associer les habitant·es dès le diagnostic.',
  },
  {
    email: 'ines.moreau@tiers-lieu-beauvais.example',
    name: 'Inès Moreau',
    role: 'salarie-associatif',
    org: ['Tiers-lieu La Fabrique de Beauvais', 'association'],
    territory: 'commune:60057',
    motivation: 'Partager nos retours sur les ateliers citoyens du tiers-lieu et rencontrer d’autres animateurs.',
  },
];

type Request = NetworkRequestsTable;

function requestOf(r: { email: string; name: string; role: string; org: string[]; territory: string; themes?: string[]; motivation?: string }, userId: string, at: string): Request {
  const t = territoryByCode(r.territory)!;
  return {
    id: newId(),
    user_id: userId,
    email: r.email,
    name: r.name,
    lang: 'fr',
    role: r.role,
    org_name: r.org[0]!,
    org_type: r.org[1]!,
    territory_code: t.code,
    territory_label: t.label,
    departement: t.departement,
    themes: JSON.stringify(r.themes ?? []),
    motivation: r.motivation ?? '',
    directory: 1,
    charter_text: CHARTER,
    // Confirmed by mail: what the animators see in their queue.
    status: 'pending',
    confirm_token_hash: null,
    created_at: at,
    confirm_sent_at: at,
    confirmed_at: at,
    decided_at: null,
    decided_by: null,
    decision_message: null,
  };
}

/**
 * Members of plausible organisations of Hauts-de-France (and the demo member), a few list threads,
 * two requests to approve. Members join the way real people do: a confirmed request, approved by
 * an animator through the service (dated in the past, its welcome mail not sent again).
 */
export async function loadNetworkDemo(platform: Platform, deps: NetworkDeps, service: Pick<NetworkService, 'decide'>): Promise<void> {
  const db = platform.db as Kysely<NetworkTables>;
  const animator = (await deps.accounts.listStaff())[0];
  if (!animator) throw new Error('the network demo needs an animator account (src/demo/demo.ts creates them first)');
  const joining = await transact(db, async (trx) => {
    const out: Array<{ requestId: string; userId: string; at: string }> = [];
    for (const m of members) {
      const at = parisToIso(m.joined, '10:00');
      const { id } = await deps.accounts.findOrCreateUserByEmail(trx, { email: m.email, name: m.name, lang: 'fr' });
      await deps.accounts.setMembership(trx, id, 'pending');
      const request = requestOf(m, id, at);
      await repo.insertRequest(trx, request);
      out.push({ requestId: request.id, userId: id, at });
    }
    return out;
  });
  const ids: string[] = [];
  for (const j of joining) {
    await service.decide(j.requestId, 'approve', '', animator, { at: j.at, notify: false });
    // Long-standing members have posted enough to be trusted: their posts skip moderation.
    await repo.updateMember(db, j.userId, { trusted: 1 });
    ids.push(j.userId);
  }

  await transact(db, async (trx) => {
    const threads = [
      {
        author: 0,
        at: '2022-05-02T09:00',
        title: 'Retour sur la rencontre de lancement du 28 avril à Lille',
        body: "Merci à toutes et tous pour cette première rencontre du réseau à Lille ! Les supports des ateliers sont dans l'espace ressources.\n\nProchaine rencontre à l'automne : n'hésitez pas à proposer des sujets en réponse à ce message.",
        replies: [
          { author: 2, at: '2022-05-03T18:20', body: 'Merci pour cette belle journée. Proposition de sujet : comment associer les habitant·es qui ne viennent jamais aux réunions publiques ?' },
        ],
      },
      {
        author: 1,
        at: '2023-03-14T11:00',
        title: 'Recherche retours d’expérience : budget participatif climat',
        body: 'La MEL prépare un budget participatif dédié aux projets climat. Qui a déjà mené ce type de démarche ? Nous cherchons des règlements et des bilans.',
        replies: [{ author: 3, at: '2023-03-15T08:45', body: 'À Saint-Quentin, nous avons un bilan de notre première édition : je vous le transmets volontiers.' }],
      },
      {
        author: 4,
        at: '2024-03-01T14:00',
        title: 'Voyage apprenant du 25 au 28 mars : covoiturage depuis l’Oise',
        body: 'Pour les membres inscrits au voyage apprenant, je propose deux places au départ de Beauvais.',
        replies: [],
      },
    ];
    for (const th of threads) {
      const at = parisToIso(th.at.slice(0, 10), th.at.slice(11));
      const id = newId();
      const last = th.replies.length ? parisToIso(th.replies.at(-1)!.at.slice(0, 10), th.replies.at(-1)!.at.slice(11)) : at;
      await repo.insertPost(trx, {
        id,
        thread_id: id,
        author_id: ids[th.author]!,
        author_name: members[th.author]!.name,
        title: th.title,
        body: th.body,
        links: '[]',
        status: 'published',
        source: 'web',
        created_at: at,
        published_at: at,
        last_activity_at: last,
      });
      for (const r of th.replies) {
        const rat = parisToIso(r.at.slice(0, 10), r.at.slice(11));
        await repo.insertPost(trx, {
          id: newId(),
          thread_id: id,
          author_id: ids[r.author]!,
          author_name: members[r.author]!.name,
          title: `Re: ${th.title}`,
          body: r.body,
          links: '[]',
          status: 'published',
          source: 'web',
          created_at: rat,
          published_at: rat,
          last_activity_at: rat,
        });
      }
    }

    for (const r of requests) {
      const { id } = await deps.accounts.findOrCreateUserByEmail(trx, { email: r.email, name: r.name, lang: 'fr' });
      await deps.accounts.setMembership(trx, id, 'pending');
      await repo.insertRequest(trx, requestOf(r, id, new Date(Date.now() - 2 * 86400_000).toISOString()));
    }
  });
}
