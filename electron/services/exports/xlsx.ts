import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellType, Column } from './columns';

type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/** One sheet, ready to be streamed into a workbook; its rows may arrive in batches from the database. */
export type SheetWriter = (workbook: WorkbookWriter) => Promise<void>;

const numberFormats: Partial<Record<CellType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  month: 'yyyy-mm',
};

/** A sheet with a bold, frozen header row and typed columns: numbers, booleans and dates stay what they are. */
export function sheet<T>(name: string, columns: readonly Column<T>[], rows: AsyncIterable<readonly T[]> | readonly T[]): SheetWriter {
  return async (workbook) => {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = columns.map((column) => {
      const numFmt = numberFormats[column.type];
      return { header: column.header, width: column.width, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    const batches = Symbol.asyncIterator in rows ? rows : chunked(rows);
    for await (const batch of batches) {
      for (const row of batch) worksheet.addRow(columns.map((column) => column.value(row))).commit();
      await compressed(worksheet);
    }
    worksheet.commit();
  };
}

/**
 * Waits until the zip has taken in what the sheet has written so far. exceljs hands a sheet's XML
 * to the zip without heeding backpressure, so rows produced faster than they are compressed and
 * written would otherwise pile up in memory until the whole export is. The sheet's XML reaches the
 * zip through a PassThrough (archiver wraps exceljs's own stream in one), whose 'drain' is the
 * signal that compression caught up. Should a later exceljs or archiver change that path, this
 * waits for nothing and the export still completes, only less frugally.
 */
async function compressed(worksheet: ExcelJS.Worksheet): Promise<void> {
  const entry = (worksheet as unknown as { stream?: { pipes?: ZipEntryStream[] } }).stream?.pipes?.[0];
  // archiver's PassThrough comes from readable-stream 2, which predates `writableNeedDrain`.
  if (entry?._writableState?.needDrain) await once(entry, 'drain');
}

type ZipEntryStream = Writable & { _writableState?: { needDrain: boolean } };

function chunked<T>(rows: readonly T[], size = 1000): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/**
 * Streams the sheets into an XLSX file on `out`, one after another, each committed before the
 * next starts, so only the rows of the batch in hand are ever held. Ends `out`.
 */
export async function writeXlsx(out: Writable, sheets: readonly SheetWriter[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const write of sheets) await write(workbook);
  await workbook.commit();
}
