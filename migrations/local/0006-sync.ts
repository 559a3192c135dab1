import { type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
function syncedColumns(table: CreateTableBuilder<string, any>): CreateTableBuilder<string, any> {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text');
}

export async function up(db: Kysely<any>): Promise<void> {
  // Per column, the clock of the value the row holds: pulled values win only with a newer clock,
  // and a pushed change names the clock it replaced so the hub can spot concurrent edits.
  await db.schema
    .createTable('field_clocks')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('clocks', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('field_clocks_pk', ['table_name', 'row_id'])
    .execute();

  await db.schema.alterTable('outbox').addColumn('replaced', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('rejected_reason', 'text').execute();

  // Written by the hub only; a device may mark a conflict resolved.
  await syncedColumns(
    db.schema
      .createTable('conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('table_name', 'text', (c) => c.notNull())
      .addColumn('row_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('kept_value', 'text')
      .addColumn('kept_hlc', 'text')
      .addColumn('other_value', 'text')
      .addColumn('other_hlc', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('resolved_at', 'text')
      .addColumn('resolution', 'text'),
  ).execute();

  // Notes the programme office writes about a firm; devices only receive them.
  await syncedColumns(
    db.schema
      .createTable('annotations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
      .addColumn('assessment_id', 'text', (c) => c.references('assessments.id'))
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('author', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('annotations_company').on('annotations').column('company_id').execute();

  await db.schema
    .createTable('catalogues')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();

  // Pulled rows whose parent has not arrived yet (the pull is in hub order, not parent-first).
  await db.schema
    .createTable('parked_rows')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('row_values', 'text', (c) => c.notNull())
    .addColumn('clocks', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parked_rows_pk', ['table_name', 'row_id'])
    .execute();
}
