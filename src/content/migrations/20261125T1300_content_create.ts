import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('themes')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_fr', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('contents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('territory', 'text')
    .addColumn('author_org', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('members_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addUniqueConstraint('contents_kind_slug', ['kind', 'slug'])
    .execute();
  await db.schema.createIndex('contents_list').on('contents').columns(['kind', 'status', 'published_at']).execute();
  await db.schema.createIndex('contents_due').on('contents').columns(['status', 'publish_at']).execute();

  // Old slugs keep working after a title change: links printed on invitations must not break.
  await db.schema
    .createTable('content_slugs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('content_slugs_pk', ['kind', 'slug'])
    .execute();

  await db.schema
    .createTable('content_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    // The name is copied: the history stays readable after an account is erased.
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('content_revisions_content').on('content_revisions').columns(['content_id', 'at']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('members_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_content').on('documents').column('content_id').execute();

  // The site-wide catalogue every module publishes to; `seq` is the full-text row id.
  let catalog = db.schema.createTable('catalog_items');
  catalog = sqlite ? catalog.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement()) : catalog.addColumn('seq', 'serial', (c) => c.primaryKey());
  await catalog
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('territory', 'text')
    .addColumn('format', 'text')
    .addColumn('members_only', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('year', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_items_key', ['kind', 'item_id'])
    .execute();
  await db.schema.createIndex('catalog_items_published').on('catalog_items').columns(['published_at']).execute();

  await db.schema
    .createTable('catalog_themes')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_themes_pk', ['kind', 'item_id', 'theme'])
    .execute();
  await db.schema.createIndex('catalog_themes_theme').on('catalog_themes').columns(['theme', 'kind', 'item_id']).execute();

  if (sqlite) {
    // Stemmed text is written here by the repository (a light French stemmer, the same for queries).
    await sql`CREATE VIRTUAL TABLE catalog_fts USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  } else {
    // unaccent ships with postgresql-contrib; without it the repository strips accents in JS instead.
    await sql`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS unaccent; EXCEPTION WHEN others THEN RAISE NOTICE 'unaccent unavailable'; END $$`.execute(db);
    await sql`ALTER TABLE catalog_items ADD COLUMN tsv tsvector, ADD COLUMN tsv_public tsvector`.execute(db);
    await sql`CREATE INDEX catalog_items_tsv ON catalog_items USING gin (tsv)`.execute(db);
    await sql`CREATE INDEX catalog_items_tsv_public ON catalog_items USING gin (tsv_public)`.execute(db);
  }

  await db.schema
    .createTable('bookmark_collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('share_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bookmark_collections_user').on('bookmark_collections').column('user_id').execute();

  await db.schema
    .createTable('bookmarks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('collection_id', 'text', (c) => c.references('bookmark_collections.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bookmarks_user_item', ['user_id', 'item_kind', 'item_id'])
    .execute();
}
