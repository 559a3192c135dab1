import type { HubTrx } from './database';
import { toNumber } from './schema';

/**
 * Pull cursors are `seq` values, so a row must never become visible with a seq lower than one a
 * puller has already passed. A database SEQUENCE hands out numbers at call time but transactions
 * commit in any order: on PostgreSQL, seq 11 can commit while seq 10 is still open, a puller moves
 * its cursor to 11, and row 10 is skipped for ever. Instead every writing transaction first takes
 * the programme's counter row with an UPDATE, whose row lock is held until commit; the next writer
 * of the programme waits for it, then reads the committed counter. Seqs are therefore handed out in
 * commit order, and the rows a writer merges into are the ones its predecessor committed.
 * On SQLite the single writer gives the same guarantee.
 *
 * Returns the programme's last seq, or null when there is no such programme.
 */
export async function lockProgrammeSequence(trx: HubTrx, programmeId: string): Promise<number | null> {
  const row = await trx
    .updateTable('programmes')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', programmeId)
    .returning('last_seq')
    .executeTakeFirst();
  return row ? toNumber(row.last_seq) : null;
}

/** Records the seqs the transaction used; only valid while holding the lock from `lockProgrammeSequence`. */
export async function advanceProgrammeSequence(trx: HubTrx, programmeId: string, lastSeq: number): Promise<void> {
  await trx.updateTable('programmes').set({ last_seq: lastSeq }).where('id', '=', programmeId).execute();
}
