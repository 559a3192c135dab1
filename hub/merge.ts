import type { Change } from '../shared/sync/protocol';
import type { StoredRow, Value } from './stored-rows';

/** Two concurrent values of one column: the one the row now holds and the one that lost. */
export interface FoundConflict {
  field: string;
  keptValue: Value;
  keptHlc: string;
  otherValue: Value;
  otherHlc: string;
}

export interface MergeResult {
  /** Whether any column took the incoming value. */
  changed: boolean;
  conflicts: FoundConflict[];
}

/**
 * Per-column last writer wins by clock, in place. A column whose stored value the writer had not
 * seen (its `replaced` clock is older or absent) was edited concurrently: the clock still picks the
 * winner, and the loser is reported so that it can be kept in a conflict record rather than lost
 * silently. An edit of a row another device deleted is reported the same way, on `deleted_at`: the
 * edit is stored but hidden with the row, and the adviser may bring the row back.
 */
export function mergeChange(row: StoredRow, change: Change, detectConflicts: boolean): MergeResult {
  const conflicts: FoundConflict[] = [];
  let changed = false;
  for (const [field, incoming] of Object.entries(change.changes)) {
    const storedHlc = row.clocks[field];
    if (storedHlc === change.hlc) continue;
    const wins = storedHlc === undefined || change.hlc > storedHlc;
    if (storedHlc !== undefined && detectConflicts) {
      const stored = row.values[field] ?? null;
      const replaced = change.replaced[field] ?? null;
      // The writer's own earlier value counts too: a laptop restored from an old backup has not
      // seen what it wrote during the lost days, and overwriting that must not go unrecorded.
      const unseen = replaced === null || replaced < storedHlc;
      // An edit made after seeing the stored value should never lose to it; if its clock says it
      // does (a clock that missed what its device had received), keep it rather than drop it.
      const anomalous = !wins;
      if ((unseen || anomalous) && !IMMATERIAL.has(field) && !sameOutcome(field, stored, incoming)) {
        conflicts.push(
          wins
            ? { field, keptValue: incoming, keptHlc: change.hlc, otherValue: stored, otherHlc: storedHlc }
            : { field, keptValue: stored, keptHlc: storedHlc, otherValue: incoming, otherHlc: change.hlc },
        );
      }
    }
    if (wins) {
      row.values[field] = incoming;
      row.clocks[field] = change.hlc;
      changed = true;
    }
  }
  const tombstone = row.values.deleted_at ?? null;
  const deletedBy = row.clocks.deleted_at;
  if (detectConflicts && changed && tombstone !== null && deletedBy !== undefined && !Object.hasOwn(change.changes, 'deleted_at')) {
    conflicts.push({ field: 'deleted_at', keptValue: tombstone, keptHlc: deletedBy, otherValue: null, otherHlc: change.hlc });
  }
  return { changed, conflicts };
}

/**
 * Two laptops that create the same keyed row (an answer to the same question) each stamp their own
 * creation time; which one stays is of no interest to anyone.
 */
const IMMATERIAL = new Set(['created_at']);

/** Two devices deleting the same row at different moments agree; nobody's edit is lost. */
function sameOutcome(field: string, a: Value, b: Value): boolean {
  if (field === 'deleted_at') return (a === null) === (b === null);
  return a === b;
}
