import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate } from '../platform/format.ts';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import { FormatIcon } from '../platform/layout/format-icon.tsx';
import type { PictureVM } from '../platform/layout/picture.tsx';
import type { Segment } from './catalog.query.ts';

/*
 * The catalogue's items as every module shows them: the card of an indexed item (news, resource,
 * document, event, forum...), its "Enregistrer" button, its members-only badge. Events, content
 * and the other modules draw these from here, not from each other.
 */

export const BOOKMARK_SCRIPT = '/static/catalog/bookmarks.js';

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
  date: { key: 'catalog.publishedOn' | 'catalog.updatedOn' | 'catalog.startsOn'; iso: string };
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
        aria-label={ctx.t(on ? 'catalog.bookmark.savedLabel' : 'catalog.bookmark.saveLabel', { title })}
        data-label-save={ctx.t('catalog.bookmark.saveLabel', { title })}
        data-label-saved={ctx.t('catalog.bookmark.savedLabel', { title })}
        data-text-save={ctx.t('catalog.bookmark.save')}
        data-text-saved={ctx.t('catalog.bookmark.saved')}
      >
        {ctx.t(on ? 'catalog.bookmark.saved' : 'catalog.bookmark.save')}
      </button>
    </form>
  );
}

export function MembersBadge({ ctx }: { ctx: ViewContext }) {
  return <span class="badge badge-members">{ctx.t('catalog.members.mark')}</span>;
}

/** The kind's name ("Actualité"), or the kind itself for a kind another module names. */
export function kindLabel(ctx: ViewContext, kind: string): string {
  const label = ctx.t(`catalog.kind.${kind}`);
  return label === `catalog.kind.${kind}` ? kind : label;
}

/** A catalogue item as the site's one card (platform/layout/card.tsx). */
export function CatalogCard({ ctx, card, headingLevel = 3 }: { ctx: ViewContext; card: CardVM; headingLevel?: 2 | 3 }) {
  return (
    <Card
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
    </Card>
  );
}

export function Cards({ ctx, cards, headingLevel, ordered }: { ctx: ViewContext; cards: CardVM[]; headingLevel?: 2 | 3; ordered?: boolean }) {
  return (
    <CardGrid ordered={ordered}>
      {cards.map((c) => (
        <CatalogCard ctx={ctx} card={c} headingLevel={headingLevel} />
      ))}
    </CardGrid>
  );
}

/** The themes of an item or of a search page, as links to their theme pages. */
export function ThemeTags({ themes }: { themes: ThemeVM[] }) {
  return (
    <ul class="tags">
      {themes.map((t) => (
        <li>
          <a class="badge" href={`/thematiques/${t.slug}`}>
            {t.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
