/** The public follow-up of funded projects: list with filters, map points, project page, GeoJSON open data. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import * as repo from './initiatives.committee.repo.ts';
import { FUNDED } from './initiatives.model.ts';
import { communeCentre } from './initiatives.public.places.ts';
import { projectUrl } from './initiatives.public.publish.ts';
import type { ApplicationState } from './initiatives.tables.ts';
import { communeName } from './initiatives.territories.ts';

export interface ProjectFilters {
  call: string;
  year: string;
  theme: string;
  commune: string;
}

export interface ProjectCard {
  id: string;
  url: string;
  reference: string;
  title: string;
  summary: string;
  holderName: string;
  state: ApplicationState;
  amount: number;
  year: string;
  callSlug: string;
  callTitle: string;
  themes: string[];
  communeCode: string | null;
  commune: string;
  neighbourhood: string;
  /** [longitude, latitude] of the commune's centre: never an address. */
  point: readonly [number, number] | null;
}

const publicProjects = (db: Kysely<Database>) =>
  db
    .selectFrom('initiative_applications as a')
    .innerJoin('initiative_calls as c', 'c.id', 'a.call_id')
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.summary',
      'a.holder_name',
      'a.state',
      'a.granted_cents',
      'a.decided_at',
      'a.themes',
      'a.commune_code',
      'a.neighbourhood',
      'a.longitude',
      'a.latitude',
      'a.starts_on',
      'a.ends_on',
      'c.slug as call_slug',
      'c.title as call_title',
    ])
    .where('a.public', '=', 1)
    .where('a.state', 'in', FUNDED)
    .where('c.status', '!=', 'draft');

type Row = Awaited<ReturnType<ReturnType<typeof publicProjects>['execute']>>[number];

function card(r: Row): ProjectCard {
  const point = r.longitude !== null && r.latitude !== null ? ([r.longitude, r.latitude] as const) : communeCentre(r.commune_code);
  return {
    id: r.id,
    url: projectUrl(r),
    reference: r.reference,
    title: r.title,
    summary: r.summary,
    holderName: r.holder_name,
    state: r.state,
    amount: r.granted_cents ?? 0,
    year: (r.decided_at ?? '').slice(0, 4),
    callSlug: r.call_slug,
    callTitle: r.call_title,
    themes: JSON.parse(r.themes) as string[],
    communeCode: r.commune_code,
    commune: communeName(r.commune_code),
    neighbourhood: r.neighbourhood,
    point,
  };
}

export function createPublicFollowUp(ctx: FollowUpContext) {
  const { db } = ctx;
  const api = {
    /** Funded projects whose holders agreed to publication, filtered; with the choices of each filter. */
    async projects(f: ProjectFilters) {
      const all = (await publicProjects(db).orderBy('a.decided_at', 'desc').orderBy('a.reference').execute()).map(card);
      const list = all.filter((p) => (!f.call || p.callSlug === f.call) && (!f.year || p.year === f.year) && (!f.theme || p.themes.includes(f.theme)) && (!f.commune || p.communeCode === f.commune));
      const uniq = <T>(xs: T[]) => [...new Set(xs)];
      return {
        projects: list,
        choices: {
          calls: uniq(all.map((p) => `${p.callSlug}\u0000${p.callTitle}`)).map((s) => {
            const [slug, title] = s.split('\u0000');
            return { slug, title };
          }),
          years: uniq(all.map((p) => p.year))
            .filter(Boolean)
            .sort()
            .reverse(),
          themes: uniq(all.flatMap((p) => p.themes)).sort(),
          communes: uniq(all.filter((p) => p.communeCode).map((p) => p.communeCode!))
            .map((code) => ({ code, name: communeName(code) }))
            .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
        },
      };
    },

    /** One public project: its card, dates, the timeline of public steps, tranches paid, and the holder's published reports. */
    async project(id: string) {
      const row = await publicProjects(db).where('a.id', '=', id).executeTakeFirst();
      if (!row) return null;
      const [photos, history, tranches, reports] = await Promise.all([
        repo.publicPhotos(db, id),
        db.selectFrom('initiative_history').select(['at', 'to_state']).where('application_id', '=', id).orderBy('at').execute(),
        db.selectFrom('initiative_tranches').select(['position', 'amount_cents', 'status', 'paid_on']).where('application_id', '=', id).orderBy('position').execute(),
        db
          .selectFrom('initiative_reports')
          .select(['kind', 'what_happened', 'participants', 'self_evaluation', 'submitted_at'])
          .where('application_id', '=', id)
          .where('published', '=', 1)
          .where('status', '!=', 'draft')
          .execute(),
      ]);
      // The public sees the steps since the file was submitted, never the admissibility's back and forth.
      const steps = history.filter((h) => ['submitted', 'granted', 'in_progress', 'completed'].includes(h.to_state));
      return { ...card(row), startsOn: row.starts_on, endsOn: row.ends_on, steps, tranches, reports, photos };
    },

    /** A published, consented photo of a public project's report (null otherwise: 404). */
    async photo(applicationId: string, attachmentId: string) {
      if (!(await publicProjects(db).where('a.id', '=', applicationId).executeTakeFirst())) return null;
      const row = await repo.publicPhoto(db, applicationId, attachmentId);
      if (!row) return null;
      const stored = await ctx.platform.storage.get(row.file_key);
      return stored ? { ...row, stored } : null;
    },

    /** RFC 7946 FeatureCollection: one point per project at its commune's centre (null geometry when unknown). */
    async geojson(f: ProjectFilters) {
      const { projects } = await api.projects(f);
      return {
        type: 'FeatureCollection' as const,
        features: projects.map((p) => ({
          type: 'Feature' as const,
          id: p.id,
          geometry: p.point ? { type: 'Point' as const, coordinates: [p.point[0], p.point[1]] } : null,
          properties: {
            reference: p.reference,
            title: p.title,
            url: `${ctx.base}${p.url}`,
            holder: p.holderName,
            call: p.callTitle,
            year: p.year,
            amount_eur: p.amount / 100,
            status: p.state,
            themes: p.themes,
            commune: p.commune,
            commune_insee: p.communeCode,
            neighbourhood: p.neighbourhood || null,
          },
        })),
      };
    },
  };
  return api;
}
export type PublicFollowUp = ReturnType<typeof createPublicFollowUp>;
