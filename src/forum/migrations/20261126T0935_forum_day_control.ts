import type { Kysely } from 'kysely';

/**
 * The facilitator in control of the day (issue 12): moderation kept in a history, the room's
 * timer and announcements, the roster's presence, and actions carried by a participant or an
 * account who updates them. Hidden rows stay (the history says who hid what and can restore it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forum_themes').addColumn('hidden_at', 'text').execute();
  await db.schema.alterTable('forum_comments').addColumn('hidden_at', 'text').execute();
  await db.schema.alterTable('forum_comments').addColumn('edited_at', 'text').execute();
  await db.schema.alterTable('forum_actions').addColumn('hidden_at', 'text').execute();
  await db.schema.alterTable('forum_actions').addColumn('owner_participant_id', 'text').execute();
  await db.schema.alterTable('forum_actions').addColumn('owner_user_id', 'text').execute();
  await db.schema.alterTable('forum_actions').addColumn('owner_since', 'text').execute();
  await db.schema.alterTable('forum_participants').addColumn('removed_at', 'text').execute();
  await db.schema.alterTable('forum_participants').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('forums').addColumn('timer_label', 'text').execute();
  await db.schema.alterTable('forums').addColumn('timer_ends_at', 'text').execute();

  await db.schema
    .createTable('forum_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before_text', 'text', (c) => c.notNull())
    .addColumn('after_text', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .addColumn('by_participant_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_corrections_forum').on('forum_corrections').columns(['forum_id', 'at']).execute();

  await db.schema
    .createTable('forum_announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('forum_announcements_forum').on('forum_announcements').columns(['forum_id', 'created_at']).execute();
}
