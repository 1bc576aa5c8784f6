import { describe, expect, it } from 'vitest';
import { addressKey, normalizeEmail, toAccount } from './accounts.model.ts';
import type { UsersTable } from './accounts.tables.ts';

const row: UsersTable = {
  id: 'u1',
  email: 'camille@exemple.fr',
  name: 'Camille',
  password_hash: null,
  role: 'user',
  membership: 'none',
  lang: 'fr',
  email_verified_at: null,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
  deleted_at: null,
};

describe('accounts model', () => {
  it('ignores case and surrounding spaces in an address, for lookups and for rate-limit buckets alike', () => {
    expect(normalizeEmail('  Camille@Exemple.FR ')).toBe('camille@exemple.fr');
    expect(addressKey('  Camille@Exemple.FR ')).toBe(addressKey('camille@exemple.fr'));
  });

  it('keeps no address in clear in a rate-limit bucket key', () => {
    expect(addressKey('camille@exemple.fr')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shows a deleted account as "Ancien membre", and tells whether an address was confirmed and a password chosen', () => {
    expect(toAccount(row)).toMatchObject({ name: 'Camille', emailVerified: false, hasPassword: false, deleted: false });
    expect(toAccount({ ...row, email_verified_at: row.created_at, password_hash: 'h' })).toMatchObject({ emailVerified: true, hasPassword: true });
    expect(toAccount({ ...row, email: null, deleted_at: '2025-02-01T00:00:00.000Z' })).toMatchObject({ name: 'Ancien membre', email: null, deleted: true });
  });
});
