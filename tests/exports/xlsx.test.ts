import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../electron/services/exports/columns';
import { memoryOutput } from '../../electron/services/exports/output';
import { sheet, writeXlsx } from '../../electron/services/exports/xlsx';

type Row = { n: number; text: string };
const columns: Column<Row>[] = [
  { header: 'n', type: 'number', width: 8, value: (r) => r.n },
  { header: 'text', type: 'text', width: 40, value: (r) => r.text },
];

/** What waits in memory between the sheet's rows and the zip: archiver's PassThrough buffer. */
function pending(workbook: ExcelJS.stream.xlsx.WorkbookWriter): number {
  const worksheet = workbook.getWorksheet('Big') as unknown as { stream: { pipes: { _writableState: { length: number } }[] } };
  return worksheet.stream.pipes[0]!._writableState.length;
}

describe('streaming XLSX writer', () => {
  it('waits for the zip between batches, so what waits in memory stays bounded', async () => {
    const output = memoryOutput();
    const backlog: number[] = [];
    let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
    async function* batches(): AsyncGenerator<Row[]> {
      for (let b = 0; b < 40; b += 1) {
        if (workbook) backlog.push(pending(workbook));
        yield Array.from({ length: 2_000 }, (_, i) => ({ n: b * 2_000 + i, text: `row ${b}-${i} ${'x'.repeat(60)}` }));
      }
    }
    await writeXlsx(output.stream, [
      async (writer) => {
        workbook = writer;
        await sheet('Big', columns, batches())(writer);
      },
    ]);
    // 80,000 rows are about 10 MB of sheet XML; without the wait nearly all of it piles up here.
    expect(Math.max(...backlog)).toBeLessThan(1_000_000);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(output.bytes() as unknown as ArrayBuffer);
    const big = read.getWorksheet('Big')!;
    expect(big.rowCount).toBe(1 + 80_000);
    expect(big.getRow(80_001).getCell(1).value).toBe(79_999);
  });
});
