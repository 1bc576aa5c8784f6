import type { CurrentUser } from '../platform/http/access.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { CatalogRow, SearchRow } from './catalog.repo.ts';
import type { ContentService, Theme } from './content.service.ts';
import { excerpt, type ParsedQuery } from './content.text.ts';
import type { CardVM, ThemeVM } from './content.views.tsx';

/** Builds the view models of cards from catalogue rows, for one reader. */
export async function presentCards(
  service: ContentService,
  reader: { user: CurrentUser | null; lang: Lang },
  rows: Array<CatalogRow | SearchRow>,
  opts: { query?: ParsedQuery } = {},
): Promise<CardVM[]> {
  const themes = await themeNames(service, reader.lang);
  const saved = reader.user
    ? await service.bookmarks.savedSet(
        reader.user.id,
        rows.map((r) => ({ kind: r.kind, id: r.item_id })),
      )
    : null;
  const member = service.canReadMembersOnly(reader.user);
  return rows.map((r) => {
    const membersOnly = r.members_only === 1;
    const locked = membersOnly && !member;
    const updated = r.updated_at.slice(0, 10) !== r.published_at.slice(0, 10);
    let ex: CardVM['excerpt'];
    if (opts.query) {
      // A locked item shows only its public card: the excerpt never comes from its body.
      const source = !locked && 'body' in r && r.body ? r.body : r.summary;
      ex = excerpt(source, opts.query);
      if (!ex.some((s) => s.mark)) ex = excerpt(r.summary, opts.query);
    }
    return {
      kind: r.kind,
      id: r.item_id,
      url: r.url,
      title: r.title,
      summary: r.summary,
      date: r.starts_at ? { key: 'content.startsOn', iso: r.starts_at } : updated ? { key: 'content.updatedOn', iso: r.updated_at } : { key: 'content.publishedOn', iso: r.published_at },
      membersOnly,
      locked,
      format: r.format,
      themes: (JSON.parse(r.themes) as string[]).flatMap((slug) => (themes.has(slug) ? [{ slug, name: themes.get(slug)! }] : [])),
      saved: saved ? saved.has(`${r.kind}:${r.item_id}`) : null,
      excerpt: ex,
      parentTitle: r.kind === 'document' ? r.summary : undefined,
    };
  });
}

export async function themeNames(service: ContentService, lang: Lang): Promise<Map<string, string>> {
  const list = await service.themes.list();
  return new Map(list.map((t) => [t.slug, t.name[lang]]));
}

export function themeVM(t: Theme, lang: Lang): ThemeVM & { description: string } {
  return { slug: t.slug, name: t.name[lang], description: t.description[lang] };
}
