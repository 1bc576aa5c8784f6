import type { PlatformTables } from './platform/platform.tables.ts';
import type { AccountsTables } from './accounts/accounts.tables.ts';
import type { NewsletterTables } from './newsletter/newsletter.tables.ts';
import type { NetworkTables } from './network/network.tables.ts';
import type { ContentTables } from './content/content.tables.ts';
import type { CatalogTables } from './catalog/catalog.tables.ts';
import type { ForumTables } from './forum/forum.tables.ts';
import type { EventsTables } from './events/events.tables.ts';
import type { MediaTables } from './media/media.tables.ts';
import type { InitiativesTables } from './initiatives/initiatives.tables.ts';
import type { ImportsTables } from './imports/imports.tables.ts';

/** The whole schema, one interface per module. */
export interface Database
  extends PlatformTables,
    AccountsTables,
    NewsletterTables,
    NetworkTables,
    CatalogTables,
    ContentTables,
    ForumTables,
    EventsTables,
    MediaTables,
    InitiativesTables,
    ImportsTables {}
