import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { CurrentUser, AccountRole, Membership } from '../platform/http/access.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import * as repo from './accounts.repo.ts';
import type { AccountsTables } from './accounts.tables.ts';

export const SESSION_DAYS = 30;
const TOUCH_EVERY_MS = 3600_000;

export function createAccountsService(platform: Platform) {
  const db = platform.db as Kysely<AccountsTables>;

  return {
    /** The person behind a session cookie, or null when the session is unknown, expired or tampered with. */
    async resolveSession(token: string): Promise<CurrentUser | null> {
      if (token.length < 20 || token.length > 200) return null;
      const now = nowIso();
      const row = await repo.findSessionWithUser(db, sha256(token), now);
      if (!row || !row.email) return null;
      // Sliding expiry, written at most once an hour per session.
      if (Date.now() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
        await repo.touchSession(db, row.sessionId, now, new Date(Date.now() + SESSION_DAYS * 86400_000).toISOString());
      }
      return { id: row.id, sessionId: row.sessionId, name: row.name, email: row.email, role: row.role, membership: row.membership, lang: row.lang };
    },

    /** Opens a session and returns the cookie value (only its hash is stored). */
    async openSession(userId: string, userAgent: string | undefined): Promise<string> {
      const token = randomToken(32);
      const now = nowIso();
      await repo.insertSession(db, {
        id: sha256(token),
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(Date.now() + SESSION_DAYS * 86400_000).toISOString(),
        user_agent: userAgent?.slice(0, 300) ?? null,
      });
      return token;
    },

    /** Creates or promotes an account (CLI create-admin, demo data). */
    async ensureUser(input: { email: string; name: string; role?: AccountRole; membership?: Membership; passwordHash?: string | null }) {
      const existing = await repo.findUserByEmail(db, input.email);
      const now = nowIso();
      if (existing) {
        await repo.updateUser(db, existing.id, {
          role: input.role ?? existing.role,
          membership: input.membership ?? existing.membership,
          ...(input.passwordHash ? { password_hash: input.passwordHash } : {}),
          updated_at: now,
        });
        return { id: existing.id, created: false };
      }
      const id = newId();
      await repo.insertUser(db, {
        id,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        password_hash: input.passwordHash ?? null,
        role: input.role ?? 'user',
        membership: input.membership ?? 'none',
        lang: 'fr',
        email_verified_at: now,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      return { id, created: true };
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
