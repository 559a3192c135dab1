import type { Transaction } from 'kysely';
import { parseHlc } from '../../../shared/sync/hlc';
import type { PulledRow } from '../../../shared/sync/protocol';
import { hubTables, isSyncedTable, syncedTables } from '../../../shared/sync/tables';
import { validateCatalogue } from '../../../shared/roadmap/validate-catalogue';
import type { LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import { receiveErasure, scrubErasedFirms } from './erase-locally';

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
 * A row that cannot be stored yet: its parent has not arrived, the hub has sent only some of its
 * columns so far, or it holds a value only a newer version of the app knows (a CHECK fails). It
 * waits, parked, rather than stopping every later pull. Any other failure stops the pull.
 */
const WAITING = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_CHECK']);

function isWaiting(error: unknown): error is Error {
  return error instanceof Error && WAITING.has((error as { code?: string }).code ?? '');
}

/** The only columns sync ever writes to a table: the hub is not trusted with column names. */
function writableColumns(table: string): readonly string[] | null {
  if (isSyncedTable(table)) return syncedTables[table].columns;
  if (table === 'conflicts') return hubTables.conflicts.columns;
  return null;
}

/**
 * Parents before children, so that rows of one page that need each other go in in an order the
 * foreign keys accept.
 */
const TABLE_ORDER: readonly string[] = [
  'companies', 'contacts', 'assessments', 'assessment_instruments', 'answers', 'dimension_targets', 'roadmap_steps',
  'directory_entries', 'annotations', 'conflicts',
];

/** SQLite allows 32,766 bound values in one statement; stay well below. */
const MAX_VARIABLES = 30_000;

function chunked<T>(items: readonly T[], variablesEach: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_VARIABLES / Math.max(1, variablesEach)));
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

export interface PageOutcome {
  /** Firms erased by the programme office that this page told the device about for the first time. */
  erasures: number;
  /** Rows whose personal values of an erased firm this page emptied. */
  scrubbed: number;
}

/**
 * Applies one pull page inside the caller's transaction, then retries the rows still waiting for a
 * parent, records whose rows they are where the hub said so, and scrubs erased firms.
 */
export async function applyPulledPage(ctx: ApplyContext, rows: readonly PulledRow[], advisers?: readonly { id: string; name: string }[]): Promise<PageOutcome> {
  const byTable = new Map<string, PulledRow[]>();
  let erasures = 0;
  for (const row of rows) {
    if (row.table === 'published_instruments') await receiveInstrument(ctx, row);
    else if (row.table === 'published_catalogues') await receiveCatalogue(ctx, row);
    else if (row.table === 'erasures') erasures += (await receiveErasure(ctx.trx, row)) ? 1 : 0;
    else {
      const group = byTable.get(row.table);
      if (group) group.push(row);
      else byTable.set(row.table, [row]);
    }
  }
  for (const table of TABLE_ORDER) {
    const group = byTable.get(table);
    if (!group) continue;
    for (const { row, reason } of (await mergeTable(ctx, table, group)).waiting) await park(ctx, row, reason);
  }
  await retryParked(ctx);
  await recordOwners(ctx, rows, advisers ?? []);
  const scrubbed = await scrubErasedFirms(ctx.trx, ctx.receivedAt);
  return { erasures, scrubbed };
}

/**
 * The owners the hub named: for directory entries, so the device tells its user's own from the
 * programme office's (which it may not change); for firms, on the office's device, their adviser.
 */
async function recordOwners(ctx: ApplyContext, rows: readonly PulledRow[], advisers: readonly { id: string; name: string }[]): Promise<void> {
  for (const part of chunked(advisers, 2)) {
    await ctx.trx
      .insertInto('advisers')
      .values(part.map((adviser) => ({ id: adviser.id, name: adviser.name })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute();
  }
  const entries = rows.filter((row) => row.table === 'directory_entries' && row.owner !== undefined);
  for (const part of chunked(entries, 2)) {
    await ctx.trx
      .insertInto('directory_entry_owners')
      .values(part.map((row) => ({ entry_id: row.rowId, owner_user_id: row.owner ?? null })))
      .onConflict((oc) => oc.column('entry_id').doUpdateSet((eb) => ({ owner_user_id: eb.ref('excluded.owner_user_id') })))
      .execute();
  }
  const firms = rows.filter((row): row is PulledRow & { owner: string } => row.table === 'companies' && typeof row.owner === 'string');
  for (const part of chunked(firms, 2)) {
    await ctx.trx
      .insertInto('company_advisers')
      .values(part.map((row) => ({ company_id: row.rowId, adviser_id: row.owner })))
      .onConflict((oc) => oc.column('company_id').doUpdateSet((eb) => ({ adviser_id: eb.ref('excluded.adviser_id') })))
      .execute();
  }
}

interface Merge {
  row: PulledRow;
  set: Record<string, unknown>;
  stamp: { updated_at: string; updated_by: string } | null;
  clocks: Record<string, string>;
}

/**
 * Last writer wins per column: a pulled value replaces the local one only when its clock is newer,
 * so a local edit the hub has not seen yet survives and is pushed (the hub records the conflict).
 * A page is read and written a table at a time: a first pull brings hundreds of thousands of rows.
 */
async function mergeTable(ctx: ApplyContext, table: string, rows: readonly PulledRow[]): Promise<{ waiting: { row: PulledRow; reason: string }[] }> {
  const columns = writableColumns(table);
  if (!columns) return { waiting: [] };
  const name = table as 'companies';
  const existing = new Map<string, string>();
  const stored = new Map<string, Record<string, string>>();
  for (const part of chunked(rows, 1)) {
    const ids = part.map((row) => row.rowId);
    for (const row of await ctx.trx.selectFrom(name).select(['id', 'updated_at']).where('id', 'in', ids).execute()) existing.set(row.id, row.updated_at);
    const clocks = await ctx.trx.selectFrom('field_clocks').select(['row_id', 'clocks']).where('table_name', '=', table).where('row_id', 'in', ids).execute();
    for (const row of clocks) stored.set(row.row_id, JSON.parse(row.clocks) as Record<string, string>);
  }

  const inserts = new Map<string, Merge[]>();
  const updates: Merge[] = [];
  for (const row of rows) {
    const merge = winners(row, columns, stored.get(row.rowId) ?? {}, existing.get(row.rowId));
    if (!merge) continue;
    if (existing.has(row.rowId)) {
      updates.push(merge);
      continue;
    }
    // Rows of one multi-row insert must name the same columns.
    const shape = Object.keys(merge.set).join(',');
    const group = inserts.get(shape);
    if (group) group.push(merge);
    else inserts.set(shape, [merge]);
  }

  const waiting: { row: PulledRow; reason: string }[] = [];
  const written: Merge[] = [];
  for (const group of inserts.values()) {
    for (const part of chunked(group, Object.keys(group[0]!.set).length + 3)) {
      try {
        await ctx.trx.insertInto(name).values(part.map((m) => ({ id: m.row.rowId, ...m.set, ...m.stamp }) as never)).execute();
        written.push(...part);
      } catch (error) {
        if (!isWaiting(error)) throw error;
        // Some row of the part waits for its parent: find it by storing the rows one by one.
        for (const merge of part) {
          try {
            await ctx.trx.insertInto(name).values({ id: merge.row.rowId, ...merge.set, ...merge.stamp } as never).execute();
            written.push(merge);
          } catch (single) {
            if (!isWaiting(single)) throw single;
            waiting.push({ row: merge.row, reason: single.message });
          }
        }
      }
    }
  }
  for (const merge of updates) {
    try {
      await ctx.trx.updateTable(name).set({ ...merge.set, ...merge.stamp } as never).where('id', '=', merge.row.rowId).execute();
      written.push(merge);
    } catch (error) {
      if (!isWaiting(error)) throw error;
      waiting.push({ row: merge.row, reason: error.message });
    }
  }
  await writeClocks(ctx, table, written);
  return { waiting };
}

function winners(row: PulledRow, columns: readonly string[], local: Record<string, string>, updatedAt: string | undefined): Merge | null {
  // A row written before clocks were kept per column has none: its own clock stands for every
  // column. Otherwise a column without a clock was never written here, whatever the row's clock.
  const legacy = Object.keys(local).length === 0;
  const won = columns.filter((column) => {
    const incoming = row.clocks[column];
    if (incoming === undefined || !Object.hasOwn(row.values, column)) return false;
    const mine = legacy ? updatedAt : local[column];
    return mine === undefined || incoming > mine;
  });
  if (won.length === 0) return null;
  const set: Record<string, unknown> = Object.fromEntries(won.map((column) => [column, row.values[column]]));
  const newest = won.map((column) => row.clocks[column]!).reduce((a, b) => (a > b ? a : b));
  const stamp = updatedAt === undefined || newest > updatedAt ? { updated_at: newest, updated_by: parseHlc(newest).device } : null;
  const clocks = { ...local };
  for (const column of won) clocks[column] = row.clocks[column]!;
  return { row, set, stamp, clocks };
}

async function writeClocks(ctx: ApplyContext, table: string, merges: readonly Merge[]): Promise<void> {
  for (const part of chunked(merges, 3)) {
    if (part.length === 0) continue;
    await ctx.trx
      .insertInto('field_clocks')
      .values(part.map((m) => ({ table_name: table, row_id: m.row.rowId, clocks: JSON.stringify(m.clocks) })))
      .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet((eb) => ({ clocks: eb.ref('excluded.clocks') })))
      .execute();
  }
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
    const rows: PulledRow[] = parked.map((entry) => ({
      table: entry.table_name,
      rowId: entry.row_id,
      values: JSON.parse(entry.row_values) as Values,
      clocks: JSON.parse(entry.clocks) as Clocks,
    }));
    let progress = false;
    for (const table of TABLE_ORDER) {
      const group = rows.filter((row) => row.table === table);
      if (group.length === 0) continue;
      // A row still waiting simply stays parked.
      const still = new Set((await mergeTable(ctx, table, group)).waiting.map(({ row }) => row.rowId));
      const applied = group.filter((row) => !still.has(row.rowId));
      for (const part of chunked(applied, 1)) {
        await ctx.trx.deleteFrom('parked_rows').where('table_name', '=', table).where('row_id', 'in', part.map((row) => row.rowId)).execute();
      }
      progress ||= applied.length > 0;
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
