import { expect } from 'vitest';
import type { AppServices } from '../../../electron/services/app-services';
import type { HubDatabase } from '../../../hub/database';
import type { ConflictTable } from '../../../electron/services/database/schema';
import type { PulledRow } from '../../../shared/sync/protocol';
import { hubTables, syncedTables } from '../../../shared/sync/tables';
import { snapshot } from '../harness';

/**
 * What the fault and model tests check after every scenario: every device and the hub hold the same
 * data, and the hub stored every change exactly once.
 */

/** The tables an adviser's work lives in, plus the conflict records the hub sends back. */
export const DATA_TABLES = ['companies', 'contacts', 'assessments', 'assessment_instruments', 'answers', 'dimension_targets', 'roadmap_steps'] as const;
export const COMPARED_TABLES = [...DATA_TABLES, 'conflicts'] as const;

/** Everything the hub serves this device from cursor 0: what a brand-new laptop of the same user would receive. */
export async function hubPull(device: AppServices): Promise<PulledRow[]> {
  const client = await device.sync.hubClient();
  const rows: PulledRow[] = [];
  let cursor = '0';
  for (;;) {
    const page = await client.pull(cursor);
    rows.push(...page.rows);
    if (!page.more) return rows;
    cursor = page.cursor;
  }
}

function columnsOf(table: string): readonly string[] {
  if (table in syncedTables) return syncedTables[table as keyof typeof syncedTables].columns;
  return hubTables.conflicts.columns;
}

/**
 * The hub's pull as the device would store it: per table, the rows by id with only the columns sync
 * writes. A row the hub holds only some columns of is compared on those columns.
 */
function pulledAsTables(rows: readonly PulledRow[]): Record<string, Record<string, Record<string, unknown>>> {
  const tables: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const row of rows) {
    if (!(COMPARED_TABLES as readonly string[]).includes(row.table)) continue;
    (tables[row.table] ??= {})[row.rowId] = Object.fromEntries(columnsOf(row.table).filter((c) => Object.hasOwn(row.values, c)).map((c) => [c, row.values[c]]));
  }
  return tables;
}

function deviceAsTables(device: AppServices, like: Record<string, Record<string, Record<string, unknown>>>): Record<string, Record<string, Record<string, unknown>>> {
  const tables: Record<string, Record<string, Record<string, unknown>>> = {};
  const data = snapshot(device, COMPARED_TABLES);
  for (const table of COMPARED_TABLES) {
    for (const row of data[table] as Record<string, unknown>[]) {
      const id = row.id as string;
      const hubColumns = like[table]?.[id];
      const columns = hubColumns ? Object.keys(hubColumns) : columnsOf(table);
      (tables[table] ??= {})[id] = Object.fromEntries(columns.map((c) => [c, row[c]]));
    }
  }
  return tables;
}

/**
 * Every device holds the same rows, column for column (clocks and `updated_at` included), and those
 * rows are exactly what the hub serves in a pull. Nothing is parked waiting for a parent.
 */
export async function expectConverged(devices: readonly AppServices[]): Promise<void> {
  const [first, ...others] = devices;
  const reference = snapshot(first!, COMPARED_TABLES);
  for (const [index, device] of others.entries()) {
    expect(snapshot(device, COMPARED_TABLES), `device ${index + 1} differs from device 0`).toEqual(reference);
  }
  const hub = pulledAsTables(await hubPull(first!));
  for (const [index, device] of devices.entries()) {
    expect(deviceAsTables(device, hub), `device ${index} differs from the hub's pull`).toEqual(hub);
    const parked = device.database.sqlite.prepare('select count(*) as count from parked_rows').get() as { count: number };
    expect(parked.count, `device ${index} has rows parked`).toBe(0);
  }
}

/** The change ids a device recorded and the hub did not refuse, sent or not. */
export function outboxChangeIds(device: AppServices): string[] {
  const rows = device.database.sqlite.prepare('select change_id from outbox where rejected_reason is null').all() as { change_id: string }[];
  return rows.map((row) => row.change_id);
}

/** The change ids the hub stored for a programme, one entry per stored row. */
export async function storedChangeIds(hub: HubDatabase, programmeId: string): Promise<string[]> {
  const rows = await hub.db.selectFrom('changes').select('change_id').where('programme_id', '=', programmeId).execute();
  return rows.map((row) => row.change_id);
}

/**
 * The hub stored each change once, and exactly the changes the devices recorded: one `changes` row
 * per change id, as many as there are distinct, not refused change ids in the devices' outboxes (plus
 * `lostChangeIds`, recorded by a database that no longer exists, such as one replaced by a backup).
 */
export async function expectStoredExactlyOnce(
  hub: HubDatabase,
  programmeId: string,
  devices: readonly AppServices[],
  lostChangeIds: readonly string[] = [],
): Promise<void> {
  const stored = await storedChangeIds(hub, programmeId);
  expect(stored.length, 'a change id was stored more than once').toBe(new Set(stored).size);
  const recorded = new Set([...devices.flatMap(outboxChangeIds), ...lostChangeIds]);
  expect(stored.length).toBe(recorded.size);
  expect(new Set(stored)).toEqual(recorded);
  // The per-device counters the restore check relies on agree with what is stored.
  const counters = await hub.db.selectFrom('devices').select(['device_id', 'change_count']).where('programme_id', '=', programmeId).execute();
  const byDevice = await hub.db
    .selectFrom('changes')
    .select(['device_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('programme_id', '=', programmeId)
    .groupBy('device_id')
    .execute();
  const counted = new Map(byDevice.map((row) => [row.device_id, Number(row.count)]));
  for (const device of counters) expect(Number(device.change_count), `change_count of ${device.device_id}`).toBe(counted.get(device.device_id) ?? 0);
}

export type ConflictRecord = Pick<ConflictTable, 'table_name' | 'row_id' | 'field' | 'kept_value' | 'kept_hlc' | 'other_value' | 'other_hlc' | 'status'>;

export function conflictRecords(device: AppServices): ConflictRecord[] {
  return device.database.sqlite
    .prepare('select table_name, row_id, field, kept_value, kept_hlc, other_value, other_hlc, status from conflicts where deleted_at is null order by id')
    .all() as ConflictRecord[];
}

/** The column's current value on a device. */
export function cell(device: AppServices, table: string, rowId: string, column: string): unknown {
  const row = device.database.sqlite.prepare(`select ${column} as value from ${table} where id = ?`).get(rowId) as { value: unknown } | undefined;
  return row?.value;
}

/** The clock of the column's current value on a device. */
export function cellClock(device: AppServices, table: string, rowId: string, column: string): string | undefined {
  const row = device.database.sqlite.prepare('select clocks from field_clocks where table_name = ? and row_id = ?').get(table, rowId) as { clocks: string } | undefined;
  return row ? (JSON.parse(row.clocks) as Record<string, string>)[column] : undefined;
}
