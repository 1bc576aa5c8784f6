/** The public follow-up: funded projects with filters (a plain GET form), an SVG map with its list equivalent, and each project's page. */
import { formatDate } from '../platform/format.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Field } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { ProjectCard, ProjectFilters, PublicFollowUp } from './initiatives.public.ts';
import { project } from './initiatives.public.places.ts';
import { euros, Paragraphs, StateBadge } from './initiatives.ui.tsx';

export type ProjectsVM = Awaited<ReturnType<PublicFollowUp['projects']>> & { filters: ProjectFilters; themeNames: Map<string, string>; query: string };
export type ProjectVM = NonNullable<Awaited<ReturnType<PublicFollowUp['project']>>> & { themeNames: Map<string, string> };

const MAP_WIDTH = 480;

/**
 * Points at the communes' centres on a projected frame of the region (no tiles: the site makes no
 * request elsewhere). Decorative for screen readers: the list of communes under it says the same.
 */
export function ProjectsMap({ ctx, projects }: { ctx: ViewContext; projects: ProjectCard[] }) {
  const byCommune = new Map<string, { name: string; x: number; y: number; count: number }>();
  let height = 0;
  for (const p of projects) {
    if (!p.point || !p.communeCode) continue;
    const { x, y, height: h } = project(p.point[0], p.point[1], MAP_WIDTH);
    height = h;
    const c = byCommune.get(p.communeCode) ?? { name: p.commune, x, y, count: 0 };
    c.count++;
    byCommune.set(p.communeCode, c);
  }
  if (byCommune.size === 0) return null;
  const points = [...byCommune.values()];
  return (
    <figure class="initiatives-map">
      <svg viewBox={`-10 -10 ${MAP_WIDTH + 20} ${height + 20}`} width="100%" role="img" aria-labelledby="projects-map-title" focusable="false">
        <title id="projects-map-title">{ctx.t('initiatives.projects.mapTitle', { count: projects.length })}</title>
        <rect x="0" y="0" width={MAP_WIDTH} height={height} fill="#f4f7f5" stroke="#8a9a90" stroke-dasharray="4 4" rx="8" />
        {points.map((c) => (
          <g>
            <circle cx={c.x} cy={c.y} r={4 + Math.min(8, c.count * 1.5)} fill="#1f6f43" fill-opacity="0.8" stroke="#fff" />
            <text x={c.x + 10} y={c.y + 4} font-size="13" fill="#1b1f23">
              {c.name} ({c.count})
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <details>
          <summary>{ctx.t('initiatives.projects.mapList')}</summary>
          <ul>
            {points
              .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
              .map((c) => (
                <li>{ctx.t('initiatives.projects.inCommune', { commune: c.name, count: c.count })}</li>
              ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}

export function ProjectsPage({ ctx, vm }: { ctx: ViewContext; vm: ProjectsVM }) {
  const f = vm.filters;
  const select = (name: string, label: string, value: string, options: Array<{ value: string; label: string }>) => (
    <Field ctx={ctx} name={name} label={label}>
      {(attrs) => (
        <select {...attrs}>
          <option value="">{ctx.t('initiatives.projects.all')}</option>
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.projects.title'), description: ctx.t('initiatives.projects.lead'), canonical: '/initiatives/projets' }}>
      <p class="breadcrumb">
        <a href="/initiatives">{ctx.t('initiatives.title')}</a>
      </p>
      <h1>{ctx.t('initiatives.projects.title')}</h1>
      <p>{ctx.t('initiatives.projects.lead')}</p>
      <form method="get" action="/initiatives/projets" class="agenda-filters">
        {select(
          'appel',
          ctx.t('initiatives.projects.call'),
          f.call,
          vm.choices.calls.map((c) => ({ value: c.slug, label: c.title })),
        )}
        {select(
          'annee',
          ctx.t('initiatives.projects.year'),
          f.year,
          vm.choices.years.map((y) => ({ value: y, label: y })),
        )}
        {select(
          'thematique',
          ctx.t('initiatives.projects.theme'),
          f.theme,
          vm.choices.themes.map((t) => ({ value: t, label: vm.themeNames.get(t) ?? t })),
        )}
        {select(
          'commune',
          ctx.t('initiatives.projects.commune'),
          f.commune,
          vm.choices.communes.map((c) => ({ value: c.code, label: c.name })),
        )}
        <p class="actions">
          <button type="submit" class="button button-secondary">
            {ctx.t('initiatives.projects.filter')}
          </button>
        </p>
      </form>
      <p role="status">{ctx.t('initiatives.projects.count', { count: vm.projects.length })}</p>
      <ProjectsMap ctx={ctx} projects={vm.projects} />
      <ul class="initiatives-projects">
        {vm.projects.map((p) => (
          <li>
            <h2>
              <a href={p.url}>{p.title}</a>
            </h2>
            <p>
              <StateBadge ctx={ctx} state={p.state} /> {euros(ctx, p.amount)} · {[p.commune, p.neighbourhood].filter(Boolean).join(', ')} · {p.callTitle} ({p.year})
            </p>
            <p>{p.summary}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/initiatives/projets.geojson${vm.query}`} type="application/geo+json">
          {ctx.t('initiatives.projects.openData')}
        </a>
      </p>
    </Layout>
  );
}

export function ProjectPage({ ctx, vm }: { ctx: ViewContext; vm: ProjectVM }) {
  const day = (d: string | null) => (d ? formatDate(`${d.slice(0, 10)}T12:00:00Z`, ctx.lang) : '');
  return (
    <Layout ctx={ctx} meta={{ title: vm.title, description: vm.summary, canonical: vm.url }}>
      <p class="breadcrumb">
        <a href="/initiatives/projets">{ctx.t('initiatives.projects.title')}</a>
      </p>
      <h1>{vm.title}</h1>
      <p>
        <StateBadge ctx={ctx} state={vm.state} />
      </p>
      <p>{vm.summary}</p>
      <dl class="facts">
        <dt>{ctx.t('initiatives.projects.holder')}</dt>
        <dd>{vm.holderName}</dd>
        <dt>{ctx.t('initiatives.projects.amount')}</dt>
        <dd>{euros(ctx, vm.amount)}</dd>
        <dt>{ctx.t('initiatives.projects.where')}</dt>
        <dd>{[vm.commune, vm.neighbourhood].filter(Boolean).join(', ')}</dd>
        <dt>{ctx.t('initiatives.projects.call')}</dt>
        <dd>
          <a href={`/initiatives/${vm.callSlug}`}>{vm.callTitle}</a>
        </dd>
        {vm.themes.length > 0 && (
          <>
            <dt>{ctx.t('initiatives.projects.theme')}</dt>
            <dd>{vm.themes.map((t) => vm.themeNames.get(t) ?? t).join(', ')}</dd>
          </>
        )}
        {vm.startsOn && (
          <>
            <dt>{ctx.t('initiatives.projects.when')}</dt>
            <dd>{[day(vm.startsOn), day(vm.endsOn)].filter(Boolean).join(' – ')}</dd>
          </>
        )}
      </dl>
      <h2>{ctx.t('initiatives.projects.timeline')}</h2>
      <ol>
        {vm.steps.map((s) => (
          <li>
            {day(s.at)} : {ctx.t(`initiatives.state.${s.to_state}`)}
          </li>
        ))}
        {vm.tranches
          .filter((t) => t.status === 'paid')
          .map((t) => (
            <li>
              {day(t.paid_on)} : {ctx.t('initiatives.projects.tranchePaid', { position: t.position, amount: euros(ctx, t.amount_cents) })}
            </li>
          ))}
      </ol>
      {vm.photos.length > 0 && (
        <ul class="initiatives-photos">
          {vm.photos.map((ph) => (
            <li>
              <img src={`${vm.url}/photos/${ph.id}`} alt={ph.alt} loading="lazy" width="320" />
            </li>
          ))}
        </ul>
      )}
      {vm.reports.map((r) => (
        <section aria-labelledby={`report-${r.kind}`}>
          <h2 id={`report-${r.kind}`}>{ctx.t(`initiatives.report.kind.${r.kind}`)}</h2>
          <Paragraphs text={r.what_happened} />
          {r.participants !== null && <p>{ctx.t('initiatives.report.participantsCount', { count: r.participants })}</p>}
          {r.self_evaluation && (
            <>
              <h3>{ctx.t('initiatives.report.selfEvaluation')}</h3>
              <Paragraphs text={r.self_evaluation} />
            </>
          )}
        </section>
      ))}
    </Layout>
  );
}
