import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import the app's current schema types or helpers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roadmap_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
    // Null for a step the adviser wrote; otherwise the catalogue step it came from.
    .addColumn('catalogue_step_id', 'text')
    .addColumn('catalogue_version', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('generated', 'custom', 'carried')`))
    .addColumn('horizon', 'text', (c) => c.notNull().check(sql`horizon in ('now', 'next', 'later')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    // Adviser's overrides; null means "as in the catalogue".
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('effort_days', 'real')
    .addColumn('cost_band', 'text')
    .addColumn('kpi', 'text')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target_month', 'text')
    .addColumn('status', 'text', (c) => c.check(sql`status in ('planned', 'in-progress', 'done', 'dropped')`))
    .addColumn('carried_from', 'text')
    .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('why', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('enabler', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('roadmap_steps_assessment').on('roadmap_steps').columns(['assessment_id', 'horizon', 'position']).execute();
}
