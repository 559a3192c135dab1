import crypto from 'node:crypto';
import { personalColumns } from '../../../shared/sync/tables';

type PersonalTable = keyof typeof personalColumns;
type PersonalColumn<T extends PersonalTable> = (typeof personalColumns)[T][number];

/** A row whose personal columns may have been left out (null). */
export type Redactable<T extends PersonalTable, R> = { [K in keyof R]: K extends PersonalColumn<T> ? R[K] | null : R[K] };

/**
 * Whether a firm's personal data may leave the programme office: only with its consent, and
 * never once it was erased on request (consent given before the erasure no longer counts).
 */
export function sharesPersonalData(firm: { consent_to_share: number; erased_at: string | null }): boolean {
  return firm.consent_to_share === 1 && firm.erased_at === null;
}

/**
 * The row as an export may show it: unchanged for a firm that shares, otherwise with every column
 * `personalColumns` names for its table set to null. Every export format goes through here, so
 * the list of personal columns is kept in one place for erasure and exports alike.
 */
export function redactRow<T extends PersonalTable, R extends object>(table: T, row: R, shares: boolean): Redactable<T, R> {
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  if (!shares) for (const column of personalColumns[table] as readonly string[]) if (column in copy) copy[column] = null;
  return copy as Redactable<T, R>;
}

/**
 * A name for a firm whose own name is left out, derived from its id alone: the same on every
 * device and in every export, so a reader can follow one firm from baseline to follow-up. Twelve
 * hex digits (48 bits) keep two of a programme's thousands of firms from sharing one.
 */
export function pseudonym(companyId: string): string {
  return `Firm ${crypto.createHash('sha256').update(companyId).digest('hex').slice(0, 12)}`;
}
