/**
 * RGPD for the follow-up: a holder's reports (what happened, spent per line), a committee member's
 * attendance. Erasing keeps the decisions and their counts (records of public money) but removes
 * the person's name from the attendance lists; signed minutes already issued are not rewritten.
 */
import type { Database } from '../database.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { asTables, type ForeignTransaction } from '../platform/db/database.ts';

export function createFollowUpPersonalData(ctx: FollowUpContext) {
  const { db } = ctx;
  return {
    async export(userId: string) {
      const files = await db.selectFrom('initiative_applications').select('id').where('holder_user_id', '=', userId).execute();
      const ids = files.map((f) => f.id);
      const [reports, attendance] = await Promise.all([
        ids.length
          ? db
              .selectFrom('initiative_reports')
              .select(['application_id', 'kind', 'status', 'what_happened', 'participants', 'spent_cents', 'self_evaluation', 'published', 'submitted_at'])
              .where('application_id', 'in', ids)
              .execute()
          : [],
        db.selectFrom('initiative_committee_attendance').select(['committee_id', 'name', 'role', 'present']).where('user_id', '=', userId).execute(),
      ]);
      return { reports, committeeAttendance: attendance };
    },

    async erase(trx: ForeignTransaction, userId: string) {
      const t = asTables<Database>(trx);
      await t.updateTable('initiative_committee_attendance').set({ user_id: null, name: '—' }).where('user_id', '=', userId).execute();
    },
  };
}
