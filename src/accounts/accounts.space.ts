import { nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { AccountsContext } from './accounts.context.ts';
import { hashPassword, type AccountsLimits } from './accounts.limits.ts';
import type { AccountsMail } from './accounts.mail.ts';
import { DELETED_NAME, RECENT_SIGNIN_MINUTES } from './accounts.model.ts';
import * as repo from './accounts.repo.ts';
import type { AccountsDeps } from './accounts.service.ts';

/** The personal space: profile, password, and the person's data (export, deletion) across every module. */
export function createSpace({ platform, db }: AccountsContext, deps: AccountsDeps, mail: AccountsMail, limits: AccountsLimits) {
  return {
    async updateProfile(userId: string, input: { name: string; lang: Lang }): Promise<void> {
      await repo.updateUser(db, userId, { name: input.name, lang: input.lang, updated_at: nowIso() });
    },

    /**
     * Sets or replaces the password from a session. Replacing one takes the current one; choosing a
     * first one takes a recent sign-in, not a session someone left open. Every other session is closed
     * (a thief's included) and the owner is told by mail, in case it was not them.
     */
    async changePassword(
      session: { userId: string; sessionId: string },
      input: { current?: string; password: string; ip: string },
    ): Promise<'ok' | 'currentRequired' | 'wrongCurrent' | 'rateLimited' | 'signInAgain'> {
      const user = await repo.findUserById(db, session.userId);
      if (!user || user.deleted_at || !user.email) return 'signInAgain';
      if (user.password_hash) {
        if (!input.current) return 'currentRequired';
        const checked = await limits.checkPassword(user.email, user, input.current, input.ip);
        if (checked !== 'ok') return checked === 'rateLimited' ? 'rateLimited' : 'wrongCurrent';
      } else {
        const opened = await repo.findSession(db, session.sessionId);
        if (!opened || Date.now() - Date.parse(opened.created_at) > RECENT_SIGNIN_MINUTES * 60_000) return 'signInAgain';
      }
      const passwordHash = await hashPassword(input.password);
      await transact(db, async (trx, afterCommit) => {
        await repo.updateUser(trx, user.id, { password_hash: passwordHash, updated_at: nowIso() });
        await repo.deleteOtherSessions(trx, user.id, session.sessionId);
        await mail.notice(trx, user, 'passwordChanged');
        afterCommit(() => platform.mail.wake());
      });
      return 'ok';
    },

    /** Everything Palabre holds about a person: the account, then each module's part. */
    async exportData(userId: string): Promise<Record<string, unknown>> {
      const user = await repo.findUserById(db, userId);
      if (!user || user.deleted_at || !user.email) throw new Error('no such account');
      const sessions = await repo.listSessionsOfUser(db, userId);
      const modules: Record<string, unknown> = {};
      for (const m of deps.modules()) {
        if (m.personalData) modules[m.name] = await m.personalData.export(userId, user.email);
      }
      return {
        exportedAt: nowIso(),
        account: {
          id: user.id,
          email: user.email,
          name: user.name,
          language: user.lang,
          role: user.role,
          membership: user.membership,
          emailVerifiedAt: user.email_verified_at,
          hasPassword: user.password_hash !== null,
          createdAt: user.created_at,
          updatedAt: user.updated_at,
        },
        sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at, userAgent: s.user_agent })),
        modules,
      };
    },

    /**
     * Erases the person, keeps the row: authored public content still points to it and is
     * shown under "ancien membre". Every module erases its part in the same transaction.
     */
    async deleteAccount(userId: string): Promise<void> {
      await transact(db, async (trx, afterCommit) => {
        const user = await repo.findUserById(trx, userId);
        if (!user || user.deleted_at || !user.email) return;
        for (const m of deps.modules()) if (m.personalData) await m.personalData.erase(trx, userId, user.email);
        await repo.deleteSessionsOfUser(trx, userId);
        await repo.deleteLoginTokensOfUser(trx, userId);
        const now = nowIso();
        await repo.updateUser(trx, userId, {
          email: null,
          name: DELETED_NAME,
          password_hash: null,
          role: 'user',
          membership: 'none',
          email_verified_at: null,
          updated_at: now,
          deleted_at: now,
        });
        await mail.notice(trx, user, 'deleted', user.email);
        afterCommit(() => platform.mail.wake());
      });
    },
  };
}
