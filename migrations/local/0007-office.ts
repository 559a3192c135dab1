import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
export async function up(db: Kysely<any>): Promise<void> {
  // The programme's advisers and which one owns each firm, as the hub tells the programme office:
  // the portfolio counts by adviser, and synced rows themselves carry no owner.
  await db.schema
    .createTable('advisers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('company_advisers')
    .addColumn('company_id', 'text', (c) => c.primaryKey())
    .addColumn('adviser_id', 'text', (c) => c.notNull())
    .execute();

  // Firms erased on request. Only the fact and its time stay, so the device keeps scrubbing the firm's
  // personal data out of anything that arrives later.
  await db.schema
    .createTable('erasures')
    .addColumn('company_id', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .execute();

  // Scores derived from answers, kept so the portfolio filters thousands of assessments in SQL.
  // An assessment listed here has scores; any write to its answers or instruments, local or pulled,
  // strikes it off through the triggers below, and the portfolio scores it again when next opened.
  await db.schema
    .createTable('scored_assessments')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey())
    .execute();
  for (const table of ['answers', 'assessment_instruments']) {
    await sql`create trigger ${sql.raw(`${table}_rescore_insert`)} after insert on ${sql.table(table)}
      begin delete from scored_assessments where assessment_id = new.assessment_id; end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_rescore_update`)} after update on ${sql.table(table)}
      begin delete from scored_assessments where assessment_id in (new.assessment_id, old.assessment_id); end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_rescore_delete`)} after delete on ${sql.table(table)}
      begin delete from scored_assessments where assessment_id = old.assessment_id; end`.execute(db);
  }
  await db.schema
    .createTable('assessment_scores')
    .addColumn('assessment_id', 'text', (c) => c.notNull())
    .addColumn('instrument_id', 'text', (c) => c.notNull())
    .addColumn('dimension_id', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('band_id', 'text')
    .addPrimaryKeyConstraint('assessment_scores_pk', ['assessment_id', 'instrument_id', 'dimension_id'])
    .execute();
  await db.schema
    .createTable('assessment_barriers')
    .addColumn('assessment_id', 'text', (c) => c.notNull())
    .addColumn('barrier_id', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull().check(sql`rating between 0 and 3`))
    .addPrimaryKeyConstraint('assessment_barriers_pk', ['assessment_id', 'barrier_id'])
    .execute();

  await db.schema.createIndex('assessments_status_visit').on('assessments').columns(['status', 'visit_date']).execute();
}
