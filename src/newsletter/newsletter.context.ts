import type { Database } from '../database.ts';
import { createI18n, type Lang, type Translate } from '../platform/i18n/i18n.ts';
import type { Platform } from '../platform/platform.ts';
import { newsletterCatalogue } from './newsletter.i18n.ts';
import type { NewsletterDb } from './newsletter.repo.ts';

/** What every part of the newsletter service shares. */
export interface NewsletterContext {
  platform: Platform<Database>;
  /** The module's tables and the outbox; `transact(ctx.db, …)` hands out transactions typed on them. */
  db: NewsletterDb;
  /** Messages are written outside any request, so the module keeps its own translator. */
  t: (lang: Lang) => Translate;
  /** PUBLIC_URL, for absolute links in mails. */
  publicUrl: string;
  siteName: string;
}

export function createNewsletterContext(platform: Platform<Database>): NewsletterContext {
  const i18n = createI18n([newsletterCatalogue]);
  return { platform, db: platform.db, t: (lang) => i18n.t(lang), publicUrl: platform.config.publicUrl, siteName: platform.config.networkName };
}
