import type { Kysely } from 'kysely';

/**
 * What the network's own event pages show and Palabre did not: the kind of event (everything used to
 * read "Rencontre"), the speakers, how to reach the venue and its accessibility, and, once the event is
 * over, what happened (a recap, the compte-rendu, the replay, the photos). Existing events become
 * "rencontre", the kind they were all shown as.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('rencontre'))
    .execute();
  // JSON array of { name, organisation }.
  await db.schema
    .alterTable('events')
    .addColumn('speakers', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  for (const column of ['place_access', 'place_accessibility', 'recap', 'report_url', 'replay_url', 'photos_url']) {
    await db.schema.alterTable('events').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('events_kind').on('events').columns(['kind', 'starts_at']).execute();
}
