import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatDateTime, formatSize } from '../platform/format.ts';
import type { Segment } from '../catalog/catalog.query.ts';

export const BOOKMARK_SCRIPT = '/static/content/bookmarks.js';

export interface ThemeVM {
  slug: string;
  name: string;
}

/** A card, like the seeds' "contenus similaires" blocks. */
export interface CardVM {
  kind: string;
  id: string;
  url: string;
  title: string;
  summary: string;
  date: { key: 'content.publishedOn' | 'content.updatedOn' | 'content.startsOn'; iso: string };
  /** The item is members-only (always marked). */
  membersOnly: boolean;
  /** The reader cannot open it: no link to a file, no body. */
  locked: boolean;
  format: string | null;
  themes: ThemeVM[];
  /** null for an anonymous visitor: the button leads to sign-in. */
  saved: boolean | null;
  excerpt?: Segment[];
  /** For a document found by search: its parent's title. */
  parentTitle?: string;
}

export function Excerpt({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

/** "Enregistrer": a real form (works without JavaScript); the script toggles it in place. */
export function BookmarkButton({ ctx, kind, id, title, saved }: { ctx: ViewContext; kind: string; id: string; title: string; saved: boolean | null }) {
  const on = saved === true;
  return (
    <form method="post" action="/favoris" class="bookmark-form" data-bookmark="">
      <input type="hidden" name="_csrf" value={ctx.user ? ctx.csrf() : ''} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="retour" value={ctx.path} />
      <input type="hidden" name="action" value={on ? 'remove' : 'save'} />
      <button
        type="submit"
        class={`button-small bookmark-button${on ? ' is-saved' : ''}`}
        aria-pressed={on ? 'true' : 'false'}
        aria-label={ctx.t(on ? 'content.bookmark.savedLabel' : 'content.bookmark.saveLabel', { title })}
        data-label-save={ctx.t('content.bookmark.saveLabel', { title })}
        data-label-saved={ctx.t('content.bookmark.savedLabel', { title })}
        data-text-save={ctx.t('content.bookmark.save')}
        data-text-saved={ctx.t('content.bookmark.saved')}
      >
        {ctx.t(on ? 'content.bookmark.saved' : 'content.bookmark.save')}
      </button>
    </form>
  );
}

export function MembersBadge({ ctx }: { ctx: ViewContext }) {
  return <span class="badge badge-members">{ctx.t('content.members.mark')}</span>;
}

export function Card({ ctx, card, headingLevel = 3 }: { ctx: ViewContext; card: CardVM; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card content-card">
      <p class="card-kind">
        {ctx.t(`content.kind.${card.kind}`) === `content.kind.${card.kind}` ? card.kind : ctx.t(`content.kind.${card.kind}`)}
        {card.format && <span class="badge card-format">{card.format}</span>}
      </p>
      <H>
        <a href={card.url}>{card.title}</a>
      </H>
      {card.parentTitle && <p class="small muted">{card.parentTitle}</p>}
      <p class="card-date">{ctx.t(card.date.key, { date: formatDate(card.date.iso, ctx.lang) })}</p>
      {card.membersOnly && (
        <p>
          <MembersBadge ctx={ctx} />
        </p>
      )}
      {card.excerpt?.length ? (
        <p class="excerpt">
          <Excerpt segments={card.excerpt} />
        </p>
      ) : (
        card.summary && <p class="card-summary">{card.summary}</p>
      )}
      <div class="card-actions">
        <BookmarkButton ctx={ctx} kind={card.kind} id={card.id} title={card.title} saved={card.saved} />
      </div>
    </li>
  );
}

export function Cards({ ctx, cards, headingLevel }: { ctx: ViewContext; cards: CardVM[]; headingLevel?: 2 | 3 }) {
  return (
    <ul class="cards">
      {cards.map((c) => (
        <Card ctx={ctx} card={c} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

export function Pagination({ ctx, page, pages, href }: { ctx: ViewContext; page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('content.pagination.label')}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {ctx.t('content.pagination.previous')}
        </a>
      )}
      <span aria-current="page">{ctx.t('content.pagination.status', { page, pages })}</span>
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {ctx.t('content.pagination.next')}
        </a>
      )}
    </nav>
  );
}

export function MembersNotice({ ctx }: { ctx: ViewContext }) {
  const pending = ctx.user?.membership === 'pending';
  return (
    <div class="notice notice-members" role="note">
      <p>
        <strong>{ctx.t('content.members.mark')}</strong>
      </p>
      <p>{ctx.t(pending ? 'content.members.pending' : 'content.members.text')}</p>
      {!pending && (
        <p class="actions">
          {!ctx.user && (
            <a class="button" href={`/connexion?suivant=${encodeURIComponent(ctx.path)}`}>
              {ctx.t('content.members.signIn')}
            </a>
          )}
          <a class="button button-secondary" href="/reseau/adhesion">
            {ctx.t('content.members.join')}
          </a>
        </p>
      )}
    </div>
  );
}

// Lists

export function ListPage(props: {
  ctx: ViewContext;
  title: string;
  lead: string;
  canonical: string;
  cards: CardVM[];
  page: number;
  pages: number;
  href: (page: number) => string;
  filters?: ComponentChildren;
  feed?: { href: string; label: string };
}) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: props.title,
        description: props.lead,
        canonical: props.canonical,
        scripts: [BOOKMARK_SCRIPT],
        head: props.feed && <link rel="alternate" type="application/atom+xml" title={props.feed.label} href={props.feed.href} />,
      }}
    >
      <h1>{props.title}</h1>
      <p class="lead">{props.lead}</p>
      {props.filters}
      {props.feed && (
        <p>
          <a href={props.feed.href}>{props.feed.label}</a>
        </p>
      )}
      {props.cards.length ? <Cards ctx={ctx} cards={props.cards} headingLevel={2} /> : <p>{ctx.t('content.list.empty')}</p>}
      <Pagination ctx={ctx} page={props.page} pages={props.pages} href={props.href} />
    </Layout>
  );
}

export function ResourceTypeFilter({ ctx, current, theme }: { ctx: ViewContext; current?: string; theme?: string }) {
  return (
    <form method="get" action="/ressources" class="filter-form">
      <label for="resource-type">{ctx.t('content.resources.filter')}</label>
      <div class="filter-row">
        <select id="resource-type" name="type">
          <option value="">{ctx.t('content.types.all')}</option>
          {['guide', 'fiche', 'retour', 'publication'].map((t) => (
            <option value={t} selected={current === t}>
              {ctx.t(`content.type.${t}`)}
            </option>
          ))}
        </select>
        {theme && <input type="hidden" name="theme" value={theme} />}
        <button type="submit">{ctx.t('content.resources.filterButton')}</button>
      </div>
    </form>
  );
}

// One item

export interface DocumentVM {
  id: string;
  title: string;
  format: string;
  size: number;
  url: string | null;
  membersOnly: boolean;
  version: number;
}

export interface ItemVM {
  kind: string;
  id: string;
  title: string;
  summary: string;
  /** Sanitised HTML; null when the reader may not see the body. */
  bodyHtml: string | null;
  typeKey: string | null;
  territory: string | null;
  authorOrg: string | null;
  publishedAt: string | null;
  updatedAt: string;
  status: string;
  publishAt: string | null;
  membersOnly: boolean;
  locked: boolean;
  themes: ThemeVM[];
  documents: DocumentVM[];
  related: CardVM[];
  saved: boolean | null;
  canonical: string;
  canEdit: boolean;
  editUrl: string;
}

function jsonLd(ctx: ViewContext, item: ItemVM): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': item.kind === 'news' ? 'NewsArticle' : item.kind === 'resource' ? 'CreativeWork' : 'WebPage',
    headline: item.title,
    description: item.summary,
    url: ctx.publicUrl + item.canonical,
    inLanguage: 'fr',
    datePublished: item.publishedAt ?? undefined,
    dateModified: item.updatedAt,
    isAccessibleForFree: !item.membersOnly,
    author: item.authorOrg ? { '@type': 'Organization', name: item.authorOrg } : undefined,
    publisher: { '@type': 'Organization', name: ctx.siteName },
    about: item.themes.map((t) => t.name),
  };
  // "<" is escaped so that no text can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function ItemPage({ ctx, item }: { ctx: ViewContext; item: ItemVM }) {
  const head = (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:title" content={item.title} />
      <meta property="og:description" content={item.summary} />
      <meta property="og:url" content={ctx.publicUrl + item.canonical} />
      <meta property="og:site_name" content={ctx.siteName} />
      <meta property="og:locale" content="fr_FR" />
      {item.publishedAt && <meta property="article:published_time" content={item.publishedAt} />}
      <meta property="article:modified_time" content={item.updatedAt} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(ctx, item) }} />
    </>
  );
  return (
    <Layout ctx={ctx} meta={{ title: item.title, description: item.summary, canonical: item.canonical, head, scripts: [BOOKMARK_SCRIPT] }}>
      <article class="content-item" aria-labelledby="item-title">
        <header class="item-header">
          <p class="card-kind">
            {ctx.t(`content.kind.${item.kind}`)}
            {item.typeKey && <> · {ctx.t(item.typeKey)}</>}
          </p>
          <h1 id="item-title">{item.title}</h1>
          {item.status !== 'published' && (
            <p class="notice">{item.publishAt ? ctx.t('content.status.scheduled', { date: formatDateTime(item.publishAt, ctx.lang) }) : ctx.t(`content.status.${item.status}`)}</p>
          )}
          <p class="item-dates muted">
            {item.publishedAt && <span>{ctx.t('content.publishedOn', { date: formatDate(item.publishedAt, ctx.lang) })}</span>}
            {item.publishedAt && item.updatedAt.slice(0, 10) !== item.publishedAt.slice(0, 10) && <span> · {ctx.t('content.updatedOn', { date: formatDate(item.updatedAt, ctx.lang) })}</span>}
          </p>
          {(item.territory || item.authorOrg) && (
            <p class="small muted">
              {item.territory && <span>{ctx.t('content.territory', { name: item.territory })}</span>}
              {item.territory && item.authorOrg && ' · '}
              {item.authorOrg && <span>{ctx.t('content.author', { name: item.authorOrg })}</span>}
            </p>
          )}
          {item.membersOnly && (
            <p>
              <MembersBadge ctx={ctx} />
            </p>
          )}
          <div class="item-tools">
            <BookmarkButton ctx={ctx} kind={item.kind} id={item.id} title={item.title} saved={item.saved} />
            {item.canEdit && (
              <a class="button button-secondary button-small" href={item.editUrl}>
                {ctx.t('content.admin.edit', { title: item.title })}
              </a>
            )}
          </div>
        </header>
        <p class="lead">{item.summary}</p>
        {item.locked ? <MembersNotice ctx={ctx} /> : item.bodyHtml && <div class="prose" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />}
        {item.documents.length > 0 && (
          <section aria-labelledby="documents-title" class="documents">
            <h2 id="documents-title">{ctx.t('content.documents.title')}</h2>
            <ul class="document-list">
              {item.documents.map((d) => (
                <li class="document" id={`document-${d.id}`}>
                  <h3>{d.title}</h3>
                  <p class="document-meta">
                    {ctx.t('content.document.format', { format: d.format })} · {ctx.t('content.document.size', { size: formatSize(d.size, ctx.lang) })}
                    {d.version > 1 && <span class="muted"> · {ctx.t('content.document.version', { version: d.version })}</span>}
                  </p>
                  {d.url ? (
                    <a class="button" href={d.url} aria-label={ctx.t('content.document.downloadLabel', { title: d.title, format: d.format, size: formatSize(d.size, ctx.lang) })}>
                      {ctx.t('content.document.download')}
                    </a>
                  ) : (
                    <MembersNotice ctx={ctx} />
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {item.themes.length > 0 && (
          <section aria-labelledby="themes-title">
            <h2 id="themes-title">{ctx.t('content.themes')}</h2>
            <ul class="tags">
              {item.themes.map((t) => (
                <li>
                  <a class="badge" href={`/thematiques/${t.slug}`}>
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
      {item.related.length > 0 && (
        <section aria-labelledby="related-title" class="related">
          <h2 id="related-title">{ctx.t('content.related.title')}</h2>
          <Cards ctx={ctx} cards={item.related} />
        </section>
      )}
    </Layout>
  );
}

// Themes

export function ThemesIndexPage({ ctx, themes }: { ctx: ViewContext; themes: Array<ThemeVM & { description: string }> }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('content.themes.title'), canonical: '/thematiques' }}>
      <h1>{ctx.t('content.themes.title')}</h1>
      <p class="lead">{ctx.t('content.themes.lead')}</p>
      <ul class="cards">
        {themes.map((t) => (
          <li class="card">
            <h2 class="card-title">
              <a href={`/thematiques/${t.slug}`}>{t.name}</a>
            </h2>
            {t.description && <p>{t.description}</p>}
          </li>
        ))}
      </ul>
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
                <ul class="tags">
                  {vm.themes.map((t) => (
                    <li>
                      <a class="badge" href={`/thematiques/${t.slug}`}>
                        {t.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <ol class="cards search-results">
                {vm.cards.map((c) => (
                  <Card ctx={ctx} card={c} />
                ))}
              </ol>
            )}
            <Pagination ctx={ctx} page={vm.page} pages={vm.pages} href={vm.pageHref} />
          </section>
        </div>
      )}
    </Layout>
  );
}

// Home and account sections

export function HomeCardsSection({ ctx, id, title, more, cards }: { ctx: ViewContext; id: string; title: string; more: { href: string; label: string }; cards: CardVM[] }) {
  if (!cards.length) return null;
  return (
    <section aria-labelledby={id} class="home-section">
      <div class="section-head">
        <h2 id={id}>{title}</h2>
        <a href={more.href}>{more.label}</a>
      </div>
      <Cards ctx={ctx} cards={cards} />
    </section>
  );
}

export function AccountBookmarksSection({ ctx, cards, total }: { ctx: ViewContext; cards: CardVM[]; total: number }) {
  return (
    <section aria-labelledby="account-bookmarks" class="account-section">
      <h2 id="account-bookmarks">{ctx.t('content.bookmarks.title')}</h2>
      {cards.length === 0 ? <p>{ctx.t('content.bookmarks.empty')}</p> : <Cards ctx={ctx} cards={cards} />}
      {total > cards.length && <p>{ctx.t('content.account.more', { count: total - cards.length })}</p>}
      <p>
        <a href="/favoris">{ctx.t('content.bookmarks.all')}</a>
      </p>
    </section>
  );
}

export interface CollectionVM {
  id: string;
  name: string;
  shareUrl: string;
  cards: CardVM[];
}

export function BookmarksPage({ ctx, loose, collections, nameError, nameValue }: { ctx: ViewContext; loose: CardVM[]; collections: CollectionVM[]; nameError?: string; nameValue?: string }) {
  const empty = loose.length === 0 && collections.every((c) => c.cards.length === 0);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('content.bookmarks.title'), scripts: [BOOKMARK_SCRIPT] }}>
      <h1>{ctx.t('content.bookmarks.title')}</h1>
      {empty && <p>{ctx.t('content.bookmarks.empty')}</p>}
      {loose.length > 0 && <BookmarkCards ctx={ctx} cards={loose} collections={collections} />}
      <h2>{ctx.t('content.bookmarks.collections')}</h2>
      {collections.map((c) => (
        <section aria-labelledby={`collection-${c.id}`} class="collection">
          <h3 id={`collection-${c.id}`}>{c.name}</h3>
          <p class="small">
            {ctx.t('content.bookmarks.shareLink')} : <a href={c.shareUrl}>{ctx.publicUrl + c.shareUrl}</a>
            <span class="hint">{ctx.t('content.bookmarks.shareHint')}</span>
          </p>
          {c.cards.length > 0 && <BookmarkCards ctx={ctx} cards={c.cards} collections={collections} />}
          <form method="post" action={`/favoris/collections/${c.id}/supprimer`}>
            <input type="hidden" name="_csrf" value={ctx.csrf()} />
            <button type="submit" class="button-small button-secondary">
              {ctx.t('content.bookmarks.deleteCollection', { name: c.name })}
            </button>
          </form>
        </section>
      ))}
      <form method="post" action="/favoris/collections" class="form-card" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <div class="field">
          <label for="collection-name">{ctx.t('content.bookmarks.collectionName')}</label>
          {nameError && (
            <span class="field-error" id="collection-name-error">
              {nameError}
            </span>
          )}
          <input
            id="collection-name"
            type="text"
            name="name"
            value={nameValue ?? ''}
            maxLength={80}
            required
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={nameError ? 'collection-name-error' : undefined}
          />
        </div>
        <button type="submit">{ctx.t('content.bookmarks.createCollection')}</button>
      </form>
    </Layout>
  );
}

function BookmarkCards({ ctx, cards, collections }: { ctx: ViewContext; cards: CardVM[]; collections: CollectionVM[] }) {
  return (
    <ul class="cards">
      {cards.map((c) => (
        <li class="card content-card">
          <p class="card-kind">{ctx.t(`content.kind.${c.kind}`)}</p>
          <h3>
            <a href={c.url}>{c.title}</a>
          </h3>
          {c.membersOnly && (
            <p>
              <MembersBadge ctx={ctx} />
            </p>
          )}
          <div class="card-actions">
            {collections.length > 0 && (
              <form method="post" action="/favoris" class="move-form">
                <input type="hidden" name="_csrf" value={ctx.csrf()} />
                <input type="hidden" name="kind" value={c.kind} />
                <input type="hidden" name="id" value={c.id} />
                <input type="hidden" name="retour" value="/favoris" />
                <input type="hidden" name="action" value="save" />
                <label for={`move-${c.kind}-${c.id}`}>{ctx.t('content.bookmarks.move')}</label>
                <select id={`move-${c.kind}-${c.id}`} name="collection">
                  <option value="">{ctx.t('content.bookmark.noCollection')}</option>
                  {collections.map((col) => (
                    <option value={col.id}>{col.name}</option>
                  ))}
                </select>
                <button type="submit" class="button-small button-secondary">
                  {ctx.t('content.bookmarks.moveButton')}
                </button>
              </form>
            )}
            <BookmarkButton ctx={ctx} kind={c.kind} id={c.id} title={c.title} saved={true} />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function SharedCollectionPage({ ctx, name, cards }: { ctx: ViewContext; name: string; cards: CardVM[] }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('content.bookmarks.sharedTitle', { name }), scripts: [BOOKMARK_SCRIPT], head: <meta name="robots" content="noindex" /> }}>
      <h1>{ctx.t('content.bookmarks.sharedTitle', { name })}</h1>
      {cards.length ? <Cards ctx={ctx} cards={cards} headingLevel={2} /> : <p>{ctx.t('content.list.empty')}</p>}
    </Layout>
  );
}

export function PageItem({ ctx, title, html, canonical }: { ctx: ViewContext; title: string; html: string; canonical: string }) {
  return (
    <Layout ctx={ctx} meta={{ title, canonical }}>
      <h1>{title}</h1>
      <div class="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </Layout>
  );
}
