import crypto from 'node:crypto';

/** Text ids, the same on both databases; sortable by creation time. */
export function newId(): string {
  return Date.now().toString(36).padStart(9, '0') + crypto.randomBytes(8).toString('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
