import type { PageSection } from '../platform/module.ts';
import type { ContentService } from './content.service.ts';
import type { CardCatalog } from './content.present.ts';
import { presentCards } from '../catalog/catalog.present.ts';
import { HomeCardsSection } from './content.views.tsx';
import { AccountBookmarksSection } from './content.bookmarks.views.tsx';

/** The blocks this module adds to pages it does not own: the home page and /compte. */
export function homeSections(service: ContentService, catalog: CardCatalog): Array<{ order: number; render: PageSection }> {
  return [
    {
      order: 20,
      render: async (ctx) => {
        const { rows } = await service.listKind('news', { page: 1, perPage: 3 });
        const cards = await presentCards(catalog, ctx, rows);
        return <HomeCardsSection ctx={ctx} id="home-news" title={ctx.t('content.home.news')} more={{ href: '/actualites', label: ctx.t('content.home.allNews') }} cards={cards} />;
      },
    },
    {
      order: 40,
      render: async (ctx) => {
        const { rows } = await service.listKind('resource', { page: 1, perPage: 3 });
        const cards = await presentCards(catalog, ctx, rows);
        return <HomeCardsSection ctx={ctx} id="home-resources" title={ctx.t('content.home.resources')} more={{ href: '/ressources', label: ctx.t('content.home.allResources') }} cards={cards} />;
      },
    },
  ];
}

export function accountSections(catalog: CardCatalog): Array<{ order: number; render: PageSection }> {
  return [
    {
      order: 30,
      render: async (ctx) => {
        if (!ctx.user) return null;
        const list = await catalog.bookmarks.list(ctx.user.id);
        const cards = await presentCards(
          catalog,
          ctx,
          list.slice(0, 6).map((l) => l.item),
        );
        return <AccountBookmarksSection ctx={ctx} cards={cards} total={list.length} />;
      },
    },
  ];
}
