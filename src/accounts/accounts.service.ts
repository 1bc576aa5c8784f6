import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { createAccountsContext } from './accounts.context.ts';
import { createLimits } from './accounts.limits.ts';
import { createAccountsMail } from './accounts.mail.ts';
import { createSessions } from './accounts.sessions.ts';
import { createSignIn } from './accounts.signin.ts';
import { createSpace } from './accounts.space.ts';
import { createUsers } from './accounts.users.ts';

export { hashPassword, LIMITS } from './accounts.limits.ts';
export {
  LINK_MINUTES,
  normalizeEmail,
  PRUNE_LINKS_JOB,
  RECENT_SIGNIN_MINUTES,
  SEND_LINK_JOB,
  SESSION_DAYS,
  type Account,
  type LinkPurpose,
  type LinkState,
} from './accounts.model.ts';

export interface AccountsDeps {
  /** Every module's definition, known once the wiring is done (personal data export and erasure). */
  modules: () => ModuleDefinition[];
}

/**
 * The accounts service, assembled from one part per concept: sessions, sign-up and sign-in (with the
 * rate limits that guard them), the accounts other modules and admins see, the personal space.
 */
export function createAccountsService(platform: Platform<Database>, deps: AccountsDeps) {
  const ctx = createAccountsContext(platform);
  const mail = createAccountsMail(ctx);
  const limits = createLimits(ctx);
  const sessions = createSessions(ctx);
  return {
    ...sessions,
    ...createSignIn(ctx, mail, limits, sessions),
    ...createUsers(ctx),
    ...createSpace(ctx, deps, mail, limits),
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
