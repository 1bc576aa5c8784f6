import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('territory', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place_name', 'text')
    .addColumn('place_address', 'text')
    .addColumn('online_url', 'text')
    .addColumn('organisers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('programme', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('documents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('status_note', 'text')
    .addColumn('registration_mode', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('capacity', 'integer')
    .addColumn('deadline', 'text')
    .addColumn('max_places', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('members_reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('members_reserved_until', 'text')
    .addColumn('offer_hours', 'integer')
    .addColumn('reminder_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('events_status_starts').on('events').columns(['status', 'starts_at']).execute();

  await db.schema
    .createTable('event_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('places', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('link_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('waiting_since', 'text')
    .addColumn('offer_expires_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('invited_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The same address twice is one registration, whatever the concurrency (emails are stored lower-cased;
  // erased rows have a null address and do not collide).
  await db.schema.createIndex('event_registrations_event_email').on('event_registrations').columns(['event_id', 'email']).unique().execute();
  await db.schema.createIndex('event_registrations_event_status').on('event_registrations').columns(['event_id', 'status', 'waiting_since']).execute();
  await db.schema.createIndex('event_registrations_user').on('event_registrations').column('user_id').execute();
  await db.schema.createIndex('event_registrations_email').on('event_registrations').column('email').execute();

  await db.schema
    .createTable('event_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('event_registrations.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('png', 'text')
    .addColumn('typed_name', 'text')
    .execute();
  await db.schema.createIndex('event_signatures_reg_slot').on('event_signatures').columns(['registration_id', 'slot']).unique().execute();
}
