import { sql, type Kysely } from 'kysely';
import type { Delivery, NetworkMembersTable, NetworkOrganisationsTable, NetworkPostsTable, NetworkRequestsTable, NetworkTables, RequestStatus } from './network.tables.ts';

type Db = Kysely<NetworkTables>;

// ---- Requests ----
export const insertRequest = (db: Db, row: NetworkRequestsTable) => db.insertInto('network_requests').values(row).execute();
/** False when the address already has an unconfirmed request (a unique partial index keeps one). */
export async function insertUnconfirmedRequest(db: Db, row: NetworkRequestsTable): Promise<boolean> {
  const [result] = await db
    .insertInto('network_requests')
    .values(row)
    // The index predicate is a literal: PostgreSQL matches a partial index only on the same expression.
    .onConflict((oc) => oc.column('email').where(sql.ref('status'), '=', sql.lit('unconfirmed')).doNothing())
    .execute();
  return Number(result?.numInsertedOrUpdatedRows ?? 0) > 0;
}
export const unconfirmedRequestOf = (db: Db, email: string) => db.selectFrom('network_requests').selectAll().where('email', '=', email).where('status', '=', 'unconfirmed').executeTakeFirst();
export const deleteUnconfirmedBefore = (db: Db, email: string, before: string) =>
  db.deleteFrom('network_requests').where('email', '=', email).where('status', '=', 'unconfirmed').where('created_at', '<', before).execute();
export const updateRequest = (db: Db, id: string, patch: Partial<NetworkRequestsTable>) => db.updateTable('network_requests').set(patch).where('id', '=', id).execute();
export const deleteRequest = (db: Db, id: string) => db.deleteFrom('network_requests').where('id', '=', id).execute();
export const getRequest = (db: Db, id: string) => db.selectFrom('network_requests').selectAll().where('id', '=', id).executeTakeFirst();
export const requestByConfirmHash = (db: Db, hash: string) => db.selectFrom('network_requests').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst();
export const requestsByStatus = (db: Db, statuses: RequestStatus[]) => db.selectFrom('network_requests').selectAll().where('status', 'in', statuses).orderBy('created_at').execute();
export const requestsOfEmail = (db: Db, email: string) => db.selectFrom('network_requests').selectAll().where('email', '=', email).execute();
export const deleteRequestsOf = (db: Db, email: string, userId: string) =>
  db
    .deleteFrom('network_requests')
    .where((eb) => eb.or([eb('email', '=', email), eb('user_id', '=', userId)]))
    .execute();

// ---- Organisations ----
export const orgBySlug = (db: Db, slug: string) => db.selectFrom('network_organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
export const insertOrg = (db: Db, row: NetworkOrganisationsTable) => db.insertInto('network_organisations').values(row).execute();

// ---- Members ----
export const getMember = (db: Db, userId: string) => db.selectFrom('network_members').selectAll().where('user_id', '=', userId).executeTakeFirst();
export const memberByListToken = (db: Db, token: string) => db.selectFrom('network_members').selectAll().where('list_token', '=', token).executeTakeFirst();
export const upsertMember = async (db: Db, row: NetworkMembersTable) => {
  await db.deleteFrom('network_members').where('user_id', '=', row.user_id).execute();
  await db.insertInto('network_members').values(row).execute();
};
export const updateMember = (db: Db, userId: string, patch: Partial<NetworkMembersTable>) => db.updateTable('network_members').set(patch).where('user_id', '=', userId).execute();
export const deleteMember = (db: Db, userId: string) => db.deleteFrom('network_members').where('user_id', '=', userId).execute();
export const membersByDelivery = (db: Db, delivery: Delivery) => db.selectFrom('network_members').selectAll().where('delivery', '=', delivery).orderBy('user_id').execute();
export const allMembers = (db: Db) => db.selectFrom('network_members').selectAll().orderBy('name').execute();

/** Directory: only members who opted in; the search is plain and case-insensitive on both databases. */
export function directory(db: Db, f: { q?: string; theme?: string; departement?: string; organisationId?: string }) {
  let q = db
    .selectFrom('network_members')
    .leftJoin('network_organisations', 'network_organisations.id', 'network_members.organisation_id')
    .select([
      'network_members.user_id',
      'network_members.name',
      'network_members.role',
      'network_members.territory_label',
      'network_members.departement',
      'network_members.themes',
      'network_organisations.name as org_name',
      'network_organisations.slug as org_slug',
      'network_organisations.type as org_type',
    ])
    .where('network_members.directory', '=', 1);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['network_members.name']), 'like', like),
        eb(eb.fn('lower', ['network_members.territory_label']), 'like', like),
        eb(eb.fn('lower', ['network_organisations.name']), 'like', like),
      ]),
    );
  }
  if (f.theme) q = q.where('network_members.themes', 'like', `%"${f.theme.replace(/[%_"\\]/g, '')}"%`);
  if (f.departement) q = q.where('network_members.departement', '=', f.departement);
  if (f.organisationId) q = q.where('network_members.organisation_id', '=', f.organisationId);
  return q.orderBy('network_members.departement').orderBy('network_members.name').limit(500).execute();
}

// ---- Posts ----
export const insertPost = (db: Db, row: NetworkPostsTable) => db.insertInto('network_posts').values(row).execute();
export const updatePost = (db: Db, id: string, patch: Partial<NetworkPostsTable>) => db.updateTable('network_posts').set(patch).where('id', '=', id).execute();
export const getPost = (db: Db, id: string) => db.selectFrom('network_posts').selectAll().where('id', '=', id).executeTakeFirst();
export const threadPosts = (db: Db, threadId: string) => db.selectFrom('network_posts').selectAll().where('thread_id', '=', threadId).where('status', '=', 'published').orderBy('created_at').execute();
export const pendingPosts = (db: Db) => db.selectFrom('network_posts').selectAll().where('status', '=', 'pending').orderBy('created_at').execute();
export const countPublishedBy = async (db: Db, authorId: string) =>
  Number(
    (
      await db
        .selectFrom('network_posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('author_id', '=', authorId)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
    ).n,
  );

export function threads(db: Db, q: string | undefined) {
  let query = db.selectFrom('network_posts').selectAll().where('status', '=', 'published').whereRef('thread_id', '=', 'id');
  if (q) {
    const like = `%${q.toLowerCase().replace(/[%_\\]/g, '')}%`;
    // A thread matches when any of its published posts does.
    query = query.where('thread_id', 'in', (eb) =>
      eb
        .selectFrom('network_posts as p')
        .select('p.thread_id')
        .where('p.status', '=', 'published')
        .where((w) => w.or([w(w.fn('lower', ['p.title']), 'like', like), w(w.fn('lower', ['p.body']), 'like', like)])),
    );
  }
  return query.orderBy('last_activity_at', 'desc').limit(200).execute();
}

export const postsPublishedBetween = (db: Db, from: string, to: string) =>
  db.selectFrom('network_posts').selectAll().where('status', '=', 'published').where('published_at', '>=', from).where('published_at', '<', to).orderBy('published_at').execute();

export const postsByAuthors = (db: Db, authorIds: string[]) =>
  authorIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('network_posts')
        .select(['id', 'thread_id', 'title', 'published_at'])
        .where('author_id', 'in', authorIds)
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .limit(50)
        .execute();

export const postsOfAuthor = (db: Db, authorId: string) => db.selectFrom('network_posts').selectAll().where('author_id', '=', authorId).execute();
export const anonymisePostsOf = (db: Db, authorId: string) => db.updateTable('network_posts').set({ author_id: null, author_name: '—' }).where('author_id', '=', authorId).execute();

// ---- Attachments ----
export const insertAttachment = (db: Db, row: NetworkTables['network_attachments']) => db.insertInto('network_attachments').values(row).execute();
export const attachmentsOf = (db: Db, postIds: string[]) =>
  postIds.length === 0 ? Promise.resolve([]) : db.selectFrom('network_attachments').select(['id', 'post_id', 'filename', 'content_type', 'size']).where('post_id', 'in', postIds).execute();
/** The file with the status and author of its post, for the download rule. */
export const getAttachment = (db: Db, id: string) =>
  db
    .selectFrom('network_attachments')
    .innerJoin('network_posts', 'network_posts.id', 'network_attachments.post_id')
    .selectAll('network_attachments')
    .select(['network_posts.status as post_status', 'network_posts.author_id as post_author_id'])
    .where('network_attachments.id', '=', id)
    .executeTakeFirst();
