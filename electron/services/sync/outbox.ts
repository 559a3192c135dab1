import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { LocalDatabase, RecordedTable } from '../database/schema';
import { readFieldClocks, writeFieldClocks } from './field-clocks';

export interface Change {
  table: RecordedTable;
  rowId: string;
  operation: 'upsert' | 'delete';
  hlc: string;
  /**
   * The clock of the row this change replaced. Stands in for a column's own clock only for rows
   * written before clocks were kept per column.
   */
  baseHlc: string | null;
  /** Column name → new value; only the columns this change touched. */
  changes: Record<string, unknown>;
}

export const OUTBOX_SCHEMA_VERSION = 1;

/**
 * Must be called inside the transaction that makes the change, so the two commit or fail together.
 * Also moves the row's per-column clocks forward and notes, per column, the clock it replaced.
 */
export async function recordChange(trx: Transaction<LocalDatabase>, change: Change, createdAt: string): Promise<void> {
  const clocks = await readFieldClocks(trx, change.table, change.rowId);
  const replaced: Record<string, string | null> = {};
  for (const column of Object.keys(change.changes)) {
    replaced[column] = clocks[column] ?? change.baseHlc;
    clocks[column] = change.hlc;
  }
  await trx
    .insertInto('outbox')
    .values({
      change_id: uuidv7(),
      table_name: change.table,
      row_id: change.rowId,
      operation: change.operation,
      hlc: change.hlc,
      base_hlc: change.baseHlc,
      changes: JSON.stringify(change.changes),
      schema_version: OUTBOX_SCHEMA_VERSION,
      created_at: createdAt,
      sent_at: null,
      replaced: JSON.stringify(replaced),
      rejected_reason: null,
    })
    .execute();
  await writeFieldClocks(trx, change.table, change.rowId, clocks);
}

/** Changes the hub has not acknowledged and not refused: what the next push sends. */
export async function countPendingChanges(db: Kysely<LocalDatabase>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('sent_at', 'is', null)
    .where('rejected_reason', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countRejectedChanges(db: Kysely<LocalDatabase>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('rejected_reason', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
