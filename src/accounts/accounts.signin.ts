import type { Kysely } from 'kysely';
import { newId, nowIso, sha256 } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { hit } from '../platform/http/rate-limit.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { AccountsContext } from './accounts.context.ts';
import { hashPassword, LIMITS, type AccountsLimits } from './accounts.limits.ts';
import type { AccountsMail } from './accounts.mail.ts';
import { addressKey, normalizeEmail, SEND_LINK_JOB, type LinkPurpose, type LinkState } from './accounts.model.ts';
import * as repo from './accounts.repo.ts';
import type { AccountsSessions } from './accounts.sessions.ts';
import type { UsersTable } from './accounts.tables.ts';

/** Sign-up and its confirmation, sign-in by password or by one-time link. */
export function createSignIn({ platform, db }: AccountsContext, mail: AccountsMail, limits: AccountsLimits, sessions: Pick<AccountsSessions, 'openSession'>) {
  /** What the GET of a link shows; it does not use the link (mail scanners prefetch them). */
  async function inspectLink(token: string): Promise<{ state: 'valid'; purpose: LinkPurpose } | { state: Exclude<LinkState, 'valid'> }> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
    const row = await repo.findLoginToken(db, sha256(token));
    if (!row) return { state: 'unknown' };
    if (row.used_at) return { state: 'used' };
    if (row.expires_at <= nowIso()) return { state: 'expired' };
    const user = await repo.findUserById(db, row.user_id);
    return user && !user.deleted_at ? { state: 'valid', purpose: row.purpose } : { state: 'unknown' };
  }

  return {
    /**
     * Always answers the same way: a new address gets a confirmation link, a known one a
     * "you already have an account" mail with a sign-in link. The password is hashed before
     * the lookup so both paths cost the same.
     */
    async signUp(input: { name: string; email: string; password?: string; lang: Lang; ip: string; next?: string | null }): Promise<'sent' | 'rateLimited'> {
      const email = normalizeEmail(input.email);
      if (!(await limits.allowed([`signup:ip:${input.ip}`, LIMITS.signUpPerIp]))) return 'rateLimited';
      // Past a few sign-ups for one address in the hour, more mail there is dropped without a word:
      // refusing would tell a stranger the address was used, and let anyone block its owner's sign-up.
      // The owner still has the links already mailed.
      if (!(await limits.allowed([`signup:addr:${addressKey(email)}`, LIMITS.signUpPerAddress]))) return 'sent';
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      await transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        const existing = await repo.findUserByEmail(trx, email);
        if (existing?.email_verified_at) {
          await mail.link(trx, existing, 'existing', input.next ?? null);
        } else if (existing) {
          // Never confirmed (a sign-up not yet confirmed, or an account a membership request or an event
          // registration made): the account stays as it is, whoever asks. This sign-up's password waits on
          // its own link, mailed to the address, so only the mailbox's owner can make it the account's.
          await mail.link(trx, { ...existing, lang: input.lang }, 'signup', input.next ?? null, passwordHash);
        } else {
          const user: UsersTable = {
            id: newId(),
            email,
            name: input.name,
            password_hash: passwordHash,
            role: 'user',
            membership: 'none',
            lang: input.lang,
            email_verified_at: null,
            created_at: now,
            updated_at: now,
            deleted_at: null,
          };
          await repo.insertUser(trx, user);
          await mail.link(trx, user, 'signup', input.next ?? null, passwordHash);
        }
        afterCommit(() => platform.mail.wake());
      });
      return 'sent';
    },

    /**
     * Constant work whatever the address: the lookup and the mail happen in a durable job,
     * so neither the answer nor its timing says whether an account exists.
     */
    async requestSignInLink(input: { email: string; next: string | null; ip: string }): Promise<'queued' | 'rateLimited'> {
      const email = normalizeEmail(input.email);
      if (!(await limits.allowed([`link:ip:${input.ip}`, LIMITS.linkPerIp]))) return 'rateLimited';
      await transact(db, async (trx, afterCommit) => {
        await platform.jobs.enqueue(trx, SEND_LINK_JOB, { email, next: input.next });
        afterCommit(() => platform.jobs.runner.wake());
      });
      return 'queued';
    },

    /** The job behind requestSignInLink. */
    async sendSignInLink(payload: { email: string; next: string | null }): Promise<void> {
      await transact(db, async (trx, afterCommit) => {
        const user = await repo.findUserByEmail(trx, payload.email);
        if (!user) return;
        // Capped here rather than at the request, which answers the same whether a link leaves or not.
        // The bucket is the platform's table, in the same transaction (Kysely types a transaction on one schema).
        if (!(await hit(trx as Kysely<PlatformTables>, `link:addr:${addressKey(payload.email)}`, LIMITS.linkSendsPerAddress))) return;
        await mail.link(trx, user, 'signin', payload.next);
        afterCommit(() => platform.mail.wake());
      });
    },

    async signInWithPassword(input: {
      email: string;
      password: string;
      ip: string;
      userAgent?: string;
    }): Promise<{ status: 'ok'; sessionToken: string } | { status: 'invalid' | 'unverified' | 'rateLimited' }> {
      const email = normalizeEmail(input.email);
      const user = await repo.findUserByEmail(db, email);
      const checked = await limits.checkPassword(email, user, input.password, input.ip);
      // 'ok' implies the account exists; the second test only tells the compiler.
      if (checked !== 'ok' || !user) return { status: checked === 'ok' ? 'invalid' : checked };
      if (!user.email_verified_at) {
        // The right password on an unconfirmed address: send the confirmation again.
        await transact(db, async (trx, afterCommit) => {
          await mail.link(trx, user, 'signup', null, user.password_hash);
          afterCommit(() => platform.mail.wake());
        });
        return { status: 'unverified' };
      }
      return { status: 'ok', sessionToken: await sessions.openSession(user.id, input.userAgent) };
    },

    inspectLink,

    /** Uses a link once: confirms the address, opens a session. */
    async useLink(token: string, userAgent?: string): Promise<{ status: 'ok'; sessionToken: string; next: string | null; purpose: LinkPurpose } | { status: Exclude<LinkState, 'valid'> }> {
      const link = await inspectLink(token);
      if (link.state !== 'valid') return { status: link.state };
      const id = sha256(token);
      const result = await transact(db, async (trx) => {
        const now = nowIso();
        const row = await repo.findLoginToken(trx, id);
        if (!row || !(await repo.consumeLoginToken(trx, id, now))) return null;
        const user = await repo.findUserById(trx, row.user_id);
        if (!user || user.deleted_at) return null;
        if (!user.email_verified_at) {
          // The link proves the address. The password it confirms is the one chosen with this very link
          // (none for a sign-in link), never one a stranger may have left on the account.
          const patch: Partial<UsersTable> = { email_verified_at: now, updated_at: now, password_hash: row.purpose === 'signup' ? row.password_hash : null };
          await repo.updateUser(trx, user.id, patch);
        }
        return { userId: user.id, next: row.next_path, purpose: row.purpose };
      });
      // Lost a race with another use of the same link.
      if (!result) return { status: 'used' };
      return { status: 'ok', sessionToken: await sessions.openSession(result.userId, userAgent), next: result.next, purpose: result.purpose };
    },

    /** Housekeeping job: old links are of no use to anyone. */
    async pruneLinks(): Promise<void> {
      await repo.pruneLoginTokens(db, new Date(Date.now() - 86400_000).toISOString());
    },
  };
}
