import type { Kysely } from 'kysely';

/**
 * Targeted issues: a subscriber's territory (a département of the region, or elsewhere), and a
 * campaign's audience (themes and territories, JSON arrays; both empty means every subscriber).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('newsletter_subscribers').addColumn('territory', 'text').execute();
  await db.schema
    .alterTable('newsletter_campaigns')
    .addColumn('audience_themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('newsletter_campaigns')
    .addColumn('audience_territories', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
