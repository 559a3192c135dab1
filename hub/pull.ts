import type { PullResponse, PulledRow } from '../shared/sync/protocol';
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

export async function pullRows(db: HubDb, caller: Caller, cursor: string, limit: number, maxBytes = PULL_PAGE_BYTES): Promise<PullResponse> {
  const after = Number(cursor);
  if (!Number.isSafeInteger(after)) throw new HubRequestError(400, 'invalid_request', 'cursor: beyond any position this hub has given out.');
  let query = db
    .selectFrom('rows')
    .select(['table_name', 'row_id', 'values', 'clocks', 'seq'])
    .where('programme_id', '=', caller.programmeId)
    .where('seq', '>', after);
  if (caller.role === 'adviser') {
    query = query.where((eb) => eb.or([eb('owner_user_id', '=', caller.userId), eb('owner_user_id', 'is', null)]));
  }
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
  }));
  const last = page[page.length - 1];
  return {
    rows,
    cursor: last ? String(toNumber(last.seq)) : String(after),
    more: found.length > page.length,
    device: await deviceWatermark(db, caller.deviceId),
  };
}
