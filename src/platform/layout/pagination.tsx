import type { ViewContext } from './context.ts';

export interface PaginationProps {
  ctx: ViewContext;
  /** The current page, from 1. */
  page: number;
  /** The number of pages when the total is known; without it, `hasMore` says whether a next page exists. */
  pages?: number;
  hasMore?: boolean;
  href: (page: number) => string;
  /** i18n keys, for lists whose order makes other words clearer ("Newer", "Older"). */
  labels?: { previous?: string; next?: string; label?: string };
}

/** Previous / "Page 2 of 5" / next links under a list; nothing when everything fits on one page. */
export function Pagination({ ctx, page, pages, hasMore, href, labels = {} }: PaginationProps) {
  const next = pages === undefined ? Boolean(hasMore) : page < pages;
  if (pages !== undefined ? pages <= 1 : page <= 1 && !next) return null;
  return (
    <nav class="pagination" aria-label={ctx.t(labels.label ?? 'pagination.label')}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {ctx.t(labels.previous ?? 'pagination.previous')}
        </a>
      )}
      {pages !== undefined && <span aria-current="page">{ctx.t('pagination.status', { page, pages })}</span>}
      {next && (
        <a href={href(page + 1)} rel="next">
          {ctx.t(labels.next ?? 'pagination.next')}
        </a>
      )}
    </nav>
  );
}
