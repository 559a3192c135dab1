import type { OnConflictBuilder, OnConflictUpdateBuilder } from 'kysely';
import type { HubDialect } from '../migrations/hub';
import type { Change } from '../shared/sync/protocol';
import { idIn, idSlices, unnestRows, type ColumnType } from './bulk';
import type { HubTrx } from './database';
import type { HubSchema } from './schema';

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
export async function loadRows(
  trx: HubTrx,
  dialect: HubDialect,
  programmeId: string,
  refs: Iterable<RowRef>,
  into = new Map<string, StoredRow>(),
): Promise<Map<string, StoredRow>> {
  const byTable = new Map<string, Set<string>>();
  for (const ref of refs) {
    if (into.has(rowKey(ref.table, ref.rowId))) continue;
    const ids = byTable.get(ref.table) ?? new Set<string>();
    ids.add(ref.rowId);
    byTable.set(ref.table, ids);
  }
  for (const [table, ids] of byTable) {
    for (const slice of idSlices(dialect, [...ids])) {
      // The programme is checked here rather than in SQL: PostgreSQL's statistics do not yet know a
      // programme whose first large push is under way, and a programme condition then tempts it to
      // scan the programme's rows instead of probing the primary key for each id.
      const found = await trx
        .selectFrom('rows')
        .select(['programme_id', 'row_id', 'owner_user_id', 'company_id', 'values', 'clocks'])
        .where('table_name', '=', table)
        .where(idIn(dialect, 'row_id', slice))
        .execute();
      for (const row of found) {
        if (row.programme_id !== programmeId) continue;
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

const ROW_COLUMNS: { name: keyof HubSchema['rows'] & string; type: ColumnType }[] = [
  { name: 'programme_id', type: 'text' },
  { name: 'table_name', type: 'text' },
  { name: 'row_id', type: 'text' },
  { name: 'owner_user_id', type: 'text' },
  { name: 'company_id', type: 'text' },
  { name: 'values', type: 'text' },
  { name: 'clocks', type: 'text' },
  { name: 'seq', type: 'bigint' },
];

type RowsConflict = OnConflictBuilder<HubSchema, 'rows'>;

function replaceExisting(oc: RowsConflict): OnConflictUpdateBuilder<HubSchema, 'rows'> {
  return oc.columns(['row_id', 'table_name', 'programme_id']).doUpdateSet((eb) => ({
    owner_user_id: eb.ref('excluded.owner_user_id'),
    company_id: eb.ref('excluded.company_id'),
    values: eb.ref('excluded.values'),
    clocks: eb.ref('excluded.clocks'),
    seq: eb.ref('excluded.seq'),
  }));
}

/** Inserts or replaces rows, giving them `firstSeq`, `firstSeq + 1`, … in the order given. */
export async function writeRows(trx: HubTrx, dialect: HubDialect, programmeId: string, rows: readonly StoredRow[], firstSeq: number): Promise<void> {
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
  for (const slice of idSlices(dialect, records, ROW_COLUMNS.length)) {
    const insert = trx.insertInto('rows');
    await (dialect === 'postgres'
      ? insert.columns(ROW_COLUMNS.map((c) => c.name)).expression(unnestRows(ROW_COLUMNS, slice))
      : insert.values(slice)
    )
      .onConflict(replaceExisting)
      .execute();
  }
}
