/**
 * What the committee, payments, reports and public follow-up need of the module's shared context
 * (files go to platform.storage):
 * a structural subset of InitiativesContext, so these parts depend on nothing else of the service.
 */
import type { Kysely } from 'kysely';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { Database } from '../database.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { Lang, Translate } from '../platform/i18n/i18n.ts';
import type { Platform } from '../platform/platform.ts';
import type { ApplicationState, InitiativeApplicationsTable } from './initiatives.tables.ts';

export interface FollowUpContext {
  platform: Platform<Database>;
  db: Kysely<Database>;
  deps: {
    catalog: Pick<CatalogService, 'upsert' | 'remove'>;
    accounts: Pick<AccountsService, 'getUser' | 'findUserByEmail'>;
  };
  t: (lang: Lang) => Translate;
  base: string;
  site: string;
  isStaff(user: CurrentUser | null, callId: string): Promise<boolean>;
  move(trx: Kysely<Database>, app: InitiativeApplicationsTable, to: ApplicationState, actor: string | null, note: string, patch?: Partial<InitiativeApplicationsTable>): Promise<void>;
}
