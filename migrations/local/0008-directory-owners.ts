import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
export async function up(db: Kysely<any>): Promise<void> {
  // Whose each pulled directory entry is, as the hub said: an adviser's user id, or null for an
  // entry the programme office published for everyone. An entry with no line here was made on this
  // device and has not come back from the hub yet: it is the device user's own.
  await db.schema
    .createTable('directory_entry_owners')
    .addColumn('entry_id', 'text', (c) => c.primaryKey())
    .addColumn('owner_user_id', 'text')
    .execute();
}
