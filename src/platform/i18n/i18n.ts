export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Catalogue = { fr: Record<string, string>; en: Record<string, string> };
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** French typography: a non-breaking space before « ; : ! ? » and after «. */
export function frenchTypography(text: string): string {
  return text
    .replace(/ ([;!?»])/g, '\u202f$1')
    .replace(/ :/g, '\u00a0:')
    .replace(/« /g, '«\u202f');
}

export interface I18n {
  t(lang: Lang): Translate;
  has(key: string): boolean;
  keys(lang: Lang): string[];
}

export function createI18n(catalogues: Catalogue[]): I18n {
  const merged: Record<Lang, Map<string, string>> = { fr: new Map(), en: new Map() };
  for (const c of catalogues) {
    for (const lang of LANGS) {
      for (const [k, v] of Object.entries(c[lang])) {
        if (merged[lang].has(k)) throw new Error(`i18n: duplicate key ${k}`);
        merged[lang].set(k, lang === 'fr' ? frenchTypography(v) : v);
      }
    }
  }
  const translators = new Map<Lang, Translate>();
  for (const lang of LANGS) {
    const table = merged[lang];
    translators.set(lang, (key, params) => {
      const text = table.get(key) ?? merged.fr.get(key) ?? key;
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
    });
  }
  return {
    t: (lang) => translators.get(lang)!,
    has: (key) => merged.fr.has(key),
    keys: (lang) => [...merged[lang].keys()],
  };
}

/** Cookie first, then Accept-Language, then French. */
export function negotiateLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag, ...rest] = part.trim().split(';');
        const q = rest.find((r) => r.trim().startsWith('q='));
        return { tag: tag.toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) if (isLang(tag)) return tag;
  }
  return 'fr';
}
