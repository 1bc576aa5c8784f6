/** The page of one news item, resource or page, with its documents and related items. */
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatDateTime, formatSize } from '../platform/format.ts';
import { Figure, Picture, type PictureVM } from '../platform/layout/picture.tsx';
import { FormatIcon } from '../platform/layout/format-icon.tsx';
import { MembersNotice } from './content.views.tsx';
import { ThemeTags, BookmarkButton, MembersBadge, Cards, BOOKMARK_SCRIPT, type ThemeVM, type CardVM } from '../catalog/catalog.views.tsx';

export interface DocumentVM {
  id: string;
  title: string;
  format: string;
  size: number;
  url: string | null;
  membersOnly: boolean;
  version: number;
  /** The first page, drawn; null when it could not be (the format's drawing stands in). */
  firstPage: PictureVM | null;
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
  /** The item's picture; null when it has none or the reader may not see the item. */
  picture: PictureVM | null;
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

/** The item page's column is at most 72rem wide (.container). */
const ITEM_PICTURE_SIZES = '(min-width: 76rem) 72rem, 96vw';

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
            {ctx.t(`catalog.kind.${item.kind}`)}
            {item.typeKey && <> · {ctx.t(item.typeKey)}</>}
          </p>
          <h1 id="item-title">{item.title}</h1>
          {item.status !== 'published' && (
            <p class="notice">{item.publishAt ? ctx.t('content.status.scheduled', { date: formatDateTime(item.publishAt, ctx.lang) }) : ctx.t(`content.status.${item.status}`)}</p>
          )}
          <p class="item-dates muted">
            {item.publishedAt && <span>{ctx.t('catalog.publishedOn', { date: formatDate(item.publishedAt, ctx.lang) })}</span>}
            {item.publishedAt && item.updatedAt.slice(0, 10) !== item.publishedAt.slice(0, 10) && <span> · {ctx.t('catalog.updatedOn', { date: formatDate(item.updatedAt, ctx.lang) })}</span>}
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
        {item.picture && <Figure vm={item.picture} sizes={ITEM_PICTURE_SIZES} creditLabel={(credit) => ctx.t('media.credit.shown', { credit })} />}
        <p class="lead">{item.summary}</p>
        {item.locked ? <MembersNotice ctx={ctx} /> : item.bodyHtml && <div class="prose" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />}
        {item.documents.length > 0 && (
          <section aria-labelledby="documents-title" class="documents">
            <h2 id="documents-title">{ctx.t('content.documents.title')}</h2>
            <ul class="document-list">
              {item.documents.map((d) => (
                <li class="document" id={`document-${d.id}`}>
                  <div class="document-page" aria-hidden="true">
                    {d.firstPage ? <Picture vm={d.firstPage} sizes="8rem" alt="" /> : <FormatIcon format={d.format} />}
                  </div>
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
            <ThemeTags themes={item.themes} />
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
