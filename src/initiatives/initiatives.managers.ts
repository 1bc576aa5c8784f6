import { nowIso } from '../platform/db/ids.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { can } from '../platform/http/access.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { InitiativesContext } from './initiatives.context.ts';
import * as repo from './initiatives.repo.ts';

/**
 * The people who run a call for a member of the network (a town, an association gestionnaire):
 * appointed by the network's animators, they have the staff pages of that call only — its files,
 * admissibility, reviewers, committees and payments — and nothing of the other calls.
 */
export function createManagers(ctx: InitiativesContext) {
  const { db, deps } = ctx;
  return {
    managers: (callId: string) => repo.callManagers(db, callId),

    /** By address: a person without an account gets one, with no other role than this. */
    async addManager(callId: string, input: { email: string; name: string }) {
      if (!(await repo.findCall(db, callId))) throw new NotFoundError();
      const account =
        (await deps.accounts.findUserByEmail(input.email)) ?? (await deps.accounts.getUser((await deps.accounts.ensureUser({ email: input.email, name: input.name || input.email.split('@')[0] })).id));
      if (!account) throw new NotFoundError();
      await repo.addCallPerson(db, { call_id: callId, user_id: account.id, role: 'manager', created_at: nowIso() });
    },

    removeManager: (callId: string, userId: string) => repo.removeCallManager(db, callId, userId),

    /** The calls whose staff pages this person may open: all of them for the network's animators. */
    async callsRunBy(user: CurrentUser) {
      const all = await repo.listCalls(db);
      if (can.animate(user)) return all;
      const mine = new Set(await repo.callsManagedBy(db, user.id));
      return all.filter((c) => mine.has(c.id));
    },
  };
}
