import type { Writable } from 'node:stream';
import type { CellType, CellValue, Column } from './columns';
import { write } from './output';

/** Excel reads a CSV file as UTF-8 only when it starts with the byte-order mark. */
const BOM = '\uFEFF';
/** RFC 4180 ends every record with CRLF. */
const CRLF = '\r\n';

/**
 * Text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1+1", "@SUM(…)") is prefixed with an
 * apostrophe, which spreadsheets show as text. Only text: a negative number is a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CellValue, type: CellType): string {
  if (value === null) return '';
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.join(',') + CRLF;
}

/** A CSV file (BOM, header record, one record per row), written as the batches arrive. */
export async function writeCsv<T>(out: Writable, columns: readonly Column<T>[], batches: AsyncIterable<readonly T[]> | Iterable<readonly T[]>): Promise<void> {
  await write(out, BOM + csvRecord(columns.map((column) => csvField(column.header, 'text'))));
  for await (const batch of batches) {
    let text = '';
    for (const row of batch) text += csvRecord(columns.map((column) => csvField(column.value(row), column.type)));
    await write(out, text);
  }
}
