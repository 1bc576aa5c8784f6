import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { CurrentUser, AccountRole, Membership } from '../platform/http/access.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { countHits, hit, recordHit } from '../platform/http/rate-limit.ts';
import { createI18n, type Lang } from '../platform/i18n/i18n.ts';
import { renderMail } from '../platform/mail/message.tsx';
import type { PlatformTables } from '../platform/platform.tables.ts';
import { accountsCatalogue } from './accounts.i18n.ts';
import * as repo from './accounts.repo.ts';
import type { AccountsTables, UsersTable } from './accounts.tables.ts';

export const SESSION_DAYS = 30;
const TOUCH_EVERY_MS = 3600_000;
export const LINK_MINUTES = 15;
/** An account without a password may choose one this soon after signing in (by link), not from a session left open. */
export const RECENT_SIGNIN_MINUTES = 10;
export const SEND_LINK_JOB = 'accounts.sendSignInLink';
export const PRUNE_LINKS_JOB = 'accounts.pruneLinks';

/**
 * Attempts allowed per window. Only failed passwords count, so that a room of people signing in on
 * one Wi-Fi is never refused; the IP limits are looser because offices and cafés share an address.
 * A full per-address bucket does not lock the owner out (anyone can fill it): the right password
 * still opens, after a delay that doubles with each failure beyond the limit; wrong ones are refused.
 * Link requests count per IP; links mailed to one address are capped silently, in the job.
 */
export const LIMITS = {
  passwordFailuresPerAddress: { limit: 5, windowMs: 15 * 60_000 },
  passwordFailuresPerIp: { limit: 30, windowMs: 15 * 60_000 },
  lockedAddressDelayMs: { first: 500, max: 8_000 },
  linkPerIp: { limit: 30, windowMs: 15 * 60_000 },
  linkSendsPerAddress: { limit: 3, windowMs: 15 * 60_000 },
  signUpPerAddress: { limit: 3, windowMs: 3600_000 },
  signUpPerIp: { limit: 10, windowMs: 3600_000 },
};

/** What other modules see of a person. */
export interface Account {
  id: string;
  email: string | null;
  name: string;
  role: AccountRole;
  membership: Membership;
  lang: Lang;
  emailVerified: boolean;
  hasPassword: boolean;
  createdAt: string;
  deleted: boolean;
}

export type LinkState = 'valid' | 'expired' | 'used' | 'unknown';
export type LinkPurpose = 'signin' | 'signup';

const DELETED_NAME = 'Ancien membre';
const formerMember: Record<Lang, string> = { fr: 'ancien membre', en: 'former member' };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
// Rate-limit buckets and job keys carry a hash, so the tables hold no address in clear.
const addressKey = (email: string) => sha256(normalizeEmail(email)).slice(0, 32);

function toAccount(u: UsersTable): Account {
  return {
    id: u.id,
    email: u.email,
    name: u.deleted_at ? DELETED_NAME : u.name,
    role: u.role,
    membership: u.membership,
    lang: u.lang,
    emailVerified: u.email_verified_at !== null,
    hasPassword: u.password_hash !== null,
    createdAt: u.created_at,
    deleted: u.deleted_at !== null,
  };
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export interface AccountsDeps {
  /** Every module's definition, known once the wiring is done (personal data, /compte sections). */
  modules: () => ModuleDefinition[];
}

export function createAccountsService(platform: Platform, deps: AccountsDeps = { modules: () => [] }) {
  const db = platform.db as Kysely<AccountsTables>;
  const limitsDb = platform.db as Kysely<PlatformTables>;
  const t = createI18n([accountsCatalogue]).t;
  const asAccounts = (x: Kysely<any>) => x as Kysely<AccountsTables>;

  // Unknown addresses are checked against this hash so that they cost as much as known ones.
  let dummyHash: Promise<string> | null = null;
  const getDummyHash = () => (dummyHash ??= hashPassword(randomToken(16)));

  async function allowed(...buckets: Array<[string, { limit: number; windowMs: number }]>): Promise<boolean> {
    for (const [bucket, opts] of buckets) if (!(await hit(limitsDb, bucket, opts))) return false;
    return true;
  }

  /**
   * Checks a password against an account (or the dummy hash), counting failures only: per IP a hard
   * limit, per address a back-off that refuses wrong passwords but lets the right one through.
   */
  async function checkPassword(email: string, user: UsersTable | undefined, password: string, ip: string): Promise<'ok' | 'invalid' | 'rateLimited'> {
    const ipBucket = `signin:fail:ip:${ip}`;
    const addrBucket = `signin:fail:addr:${addressKey(email)}`;
    const [ipFailures, addrFailures] = await Promise.all([
      countHits(limitsDb, ipBucket, LIMITS.passwordFailuresPerIp.windowMs),
      countHits(limitsDb, addrBucket, LIMITS.passwordFailuresPerAddress.windowMs),
    ]);
    if (ipFailures >= LIMITS.passwordFailuresPerIp.limit) return 'rateLimited';
    const beyond = addrFailures - LIMITS.passwordFailuresPerAddress.limit;
    if (beyond >= 0) await sleep(Math.min(LIMITS.lockedAddressDelayMs.first * 2 ** beyond, LIMITS.lockedAddressDelayMs.max));
    const hash = user?.password_hash ?? (await getDummyHash());
    let ok = false;
    try {
      ok = await argon2.verify(hash, password);
    } catch {
      ok = false;
    }
    if (user?.password_hash && ok) return 'ok';
    await Promise.all([recordHit(limitsDb, ipBucket), recordHit(limitsDb, addrBucket)]);
    return beyond >= 0 ? 'rateLimited' : 'invalid';
  }

  /**
   * Stores a one-time link (hashed) and puts its mail in the outbox, in the caller's transaction.
   * A sign-up link carries the password chosen with it, applied only when the link confirms the address.
   */
  async function mailLink(trx: Kysely<any>, user: UsersTable, kind: 'signin' | 'signup' | 'existing', next: string | null, pendingHash: string | null = null) {
    const token = randomToken(32);
    const now = Date.now();
    await repo.insertLoginToken(asAccounts(trx), {
      id: sha256(token),
      user_id: user.id,
      purpose: kind === 'signup' ? 'signup' : 'signin',
      next_path: next,
      password_hash: kind === 'signup' ? pendingHash : null,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + LINK_MINUTES * 60_000).toISOString(),
      used_at: null,
    });
    const tr = t(user.lang);
    const url = `${platform.config.publicUrl}/connexion/lien/${token}`;
    const site = platform.config.networkName;
    const content = renderMail({
      greeting: tr('accounts.mail.greeting', { name: user.name }),
      paragraphs: [tr(`accounts.mail.${kind}.text`, { site, minutes: LINK_MINUTES })],
      action: { label: tr(`accounts.mail.${kind}.action`), url },
      footer: [tr('accounts.mail.notYou')],
      siteName: site,
    });
    // At most one clean-up a day, scheduled by the links themselves: no link, nothing to clean.
    const day = new Date(now).toISOString().slice(0, 10);
    await platform.jobs.enqueue(trx, PRUNE_LINKS_JOB, {}, { uniqueKey: `${PRUNE_LINKS_JOB}:${day}`, runAt: new Date(now + 86400_000).toISOString() });
    await platform.mail.enqueue(trx, {
      to: user.email!,
      lang: user.lang,
      subject: tr(`accounts.mail.${kind}.subject`, { site }),
      ...content,
      // 'auth.*' bodies are hidden in /admin/courriels once mail really leaves: they sign people in.
      category: 'auth.signin',
    });
  }

  async function mailNotice(trx: Kysely<any>, user: UsersTable, kind: 'passwordChanged' | 'deleted', to = user.email) {
    if (!to) return;
    const tr = t(user.lang);
    const site = platform.config.networkName;
    const content = renderMail({
      greeting: tr('accounts.mail.greeting', { name: user.name }),
      paragraphs: [tr(`accounts.mail.${kind}.text`, { site })],
      action: kind === 'passwordChanged' ? { label: tr('accounts.mail.passwordChanged.action'), url: `${platform.config.publicUrl}/connexion` } : undefined,
      siteName: site,
    });
    await platform.mail.enqueue(trx, { to, lang: user.lang, subject: tr(`accounts.mail.${kind}.subject`, { site }), ...content, category: 'accounts' });
  }

  const service = {
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

    /** Creates or promotes an account (CLI create-admin, demo data). */
    async ensureUser(input: { email: string; name: string; role?: AccountRole; membership?: Membership; passwordHash?: string | null }) {
      const existing = await repo.findUserByEmail(db, input.email);
      const now = nowIso();
      if (existing) {
        await repo.updateUser(db, existing.id, {
          role: input.role ?? existing.role,
          membership: input.membership ?? existing.membership,
          ...(input.passwordHash ? { password_hash: input.passwordHash } : {}),
          email_verified_at: existing.email_verified_at ?? now,
          updated_at: now,
        });
        return { id: existing.id, created: false };
      }
      const id = newId();
      await repo.insertUser(db, {
        id,
        email: normalizeEmail(input.email),
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

    // ---- For other modules -------------------------------------------------------------

    /** Any account, deleted ones included (then named "Ancien membre", e-mail null). */
    async getUser(id: string): Promise<Account | null> {
      const u = await repo.findUserById(db, id);
      return u ? toAccount(u) : null;
    },

    /** A live account by e-mail address (case and surrounding spaces ignored). */
    async findUserByEmail(email: string): Promise<Account | null> {
      const u = await repo.findUserByEmail(db, email);
      return u ? toAccount(u) : null;
    },

    /** Live animators and admins with an address, in one query (who decides on membership requests). */
    async listStaff(): Promise<Array<{ id: string; email: string; lang: Lang }>> {
      return (await repo.listStaff(db)).flatMap((u) => (u.email ? [{ id: u.id, email: u.email, lang: u.lang }] : []));
    },

    /** `trx` may be the caller's transaction, so that a membership decision and its effects commit together. */
    async setMembership(trx: Kysely<any>, userId: string, membership: Membership): Promise<void> {
      await repo.setMembership(asAccounts(trx), userId, membership, nowIso());
    },

    async setRole(userId: string, role: AccountRole): Promise<void> {
      await repo.setRole(db, userId, role, nowIso());
    },

    /**
     * The account of an address, created when there is none (an event registration, a membership
     * request by someone without an account). A created account is unverified and has no password:
     * its owner signs in later by magic link, which proves the address.
     */
    async findOrCreateUserByEmail(trx: Kysely<any>, input: { email: string; name: string; lang?: Lang }): Promise<{ id: string; created: boolean }> {
      const email = normalizeEmail(input.email);
      const existing = await repo.findUserByEmail(asAccounts(trx), email);
      if (existing) return { id: existing.id, created: false };
      const now = nowIso();
      const id = newId();
      const created = await repo.insertUserIfAbsent(asAccounts(trx), {
        id,
        email,
        name: input.name.trim().slice(0, 100) || email.split('@')[0],
        password_hash: null,
        role: 'user',
        membership: 'none',
        lang: input.lang ?? 'fr',
        email_verified_at: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      if (created) return { id, created: true };
      // Someone else created it between our read and our insert.
      const raced = await repo.findUserByEmail(asAccounts(trx), email);
      return { id: raced!.id, created: false };
    },

    /** The name to show next to authored content: "ancien membre" once the account is deleted. */
    async displayName(userId: string, lang: Lang = 'fr'): Promise<string> {
      return (await service.displayNames([userId], lang)).get(userId) ?? formerMember[lang];
    },

    /** Same for a list of authors, in one query. */
    async displayNames(userIds: string[], lang: Lang = 'fr'): Promise<Map<string, string>> {
      const rows = await repo.findUsersByIds(db, [...new Set(userIds)]);
      const names = new Map(rows.map((r) => [r.id, r.deleted_at ? formerMember[lang] : r.name]));
      for (const id of userIds) if (!names.has(id)) names.set(id, formerMember[lang]);
      return names;
    },

    // ---- Sign-up and sign-in --------------------------------------------------------------

    /**
     * Always answers the same way: a new address gets a confirmation link, a known one a
     * "you already have an account" mail with a sign-in link. The password is hashed before
     * the lookup so both paths cost the same.
     */
    async signUp(input: { name: string; email: string; password?: string; lang: Lang; ip: string; next?: string | null }): Promise<'sent' | 'rateLimited'> {
      const email = normalizeEmail(input.email);
      if (!(await allowed([`signup:ip:${input.ip}`, LIMITS.signUpPerIp], [`signup:addr:${addressKey(email)}`, LIMITS.signUpPerAddress]))) return 'rateLimited';
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      await transact(platform.db, async (trx, afterCommit) => {
        const now = nowIso();
        const existing = await repo.findUserByEmail(asAccounts(trx), email);
        if (existing?.email_verified_at) {
          await mailLink(trx, existing, 'existing', input.next ?? null);
        } else if (existing) {
          // Never confirmed (a sign-up not yet confirmed, or an account a membership request or an event
          // registration made): the account stays as it is, whoever asks. This sign-up's password waits on
          // its own link, mailed to the address, so only the mailbox's owner can make it the account's.
          await mailLink(trx, { ...existing, lang: input.lang }, 'signup', input.next ?? null, passwordHash);
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
          await repo.insertUser(asAccounts(trx), user);
          await mailLink(trx, user, 'signup', input.next ?? null, passwordHash);
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
      if (!(await allowed([`link:ip:${input.ip}`, LIMITS.linkPerIp]))) return 'rateLimited';
      await transact(platform.db, async (trx, afterCommit) => {
        await platform.jobs.enqueue(trx, SEND_LINK_JOB, { email, next: input.next });
        afterCommit(() => platform.jobs.runner.wake());
      });
      return 'queued';
    },

    /** The job behind requestSignInLink. */
    async sendSignInLink(payload: { email: string; next: string | null }): Promise<void> {
      await transact(platform.db, async (trx, afterCommit) => {
        const user = await repo.findUserByEmail(asAccounts(trx), payload.email);
        if (!user) return;
        // Capped here rather than at the request, which answers the same whether a link leaves or not.
        if (!(await hit(trx as Kysely<PlatformTables>, `link:addr:${addressKey(payload.email)}`, LIMITS.linkSendsPerAddress))) return;
        await mailLink(trx, user, 'signin', payload.next);
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
      const checked = await checkPassword(email, user, input.password, input.ip);
      // 'ok' implies the account exists; the second test only tells the compiler.
      if (checked !== 'ok' || !user) return { status: checked === 'ok' ? 'invalid' : checked };
      if (!user.email_verified_at) {
        // The right password on an unconfirmed address: send the confirmation again.
        await transact(platform.db, async (trx, afterCommit) => {
          await mailLink(trx, user, 'signup', null, user.password_hash);
          afterCommit(() => platform.mail.wake());
        });
        return { status: 'unverified' };
      }
      return { status: 'ok', sessionToken: await service.openSession(user.id, input.userAgent) };
    },

    /** What the GET of a link shows; it does not use the link (mail scanners prefetch them). */
    async inspectLink(token: string): Promise<{ state: 'valid'; purpose: LinkPurpose } | { state: Exclude<LinkState, 'valid'> }> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
      const row = await repo.findLoginToken(db, sha256(token));
      if (!row) return { state: 'unknown' };
      if (row.used_at) return { state: 'used' };
      if (row.expires_at <= nowIso()) return { state: 'expired' };
      const user = await repo.findUserById(db, row.user_id);
      return user && !user.deleted_at ? { state: 'valid', purpose: row.purpose } : { state: 'unknown' };
    },

    /** Uses a link once: confirms the address, opens a session. */
    async useLink(token: string, userAgent?: string): Promise<{ status: 'ok'; sessionToken: string; next: string | null; purpose: LinkPurpose } | { status: Exclude<LinkState, 'valid'> }> {
      const link = await service.inspectLink(token);
      if (link.state !== 'valid') return { status: link.state };
      const id = sha256(token);
      const result = await transact(platform.db, async (trx) => {
        const now = nowIso();
        const row = await repo.findLoginToken(asAccounts(trx), id);
        if (!row || !(await repo.consumeLoginToken(asAccounts(trx), id, now))) return null;
        const user = await repo.findUserById(asAccounts(trx), row.user_id);
        if (!user || user.deleted_at) return null;
        if (!user.email_verified_at) {
          // The link proves the address. The password it confirms is the one chosen with this very link
          // (none for a sign-in link), never one a stranger may have left on the account.
          const patch: Partial<UsersTable> = { email_verified_at: now, updated_at: now, password_hash: row.purpose === 'signup' ? row.password_hash : null };
          await repo.updateUser(asAccounts(trx), user.id, patch);
        }
        return { userId: user.id, next: row.next_path, purpose: row.purpose };
      });
      // Lost a race with another use of the same link.
      if (!result) return { status: 'used' };
      return { status: 'ok', sessionToken: await service.openSession(result.userId, userAgent), next: result.next, purpose: result.purpose };
    },

    // ---- Personal space -------------------------------------------------------------------

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
        const checked = await checkPassword(user.email, user, input.current, input.ip);
        if (checked !== 'ok') return checked === 'rateLimited' ? 'rateLimited' : 'wrongCurrent';
      } else {
        const opened = await repo.findSession(db, session.sessionId);
        if (!opened || Date.now() - Date.parse(opened.created_at) > RECENT_SIGNIN_MINUTES * 60_000) return 'signInAgain';
      }
      const passwordHash = await hashPassword(input.password);
      await transact(platform.db, async (trx, afterCommit) => {
        await repo.updateUser(asAccounts(trx), user.id, { password_hash: passwordHash, updated_at: nowIso() });
        await repo.deleteOtherSessions(asAccounts(trx), user.id, session.sessionId);
        await mailNotice(trx, user, 'passwordChanged');
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
      await transact(platform.db, async (trx, afterCommit) => {
        const user = await repo.findUserById(asAccounts(trx), userId);
        if (!user || user.deleted_at || !user.email) return;
        for (const m of deps.modules()) if (m.personalData) await m.personalData.erase(trx, userId, user.email);
        await repo.deleteSessionsOfUser(asAccounts(trx), userId);
        await repo.deleteLoginTokensOfUser(asAccounts(trx), userId);
        const now = nowIso();
        await repo.updateUser(asAccounts(trx), userId, {
          email: null,
          name: DELETED_NAME,
          password_hash: null,
          role: 'user',
          membership: 'none',
          email_verified_at: null,
          updated_at: now,
          deleted_at: now,
        });
        await mailNotice(trx, user, 'deleted', user.email);
        afterCommit(() => platform.mail.wake());
      });
    },

    // ---- Administration -------------------------------------------------------------------

    async listAccounts(opts: { q?: string; page: number; perPage?: number }) {
      const perPage = opts.perPage ?? 50;
      const rows = await repo.listUsers(db, { q: opts.q?.trim() || undefined, limit: perPage + 1, offset: (opts.page - 1) * perPage });
      return { rows: rows.slice(0, perPage), hasMore: rows.length > perPage };
    },

    /** An admin cannot demote themself: the site must keep someone able to give roles back. */
    async changeRole(actorId: string, userId: string, role: AccountRole): Promise<'ok' | 'self' | 'notFound'> {
      if (actorId === userId && role !== 'admin') return 'self';
      const user = await repo.findUserById(db, userId);
      if (!user || user.deleted_at) return 'notFound';
      await repo.setRole(db, userId, role, nowIso());
      return 'ok';
    },

    /** Housekeeping job: old links are of no use to anyone. */
    async pruneLinks(): Promise<void> {
      await repo.pruneLoginTokens(db, new Date(Date.now() - 86400_000).toISOString());
    },
  };
  return service;
}
export type AccountsService = ReturnType<typeof createAccountsService>;
