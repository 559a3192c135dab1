import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
function syncedColumns(table: CreateTableBuilder<string, any>): CreateTableBuilder<string, any> {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text');
}

export async function up(db: Kysely<any>): Promise<void> {
  // Instruments are versioned data: every version an assessment was taken with stays here.
  await db.schema
    .createTable('instruments')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('builtin', 'hub', 'file')`))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('instruments_pk', ['id', 'version'])
    .execute();

  await syncedColumns(
    db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('baseline', 'follow-up')`))
      .addColumn('baseline_id', 'text', (c) => c.references('assessments.id'))
      .addColumn('revision_of', 'text', (c) => c.references('assessments.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'finalised', 'superseded')`))
      .addColumn('visit_date', 'text', (c) => c.notNull())
      .addColumn('people_present', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('report_language', 'text', (c) => c.notNull())
      .addColumn('finalised_at', 'text'),
  ).execute();
  await db.schema.createIndex('assessments_company').on('assessments').column('company_id').execute();

  await syncedColumns(
    db.schema
      .createTable('assessment_instruments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('instrument_version', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addForeignKeyConstraint('assessment_instruments_instrument', ['instrument_id', 'instrument_version'], 'instruments', ['id', 'version'])
      .addUniqueConstraint('assessment_instruments_once', ['assessment_id', 'instrument_id']),
  ).execute();

  // One row per assessment and question, so two devices answering different questions never conflict.
  await syncedColumns(
    db.schema
      .createTable('answers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('not_applicable', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('answers_once', ['assessment_id', 'instrument_id', 'question_id']),
  ).execute();

  await syncedColumns(
    db.schema
      .createTable('dimension_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('dimension_id', 'text', (c) => c.notNull())
      .addColumn('target', 'real')
      .addColumn('importance', 'integer', (c) => c.check(sql`importance between 1 and 5`))
      .addUniqueConstraint('dimension_targets_once', ['assessment_id', 'instrument_id', 'dimension_id']),
  ).execute();

  // Where the adviser was in the questionnaire: this device's working state, never synced.
  await db.schema
    .createTable('assessment_positions')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey().references('assessments.id'))
    .addColumn('instrument_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
