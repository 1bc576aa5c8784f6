import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Pagination } from '../platform/layout/pagination.tsx';
import { BOOKMARK_SCRIPT, Cards, type CardVM } from '../catalog/catalog.views.tsx';

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

export function PageItem({ ctx, title, html, canonical }: { ctx: ViewContext; title: string; html: string; canonical: string }) {
  return (
    <Layout ctx={ctx} meta={{ title, canonical }}>
      <h1>{title}</h1>
      <div class="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </Layout>
  );
}
