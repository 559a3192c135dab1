import type { Change } from '../shared/sync/protocol';
import { chunks, type HubTrx } from './database';

export type Value = Change['changes'][string];

/** A synced row as the hub holds it: merged column values, each column's clock, and whose it is. */
export interface StoredRow {
  table: string;
  rowId: string;
  ownerUserId: string | null;
  companyId: string | null;
  values: Record<string, Value>;
  clocks: Record<string, string>;
}

export interface RowRef {
  table: string;
  rowId: string;
}

export function rowKey(table: string, rowId: string): string {
  return `${table}/${rowId}`;
}

/** Rows of one programme by reference, in a few `IN (...)` queries per table. Missing rows are absent from the map. */
export async function loadRows(trx: HubTrx, programmeId: string, refs: Iterable<RowRef>, into = new Map<string, StoredRow>()): Promise<Map<string, StoredRow>> {
  const byTable = new Map<string, Set<string>>();
  for (const ref of refs) {
    if (into.has(rowKey(ref.table, ref.rowId))) continue;
    const ids = byTable.get(ref.table) ?? new Set<string>();
    ids.add(ref.rowId);
    byTable.set(ref.table, ids);
  }
  for (const [table, ids] of byTable) {
    for (const chunk of chunks([...ids])) {
      const found = await trx
        .selectFrom('rows')
        .select(['row_id', 'owner_user_id', 'company_id', 'values', 'clocks'])
        .where('programme_id', '=', programmeId)
        .where('table_name', '=', table)
        .where('row_id', 'in', chunk)
        .execute();
      for (const row of found) {
        into.set(rowKey(table, row.row_id), {
          table,
          rowId: row.row_id,
          ownerUserId: row.owner_user_id,
          companyId: row.company_id,
          values: JSON.parse(row.values) as Record<string, Value>,
          clocks: JSON.parse(row.clocks) as Record<string, string>,
        });
      }
    }
  }
  return into;
}

const ROW_COLUMNS = 8;

/** Inserts or replaces rows, giving them `firstSeq`, `firstSeq + 1`, … in the order given. */
export async function writeRows(trx: HubTrx, programmeId: string, rows: readonly StoredRow[], firstSeq: number): Promise<void> {
  let seq = firstSeq;
  const records = rows.map((row) => ({
    programme_id: programmeId,
    table_name: row.table,
    row_id: row.rowId,
    owner_user_id: row.ownerUserId,
    company_id: row.companyId,
    values: JSON.stringify(row.values),
    clocks: JSON.stringify(row.clocks),
    seq: seq++,
  }));
  for (const chunk of chunks(records, ROW_COLUMNS)) {
    await trx
      .insertInto('rows')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['programme_id', 'table_name', 'row_id']).doUpdateSet((eb) => ({
          owner_user_id: eb.ref('excluded.owner_user_id'),
          company_id: eb.ref('excluded.company_id'),
          values: eb.ref('excluded.values'),
          clocks: eb.ref('excluded.clocks'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}
