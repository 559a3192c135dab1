import type { Transaction } from 'kysely';
import { parseHlc } from '../../../shared/sync/hlc';
import type { PulledRow } from '../../../shared/sync/protocol';
import { hubTables, isSyncedTable, syncedTables } from '../../../shared/sync/tables';
import { validateCatalogue } from '../../../shared/roadmap/validate-catalogue';
import type { LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import { readFieldClocks, writeFieldClocks } from './field-clocks';

type Values = PulledRow['values'];
type Clocks = PulledRow['clocks'];

export interface ApplyContext {
  trx: Transaction<LocalDatabase>;
  instruments: InstrumentStore;
  /** Wall-clock time of this pull, for received_at and parked_at. */
  receivedAt: string;
  log: (message: string) => void;
}

/**
 * A row that cannot be stored yet: its parent has not arrived, or the hub has sent only some of its
 * columns so far. Any other failure means the device cannot store what the hub holds and stops the pull.
 */
const WAITING = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_CONSTRAINT_UNIQUE']);

function isWaiting(error: unknown): error is Error {
  return error instanceof Error && WAITING.has((error as { code?: string }).code ?? '');
}

/** The only columns sync ever writes to a table: the hub is not trusted with column names. */
function writableColumns(table: string): readonly string[] | null {
  if (isSyncedTable(table)) return syncedTables[table].columns;
  if (table === 'conflicts') return hubTables.conflicts.columns;
  return null;
}

/** Applies one pull page inside the caller's transaction, then retries the rows still waiting for a parent. */
export async function applyPulledPage(ctx: ApplyContext, rows: readonly PulledRow[]): Promise<void> {
  for (const row of rows) {
    if (row.table === 'published_instruments') await receiveInstrument(ctx, row);
    else if (row.table === 'published_catalogues') await receiveCatalogue(ctx, row);
    else await applyOrPark(ctx, row);
  }
  await retryParked(ctx);
}

async function applyOrPark(ctx: ApplyContext, row: PulledRow): Promise<void> {
  try {
    await mergeRow(ctx.trx, row.table, row.rowId, row.values, row.clocks);
  } catch (error) {
    if (!isWaiting(error)) throw error;
    await park(ctx, row, error.message);
  }
}

/**
 * Last writer wins per column: a pulled value replaces the local one only when its clock is newer,
 * so a local edit the hub has not seen yet survives and is pushed (the hub records the conflict).
 */
async function mergeRow(trx: Transaction<LocalDatabase>, table: string, rowId: string, values: Values, clocks: Clocks): Promise<void> {
  const columns = writableColumns(table);
  if (!columns) return;
  const name = table as 'companies';
  const existing = await trx.selectFrom(name).select(['id', 'updated_at']).where('id', '=', rowId).executeTakeFirst();
  const local = await readFieldClocks(trx, table, rowId);
  const winners = columns.filter((column) => {
    const incoming = clocks[column];
    if (incoming === undefined || !Object.hasOwn(values, column)) return false;
    // A row written before clocks were kept per column: its own clock stands for every column.
    const mine = local[column] ?? existing?.updated_at;
    return mine === undefined || incoming > mine;
  });
  if (winners.length === 0) return;
  const set: Record<string, unknown> = Object.fromEntries(winners.map((column) => [column, values[column]]));
  const newest = winners.map((column) => clocks[column]!).reduce((a, b) => (a > b ? a : b));
  const stamp = { updated_at: newest, updated_by: parseHlc(newest).device };
  if (!existing) await trx.insertInto(name).values({ id: rowId, ...set, ...stamp } as never).execute();
  else await trx.updateTable(name).set((newest > existing.updated_at ? { ...set, ...stamp } : set) as never).where('id', '=', rowId).execute();
  for (const column of winners) local[column] = clocks[column]!;
  await writeFieldClocks(trx, table, rowId, local);
}

/** Keeps the newest value of each column across every version of the row received while it waits. */
async function park(ctx: ApplyContext, row: PulledRow, reason: string): Promise<void> {
  const earlier = await ctx.trx.selectFrom('parked_rows').selectAll().where('table_name', '=', row.table).where('row_id', '=', row.rowId).executeTakeFirst();
  const values: Values = earlier ? (JSON.parse(earlier.row_values) as Values) : {};
  const clocks: Clocks = earlier ? (JSON.parse(earlier.clocks) as Clocks) : {};
  for (const [column, clock] of Object.entries(row.clocks)) {
    if (!Object.hasOwn(row.values, column)) continue;
    const held = clocks[column];
    if (held === undefined || clock > held) {
      clocks[column] = clock;
      values[column] = row.values[column]!;
    }
  }
  const entry = { row_values: JSON.stringify(values), clocks: JSON.stringify(clocks), reason: reason.slice(0, 500) };
  if (earlier) await ctx.trx.updateTable('parked_rows').set(entry).where('table_name', '=', row.table).where('row_id', '=', row.rowId).execute();
  else await ctx.trx.insertInto('parked_rows').values({ table_name: row.table, row_id: row.rowId, ...entry, parked_at: ctx.receivedAt }).execute();
}

/** Parents can arrive after their children (an updated parent gets a later hub sequence), so retry until nothing moves. */
async function retryParked(ctx: ApplyContext): Promise<void> {
  for (;;) {
    const parked = await ctx.trx.selectFrom('parked_rows').selectAll().orderBy('parked_at').orderBy('table_name').orderBy('row_id').execute();
    let progress = false;
    for (const entry of parked) {
      try {
        await mergeRow(ctx.trx, entry.table_name, entry.row_id, JSON.parse(entry.row_values) as Values, JSON.parse(entry.clocks) as Clocks);
      } catch (error) {
        if (isWaiting(error)) continue;
        throw error;
      }
      await ctx.trx.deleteFrom('parked_rows').where('table_name', '=', entry.table_name).where('row_id', '=', entry.row_id).execute();
      progress = true;
    }
    if (!progress) return;
  }
}

function parseJsonText(value: Values[string] | undefined): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

async function receiveInstrument(ctx: ApplyContext, row: PulledRow): Promise<void> {
  // A withdrawn version stays: assessments taken with it must stay readable.
  if (row.values.deleted_at) return;
  const label = `${String(row.values.instrument_id)} ${String(row.values.version)}`;
  const json = parseJsonText(row.values.definition);
  const problems = json === undefined ? ['its definition is not JSON'] : await ctx.instruments.receive(ctx.trx, json);
  if (problems.length > 0) ctx.log(`Skipped instrument ${label} published by the hub: ${problems.join('; ')}`);
}

async function receiveCatalogue(ctx: ApplyContext, row: PulledRow): Promise<void> {
  const version = row.values.version;
  if (typeof version !== 'string') {
    ctx.log(`Skipped a catalogue published by the hub without a version (row ${row.rowId}).`);
    return;
  }
  if (row.values.deleted_at) {
    await ctx.trx.deleteFrom('catalogues').where('version', '=', version).execute();
    return;
  }
  const json = parseJsonText(row.values.definition);
  const problems = json === undefined ? ['its definition is not JSON'] : validateCatalogue(json);
  if (problems.length > 0) {
    ctx.log(`Skipped catalogue ${version} published by the hub: ${problems.join('; ')}`);
    return;
  }
  const definition = JSON.stringify(json);
  await ctx.trx
    .insertInto('catalogues')
    .values({ version, definition, received_at: ctx.receivedAt })
    .onConflict((oc) => oc.column('version').doUpdateSet({ definition, received_at: ctx.receivedAt }))
    .execute();
}
