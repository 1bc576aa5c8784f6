/**
 * The optional public vote of a call (off by default): each signed-in person has the call's
 * points (dots) to spread over the projects put to the vote, several on one if they wish, and
 * may take one back; the committee sees the totals. The dot-vote rule of the forums, rewritten
 * here in a few pure lines so that initiatives do not depend on the forum module.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';
import { nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import type { InitiativeCallsTable } from './initiatives.tables.ts';

type Db = Kysely<Database>;

/** The vote takes points while it is enabled and within its window (either end may be open). */
export function voteIsOpen(call: Pick<InitiativeCallsTable, 'vote_enabled' | 'vote_opens_at' | 'vote_closes_at' | 'status'>, now: string): boolean {
  if (call.vote_enabled !== 1 || call.status === 'draft') return false;
  return (call.vote_opens_at === null || call.vote_opens_at <= now) && (call.vote_closes_at === null || call.vote_closes_at > now);
}

/** One more point may be given while the person has given fewer than the call's points in all. */
export const mayGivePoint = (given: number, budget: number) => given < budget;

/** Files put to the vote: admissible or under review, and agreed for publication by their holders. */
const candidates = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_applications')
    .select(['id', 'reference', 'title', 'summary', 'holder_name', 'commune_code', 'neighbourhood'])
    .where('call_id', '=', callId)
    .where('state', 'in', ['admissible', 'under_review'])
    .where('public', '=', 1)
    .orderBy('reference')
    .execute();

const totals = (db: Db, callId: string) =>
  db
    .selectFrom('initiative_public_votes')
    .select(['application_id', (eb) => eb.fn.sum<number>('points').as('points')])
    .where('call_id', '=', callId)
    .groupBy('application_id')
    .execute();

const mine = (db: Db, callId: string, userId: string) =>
  db.selectFrom('initiative_public_votes').select(['application_id', 'points']).where('call_id', '=', callId).where('user_id', '=', userId).execute();

export function createPublicVote(ctx: FollowUpContext) {
  const { db } = ctx;

  async function callBySlug(slug: string) {
    const call = await db.selectFrom('initiative_calls').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (call?.vote_enabled !== 1 || call.status === 'draft') throw new NotFoundError();
    return call;
  }

  return {
    /** The vote's page: projects with their points, the person's own points and what is left. */
    async ballot(slug: string, user: CurrentUser | null) {
      const call = await callBySlug(slug);
      const [files, counted, own] = await Promise.all([candidates(db, call.id), totals(db, call.id), user ? mine(db, call.id, user.id) : Promise.resolve([])]);
      const total = new Map(counted.map((c) => [c.application_id, Number(c.points)]));
      const given = new Map(own.map((o) => [o.application_id, o.points]));
      const used = own.reduce((a, o) => a + o.points, 0);
      return {
        call,
        open: voteIsOpen(call, nowIso()),
        left: Math.max(0, call.vote_points - used),
        files: files.map((f) => ({ ...f, points: total.get(f.id) ?? 0, mine: given.get(f.id) ?? 0 })),
      };
    },

    /** Gives or takes back one point; refused when the vote is closed or the points are all given. */
    async givePoint(slug: string, user: CurrentUser, applicationId: string, remove: boolean) {
      const call = await callBySlug(slug);
      if (!voteIsOpen(call, nowIso())) throw new ConflictError('initiatives.publicVote.closed');
      if (!(await candidates(db, call.id)).some((f) => f.id === applicationId)) throw new NotFoundError();
      await transact(db, async (trx) => {
        // Two clicks at once must not give more than the budget: the call's row is locked first, so a person's points are counted one click at a time.
        if (ctx.platform.dbKind === 'postgres') await trx.selectFrom('initiative_calls').select('id').where('id', '=', call.id).forUpdate().executeTakeFirst();
        else await trx.updateTable('initiative_calls').set({ id: sql`id` }).where('id', '=', call.id).execute();
        const own = await mine(trx, call.id, user.id);
        const here = own.find((o) => o.application_id === applicationId)?.points ?? 0;
        const key = (q: ReturnType<typeof trx.updateTable<'initiative_public_votes'>>) => q.where('call_id', '=', call.id).where('user_id', '=', user.id).where('application_id', '=', applicationId);
        if (remove) {
          if (here <= 1) await trx.deleteFrom('initiative_public_votes').where('call_id', '=', call.id).where('user_id', '=', user.id).where('application_id', '=', applicationId).execute();
          else await key(trx.updateTable('initiative_public_votes').set({ points: here - 1 })).execute();
          return;
        }
        const used = own.reduce((a, o) => a + o.points, 0);
        if (!mayGivePoint(used, call.vote_points)) throw new ConflictError('initiatives.publicVote.noPointsLeft', { n: call.vote_points });
        if (here === 0) await trx.insertInto('initiative_public_votes').values({ call_id: call.id, application_id: applicationId, user_id: user.id, points: 1, created_at: nowIso() }).execute();
        else await key(trx.updateTable('initiative_public_votes').set({ points: here + 1 })).execute();
      });
    },

    /** Totals of the vote per file, for the committee's agenda. */
    async totalsOf(callId: string) {
      return new Map((await totals(db, callId)).map((c) => [c.application_id, Number(c.points)]));
    },
  };
}
export type PublicVote = ReturnType<typeof createPublicVote>;
