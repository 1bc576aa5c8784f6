import { sql, type Kysely } from 'kysely';

/**
 * One unconfirmed join request per address: posting the form again no longer queues another
 * confirmation mail (issue 11). `confirm_sent_at` says when its link was last mailed, so that
 * it goes out again at most once in a while. The duplicates the old form let pile up are
 * unproven requests: only the newest of each address is kept, its mail being the latest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('network_requests').addColumn('confirm_sent_at', 'text').execute();
  await db
    .updateTable('network_requests')
    .set({ confirm_sent_at: sql.ref('created_at') })
    .where('status', '=', 'unconfirmed')
    .execute();
  await db
    .deleteFrom('network_requests as r')
    .where('r.status', '=', 'unconfirmed')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('network_requests as newer')
          .select('newer.id')
          .where('newer.status', '=', 'unconfirmed')
          .whereRef('newer.email', '=', 'r.email')
          .where((eb) => eb.or([eb('newer.created_at', '>', eb.ref('r.created_at')), eb.and([eb('newer.created_at', '=', eb.ref('r.created_at')), eb('newer.id', '>', eb.ref('r.id'))])])),
      ),
    )
    .execute();
  await db.schema.createIndex('network_requests_one_unconfirmed').on('network_requests').column('email').unique().where(sql.ref('status'), '=', sql.lit('unconfirmed')).execute();
}
