import type { PlatformTables } from './platform/platform.tables.ts';
import type { AccountsTables } from './accounts/accounts.tables.ts';

/** The whole schema, one interface per module. */
export interface Database extends PlatformTables, AccountsTables {}
