import type { InitiativesContext } from './initiatives.context.ts';
import { FUNDED } from './initiatives.model.ts';
import type { ApplicationState, InitiativesTables } from './initiatives.tables.ts';
import { asTables, type ForeignTransaction } from '../platform/db/database.ts';

export function createInitiativesPersonalData(ctx: InitiativesContext) {
  const { db } = ctx;
  return {
    async export(userId: string) {
      const files = await db.selectFrom('initiative_applications').selectAll().where('holder_user_id', '=', userId).execute();
      const ids = files.map((f) => f.id);
      const [budget, attachments, reviews] = await Promise.all([
        ids.length ? db.selectFrom('initiative_budget_lines').selectAll().where('application_id', 'in', ids).execute() : [],
        ids.length ? db.selectFrom('initiative_attachments').select(['application_id', 'kind', 'filename', 'bytes', 'created_at']).where('application_id', 'in', ids).execute() : [],
        db.selectFrom('initiative_reviewers').selectAll().where('user_id', '=', userId).execute(),
      ]);
      const reviewIds = reviews.map((r) => r.id);
      const scores = reviewIds.length ? await db.selectFrom('initiative_scores').selectAll().where('reviewer_id', 'in', reviewIds).execute() : [];
      const votes = await db.selectFrom('initiative_votes').selectAll().where('user_id', '=', userId).execute();
      const publicVotes = await db.selectFrom('initiative_public_votes').selectAll().where('user_id', '=', userId).execute();
      return {
        files: files.map((f) => ({ ...f, budget: budget.filter((b) => b.application_id === f.id), attachments: attachments.filter((a) => a.application_id === f.id) })),
        reviews: reviews.map((r) => ({ ...r, scores: scores.filter((s) => s.reviewer_id === r.id) })),
        committeeVotes: votes,
        publicVotes,
      };
    },

    /**
     * Files never granted are deleted with their attachments. Granted files are records of public money:
     * kept, with the holder unlinked and the private details and attachments removed. A reviewer's
     * scores stay (the committee's averages were computed with them) but no longer name the person.
     */
    async erase(trx: ForeignTransaction, userId: string) {
      const t = asTables<InitiativesTables>(trx);
      const files = await t.selectFrom('initiative_applications').select(['id', 'state']).where('holder_user_id', '=', userId).execute();
      const keys: string[] = [];
      for (const f of files) {
        const atts = await t.selectFrom('initiative_attachments').select(['file_key']).where('application_id', '=', f.id).execute();
        keys.push(...atts.map((a) => a.file_key));
        if (FUNDED.includes(f.state as ApplicationState)) {
          await t.deleteFrom('initiative_attachments').where('application_id', '=', f.id).execute();
          await t.updateTable('initiative_applications').set({ holder_user_id: null, holder_people: '', contact_phone: '', place: '' }).where('id', '=', f.id).execute();
        } else await t.deleteFrom('initiative_applications').where('id', '=', f.id).execute();
      }
      await t.updateTable('initiative_history').set({ actor_user_id: null }).where('actor_user_id', '=', userId).execute();
      await t
        .updateTable('initiative_reviewers')
        .set({ user_id: `erased:${userId.slice(-8)}`, conflict_note: '', comment: '' })
        .where('user_id', '=', userId)
        .execute();
      await t.deleteFrom('initiative_votes').where('user_id', '=', userId).execute();
      await t.deleteFrom('initiative_public_votes').where('user_id', '=', userId).execute();
      await t.deleteFrom('initiative_call_people').where('user_id', '=', userId).execute();
      // Bytes go once nothing names them any more (identical files are stored once).
      for (const key of new Set(keys)) {
        const used = await t.selectFrom('initiative_attachments').select('id').where('file_key', '=', key).limit(1).executeTakeFirst();
        if (!used) await ctx.files.remove(key);
      }
    },
  };
}
