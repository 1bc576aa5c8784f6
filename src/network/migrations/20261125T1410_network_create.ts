import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const blob = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'bytea' : 'blob';

  await db.schema
    .createTable('network_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('territory_code', 'text', (c) => c.notNull())
    .addColumn('territory_label', 'text', (c) => c.notNull())
    .addColumn('departement', 'text')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('motivation', 'text', (c) => c.notNull())
    .addColumn('directory', 'integer', (c) => c.notNull())
    .addColumn('charter_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_message', 'text')
    .execute();
  await db.schema.createIndex('network_requests_status').on('network_requests').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('network_organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('departement', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('network_members')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('network_organisations.id').onDelete('set null'))
    .addColumn('territory_code', 'text', (c) => c.notNull())
    .addColumn('territory_label', 'text', (c) => c.notNull())
    .addColumn('departement', 'text')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('directory', 'integer', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('trusted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('list_token', 'text', (c) => c.notNull().unique())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('network_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('network_posts_thread').on('network_posts').columns(['thread_id', 'created_at']).execute();
  // Digests select the posts published in a period.
  await db.schema.createIndex('network_posts_published').on('network_posts').columns(['status', 'published_at']).execute();

  await db.schema
    .createTable('network_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('network_posts.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blob as 'blob', (c) => c.notNull())
    .execute();
}
