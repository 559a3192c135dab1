import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
export async function up(db: Kysely<any>): Promise<void> {
  // Peers, intermediaries, courses and funding schemes the adviser adds beside the shipped examples.
  await db.schema
    .createTable('directory_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('directory', 'text', (c) => c.notNull().check(sql`directory in ('peers', 'intermediaries', 'trainingProviders', 'fundingSchemes')`))
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
}
