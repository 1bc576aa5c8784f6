/** A funded project in the site-wide catalogue (search, theme pages) when its holder agreed to publication; removed otherwise. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { FUNDED } from './initiatives.model.ts';
import type { InitiativeApplicationsTable, InitiativeCallsTable } from './initiatives.tables.ts';
import { communeName } from './initiatives.territories.ts';

export const projectUrl = (app: Pick<InitiativeApplicationsTable, 'id'>) => `/initiatives/projets/${app.id}`;

/** Public means granted (or later), agreed by the holder, in a call that is not a draft. */
export const isPublicProject = (app: Pick<InitiativeApplicationsTable, 'state' | 'public'>) => app.public === 1 && FUNDED.includes(app.state);

export async function publishProject(ctx: FollowUpContext, trx: Kysely<Database>, app: InitiativeApplicationsTable, call: InitiativeCallsTable) {
  if (!isPublicProject(app) || call.status === 'draft') return ctx.deps.catalog.remove(trx, 'initiative', app.id);
  const commune = communeName(app.commune_code);
  await ctx.deps.catalog.upsert(trx, {
    kind: 'initiative',
    id: app.id,
    url: projectUrl(app),
    title: app.title,
    summary: app.summary,
    // The place in words stays private: only the commune and the neighbourhood are indexed.
    body: [app.holder_name, app.audience, call.title, commune, app.neighbourhood].filter(Boolean).join('\n'),
    themes: JSON.parse(app.themes) as string[],
    territory: [commune, app.neighbourhood].filter(Boolean).join(', ') || null,
    format: null,
    membersOnly: false,
    publishedAt: app.decided_at ?? app.updated_at,
    updatedAt: app.updated_at,
    startsAt: null,
  });
}
