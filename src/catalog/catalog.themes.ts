import type { Kysely } from 'kysely';
import type { Lang } from '../platform/i18n/i18n.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { slugify } from '../platform/text.ts';
import type { CatalogTables, ThemesTable } from './catalog.tables.ts';
import * as repo from './catalog.themes.repo.ts';

export interface Theme {
  slug: string;
  name: { fr: string; en: string };
  description: { fr: string; en: string };
}

/** What the theme form gives (content's admin pages). */
export interface ThemeInput {
  slug: string;
  nameFr: string;
  nameEn: string;
  descriptionFr: string;
  descriptionEn: string;
}

function toTheme(t: ThemesTable): Theme {
  return { slug: t.slug, name: { fr: t.name_fr, en: t.name_en }, description: { fr: t.description_fr, en: t.description_en } };
}

/** The site's themes: every module tags its items with their slugs. */
export function createThemes(db: Kysely<CatalogTables>, notify: (data: Record<string, unknown>) => Promise<void>) {
  const themes = {
    async list(): Promise<Theme[]> {
      return (await repo.listThemes(db)).map(toTheme);
    },
    /** Slug → name in one language, in the themes' order: what lists, filters and mails show. */
    async names(lang: Lang): Promise<Map<string, string>> {
      return new Map((await repo.listThemes(db)).map((t) => [t.slug, lang === 'en' ? t.name_en : t.name_fr]));
    },
    async get(slug: string): Promise<Theme | null> {
      const t = await repo.findTheme(db, slug);
      return t ? toTheme(t) : null;
    },
    /**
     * A new theme, listed last. Its slug (given, or made from the French name) is its address for
     * good: an existing slug is refused and named, never silently suffixed.
     */
    async create(form: ThemeInput): Promise<{ slug: string } | { taken: Theme }> {
      const slug = form.slug || slugify(form.nameFr) || 'contenu';
      const existing = await themes.get(slug);
      if (existing) return { taken: existing };
      const position = (await repo.lastThemePosition(db)) + 1;
      try {
        await repo.insertTheme(db, { slug, name_fr: form.nameFr, name_en: form.nameEn || form.nameFr, description_fr: form.descriptionFr, description_en: form.descriptionEn, position });
      } catch (err) {
        // Created by someone else in the meantime.
        const raced = await themes.get(slug);
        if (raced) return { taken: raced };
        throw err;
      }
      await notify({ theme: slug });
      return { slug };
    },
    /** New names and descriptions; the slug, and so every link and every item's themes, stay. */
    async rename(slug: string, form: ThemeInput) {
      if (!(await repo.findTheme(db, slug))) throw new NotFoundError();
      await repo.updateThemeNames(db, slug, { name_fr: form.nameFr, name_en: form.nameEn || form.nameFr, description_fr: form.descriptionFr, description_en: form.descriptionEn });
      await notify({ theme: slug });
    },
    async upsert(theme: Theme & { position?: number }) {
      await repo.upsertTheme(db, {
        slug: theme.slug,
        name_fr: theme.name.fr,
        name_en: theme.name.en,
        description_fr: theme.description.fr,
        description_en: theme.description.en,
        position: theme.position ?? 0,
      });
      await notify({ theme: theme.slug });
    },
  };
  return themes;
}

export type ThemesService = ReturnType<typeof createThemes>;
