import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n/i18n.ts';
import { platformCatalogue } from './i18n/platform.i18n.ts';
import type { ViewContext } from './layout/context.ts';
import { Pagination } from './layout/pagination.tsx';
import { pageCount, pageParam, pageWindow } from './pagination.ts';

describe('pagination', () => {
  it('reads ?page= as page 1 when it is missing, wrong or out of range', () => {
    const page = pageParam(100);
    expect(page.parse('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-2', '2.5', 'abc', '101', '1e9']) expect(page.parse(bad), String(bad)).toBe(1);
  });

  it('gives the window a repo reads and the number of pages', () => {
    expect(pageWindow(1, 12)).toEqual({ limit: 12, offset: 0 });
    expect(pageWindow(3, 12)).toEqual({ limit: 12, offset: 24 });
    expect(pageCount(0, 12)).toBe(0);
    expect(pageCount(12, 12)).toBe(1);
    expect(pageCount(13, 12)).toBe(2);
  });

  const ctx = { lang: 'fr', t: createI18n([platformCatalogue]).t('fr') } as ViewContext;
  const html = (props: Omit<Parameters<typeof Pagination>[0], 'ctx' | 'href'>) => renderToString(<Pagination ctx={ctx} href={(p) => `/liste?page=${p}`} {...props} />);

  it('links to the pages around the current one, and says where the reader is', () => {
    const middle = html({ page: 2, pages: 3 });
    expect(middle).toContain('href="/liste?page=1" rel="prev"');
    expect(middle).toContain('href="/liste?page=3" rel="next"');
    expect(middle).toContain('Page 2 sur 3');
    expect(html({ page: 3, pages: 3 })).not.toContain('rel="next"');
  });

  it('shows nothing when everything fits on one page', () => {
    expect(html({ page: 1, pages: 1 })).toBe('');
    expect(html({ page: 1, pages: 0 })).toBe('');
    expect(html({ page: 1, hasMore: false })).toBe('');
    // A page number past the end (an old link) shows no pager rather than "Page 4 of 1".
    expect(html({ page: 4, pages: 1 })).toBe('');
  });

  it('works without a total, from whether a next page exists, with labels of its own', () => {
    const out = html({ page: 2, hasMore: true, labels: { previous: 'form.required' } });
    expect(out).toContain('Champ obligatoire');
    expect(out).toContain('rel="next"');
    expect(out).not.toContain('Page 2 sur');
  });
});
