import { z } from 'zod';

/**
 * Lists cut into numbered pages, one way everywhere: `?page=` read from the query (a wrong or
 * out-of-range value gives page 1, never a 400 or a huge OFFSET), the window a repo reads,
 * and the number of pages.
 */

/** The `page` field of a query schema; `max` bounds the OFFSET a visitor can ask for. */
export const pageParam = (max = 10_000) => z.coerce.number().int().min(1).max(max).catch(1).default(1);

/** The LIMIT/OFFSET of page `page` (from 1). */
export function pageWindow(page: number, perPage: number): { limit: number; offset: number } {
  return { limit: perPage, offset: (page - 1) * perPage };
}

/** How many pages `total` items fill: 0 when there is none, so no pager is shown. */
export function pageCount(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}
