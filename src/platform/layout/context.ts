import type { CurrentUser } from '../http/access.ts';
import type { Lang, Translate } from '../i18n/i18n.ts';

export interface NavItem {
  href: string;
  /** i18n key of the label. */
  label: string;
}

/** Everything a view needs to know about the request, built once per request. */
export interface ViewContext {
  lang: Lang;
  t: Translate;
  user: CurrentUser | null;
  /** Path and query of the current page, for "come back here" links. */
  path: string;
  publicUrl: string;
  siteName: string;
  nav: NavItem[];
  /** A CSRF token for forms; calling it sets the CSRF cookie, so the page is not cached. */
  csrf(): string;
  /** i18n key of a one-time message shown at the top of the page. */
  flash: string | null;
}
