import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Platform } from '../platform/platform.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { NavItem } from '../platform/layout/context.ts';
import type { AccountRole } from '../platform/http/access.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import { countOutbox, getOutboxMessage, isCredentialMail, listOutbox, retryOutboxMessage, type OutboxStatus } from '../platform/mail/outbox.ts';

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxRowView {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
  status: OutboxStatus;
}

export interface OutboxMessageView extends OutboxRowView {
  sentAt: string | null;
  attempts: number;
  lang: string;
  category: string;
  lastError: string | null;
  /** Null when the body must not be shown (a credential delivered by a real server). */
  text: string | null;
  hasHtml: boolean;
}

export interface AdminDeps {
  /** Every module's definition, known once the wiring is done (the dashboard lists their `adminLinks`). */
  modules: () => ModuleDefinition[];
}

/** The /admin pages: the dashboard of every module's tools, and the outbox viewer. */
export function createAdminService(platform: Platform<Database>, deps: AdminDeps) {
  const db: Kysely<PlatformTables> = platform.db;
  const smtp = platform.mail.sender !== null;

  // A sign-in link shown to someone lets them sign in as its recipient (an admin's, say): never to
  // an animator. Without SMTP the outbox is how the demo signs people in, so admins may read them;
  // with SMTP the mail reaches its recipient and nobody needs to.
  const bodyVisible = (category: string, viewer: AccountRole) => !isCredentialMail(category) || (!smtp && viewer === 'admin');

  return {
    smtpConfigured: smtp,
    adminLinks: (): NavItem[] => deps.modules().flatMap((m) => m.adminLinks ?? []),
    counts: () => countOutbox(db),

    async list(status: OutboxStatus | undefined, page: number) {
      const { rows, total } = await listOutbox(db, { status, limit: OUTBOX_PAGE_SIZE, offset: (page - 1) * OUTBOX_PAGE_SIZE });
      return {
        total,
        pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
        rows: rows.map((r): OutboxRowView => ({ id: r.id, to: r.to_address, subject: r.subject, createdAt: r.created_at, status: r.status })),
      };
    },

    async message(id: string, viewer: AccountRole): Promise<OutboxMessageView | null> {
      const m = await getOutboxMessage(db, id);
      if (!m) return null;
      const visible = bodyVisible(m.category, viewer);
      return {
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        createdAt: m.created_at,
        sentAt: m.sent_at,
        status: m.status,
        attempts: m.attempts,
        lang: m.lang,
        category: m.category,
        lastError: m.last_error,
        text: visible ? m.text_body : null,
        hasHtml: visible && m.html_body.trim() !== '',
      };
    },

    /** The HTML body, for the sandboxed preview only; null when it must not be shown. */
    async htmlBody(id: string, viewer: AccountRole): Promise<string | null> {
      const m = await getOutboxMessage(db, id);
      if (!m || !bodyVisible(m.category, viewer)) return null;
      return m.html_body;
    },

    async retry(id: string): Promise<boolean> {
      const done = await retryOutboxMessage(db, id);
      if (done) platform.mail.wake();
      return done;
    },
  };
}
export type AdminService = ReturnType<typeof createAdminService>;
