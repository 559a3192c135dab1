import fs from 'node:fs';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { PulledRow } from '../../../shared/sync/protocol';
import { personalColumns, syncedTables, type SyncedTableName } from '../../../shared/sync/tables';
import { listBackups } from '../database/open-database';
import type { LocalDatabase } from '../database/schema';

type PersonalTable = keyof typeof personalColumns;
const personalTables = Object.keys(personalColumns) as PersonalTable[];

const ERASED_FIRMS = sql`(select company_id from erasures)`;
const ERASED_ASSESSMENTS = sql`(select id from assessments where company_id in ${ERASED_FIRMS})`;

/** Records an erasure the hub sent; true when this device did not know it yet. */
export async function receiveErasure(trx: Transaction<LocalDatabase>, row: PulledRow): Promise<boolean> {
  const companyId = typeof row.values.company_id === 'string' ? row.values.company_id : row.rowId;
  const erasedAt = typeof row.values.erased_at === 'string' ? row.values.erased_at : new Date(0).toISOString();
  const inserted = await trx.insertInto('erasures').values({ company_id: companyId, erased_at: erasedAt }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Empties every personal value of every erased firm that is still on this device: in its rows,
 * whatever their clocks (a local edit made after the erasure would otherwise win over it), in the
 * outbox (sent or not: what was sent is still in the file, what was not would bring the value back),
 * in conflict records and in rows parked for a parent. Set-based and cheap when nothing is left,
 * so it runs with every pulled page and catches whatever arrives after the erasure too.
 * Local only: the hub has erased the same values and strips them from later changes.
 * Returns how many rows it changed: each leaves the old value in free pages until the file is compacted.
 */
export async function scrubErasedFirms(trx: Transaction<LocalDatabase>, now: string): Promise<number> {
  // Nearly every device has no erased firm at all; its pulls should not pay for the scans below.
  if (!(await trx.selectFrom('erasures').select('company_id').limit(1).executeTakeFirst())) return 0;
  let changed = 0;
  const run = async (query: RawBuilder<unknown>) => {
    changed += Number((await query.execute(trx)).numAffectedRows ?? 0n);
  };
  for (const table of personalTables) {
    const columns: readonly string[] = personalColumns[table];
    const ofErasedFirm = firmScope(table, sql.ref('id'), sql.ref(ownerColumn(table)));
    const rowsOfErased = sql`select id from ${sql.table(table)} where ${ofErasedFirm}`;
    const set = columns.map((column) => sql`${sql.ref(column)} = ''`);
    const pending = columns.map((column) => sql`${sql.ref(column)} <> ''`);
    // Contacts are people: erasing the firm removes them, not only their details.
    if (table === 'contacts') {
      set.push(sql`deleted_at = coalesce(deleted_at, ${now})`);
      pending.push(sql`deleted_at is null`);
    }
    await run(sql`update ${sql.table(table)} set ${sql.join(set)} where ${ofErasedFirm} and (${sql.join(pending, sql` or `)})`);

    const paths = columns.map((column) => `$.${column}`);
    await run(sql`update outbox set changes = ${jsonEmptied('changes', paths)}
      where table_name = ${table} and row_id in (${rowsOfErased}) and (${holdsAny('changes', paths)})`);
    await run(sql`update conflicts set kept_value = '', other_value = ''
      where table_name = ${table} and field in (${sql.join([...columns])}) and row_id in (${rowsOfErased})
        and (coalesce(kept_value, '') <> '' or coalesce(other_value, '') <> '')`);
    // A parked row's parent is not here yet, so its firm is read from the row itself.
    const parkedParent = ownerColumn(table) === 'id' ? sql`row_id` : sql`json_extract(row_values, ${`$.${ownerColumn(table)}`})`;
    await run(sql`update parked_rows set row_values = ${jsonEmptied('row_values', paths)}
      where table_name = ${table} and (${firmScope(table, sql`row_id`, parkedParent)}) and (${holdsAny('row_values', paths)})`);
  }
  return changed;
}

/**
 * Makes the erased values unrecoverable from the database file: VACUUM rewrites it with live
 * content only (deleted and overwritten values otherwise linger in free pages), and the truncating
 * checkpoint drops the write-ahead log, whose older page images hold them too. Outside any
 * transaction; the device's next writes simply wait for it.
 * The pre-migration backups made before it (in `backupDirectory`) are copies of the file holding
 * the erased values; they exist only to undo a migration that has since succeeded, so they go too.
 */
export async function compactAfterErasure(db: Kysely<LocalDatabase>, backupDirectory: string | null = null): Promise<void> {
  const backups = backupDirectory === null ? [] : listBackups(backupDirectory);
  await sql`vacuum`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  for (const file of backups) fs.rmSync(file, { force: true });
}

/** The column naming the row's firm or assessment, or `id` for a firm itself. */
function ownerColumn(table: PersonalTable): string {
  const ownership = syncedTables[table as SyncedTableName].ownership;
  return ownership.kind === 'child' ? ownership.column : 'id';
}

/** Whether the row (by its id and the value of its owner column) belongs to an erased firm. */
function firmScope(table: PersonalTable, id: RawBuilder<unknown>, parent: RawBuilder<unknown>): RawBuilder<unknown> {
  const ownership = syncedTables[table as SyncedTableName].ownership;
  if (ownership.kind !== 'child') return sql`${id} in ${ERASED_FIRMS}`;
  return ownership.parentTable === 'companies' ? sql`${parent} in ${ERASED_FIRMS}` : sql`${parent} in ${ERASED_ASSESSMENTS}`;
}

/** The JSON text with each path that exists set to '' (json_replace never adds a missing key). */
function jsonEmptied(column: string, paths: readonly string[]): RawBuilder<string> {
  return sql<string>`json_replace(${sql.ref(column)}, ${sql.join(paths.flatMap((path) => [sql`${path}`, sql`''`]))})`;
}

function holdsAny(column: string, paths: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.join(
    paths.map((path) => sql`coalesce(json_extract(${sql.ref(column)}, ${path}), '') <> ''`),
    sql` or `,
  )}`;
}
