import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import type { Platform } from '../platform/platform.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import { accountsCatalogue } from './accounts.i18n.ts';
import type { AccountsTables } from './accounts.tables.ts';

/** What every part of the accounts service shares. */
export interface AccountsContext {
  platform: Platform<Database>;
  /** The module's tables; `transact(ctx.db, …)` hands out transactions typed on them. */
  db: Kysely<AccountsTables>;
  /** The platform's rate-limit buckets. */
  limits: Kysely<PlatformTables>;
  t: ReturnType<typeof createI18n>['t'];
}

export function createAccountsContext(platform: Platform<Database>): AccountsContext {
  return { platform, db: platform.db, limits: platform.db, t: createI18n([accountsCatalogue]).t };
}
