import type { AccountRole, Membership } from '../platform/http/access.ts';
import { sha256 } from '../platform/db/ids.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { UsersTable } from './accounts.tables.ts';

export const SESSION_DAYS = 30;
export const LINK_MINUTES = 15;
/** An account without a password may choose one this soon after signing in (by link), not from a session left open. */
export const RECENT_SIGNIN_MINUTES = 10;
export const SEND_LINK_JOB = 'accounts.sendSignInLink';
export const PRUNE_LINKS_JOB = 'accounts.pruneLinks';

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

/** The name a deleted account keeps in the table; authored content shows `formerMember` in the reader's language. */
export const DELETED_NAME = 'Ancien membre';
export const formerMember: Record<Lang, string> = { fr: 'ancien membre', en: 'former member' };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
// Rate-limit buckets and job keys carry a hash, so the tables hold no address in clear.
export const addressKey = (email: string) => sha256(normalizeEmail(email)).slice(0, 32);

export function toAccount(u: UsersTable): Account {
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
