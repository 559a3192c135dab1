import { CHANGE_SCHEMA_VERSION, type PullResponse, type PulledRow } from '../shared/sync/protocol';
import { isSyncedTable, syncedTables, tablesUnknownTo } from '../shared/sync/tables';
import type { Caller } from './auth';
import type { HubDb } from './database';
import { HubRequestError } from './errors';
import { toNumber } from './schema';
import type { Value } from './stored-rows';
import { deviceWatermark } from './watermark';

/**
 * Rows of the caller's programme written after `cursor`, in seq order. An adviser receives the rows
 * they own and the programme's published rows (no owner); the office receives the whole programme.
 */
/**
 * Rows can hold values of megabytes (notes, published catalogues); a page stops once it holds about
 * this much, so a page of large rows never has to be built in memory all at once.
 */
export const PULL_PAGE_BYTES = 8 * 1024 * 1024;

/** `schemaVersion`: the caller's protocol version; rows of tables it does not know are left out. */
export async function pullRows(
  db: HubDb,
  caller: Caller,
  cursor: string,
  limit: number,
  maxBytes = PULL_PAGE_BYTES,
  schemaVersion = CHANGE_SCHEMA_VERSION,
): Promise<PullResponse> {
  const after = Number(cursor);
  if (!Number.isSafeInteger(after)) throw new HubRequestError(400, 'invalid_request', 'cursor: beyond any position this hub has given out.');
  let query = db
    .selectFrom('rows')
    .select(['table_name', 'row_id', 'owner_user_id', 'values', 'clocks', 'seq'])
    .where('programme_id', '=', caller.programmeId)
    .where('seq', '>', after);
  if (caller.role === 'adviser') {
    query = query.where((eb) => eb.or([eb('owner_user_id', '=', caller.userId), eb('owner_user_id', 'is', null)]));
  }
  const unknown = tablesUnknownTo(schemaVersion);
  if (unknown.length > 0) query = query.where('table_name', 'not in', unknown);
  const found = await query.orderBy('seq').limit(limit + 1).execute();
  const page: typeof found = [];
  let bytes = 0;
  for (const row of found.slice(0, limit)) {
    bytes += row.values.length + row.clocks.length;
    // Always at least one row, or a single large row would stop the pull for ever.
    if (page.length > 0 && bytes > maxBytes) break;
    page.push(row);
  }
  const rows: PulledRow[] = page.map((row) => ({
    table: row.table_name,
    rowId: row.row_id,
    values: JSON.parse(row.values) as Record<string, Value>,
    clocks: JSON.parse(row.clocks) as Record<string, string>,
    ...(sendsOwner(caller, row.table_name) ? { owner: row.owner_user_id } : {}),
  }));
  const last = page[page.length - 1];
  return {
    rows,
    cursor: last ? String(toNumber(last.seq)) : String(after),
    more: found.length > page.length,
    device: await deviceWatermark(db, caller.deviceId),
    ...(caller.role === 'office' ? { advisers: await programmeAdvisers(db, caller.programmeId) } : {}),
  };
}

/**
 * Directory entries carry their owner to everyone, so a device tells the office's programme-wide
 * entries (no owner) from its user's own; an adviser only ever receives those two kinds. Firms
 * carry their adviser to the office alone, which counts its portfolio by adviser.
 */
function sendsOwner(caller: Caller, table: string): boolean {
  if (!isSyncedTable(table)) return false;
  const kind = syncedTables[table].ownership.kind;
  return kind === 'user' || (kind === 'company' && caller.role === 'office');
}

async function programmeAdvisers(db: HubDb, programmeId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('users').select(['id', 'name']).where('programme_id', '=', programmeId).where('role', '=', 'adviser').orderBy('id').execute();
}
