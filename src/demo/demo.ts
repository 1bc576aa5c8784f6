import argon2 from 'argon2';
import type { PalabreApp } from '../app.ts';
import { countUsers } from '../accounts/accounts.repo.ts';

export const DEMO_PASSWORD = 'palabre-demo';
/**
 * Demo accounts, printed in the README so that anyone can try every role. `membership` is what the
 * account ends up with: the network's demo makes members through its approval path, not here.
 */
export const demoAccounts = [
  { email: 'admin@palabre.test', name: 'Alex Admin', role: 'admin' as const, membership: 'approved' as const },
  { email: 'animation@palabre.test', name: 'Camille Animatrice', role: 'animator' as const, membership: 'approved' as const },
  { email: 'membre@palabre.test', name: 'Dominique Membre', role: 'user' as const, membership: 'approved' as const },
  { email: 'visiteur@palabre.test', name: 'Sacha Visiteur', role: 'user' as const, membership: 'none' as const },
];

export async function isEmpty(app: PalabreApp): Promise<boolean> {
  const { n } = await countUsers(app.platform.db);
  return Number(n) === 0;
}

/** Loads the demo data set, built from the facts of the pages in shared/seeds. */
export async function loadDemo(app: PalabreApp): Promise<void> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  for (const { email, name, role } of demoAccounts) await app.services.accounts.service.ensureUser({ email, name, role, passwordHash });
  for (const m of app.modules) if (m.demo) await m.demo();
  await app.platform.bus.publish('demo', { loaded: true });
}
