import type { HubDialect } from '../migrations/hub';
import type { Change, ChangeOutcome, PushResponse } from '../shared/sync/protocol';
import { uuidv7 } from '../shared/sync/uuidv7';
import { appendAudit } from './audit-log';
import { authorise, directRefs, storedParentRef, type Writer } from './authorisation';
import { idIn, idSlices, unnestRows, type ColumnType } from './bulk';
import type { HubStore, HubTrx } from './database';
import { erasedFirms, withoutPersonalValues } from './erasure';
import { HubRequestError } from './errors';
import { mergeChange, type FoundConflict } from './merge';
import { checkChangeSchemaVersions } from './schema-version';
import { toNumber, type HubSchema } from './schema';
import { advanceProgrammeSequence, lockProgrammeSequence } from './sequence';
import { loadRows, rowKey, writeRows, type RowRef, type StoredRow } from './stored-rows';

export interface ApplyOptions {
  now: Date;
  /** Makes a repeated request return its first answer; bundles have none. */
  batchId?: string;
  /** How the audit log records this application. */
  audit: { action: 'push' } | { action: 'bundle.import'; importedBy: string };
}

/**
 * Applies changes made by `writer`'s device in one transaction and answers for each, in order.
 * Every query touches the whole batch at once (a few `IN (...)` reads, multi-row writes), so a
 * batch costs a handful of round trips however many changes it holds.
 */
export async function applyChanges(store: HubStore, writer: Writer, changes: readonly Change[], options: ApplyOptions): Promise<PushResponse> {
  checkChangeSchemaVersions({ changes });
  const { dialect } = store;
  return store.db.transaction().execute(async (trx) => {
    const lastSeq = await lockProgrammeSequence(trx, writer.programmeId);
    if (lastSeq === null) throw new Error(`Programme ${writer.programmeId} does not exist`);
    if (options.batchId !== undefined) {
      const earlier = await trx
        .selectFrom('batches')
        .select('response')
        .where('device_id', '=', writer.deviceId)
        .where('batch_id', '=', options.batchId)
        .executeTakeFirst();
      if (earlier) return JSON.parse(earlier.response) as PushResponse;
    }

    const known = await storedChangeIds(trx, dialect, changes.map((c) => c.changeId));
    const rows = await loadRows(trx, dialect, writer.programmeId, changes.flatMap(directRefs));
    await loadRows(trx, dialect, writer.programmeId, changes.map((c) => storedParentRef(c, rows)).filter((ref): ref is RowRef => ref !== null), rows);
    // A change's firm is its own row id (a firm) or the firm of a row already loaded (its parent).
    const candidates = [...changes.map((c) => c.rowId), ...[...rows.values()].flatMap((row) => (row.companyId === null ? [] : [row.companyId]))];
    const erased = await erasedFirms(trx, dialect, writer.programmeId, candidates);

    const dirty = new Map<string, StoredRow>();
    const results: ChangeOutcome[] = [];
    const stored: { changeId: string; outcome: 'accepted' | 'conflict' }[] = [];
    const seen = new Set<string>();
    let conflictCount = 0;
    let newestHlc: string | null = null;

    for (const change of changes) {
      if (known.has(change.changeId) || seen.has(change.changeId)) {
        results.push({ changeId: change.changeId, status: 'duplicate' });
        continue;
      }
      const decision = authorise(change, writer, rows);
      if (!decision.ok) {
        results.push({ changeId: change.changeId, status: 'rejected', reason: decision.reason });
        continue;
      }
      seen.add(change.changeId);
      const key = rowKey(change.table, change.rowId);
      let row = rows.get(key);
      if (!row) {
        row = { table: change.table, rowId: change.rowId, ownerUserId: decision.ownerUserId, companyId: decision.companyId, values: {}, clocks: {} };
        rows.set(key, row);
      }
      const applied = decision.companyId !== null && erased.has(decision.companyId) ? withoutPersonalValues(change) : change;
      // Conflict records are decisions about conflicts; a second conflict about them would help nobody.
      const merged = mergeChange(row, applied, change.table !== 'conflicts');
      if (merged.changed) dirty.set(key, row);
      for (const found of merged.conflicts) {
        const record = conflictRecord(row, found, writer, options);
        rows.set(rowKey(record.table, record.rowId), record);
        dirty.set(rowKey(record.table, record.rowId), record);
      }
      conflictCount += merged.conflicts.length;
      const outcome = merged.conflicts.length > 0 ? 'conflict' : 'accepted';
      results.push({ changeId: change.changeId, status: outcome });
      stored.push({ changeId: change.changeId, outcome });
      if (newestHlc === null || change.hlc > newestHlc) newestHlc = change.hlc;
    }

    // Dirty rows keep the order in which the batch first touched them, so a parent created in the
    // batch gets a lower seq than its children and pullers meet it first.
    await writeRows(trx, dialect, writer.programmeId, [...dirty.values()], lastSeq + 1);
    if (dirty.size > 0) await advanceProgrammeSequence(trx, writer.programmeId, lastSeq + dirty.size);
    await recordChanges(trx, dialect, writer, stored, options.now);
    const device = await advanceDeviceWatermark(trx, writer.deviceId, newestHlc, stored.length);

    const counts = countOutcomes(results);
    await appendAudit(trx, options.now, {
      action: options.audit.action,
      programmeId: writer.programmeId,
      userId: writer.userId,
      deviceId: writer.deviceId,
      detail: {
        changes: changes.length,
        ...counts,
        ...(options.audit.action === 'bundle.import' ? { importedBy: options.audit.importedBy } : {}),
      },
    });
    if (conflictCount > 0) {
      await appendAudit(trx, options.now, {
        action: 'conflicts',
        programmeId: writer.programmeId,
        userId: writer.userId,
        deviceId: writer.deviceId,
        detail: { count: conflictCount },
      });
    }

    const response: PushResponse = { results, device };
    if (options.batchId !== undefined) {
      await trx
        .insertInto('batches')
        .values({ device_id: writer.deviceId, batch_id: options.batchId, response: JSON.stringify(response), received_at: options.now.toISOString() })
        .execute();
    }
    return response;
  });
}

export function countOutcomes(results: readonly ChangeOutcome[]): Record<ChangeOutcome['status'], number> {
  const counts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

async function storedChangeIds(trx: HubTrx, dialect: HubDialect, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const slice of idSlices(dialect, [...new Set(ids)])) {
    const found = await trx.selectFrom('changes').select('change_id').where(idIn(dialect, 'change_id', slice)).execute();
    for (const row of found) known.add(row.change_id);
  }
  return known;
}

const CHANGE_COLUMNS: { name: keyof HubSchema['changes'] & string; type: ColumnType }[] = [
  { name: 'change_id', type: 'text' },
  { name: 'programme_id', type: 'text' },
  { name: 'device_id', type: 'text' },
  { name: 'outcome', type: 'text' },
  { name: 'received_at', type: 'text' },
];

async function recordChanges(
  trx: HubTrx,
  dialect: HubDialect,
  writer: Writer,
  stored: readonly { changeId: string; outcome: 'accepted' | 'conflict' }[],
  now: Date,
): Promise<void> {
  const records = stored.map((s) => ({
    change_id: s.changeId,
    programme_id: writer.programmeId,
    device_id: writer.deviceId,
    outcome: s.outcome,
    received_at: now.toISOString(),
  }));
  for (const slice of idSlices(dialect, records, CHANGE_COLUMNS.length)) {
    const insert = trx.insertInto('changes');
    await (dialect === 'postgres' ? insert.columns(CHANGE_COLUMNS.map((c) => c.name)).expression(unnestRows(CHANGE_COLUMNS, slice)) : insert.values(slice)).execute();
  }
}

async function advanceDeviceWatermark(trx: HubTrx, deviceId: string, newestHlc: string | null, storedCount: number) {
  const device = await trx.selectFrom('devices').select(['last_hlc', 'change_count']).where('device_id', '=', deviceId).executeTakeFirst();
  if (!device) throw new HubRequestError(401, 'unauthorized', 'This device is not enrolled on this hub.');
  const lastHlc = newestHlc !== null && (device.last_hlc === null || newestHlc > device.last_hlc) ? newestHlc : device.last_hlc;
  const changeCount = toNumber(device.change_count) + storedCount;
  if (storedCount > 0) {
    await trx.updateTable('devices').set({ last_hlc: lastHlc, change_count: changeCount }).where('device_id', '=', deviceId).execute();
  }
  return { lastHlc, changeCount };
}

/**
 * A conflict record belongs to whoever owns the data row, so the same people see it. A programme-wide
 * row (the office's directory entries) has no owner; its conflicts go to the office that wrote it,
 * not to every adviser, who could not resolve them.
 */
function conflictRecord(row: StoredRow, found: FoundConflict, writer: Writer, options: ApplyOptions): StoredRow {
  // The record's clock is no older than either value, so a device that pulled it resolves it with a later one.
  const clock = found.keptHlc > found.otherHlc ? found.keptHlc : found.otherHlc;
  const values = {
    table_name: row.table,
    row_id: row.rowId,
    field: found.field,
    kept_value: found.keptValue,
    kept_hlc: found.keptHlc,
    other_value: found.otherValue,
    other_hlc: found.otherHlc,
    status: 'open',
    resolved_at: null,
    resolution: null,
    created_at: options.now.toISOString(),
  };
  return {
    table: 'conflicts',
    rowId: uuidv7(options.now.getTime()),
    ownerUserId: row.ownerUserId ?? writer.userId,
    companyId: row.companyId,
    values,
    clocks: Object.fromEntries(Object.keys(values).map((column) => [column, clock])),
  };
}
