import type { Kysely, Transaction } from 'kysely';
import { ChangeSchema, type Change, type ChangeOutcome } from '../../../shared/sync/protocol';
import type { LocalDatabase, OutboxRow } from '../database/schema';

type Db = Kysely<LocalDatabase> | Transaction<LocalDatabase>;

export interface QueuedChange {
  seq: number;
  change: Change;
}

/** An outbox row as the protocol sends it, or why it cannot be sent. */
function toWire(row: OutboxRow): Change | { invalid: string } {
  const changes = JSON.parse(row.changes) as Record<string, unknown>;
  // Changes recorded before clocks were kept per column replaced the row's clock in every column.
  const replaced = row.replaced
    ? (JSON.parse(row.replaced) as Record<string, string | null>)
    : Object.fromEntries(Object.keys(changes).map((column) => [column, row.base_hlc]));
  const parsed = ChangeSchema.safeParse({
    changeId: row.change_id,
    table: row.table_name,
    rowId: row.row_id,
    operation: row.operation,
    hlc: row.hlc,
    replaced,
    changes,
    schemaVersion: row.schema_version,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return { invalid: `The change cannot be sent: ${issue.path.join('.') || 'change'}: ${issue.message}` };
}

/**
 * The oldest changes the hub has neither acknowledged nor refused, in the order they were made.
 * A change that could never pass the hub's checks is marked refused here, so it cannot block the
 * queue behind it.
 */
export async function nextChanges(db: Kysely<LocalDatabase>, limit: number): Promise<QueuedChange[]> {
  for (;;) {
    const rows = await db
      .selectFrom('outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('rejected_reason', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
    const queued: QueuedChange[] = [];
    const invalid: { seq: number; reason: string }[] = [];
    for (const row of rows) {
      const wire = toWire(row);
      if ('invalid' in wire) invalid.push({ seq: row.seq, reason: wire.invalid });
      else queued.push({ seq: row.seq, change: wire });
    }
    if (invalid.length === 0) return queued;
    for (const { seq, reason } of invalid) await markRejected(db, seq, reason);
  }
}

export async function markRejected(db: Db, seq: number, reason: string): Promise<void> {
  await db.updateTable('outbox').set({ rejected_reason: reason.slice(0, 1000) }).where('seq', '=', seq).execute();
}

/**
 * Applies the hub's answer to a batch in one transaction. Returns how many were refused and the
 * changes the hub said nothing about (they stay unsent).
 */
export async function applyOutcomes(
  db: Kysely<LocalDatabase>,
  batch: readonly QueuedChange[],
  outcomes: readonly ChangeOutcome[],
  sentAt: string,
): Promise<{ rejected: number; unanswered: number }> {
  const byId = new Map(outcomes.map((o) => [o.changeId, o]));
  let unanswered = 0;
  const sent: number[] = [];
  const refused: { seq: number; reason: string }[] = [];
  for (const { seq, change } of batch) {
    const outcome = byId.get(change.changeId);
    if (!outcome) unanswered += 1;
    else if (outcome.status === 'rejected') refused.push({ seq, reason: outcome.reason ?? 'The hub refused this change without giving a reason.' });
    else sent.push(seq);
  }
  await db.transaction().execute(async (trx) => {
    // Well under SQLite's limit of bound values per statement.
    for (let i = 0; i < sent.length; i += 10_000) {
      await trx.updateTable('outbox').set({ sent_at: sentAt }).where('seq', 'in', sent.slice(i, i + 10_000)).execute();
    }
    for (const { seq, reason } of refused) await markRejected(trx, seq, reason);
  });
  return { rejected: refused.length, unanswered };
}

/** Every change this device still holds that the hub did not refuse, sent or not. */
export async function countRecordedChanges(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('rejected_reason', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Changes the hub has acknowledged (accepted, duplicate or conflict). */
export async function countAcknowledgedChanges(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('sent_at', 'is not', null)
    .where('rejected_reason', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
