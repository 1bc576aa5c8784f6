import type { CurrentUser } from '../platform/http/access.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { PictureVM } from '../platform/layout/picture.tsx';
import { excerpt, type ParsedQuery } from './catalog.query.ts';
import type { CatalogService } from './catalog.service.ts';
import type { CatalogRow, SearchRow } from './catalog.types.ts';
import type { Theme } from './catalog.themes.ts';
import type { CardVM, ThemeVM } from './catalog.views.tsx';

/** Builds the view models of cards from catalogue rows, for one reader. */
export async function presentCards(
  catalog: Pick<CatalogService, 'bookmarks' | 'forReader'> & { themes: Pick<CatalogService['themes'], 'names'> } & {
    pictures?: (items: Array<{ kind: string; id: string }>) => Promise<Map<string, PictureVM>>;
  },
  reader: { user: CurrentUser | null; lang: Lang },
  rows: Array<CatalogRow | SearchRow>,
  opts: { query?: ParsedQuery } = {},
): Promise<CardVM[]> {
  const themes = await catalog.themes.names(reader.lang);
  const saved = reader.user
    ? await catalog.bookmarks.savedSet(
        reader.user.id,
        rows.map((r) => ({ kind: r.kind, id: r.item_id })),
      )
    : null;
  // Without the media service (a caller that shows no pictures), cards are drawn without them.
  const pictures = catalog.pictures ? await catalog.pictures(rows.map((r) => ({ kind: r.kind, id: r.item_id }))) : new Map<string, PictureVM>();
  return catalog.forReader(rows, reader.user).map((r) => {
    const membersOnly = r.members_only === 1;
    const locked = r.locked;
    const updated = r.updated_at.slice(0, 10) !== r.published_at.slice(0, 10);
    let ex: CardVM['excerpt'];
    if (opts.query) {
      // A locked item's body was withheld by the catalogue: its excerpt comes from its summary.
      const source = 'body' in r && r.body ? r.body : r.summary;
      ex = excerpt(source, opts.query);
      if (!ex.some((s) => s.mark)) ex = excerpt(r.summary, opts.query);
    }
    return {
      kind: r.kind,
      id: r.item_id,
      url: r.url,
      title: r.title,
      summary: r.summary,
      date: r.starts_at ? { key: 'catalog.startsOn', iso: r.starts_at } : updated ? { key: 'catalog.updatedOn', iso: r.updated_at } : { key: 'catalog.publishedOn', iso: r.published_at },
      membersOnly,
      locked,
      format: r.format,
      themes: (JSON.parse(r.themes) as string[]).flatMap((slug) => (themes.has(slug) ? [{ slug, name: themes.get(slug)! }] : [])),
      saved: saved ? saved.has(`${r.kind}:${r.item_id}`) : null,
      excerpt: ex,
      parentTitle: r.kind === 'document' ? r.summary : undefined,
      // A locked item's picture is the members' too: the reader would get a refusal, not a picture.
      picture: locked ? null : (pictures.get(`${r.kind}:${r.item_id}`) ?? null),
    };
  });
}

export function themeVM(t: Theme, lang: Lang): ThemeVM & { description: string } {
  return { slug: t.slug, name: t.name[lang], description: t.description[lang] };
}
