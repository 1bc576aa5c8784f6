import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate } from '../platform/format.ts';
import type { Segment } from '../catalog/catalog.query.ts';
import { Pagination } from '../platform/layout/pagination.tsx';
import { Card as PlatformCard, CardGrid } from '../platform/layout/card.tsx';
import type { PictureVM } from '../platform/layout/picture.tsx';
import { FormatIcon } from '../media/media.views.tsx';

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
  /** The item's picture (a document's first page); null when it has none. */
  picture?: PictureVM | null;
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

/** The kind's name ("Actualité"), or the kind itself for a kind another module names. */
export function kindLabel(ctx: ViewContext, kind: string): string {
  const label = ctx.t(`content.kind.${kind}`);
  return label === `content.kind.${kind}` ? kind : label;
}

/** A catalogue item as the site's one card (platform/layout/card.tsx). */
export function Card({ ctx, card, headingLevel = 3 }: { ctx: ViewContext; card: CardVM; headingLevel?: 2 | 3 }) {
  return (
    <PlatformCard
      href={card.url}
      title={card.title}
      headingLevel={headingLevel}
      class="content-card"
      picture={card.picture}
      placeholder={card.kind === 'document' && card.format ? <FormatIcon format={card.format} /> : undefined}
      kicker={
        <>
          {kindLabel(ctx, card.kind)}
          {card.format && <span class="badge card-format">{card.format}</span>}
        </>
      }
      meta={
        <>
          {card.parentTitle && <p class="small muted">{card.parentTitle}</p>}
          <p class="card-date">{ctx.t(card.date.key, { date: formatDate(card.date.iso, ctx.lang) })}</p>
          {card.membersOnly && (
            <p>
              <MembersBadge ctx={ctx} />
            </p>
          )}
        </>
      }
      actions={<BookmarkButton ctx={ctx} kind={card.kind} id={card.id} title={card.title} saved={card.saved} />}
    >
      {card.excerpt?.length ? (
        <p class="excerpt">
          <Excerpt segments={card.excerpt} />
        </p>
      ) : (
        card.summary && <p class="card-summary">{card.summary}</p>
      )}
    </PlatformCard>
  );
}

export function Cards({ ctx, cards, headingLevel, ordered }: { ctx: ViewContext; cards: CardVM[]; headingLevel?: 2 | 3; ordered?: boolean }) {
  return (
    <CardGrid ordered={ordered}>
      {cards.map((c) => (
        <Card ctx={ctx} card={c} headingLevel={headingLevel} />
      ))}
    </CardGrid>
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
