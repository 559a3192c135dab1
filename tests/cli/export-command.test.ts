import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, UsageError } from '../../electron/cli/commands';
import { runExport } from '../../electron/cli/export-command';
import { createAppServices } from '../../electron/services/app-services';
import { PortfolioFilterSchema } from '../../shared/portfolio/schema';
import { PortfolioExportSchema } from '../../shared/portfolio/export-schema';
import { exportFixture, open, secret, type ExportFixture } from '../exports/export-fixture';
import { makeTempDir } from '../helpers/temp';

let data: string;
let assessments: ExportFixture['assessments'];

beforeAll(async () => {
  data = makeTempDir();
  const fixture = await exportFixture({ dataDirectory: data });
  assessments = fixture.assessments;
  await fixture.services.close();
}, 120_000);

async function run(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  expect(await runCli(['export', '--data', data, ...argv], (line) => lines.push(line))).toBe(0);
  return lines;
}

function records(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\r\n').filter((line) => line.length > 0);
}

describe('cli export', () => {
  it('writes the assessments CSV and the answers CSV beside it, and prints both paths', async () => {
    const out = path.join(makeTempDir(), 'portfolio.csv');
    const lines = await run('--format', 'csv', '--out', out);
    const answers = path.join(path.dirname(out), 'portfolio-answers.csv');
    expect(lines.join('\n')).toContain('Exported 4 assessments');
    expect(lines.join('\n')).toContain(out);
    expect(lines.join('\n')).toContain(answers);
    for (const file of [out, answers]) expect([...fs.readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(records(out)).toHaveLength(1 + 4);
    expect(records(answers).length).toBeGreaterThan(100);
    const both = fs.readFileSync(out, 'utf8') + fs.readFileSync(answers, 'utf8');
    expect(both).toContain(open.name);
    for (const value of [secret.name, secret.email, secret.note, secret.peoplePresent]) expect(both).not.toContain(value);
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['portfolio-answers.csv', 'portfolio.csv']);
  });

  it('writes an XLSX narrowed by repeatable filters', async () => {
    const out = path.join(makeTempDir(), 'office.xlsx');
    await run('--format', 'xlsx', '--out', out, '--region', 'Region Midtjylland', '--region', 'Nowhere', '--status', 'finalised');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Stepping stones');
    const ids = workbook.getWorksheet('Assessments')!.getSheetValues().slice(2).map((row) => (row as ExcelJS.CellValue[])[1]);
    expect(ids).toEqual([assessments.secret]);
  });

  it('writes JSON in the chosen language that validates against the schema', async () => {
    const out = path.join(makeTempDir(), 'portfolio.json');
    await run('--format', 'json', '--out', out, '--language', 'da', '--kind', 'follow-up');
    const document = PortfolioExportSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect(document.language).toBe('da');
    expect(document.filter.kinds).toEqual(['follow-up']);
    expect(document.assessments.map((a) => a.id)).toEqual([assessments.followUp]);
  });

  it.each([
    [['--out', 'x.csv'], /--format csv\|xlsx\|json/],
    [['--format', 'pdf', '--out', 'x.pdf'], /Unknown export format "pdf"/],
    [['--format', 'csv'], /--out FILE/],
    [['--format', 'csv', '--out', 'x.csv', '--language', 'fr'], /Unknown language "fr"/],
    [['--format', 'csv', '--out', 'x.csv', '--status', 'archived'], /--status archived is not a value/],
    [['--format', 'csv', '--out', 'x.csv', '--from', '2026-13'], /--from 2026-13 is not a value/],
  ])('refuses %j with a usage error that says what is wrong', async (argv, message) => {
    const folder = makeTempDir();
    const error = await runCli(['export', '--data', data, ...argv.map((arg) => (arg.startsWith('x.') ? path.join(folder, arg) : arg))], () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('refuses a folder without data, and creates nothing there', async () => {
    const empty = makeTempDir();
    const out = path.join(makeTempDir(), 'x.csv');
    await expect(runCli(['export', '--data', empty, '--format', 'csv', '--out', out], () => {})).rejects.toThrow(/No Stepping Stones data in .*stepping-stones\.sqlite/);
    expect(fs.readdirSync(empty)).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a path it cannot write to, and leaves no partial file behind', async () => {
    const out = path.join(makeTempDir(), 'missing-folder', 'x.xlsx');
    await expect(run('--format', 'xlsx', '--out', out)).rejects.toThrow(`Cannot write ${out}: its folder does not exist.`);
    const file = path.join(makeTempDir(), 'a-file');
    fs.writeFileSync(file, '');
    await expect(run('--format', 'json', '--out', path.join(file, 'x.json'))).rejects.toThrow(/Cannot write .*its folder does not exist/);
  });

  it('leaves neither the file nor its partial copy behind when the export fails while writing', async () => {
    const services = await createAppServices({ dataDirectory: data });
    try {
      const folder = makeTempDir();
      const out = path.join(folder, 'portfolio.json');
      const instruments = services.exportSources.instruments;
      let present: string[] = [];
      services.exportSources.instruments = Object.assign(Object.create(instruments) as typeof instruments, {
        get: async () => {
          present = fs.readdirSync(folder);
          throw new Error('disk on fire');
        },
      });
      await expect(runExport(services, { format: 'json', out, language: 'en', filter: PortfolioFilterSchema.parse({}) })).rejects.toThrow('disk on fire');
      expect(present).toHaveLength(1);
      expect(present[0]).toMatch(/^\.portfolio\.json\.\d+\.partial$/);
      expect(fs.readdirSync(folder)).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it('exits non-zero with the message on stderr when run from the command line', async () => {
    const main = path.resolve('electron/cli/main.ts');
    const failure = await promisify(execFile)(process.execPath, ['--import', 'tsx', main, 'export', '--data', data, '--format', 'docx', '--out', 'x'], { cwd: process.cwd() }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('Unknown export format "docx"');
  });
});
