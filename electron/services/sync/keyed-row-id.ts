import crypto from 'node:crypto';

/**
 * The id of a row that is unique by a natural key (an answer per assessment and question, a target
 * per assessment and dimension). Two devices writing the same key make the same row, so their
 * edits merge per column instead of colliding on the unique index when one pulls the other's.
 * A UUID of version 8 (custom), from the key's SHA-256.
 */
export function keyedRowId(table: string, ...key: string[]): string {
  const bytes = crypto.createHash('sha256').update(JSON.stringify([table, ...key])).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
