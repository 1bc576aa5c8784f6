import type { Database } from '../database.ts';
import type { NetworkContext } from './network.context.ts';
import * as repo from './network.repo.ts';
import { asTables, type ForeignTransaction } from '../platform/db/database.ts';

/** RGPD: what the network holds about a person (requests, membership, posts), and its erasure. */
export function createPersonalData({ db }: NetworkContext) {
  return {
    async export(userId: string, email: string) {
      return {
        requests: (await repo.requestsOfEmail(db, email)).map(({ confirm_token_hash: _h, ...r }) => r),
        member: (await repo.getMember(db, userId)) ?? null,
        posts: (await repo.postsOfAuthor(db, userId)).map((p) => ({ id: p.id, title: p.title, body: p.body, status: p.status, createdAt: p.created_at })),
      };
    },
    /** In the account deletion's transaction. */
    async erase(foreign: ForeignTransaction, userId: string, email: string) {
      const trx = asTables<Database>(foreign);
      await repo.deleteRequestsOf(trx, email, userId);
      await repo.deleteMember(trx, userId);
      // Messages stay in the threads others answered, without the author's name.
      await repo.anonymisePostsOf(trx, userId);
    },
  };
}
