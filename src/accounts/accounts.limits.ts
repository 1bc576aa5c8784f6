import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import { randomToken } from '../platform/db/ids.ts';
import { countHits, hit, recordHit } from '../platform/http/rate-limit.ts';
import type { AccountsContext } from './accounts.context.ts';
import { addressKey } from './accounts.model.ts';
import type { UsersTable } from './accounts.tables.ts';

/**
 * Attempts allowed per window. Only failed passwords count, so that a room of people signing in on
 * one Wi-Fi is never refused; the IP limits are looser because offices and cafés share an address.
 * A full per-address bucket does not lock the owner out (anyone can fill it): the right password
 * still opens, after a delay that doubles with each failure beyond the limit; wrong ones are refused.
 * Link requests and sign-ups count per IP (refused visibly: that is the requester's own address);
 * links and sign-up mails sent to one address are capped silently, so nobody learns or blocks it.
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

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Rate limits and the password check they guard. */
export function createLimits({ limits }: AccountsContext) {
  // Unknown addresses are checked against this hash so that they cost as much as known ones.
  let dummyHash: Promise<string> | null = null;
  const getDummyHash = () => (dummyHash ??= hashPassword(randomToken(16)));

  return {
    async allowed(...buckets: Array<[string, { limit: number; windowMs: number }]>): Promise<boolean> {
      for (const [bucket, opts] of buckets) if (!(await hit(limits, bucket, opts))) return false;
      return true;
    },

    /**
     * Checks a password against an account (or the dummy hash), counting failures only: per IP a hard
     * limit, per address a back-off that refuses wrong passwords but lets the right one through.
     */
    async checkPassword(email: string, user: UsersTable | undefined, password: string, ip: string): Promise<'ok' | 'invalid' | 'rateLimited'> {
      const ipBucket = `signin:fail:ip:${ip}`;
      const addrBucket = `signin:fail:addr:${addressKey(email)}`;
      const [ipFailures, addrFailures] = await Promise.all([
        countHits(limits, ipBucket, LIMITS.passwordFailuresPerIp.windowMs),
        countHits(limits, addrBucket, LIMITS.passwordFailuresPerAddress.windowMs),
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
      await Promise.all([recordHit(limits, ipBucket), recordHit(limits, addrBucket)]);
      return beyond >= 0 ? 'rateLimited' : 'invalid';
    },
  };
}
export type AccountsLimits = ReturnType<typeof createLimits>;
