import { nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { AccountsContext } from './accounts.context.ts';
import { SESSION_DAYS } from './accounts.model.ts';
import * as repo from './accounts.repo.ts';

const TOUCH_EVERY_MS = 3600_000;

/** Sessions: only the hash of the cookie value is stored. */
export function createSessions({ db }: AccountsContext) {
  return {
    /** The person behind a session cookie, or null when the session is unknown, expired or tampered with. */
    async resolveSession(token: string): Promise<CurrentUser | null> {
      if (token.length < 20 || token.length > 200) return null;
      const now = nowIso();
      const row = await repo.findSessionWithUser(db, sha256(token), now);
      if (!row?.email) return null;
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

    async closeSession(sessionId: string): Promise<void> {
      await repo.deleteSession(db, sessionId);
    },

    /** "Sign out of every device". */
    async closeAllSessions(userId: string): Promise<void> {
      await repo.deleteSessionsOfUser(db, userId);
    },
  };
}
export type AccountsSessions = ReturnType<typeof createSessions>;
