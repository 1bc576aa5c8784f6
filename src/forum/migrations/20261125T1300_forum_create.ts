import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forums')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('preparation'))
    .addColumn('join_code', 'text', (c) => c.notNull().unique())
    .addColumn('votes_per_person', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('themes_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('proceedings_published_at', 'text')
    .execute();

  await db.schema
    .createTable('forum_facilitators')
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_facilitators_pk', ['forum_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('forum_spaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_spaces_forum').on('forum_spaces').column('forum_id').execute();

  await db.schema
    .createTable('forum_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_slots_forum').on('forum_slots').column('forum_id').execute();

  await db.schema
    .createTable('forum_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('user_id', 'text')
    .addColumn('registration_id', 'text')
    // sha256 of the participant cookie: a leaked database does not let anyone write as someone else.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_participants_forum').on('forum_participants').column('forum_id').execute();
  await db.schema.createIndex('forum_participants_registration').on('forum_participants').columns(['forum_id', 'registration_id']).execute();

  await db.schema
    .createTable('forum_themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('merged_into', 'text')
    .addColumn('slot_id', 'text')
    .addColumn('space_id', 'text')
    .addColumn('queued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_themes_forum').on('forum_themes').column('forum_id').execute();
  // The wall's "one theme per space and slot" rule, enforced by the database as well.
  await db.schema.createIndex('forum_themes_cell').on('forum_themes').columns(['slot_id', 'space_id']).unique().execute();

  for (const table of ['forum_conveners', 'forum_interests']) {
    await db.schema
      .createTable(table)
      .addColumn('theme_id', 'text', (c) => c.notNull().references('forum_themes.id').onDelete('cascade'))
      .addColumn('participant_id', 'text', (c) => c.notNull().references('forum_participants.id').onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, ['theme_id', 'participant_id'])
      .execute();
    await db.schema.createIndex(`${table}_participant`).on(table).column('participant_id').execute();
  }

  await db.schema
    .createTable('forum_group_members')
    // One group at a time: the law of two feet moves people, it never duplicates them.
    .addColumn('participant_id', 'text', (c) => c.primaryKey().references('forum_participants.id').onDelete('cascade'))
    .addColumn('forum_id', 'text', (c) => c.notNull())
    .addColumn('theme_id', 'text', (c) => c.notNull().references('forum_themes.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_group_members_theme').on('forum_group_members').column('theme_id').execute();

  await db.schema
    .createTable('forum_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('from_theme_id', 'text')
    .addColumn('to_theme_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_moves_forum').on('forum_moves').column('forum_id').execute();

  await db.schema
    .createTable('forum_report_sections')
    .addColumn('theme_id', 'text', (c) => c.notNull().references('forum_themes.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Optimistic concurrency: a save names the version it started from; a stale one is refused, never applied.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('forum_report_sections_pk', ['theme_id', 'section'])
    .execute();

  await db.schema
    .createTable('forum_clusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('initiator', 'text', (c) => c.notNull())
    .addColumn('next_steps', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('forum_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('forum_themes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('partners', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_actions_forum').on('forum_actions').column('forum_id').execute();
  await db.schema.createIndex('forum_actions_theme').on('forum_actions').column('theme_id').execute();

  await db.schema
    .createTable('forum_action_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('forum_actions.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_action_updates_action').on('forum_action_updates').column('action_id').execute();

  await db.schema
    .createTable('forum_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_id', 'text', (c) => c.notNull().references('forum_themes.id').onDelete('cascade'))
    .addColumn('participant_id', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_comments_theme').on('forum_comments').column('theme_id').execute();

  await db.schema
    .createTable('forum_votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('forum_participants.id').onDelete('cascade'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('forum_actions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_votes_participant').on('forum_votes').columns(['forum_id', 'participant_id']).execute();

  await db.schema
    .createTable('forum_proceedings')
    .addColumn('forum_id', 'text', (c) => c.primaryKey().references('forums.id').onDelete('cascade'))
    // Base64 text: one column type on both databases; proceedings are a few megabytes at most.
    .addColumn('pdf_base64', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .execute();
}
