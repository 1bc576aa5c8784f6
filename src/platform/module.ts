import type { FastifyPluginAsync } from 'fastify';
import type { ForeignTransaction } from './db/database.ts';
import type { VNode } from 'preact';
import type { Catalogue } from './i18n/i18n.ts';
import type { JobHandler } from './jobs/jobs.ts';
import type { ViewContext } from './layout/context.ts';
import type { NavItem } from './layout/context.ts';

/** A block a module adds to a page it does not own (the home page, the personal space). */
export type PageSection = (ctx: ViewContext) => Promise<VNode | null>;

/** What a module hands to the wiring file. The platform calls these; it never names a module. */
export interface ModuleDefinition {
  name: string;
  catalogue?: Catalogue;
  /** Registered at the root; routes carry their French paths themselves. */
  routes?: FastifyPluginAsync;
  nav?: NavItem[];
  /** Ordered by `order` on the home page. */
  homeSections?: Array<{ order: number; render: PageSection }>;
  /** Sections of /compte ("Mes inscriptions", "Mes favoris", ...). */
  accountSections?: Array<{ order: number; render: PageSection }>;
  /** Links in the /admin dashboard. */
  adminLinks?: NavItem[];
  jobs?: Record<string, JobHandler>;
  /** Jobs of `jobs` to run periodically (digests, reminders sweeps); each period runs once across all instances. */
  schedules?: Array<{ kind: string; everyMs: number }>;
  /** RGPD: what this module holds about a person, and how to erase it. */
  personalData?: {
    export(userId: string, email: string): Promise<unknown>;
    /** Inside the account deletion's transaction (asTables(trx) gives it the module's tables). */
    erase(trx: ForeignTransaction, userId: string, email: string): Promise<void>;
  };
  /** A folder of browser files (the module's scripts), served by the platform under /static/<name>/. */
  assets?: string;
  /** An address no route answers (GET or HEAD): where it moved (answered 301), or null for the 404 page. Asked in module order. */
  movedTo?: (path: string) => Promise<string | null>;
  /** After a site archive's rows are restored: rebuilds what the archive leaves out (search indexes). */
  restored?: () => Promise<void>;
  /** Loads this module's part of the demo data set (empty database only). */
  demo?: () => Promise<void>;
}
