import { sql } from 'kysely';
import type { HubDialect } from '../migrations/hub';
import { formatHlc, parseHlc } from '../shared/sync/hlc';
import type { Change, ErasureResponse } from '../shared/sync/protocol';
import { personalColumns } from '../shared/sync/tables';
import { appendAudit } from './audit-log';
import type { Caller } from './auth';
import type { HubDatabase, HubTrx } from './database';
import { HubRequestError } from './errors';
import { advanceProgrammeSequence, lockProgrammeSequence } from './sequence';
import { loadRows, rowKey, writeRows, type StoredRow, type Value } from './stored-rows';

/** Every personal column is text; an empty text fits each of them on the hub and on every device. */
const ERASED = '';
const MAX_COUNTER = 0xffff;
const personal: Partial<Record<string, readonly string[]>> = personalColumns;

/**
 * Erases a firm's personal data at the office's request, in one transaction: every personal column
 * of the firm's rows becomes empty, its contacts are deleted, conflict records stop holding the old
 * values, and an `erasures` row (id = the firm's id) tells every device to scrub what it holds.
 * The new values carry a hub clock newer than any the firm's rows have, so the ordinary pull
 * delivers them and last-writer-wins keeps them. Erasing twice keeps the first erasure's time.
 */
export async function eraseFirm(database: HubDatabase, caller: Caller, companyId: string, now: Date): Promise<ErasureResponse> {
  const { dialect } = database;
  const answer = await database.db.transaction().execute(async (trx) => {
    const lastSeq = await lockProgrammeSequence(trx, caller.programmeId);
    if (lastSeq === null) throw new Error(`Programme ${caller.programmeId} does not exist`);
    const firm = (await loadRows(trx, dialect, caller.programmeId, [{ table: 'companies', rowId: companyId }])).get(rowKey('companies', companyId));
    if (!firm) throw new HubRequestError(404, 'not_found', 'There is no firm with this id in your programme; nothing was erased.');

    const rows = await firmRows(trx, caller.programmeId, companyId);
    const earlier = rows.find((row) => row.table === 'erasures');
    const erasedAt = typeof earlier?.values.erased_at === 'string' ? earlier.values.erased_at : now.toISOString();
    const clock = clockAfter(rows, now, database.hubClockDevice);
    const dirty: StoredRow[] = [];
    for (const row of rows) {
      const erased = erasedValues(row, erasedAt);
      if (Object.keys(erased).length === 0) continue;
      for (const [column, value] of Object.entries(erased)) {
        row.values[column] = value;
        row.clocks[column] = clock;
      }
      dirty.push(row);
    }
    if (!earlier) {
      const values = { company_id: companyId, erased_at: erasedAt, created_at: erasedAt };
      dirty.push({
        table: 'erasures',
        rowId: companyId,
        // The firm's adviser must receive it; the office receives the whole programme anyway.
        ownerUserId: firm.ownerUserId,
        companyId,
        values,
        clocks: Object.fromEntries(Object.keys(values).map((column) => [column, clock])),
      });
    }
    await writeRows(trx, dialect, caller.programmeId, dirty, lastSeq + 1);
    if (dirty.length > 0) await advanceProgrammeSequence(trx, caller.programmeId, lastSeq + dirty.length);
    // That an erasure happened, by whom, and its size; not even which firm: the log outlives the data
    // and must say nothing about it. Which firms were erased lives in the erasures rows devices need.
    await appendAudit(trx, now, {
      action: 'erasure',
      programmeId: caller.programmeId,
      userId: caller.userId,
      deviceId: caller.deviceId,
      detail: { rows: dirty.length },
    });
    return { companyId, erasedAt };
  });
  // Old page images in the write-ahead log still hold the erased values until it is checkpointed
  // and truncated; secure_delete (set at open) has already zeroed them in the database file.
  if (dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
  return answer;
}

/** The firms among `companyIds` that were erased in the programme. */
export async function erasedFirms(trx: HubTrx, dialect: HubDialect, programmeId: string, companyIds: Iterable<string>): Promise<Set<string>> {
  const refs = [...new Set(companyIds)].map((rowId) => ({ table: 'erasures', rowId }));
  const found = await loadRows(trx, dialect, programmeId, refs);
  return new Set([...found.values()].map((row) => row.rowId));
}

/**
 * A change to an erased firm keeps its personal columns but empty. A laptop that was offline during
 * the erasure still pushes its other work (scores, roadmap steps) and is not left with changes the
 * hub refuses for ever; whatever clock it carries, the erased values cannot come back.
 */
export function withoutPersonalValues(change: Change): Change {
  const columns = personal[change.table] ?? [];
  const changes = { ...change.changes };
  for (const column of columns) if (Object.hasOwn(changes, column)) changes[column] = ERASED;
  return { ...change, changes };
}

async function firmRows(trx: HubTrx, programmeId: string, companyId: string): Promise<StoredRow[]> {
  const found = await trx
    .selectFrom('rows')
    .select(['table_name', 'row_id', 'owner_user_id', 'company_id', 'values', 'clocks'])
    .where('programme_id', '=', programmeId)
    .where('company_id', '=', companyId)
    .execute();
  return found.map((row) => ({
    table: row.table_name,
    rowId: row.row_id,
    ownerUserId: row.owner_user_id,
    companyId: row.company_id,
    values: JSON.parse(row.values) as Record<string, Value>,
    clocks: JSON.parse(row.clocks) as Record<string, string>,
  }));
}

/** Columns of `row` to change, with their erased values; none when it holds nothing personal. */
function erasedValues(row: StoredRow, erasedAt: string): Record<string, Value> {
  const erased: Record<string, Value> = {};
  const blank = (column: string) => {
    const value = row.values[column];
    if (value !== undefined && value !== null && value !== ERASED) erased[column] = ERASED;
  };
  for (const column of personal[row.table] ?? []) blank(column);
  if (row.table === 'contacts' && (row.values.deleted_at ?? null) === null) erased.deleted_at = erasedAt;
  if (row.table === 'conflicts') {
    const about = row.values.table_name;
    const field = row.values.field;
    if (typeof about === 'string' && typeof field === 'string' && (personal[about] ?? []).includes(field)) {
      blank('kept_value');
      blank('other_value');
    }
  }
  return erased;
}

/** A hub clock newer than every clock the firm's rows carry, so the erased values win everywhere. */
function clockAfter(rows: readonly StoredRow[], now: Date, device: string): string {
  const fresh = formatHlc({ wall: now.getTime(), counter: 0, device });
  const newest = rows.flatMap((row) => Object.values(row.clocks)).reduce((a, b) => (b > a ? b : a), fresh);
  if (newest === fresh) return fresh;
  const { wall, counter } = parseHlc(newest);
  return counter >= MAX_COUNTER ? formatHlc({ wall: wall + 1, counter: 0, device }) : formatHlc({ wall, counter: counter + 1, device });
}
