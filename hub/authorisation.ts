import { parseHlc } from '../shared/sync/hlc';
import type { Change, Role } from '../shared/sync/protocol';
import { conflictResolutionColumns, isSyncedTable, syncedTables, type SyncedTableSpec } from '../shared/sync/tables';
import { rowKey, type RowRef, type StoredRow } from './stored-rows';

/** Whose changes are being applied: the device that made them, its user and programme. */
export interface Writer {
  deviceId: string;
  userId: string;
  role: Role;
  programmeId: string;
}

export type Decision = { ok: true; ownerUserId: string | null; companyId: string | null } | { ok: false; reason: string };

// One sentence for "does not exist" and "belongs to someone else", so a refusal reveals neither.
const ROW_NOT_YOURS = 'This row does not exist in your programme or is not yours to change.';
const parentNotYours = (parentTable: string) =>
  `The ${parentTable === 'companies' ? 'company' : 'assessment'} this row belongs to does not exist in your programme or is not yours.`;
const ASSESSMENT_NOT_OF_FIRM = 'The assessment this annotation names does not exist in your programme or is not of the same company.';

/** The rows a change needs for its decision that can be named from the change alone. */
export function directRefs(change: Change): RowRef[] {
  const refs: RowRef[] = [{ table: change.table, rowId: change.rowId }];
  const spec = specOf(change.table);
  if (spec?.ownership.kind === 'child') {
    const parentId = change.changes[spec.ownership.column];
    if (typeof parentId === 'string') refs.push({ table: spec.ownership.parentTable, rowId: parentId });
  }
  const assessmentId = annotatedAssessment(change);
  if (assessmentId !== null) refs.push({ table: 'assessments', rowId: assessmentId });
  return refs;
}

/** The assessment an annotation change names, if any (an annotation of the firm as a whole names none). */
function annotatedAssessment(change: Change): string | null {
  const assessmentId = change.table === 'annotations' ? change.changes.assessment_id : undefined;
  return typeof assessmentId === 'string' ? assessmentId : null;
}

/** The parent a change to an existing child row inherits from, when the change itself does not name it. */
export function storedParentRef(change: Change, rows: ReadonlyMap<string, StoredRow>): RowRef | null {
  const spec = specOf(change.table);
  if (spec?.ownership.kind !== 'child' || spec.ownership.column in change.changes) return null;
  const parentId = rows.get(rowKey(change.table, change.rowId))?.values[spec.ownership.column];
  return typeof parentId === 'string' ? { table: spec.ownership.parentTable, rowId: parentId } : null;
}

/**
 * Whether `writer` may apply `change`, given the rows of the programme as they stand at this
 * point of the batch, and if so whom the row belongs to.
 */
export function authorise(change: Change, writer: Writer, rows: ReadonlyMap<string, StoredRow>): Decision {
  if (parseHlc(change.hlc).device !== writer.deviceId) {
    // A clock naming another device would let a writer pass its edits off as already seen.
    return { ok: false, reason: 'The change carries a clock of another device than the one that sent it.' };
  }
  if (change.operation === 'delete' && typeof change.changes.deleted_at !== 'string') {
    return { ok: false, reason: 'A delete must set deleted_at.' };
  }
  const existing = rows.get(rowKey(change.table, change.rowId)) ?? null;
  if (change.table === 'conflicts') return authoriseConflictResolution(change, writer, existing);
  if (!isSyncedTable(change.table)) {
    return { ok: false, reason: "Instruments and catalogues are published by the programme office with the hub's admin commands." };
  }
  const spec: SyncedTableSpec = syncedTables[change.table];
  if (!spec.writers.includes(writer.role)) {
    return { ok: false, reason: `The ${writer.role} role may not change ${change.table}.` };
  }
  const unknown = Object.keys(change.changes).filter((column) => !spec.columns.includes(column));
  if (unknown.length > 0) return { ok: false, reason: `${change.table} has no synced column ${unknown.join(', ')}.` };

  const ownership = spec.ownership;
  switch (ownership.kind) {
    case 'company':
      if (existing && existing.ownerUserId !== writer.userId) return { ok: false, reason: ROW_NOT_YOURS };
      return { ok: true, ownerUserId: writer.userId, companyId: change.rowId };
    case 'user': {
      // What the office writes has no owner, so every adviser of the programme pulls it; an
      // adviser's change to it fails the owner check like any row not theirs.
      const owner = writer.role === 'office' ? null : writer.userId;
      if (existing && existing.ownerUserId !== owner) return { ok: false, reason: ROW_NOT_YOURS };
      return { ok: true, ownerUserId: owner, companyId: null };
    }
    case 'child': {
      const named = change.changes[ownership.column];
      const storedParent = existing?.values[ownership.column];
      if (existing && writer.role === 'adviser' && existing.ownerUserId !== writer.userId) return { ok: false, reason: ROW_NOT_YOURS };
      if (named !== undefined && storedParent !== undefined && named !== storedParent) {
        return { ok: false, reason: `A row cannot move to another parent: ${ownership.column} differs from the stored value.` };
      }
      const parentId = named ?? storedParent;
      if (typeof parentId !== 'string') return { ok: false, reason: `A new ${change.table} row must name its ${ownership.column}.` };
      const parent = rows.get(rowKey(ownership.parentTable, parentId));
      // The office annotates any firm of its programme; the annotation goes to the firm's adviser.
      if (!parent || (writer.role === 'adviser' && parent.ownerUserId !== writer.userId)) {
        return { ok: false, reason: parentNotYours(ownership.parentTable) };
      }
      // An annotation may point at one assessment, which must be of the annotated firm (its firm
      // cannot change, so a stored assessment_id checked when it was set stays right).
      const assessmentId = annotatedAssessment(change);
      if (assessmentId !== null && rows.get(rowKey('assessments', assessmentId))?.values.company_id !== parentId) {
        return { ok: false, reason: ASSESSMENT_NOT_OF_FIRM };
      }
      return { ok: true, ownerUserId: parent.ownerUserId, companyId: parent.companyId };
    }
  }
}

/** A device only marks a conflict resolved; the conflict must be about a table its role writes, and its own unless the office's about a firm. */
function authoriseConflictResolution(change: Change, writer: Writer, existing: StoredRow | null): Decision {
  const allowed: readonly string[] = conflictResolutionColumns;
  const other = Object.keys(change.changes).filter((column) => !allowed.includes(column));
  if (other.length > 0) {
    return { ok: false, reason: `Only ${allowed.join(', ')} of a conflict record can be changed, not ${other.join(', ')}.` };
  }
  const about = existing?.values.table_name;
  const spec = typeof about === 'string' && isSyncedTable(about) ? (syncedTables[about] as SyncedTableSpec) : null;
  const writable = spec !== null && spec.writers.includes(writer.role);
  // Both roles write directory entries, each only its own: the office may not settle an adviser's.
  const ownOnly = writer.role === 'adviser' || spec?.ownership.kind === 'user';
  if (!existing || !writable || (ownOnly && existing.ownerUserId !== writer.userId)) {
    return { ok: false, reason: ROW_NOT_YOURS };
  }
  return { ok: true, ownerUserId: existing.ownerUserId, companyId: existing.companyId };
}

function specOf(table: string): SyncedTableSpec | null {
  return isSyncedTable(table) ? syncedTables[table] : null;
}

