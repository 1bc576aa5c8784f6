import type { Kysely } from 'kysely';

/**
 * Report edits, comments and follow-up notes kept only the writer's name, so erasing an account
 * could not find them (RGPD export and erasure). They now also say which participant or account
 * wrote them. Rows written before this keep null links; erasure matches those by name within the
 * person's forums.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forum_report_sections').addColumn('updated_by_participant_id', 'text').execute();
  await db.schema.alterTable('forum_report_sections').addColumn('updated_by_user_id', 'text').execute();
  await db.schema.alterTable('forum_comments').addColumn('user_id', 'text').execute();
  await db.schema.alterTable('forum_action_updates').addColumn('participant_id', 'text').execute();
  await db.schema.alterTable('forum_action_updates').addColumn('user_id', 'text').execute();
  await db.schema.createIndex('forum_comments_participant').on('forum_comments').column('participant_id').execute();
}
