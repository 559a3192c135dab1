import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { LocalDatabase, SyncedTable } from '../database/schema';

export interface Change {
  table: SyncedTable;
  rowId: string;
  operation: 'upsert' | 'delete';
  hlc: string;
  /** The clock of the row this change replaced, so the hub can tell a concurrent edit from a later one. */
  baseHlc: string | null;
  /** Column name → new value; only the columns this change touched. */
  changes: Record<string, unknown>;
}

export const OUTBOX_SCHEMA_VERSION = 1;

/** Must be called inside the transaction that makes the change, so the two commit or fail together. */
export async function recordChange(trx: Transaction<LocalDatabase>, change: Change, createdAt: string): Promise<void> {
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
    })
    .execute();
}

export async function countPendingChanges(db: Kysely<LocalDatabase>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
