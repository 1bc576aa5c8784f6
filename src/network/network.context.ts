import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { createI18n, type Lang, type Translate } from '../platform/i18n/i18n.ts';
import type { Platform } from '../platform/platform.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import { networkCatalogue } from './network.i18n.ts';
import type { NetworkTables } from './network.tables.ts';

/** What every part of the network service shares. */
export interface NetworkContext {
  platform: Platform<Database>;
  /** The module's tables; `transact(ctx.db, …)` hands out transactions typed on them. */
  db: Kysely<NetworkTables>;
  /** The platform's rate-limit buckets. */
  limits: Kysely<PlatformTables>;
  /** Mails are written outside any request, so the module keeps its own translator. */
  t: (lang: Lang) => Translate;
  /** PUBLIC_URL, for absolute links in mails. */
  publicUrl: string;
  siteName: string;
}

export function createNetworkContext(platform: Platform<Database>): NetworkContext {
  const i18n = createI18n([networkCatalogue]);
  return {
    platform,
    db: platform.db,
    limits: platform.db,
    t: (lang) => i18n.t(lang),
    publicUrl: platform.config.publicUrl,
    siteName: platform.config.networkName,
  };
}
