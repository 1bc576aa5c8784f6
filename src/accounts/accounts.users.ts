import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import type { AccountRole, Membership } from '../platform/http/access.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { AccountsContext } from './accounts.context.ts';
import { formerMember, normalizeEmail, toAccount, type Account } from './accounts.model.ts';
import * as repo from './accounts.repo.ts';

/** The accounts as other modules, the command line and the admins see them. */
export function createUsers({ db }: AccountsContext) {
  /** The names to show next to authored content, in one query: "ancien membre" once the account is deleted. */
  async function displayNames(userIds: string[], lang: Lang = 'fr'): Promise<Map<string, string>> {
    const rows = await repo.findUsersByIds(db, [...new Set(userIds)]);
    const names = new Map(rows.map((r) => [r.id, r.deleted_at ? formerMember[lang] : r.name]));
    for (const id of userIds) if (!names.has(id)) names.set(id, formerMember[lang]);
    return names;
  }

  return {
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
    async setMembership(trx: Kysely<Database>, userId: string, membership: Membership): Promise<void> {
      await repo.setMembership(trx, userId, membership, nowIso());
    },

    async setRole(userId: string, role: AccountRole): Promise<void> {
      await repo.setRole(db, userId, role, nowIso());
    },

    /**
     * The account of an address, created when there is none (an event registration, a membership
     * request by someone without an account), in the caller's transaction. A created account is
     * unverified and has no password: its owner signs in later by magic link, which proves the address.
     */
    async findOrCreateUserByEmail(trx: Kysely<Database>, input: { email: string; name: string; lang?: Lang }): Promise<{ id: string; created: boolean }> {
      const email = normalizeEmail(input.email);
      const existing = await repo.findUserByEmail(trx, email);
      if (existing) return { id: existing.id, created: false };
      const now = nowIso();
      const id = newId();
      const created = await repo.insertUserIfAbsent(trx, {
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
      const raced = await repo.findUserByEmail(trx, email);
      return { id: raced!.id, created: false };
    },

    /** The name to show next to authored content: "ancien membre" once the account is deleted. */
    async displayName(userId: string, lang: Lang = 'fr'): Promise<string> {
      return (await displayNames([userId], lang)).get(userId) ?? formerMember[lang];
    },

    displayNames,

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
  };
}
