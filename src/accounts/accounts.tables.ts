import type { AccountRole, Membership } from '../platform/http/access.ts';

export interface UsersTable {
  id: string;
  email: string | null;
  name: string;
  password_hash: string | null;
  role: AccountRole;
  membership: Membership;
  lang: 'fr' | 'en';
  email_verified_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface LoginTokensTable {
  id: string;
  user_id: string;
  purpose: 'signin' | 'signup';
  next_path: string | null;
  /** The password chosen at sign-up, applied to the account only when this link confirms it. */
  password_hash: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
}
