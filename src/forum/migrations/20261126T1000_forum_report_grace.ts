import type { Kysely } from 'kysely';

/**
 * Nothing typed is lost (issue 12, decision 0032): when the phase last changed, so that reports
 * keep accepting text for a grace period after the forum is closed; and when a report was last
 * being typed, so that the facilitator is warned before closing while groups still write.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forums').addColumn('phase_changed_at', 'text').execute();
  await db.schema.alterTable('forum_themes').addColumn('report_typing_at', 'text').execute();
}
