import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioExportSchema } from '../../shared/portfolio/export-schema';
import { exportFormats, type ExportFormat } from '../../shared/portfolio/schema';
import { barrierIds } from '../../shared/instruments/schema';
import { pseudonym } from '../../electron/services/exports/redaction';
import { erased, exportFixture, open, secret, type ExportFixture } from './export-fixture';
import { exportVia, searchableText } from './exported-text';

/** Parses our own CSV back (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') record.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      (record = []), (field = ''), (i += 1);
    } else field += char;
  }
  return records;
}

function csvTable(bytes: Buffer): Record<string, string>[] {
  const [header, ...rows] = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

let fixture: ExportFixture;
beforeAll(async () => {
  fixture = await exportFixture();
}, 120_000);
afterAll(() => fixture.services.close());

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and ends every record with CRLF', async () => {
    const { bytes, fileName, mimeType } = await exportVia(fixture, 'csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(fileName).toBe('portfolio-2026-12-03.csv');
    expect(mimeType).toContain('text/csv');
  });

  it('has one row per assessment with its firm, adviser, scores and barrier ratings', async () => {
    const rows = csvTable((await exportVia(fixture, 'csv')).bytes);
    expect(rows.map((r) => r['Assessment id']).sort()).toEqual(Object.values(fixture.assessments).sort());
    const followUp = rows.find((r) => r['Assessment id'] === fixture.assessments.followUp)!;
    expect(followUp).toMatchObject({ Firm: open.name, Kind: 'follow-up', Status: 'finalised', 'Baseline id': fixture.assessments.baseline, Adviser: 'Claire Hughes', 'Visit date': '2026-03-05' });
    expect(Number(followUp['digital-maturity/digital-strategy'])).toBeGreaterThan(0);
    expect(Number(followUp['Digital maturity'])).toBeGreaterThan(0);
    for (const id of barrierIds) expect(followUp).toHaveProperty(`barrier/${id}`);
    expect(Number(followUp['Steps completed'])).toBe(1);
  });

  it('quotes fields holding commas, quotes or line breaks, and reads back exactly', async () => {
    const { bytes } = await exportVia(fixture, 'csv-answers');
    expect(bytes.toString('utf8')).toContain('"Line one, with ""quotes""\nline two"');
    const notes = csvTable(bytes).map((r) => r.Note);
    expect(notes).toContain(open.note);
  });

  it('neutralises text that a spreadsheet would run as a formula, but leaves numbers alone', async () => {
    const text = (await exportVia(fixture, 'csv')).bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const answers = csvTable((await exportVia(fixture, 'csv-answers')).bytes);
    expect(answers.map((r) => r.Note)).toContain("'+44 1422 380 114");
  });

  it('writes the long format: one row per answer with instrument version, question and typed value', async () => {
    const rows = csvTable((await exportVia(fixture, 'csv-answers')).bytes);
    const answers = await fixture.services.database.db.selectFrom('answers').select('id').where('deleted_at', 'is', null).execute();
    expect(rows).toHaveLength(answers.length);
    const level = rows.find((r) => r['Assessment id'] === fixture.assessments.baseline && r['Instrument'] === 'digital-maturity')!;
    expect(level['Instrument version']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(level.Question).toMatch(/\w{3,}.*\?/);
    expect(level.Value).toMatch(/^[0-5]$/);
    expect(level['Not applicable']).toBe('false');
  });
});

describe('firms without consent to share', () => {
  const hidden = [secret.name, secret.registrationNumber, secret.street, secret.town, secret.email, secret.contact, secret.note, secret.peoplePresent, secret.owner, secret.annotation, erased.name, erased.email, erased.note, erased.peoplePresent];

  it.each(exportFormats)('keep their personal data out of the %s export, and only theirs', async (format: ExportFormat) => {
    const text = searchableText(format, (await exportVia(fixture, format)).bytes);
    for (const value of hidden) expect(text, value).not.toContain(value);
    expect(text).toContain(pseudonym(fixture.ids.secret));
    expect(text).toContain(pseudonym(fixture.ids.erased));
    expect(text).toContain(open.name);
    if (format !== 'csv-answers') expect(text).toContain('Region Midtjylland');
  });

  it('keep their region, sector, size band and scores', async () => {
    const row = csvTable((await exportVia(fixture, 'csv')).bytes).find((r) => r['Assessment id'] === fixture.assessments.secret)!;
    expect(row).toMatchObject({ Firm: pseudonym(fixture.ids.secret), Region: 'Region Midtjylland', Country: 'DK', NACE: '28', Employees: '10-49', 'Consent to share': 'false', 'Registration number': '', 'People present': '', 'Contact email': '' });
    expect(Number(row['digital-maturity/digital-strategy'])).toBeGreaterThan(0);
    const answers = csvTable((await exportVia(fixture, 'csv-answers')).bytes).filter((r) => r['Assessment id'] === fixture.assessments.secret);
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.every((r) => r.Note === '')).toBe(true);
  });

  it('include a firm erased on request even though it had agreed', async () => {
    const document = PortfolioExportSchema.parse(JSON.parse((await exportVia(fixture, 'json')).bytes.toString('utf8')));
    const firm = document.assessments.find((a) => a.id === fixture.assessments.erased)!.firm;
    expect(firm).toMatchObject({ name: pseudonym(fixture.ids.erased), consentToShare: true, erased: true, personalData: false, contacts: [], annotations: [], registrationNumber: null });
  });
});

describe('the JSON document’s record of the filter', () => {
  it('says that a firm-name search narrowed it, but not what was searched: the search may name a firm that did not consent', async () => {
    const { bytes } = await exportVia(fixture, 'json', { search: 'Secretive Sheet' });
    const document = PortfolioExportSchema.parse(JSON.parse(bytes.toString('utf8')));
    expect(document.filter.searchedByName).toBe(true);
    expect(document.assessments.length).toBeGreaterThan(0);
    expect(bytes.toString('utf8')).not.toContain('Secretive Sheet');
  });
});

describe('the filter', () => {
  const idsIn = async (format: ExportFormat, filter: Parameters<typeof exportVia>[2]): Promise<string[]> => {
    const { bytes } = await exportVia(fixture, format, filter);
    if (format === 'json') return PortfolioExportSchema.parse(JSON.parse(bytes.toString('utf8'))).assessments.map((a) => a.id);
    if (format === 'xlsx') {
      const sheet = (await readWorkbook(bytes)).getWorksheet('Assessments')!;
      return sheet.getSheetValues().slice(2).map((row) => String((row as ExcelJS.CellValue[])[1]));
    }
    return [...new Set(csvTable(bytes).map((r) => r['Assessment id']!))];
  };

  it.each([
    [{ regions: ['Region Midtjylland'] }, ['secret']],
    [{ kinds: ['follow-up' as const] }, ['followUp']],
    [{ search: 'Consenting' }, ['baseline', 'followUp']],
  ])('%j narrows every format to the same assessments', async (filter, expected) => {
    const want = expected.map((key) => fixture.assessments[key as keyof ExportFixture['assessments']]).sort();
    for (const format of exportFormats) expect((await idsIn(format, filter)).sort(), format).toEqual(want);
  });
});

describe('XLSX export', () => {
  it('opens with a reader and has a sheet per view after the assessments and answers', async () => {
    const { bytes, fileName, mimeType } = await exportVia(fixture, 'xlsx');
    expect(fileName).toBe('portfolio-2026-12-03.xlsx');
    expect(mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await readWorkbook(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Assessments', 'Answers', 'Status', 'Advisers', 'Regions', 'Sectors', 'Size bands', 'Months', 'Maturity', 'Uplift', 'Barriers', 'Stepping stones',
    ]);
    expect(workbook.getWorksheet('Status')!.rowCount).toBeGreaterThan(1);
    expect(workbook.getWorksheet('Uplift')!.getRow(2).getCell(6).type).toBe(ExcelJS.ValueType.Number);
  });

  it('types cells: numbers as numbers, dates as dates, booleans as booleans; the header is bold and frozen', async () => {
    const workbook = await readWorkbook((await exportVia(fixture, 'xlsx')).bytes);
    const sheet = workbook.getWorksheet('Assessments')!;
    const header = sheet.getRow(1).values as ExcelJS.CellValue[];
    const column = (name: string) => header.indexOf(name);
    const row = sheet.getRow(2);
    expect(row.getCell(column('Visit date')).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(column('Visit date')).value).toBeInstanceOf(Date);
    expect(row.getCell(column('Digital maturity')).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(column('digital-maturity/digital-strategy')).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(column('Consent to share')).type).toBe(ExcelJS.ValueType.Boolean);
    expect(row.getCell(column('Firm')).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const months = workbook.getWorksheet('Months')!;
    expect(months.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.Date);
    const answers = workbook.getWorksheet('Answers')!;
    expect(answers.getRow(2).getCell(8).type).toBe(ExcelJS.ValueType.Number);
  });

  it('names its sheets and headers in the chosen language', async () => {
    const workbook = await readWorkbook((await exportVia(fixture, 'xlsx', {}, 'da')).bytes);
    expect(workbook.worksheets[0]!.name).toBe('Vurderinger');
    expect(workbook.worksheets[0]!.getRow(1).getCell(3).value).toBe('Virksomhed');
  });
});

describe('JSON export', () => {
  it('validates against the published schema and carries answers and roadmap steps', async () => {
    const { bytes, fileName } = await exportVia(fixture, 'json', {}, 'sv');
    expect(fileName).toBe('portfolio-2026-12-03.json');
    const document = PortfolioExportSchema.parse(JSON.parse(bytes.toString('utf8')));
    expect(document).toMatchObject({ format: 'stepping-stones/portfolio-export', version: 1, language: 'sv', exportedAt: '2026-12-03T09:00:00.000Z' });
    const followUp = document.assessments.find((a) => a.id === fixture.assessments.followUp)!;
    expect(followUp.firm.contacts[0]!.email).toBe(open.email);
    expect(followUp.answers.length).toBeGreaterThan(20);
    expect(followUp.steps.length).toBeGreaterThan(0);
    expect(followUp.steps[0]!.title.length).toBeGreaterThan(0);
    expect(followUp.scores.find((s) => s.instrumentId === 'digital-maturity')?.score).toBeTypeOf('number');
  });
});
