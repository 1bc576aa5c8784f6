import type { Kysely } from 'kysely';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { nowIso } from '../platform/db/ids.ts';
import * as repo from './forum.repo.ts';
import type { Forum } from './forum.context.ts';
import type { ForumTables } from './forum.tables.ts';

type Catalog = Pick<CatalogService, 'upsert'>;

/** The forum's entries in the site-wide catalogue: the day itself, then its action plan once closed. */
export async function publishForum(catalog: Catalog, trx: Kysely<ForumTables>, forum: Forum) {
  const themes = await repo.listThemes(trx, forum.id);
  await catalog.upsert(trx, {
    kind: 'forum',
    id: forum.id,
    url: `/forums/${forum.slug}`,
    title: forum.title,
    summary: forum.question,
    body: [forum.question, forum.place, ...themes.map((t) => `${t.title}. ${t.description}`)].join('\n'),
    themes: JSON.parse(forum.themes_json) as string[],
    territory: null,
    format: null,
    membersOnly: false,
    publishedAt: forum.created_at,
    updatedAt: nowIso(),
    startsAt: forum.starts_on,
  });
}

export async function publishActions(catalog: Catalog, trx: Kysely<ForumTables>, forum: Forum) {
  const actions = await repo.listActions(trx, forum.id);
  for (const a of actions) {
    await catalog.upsert(trx, {
      kind: 'action',
      id: a.id,
      url: `/forums/${forum.slug}#action-${a.id}`,
      title: a.title,
      summary: [a.carrier, a.partners, a.due].filter(Boolean).join(' · '),
      body: `${a.title}\n${a.theme_title}\n${a.carrier}\n${a.partners}`,
      themes: JSON.parse(forum.themes_json) as string[],
      territory: null,
      format: null,
      membersOnly: false,
      publishedAt: a.created_at,
      updatedAt: a.updated_at,
      startsAt: null,
    });
  }
}

/** The proceedings PDF as a document of the catalogue. */
export async function publishProceedingsDocument(catalog: Catalog, trx: Kysely<ForumTables>, forum: Forum, doc: { url: string; title: string; body: string; publishedAt: string; updatedAt: string }) {
  await catalog.upsert(trx, {
    kind: 'document',
    id: `forum-proceedings-${forum.id}`,
    url: doc.url,
    title: doc.title,
    summary: forum.question,
    body: doc.body,
    themes: JSON.parse(forum.themes_json) as string[],
    territory: null,
    format: 'PDF',
    membersOnly: false,
    publishedAt: doc.publishedAt,
    updatedAt: doc.updatedAt,
    startsAt: null,
  });
}
