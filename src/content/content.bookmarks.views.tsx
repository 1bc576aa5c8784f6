/** Bookmarks: the /compte section, /favoris and a shared collection. */
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { BookmarkButton, MembersBadge, Cards, BOOKMARK_SCRIPT, kindLabel, type CardVM } from '../catalog/catalog.views.tsx';
import { Card, CardGrid } from '../platform/layout/card.tsx';

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
    <CardGrid>
      {cards.map((c) => (
        <Card
          href={c.url}
          title={c.title}
          class="content-card"
          picture={c.picture}
          kicker={kindLabel(ctx, c.kind)}
          meta={
            c.membersOnly && (
              <p>
                <MembersBadge ctx={ctx} />
              </p>
            )
          }
          actions={
            <>
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
            </>
          }
        />
      ))}
    </CardGrid>
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
