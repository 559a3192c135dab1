import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
export async function up(db: Kysely<any>): Promise<void> {
  // This device's preferences (programme name, adviser, logo): never synced, one JSON value per key.
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
