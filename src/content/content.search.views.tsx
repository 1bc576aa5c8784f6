/** Theme pages and the search page. */
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Pagination } from '../platform/layout/pagination.tsx';
import { Card as PlatformCard, CardGrid } from '../platform/layout/card.tsx';
import { CatalogCard as Card, Cards, ThemeTags, BOOKMARK_SCRIPT, type ThemeVM, type CardVM } from '../catalog/catalog.views.tsx';

export function ThemesIndexPage({ ctx, themes }: { ctx: ViewContext; themes: Array<ThemeVM & { description: string }> }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('content.themes.title'), canonical: '/thematiques' }}>
      <h1>{ctx.t('content.themes.title')}</h1>
      <p class="lead">{ctx.t('content.themes.lead')}</p>
      <CardGrid>
        {themes.map((t) => (
          <PlatformCard href={`/thematiques/${t.slug}`} title={t.name} headingLevel={2}>
            {t.description && <p>{t.description}</p>}
          </PlatformCard>
        ))}
      </CardGrid>
    </Layout>
  );
}

export function ThemePage(props: { ctx: ViewContext; theme: ThemeVM & { description: string }; cards: CardVM[]; page: number; pages: number; total: number }) {
  const { ctx, theme } = props;
  const feed = `/flux/thematiques/${theme.slug}.xml`;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: theme.name,
        description: theme.description || undefined,
        canonical: `/thematiques/${theme.slug}`,
        scripts: [BOOKMARK_SCRIPT],
        head: <link rel="alternate" type="application/atom+xml" title={ctx.t('content.feed.theme', { theme: theme.name, site: ctx.siteName })} href={feed} />,
      }}
    >
      <p class="card-kind">{ctx.t('content.themes.title')}</p>
      <h1>{theme.name}</h1>
      {theme.description && <p class="lead">{theme.description}</p>}
      <p>
        {ctx.t('content.theme.count', { count: props.total })} · <a href={feed}>{ctx.t('content.theme.feed')}</a>
      </p>
      {props.cards.length ? <Cards ctx={ctx} cards={props.cards} headingLevel={2} /> : <p>{ctx.t('content.list.empty')}</p>}
      <Pagination ctx={ctx} page={props.page} pages={props.pages} href={(p) => `/thematiques/${theme.slug}?page=${p}`} />
    </Layout>
  );
}

// Search

export interface FacetVM {
  name: string;
  labelKey: string;
  active: { value: string; label: string } | null;
  removeHref: string;
  options: Array<{ value: string; label: string; count: number; href: string }>;
}

export interface SearchVM {
  q: string;
  total: number;
  /** More matches than the search reads: the count reads "plus de", the facets count the window. */
  capped: boolean;
  cards: CardVM[];
  facets: FacetVM[];
  page: number;
  pages: number;
  pageHref: (page: number) => string;
  sort: 'pertinence' | 'date';
  sortHref: (sort: string) => string;
  searched: boolean;
  /** Nothing matched what was typed: the results are those of this corrected query. */
  suggestion: { q: string; href: string } | null;
  themes: ThemeVM[];
  hidden: Record<string, string>;
}

export function SearchPage({ ctx, vm }: { ctx: ViewContext; vm: SearchVM }) {
  const title = vm.searched ? ctx.t('content.search.resultsTitle', { q: vm.q.slice(0, 80) }) : ctx.t('content.search.title');
  return (
    <Layout ctx={ctx} meta={{ title, canonical: '/recherche', scripts: [BOOKMARK_SCRIPT], head: <meta name="robots" content="noindex" /> }}>
      <h1>{title}</h1>
      <form method="get" action="/recherche" role="search" class="search-form">
        <label for="search-q">{ctx.t('content.search.label')}</label>
        <span class="hint" id="search-hint">
          {ctx.t('content.search.hint')}
        </span>
        <div class="filter-row">
          <input id="search-q" type="search" name="q" value={vm.q} aria-describedby="search-hint" maxLength={500} />
          {Object.entries(vm.hidden).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <button type="submit">{ctx.t('content.search.button')}</button>
        </div>
      </form>
      {!vm.searched && <p>{ctx.t('content.search.empty')}</p>}
      {vm.searched && (
        <div class="search-layout">
          {vm.facets.length > 0 && (
            <aside class="facets" aria-labelledby="facets-title">
              <h2 id="facets-title">{ctx.t('content.search.filters')}</h2>
              {vm.facets.map((f) => (
                <section class="facet" aria-labelledby={`facet-${f.name}`}>
                  <h3 id={`facet-${f.name}`}>{ctx.t(f.labelKey)}</h3>
                  {f.active ? (
                    <p>
                      <strong>{f.active.label}</strong>{' '}
                      <a href={f.removeHref} aria-label={ctx.t('content.search.removeFilter', { value: f.active.label })}>
                        ✕
                      </a>
                    </p>
                  ) : (
                    <ul class="plain-list">
                      {f.options.map((o) => (
                        <li>
                          <a href={o.href}>
                            {o.label} <span class="muted">({o.count})</span>
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </aside>
          )}
          <section class="results" aria-labelledby="results-count">
            {vm.suggestion && (
              <p class="did-you-mean lead">
                {ctx.t('content.search.none', { q: vm.q.slice(0, 80) })} {ctx.t('content.search.didYouMean')} <a href={vm.suggestion.href}>{vm.suggestion.q.slice(0, 80)}</a>
                {ctx.t('content.search.didYouMeanEnd')} {ctx.t('content.search.suggestionResults', { q: vm.suggestion.q.slice(0, 80) })}
              </p>
            )}
            <h2 id="results-count">
              {vm.capped
                ? ctx.t('content.search.countMore', { count: vm.total.toLocaleString(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB') })
                : vm.total === 1
                  ? ctx.t('content.search.countOne')
                  : ctx.t('content.search.count', { count: vm.total })}
            </h2>
            {vm.capped && <p class="hint">{ctx.t('content.search.capped', { count: vm.total.toLocaleString(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB') })}</p>}
            {vm.total > 0 && (
              <p class="small">
                {ctx.t('content.search.sort')}{' '}
                {vm.sort === 'pertinence' ? <strong>{ctx.t('content.search.sort.relevance')}</strong> : <a href={vm.sortHref('pertinence')}>{ctx.t('content.search.sort.relevance')}</a>} ·{' '}
                {vm.sort === 'date' ? <strong>{ctx.t('content.search.sort.date')}</strong> : <a href={vm.sortHref('date')}>{ctx.t('content.search.sort.date')}</a>}
              </p>
            )}
            {vm.total === 0 ? (
              <div class="empty-results">
                <p class="lead">{ctx.t('content.search.none', { q: vm.q.slice(0, 80) })}</p>
                <p>{ctx.t('content.search.tips')}</p>
                <ul>
                  <li>{ctx.t('content.search.tip1')}</li>
                  <li>{ctx.t('content.search.tip2')}</li>
                  <li>{ctx.t('content.search.tip3')}</li>
                </ul>
                <ThemeTags themes={vm.themes} />
              </div>
            ) : (
              <CardGrid ordered class="search-results">
                {vm.cards.map((c) => (
                  <Card ctx={ctx} card={c} />
                ))}
              </CardGrid>
            )}
            <Pagination ctx={ctx} page={vm.page} pages={vm.pages} href={vm.pageHref} />
          </section>
        </div>
      )}
    </Layout>
  );
}

// Home and account sections
