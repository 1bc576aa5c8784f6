import type { Kysely } from 'kysely';

/**
 * Pictures of items (issue 13, item 6). Keyed by the item's catalogue kind and id rather than a
 * column in each owner's table: one picture per item, whichever module owns it, and the
 * picture's visibility read from the catalogue like the item's own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decorative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('focus_x', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('focus_y', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('original_key', 'text', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('images_owner').on('images').columns(['owner_kind', 'owner_id', 'status']).execute();
}
