import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { generatedAnswers } from '../../electron/services/demo/demo-assessments';
import { AnswerSaveSchema, AssessmentCreateSchema } from '../../shared/assessments/schema';
import { ClientInputSchema } from '../../shared/clients/schema';
import { builtinInstrument } from '../../shared/instruments/builtin';
import { validClient } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp';
import { enrol, hubLocation, startDevice, startHub, syncClean } from '../integration/harness';
import { openPage, useBrowserSession } from './harness';

const session = useBrowserSession();
const DM = 'digital-maturity';

/** A firm visited and assessed on an adviser's laptop, finalised, as a day in the field leaves it. */
async function assessedFirm(device: AppServices, firm: { name: string; region: string; consent: boolean; email: string; note: string; maturity: number }) {
  const client = await device.clients.create(
    ClientInputSchema.parse(
      validClient({
        name: firm.name,
        region: firm.region,
        consentToShare: firm.consent,
        consentDate: firm.consent ? '2026-10-01' : null,
        contacts: [{ name: 'Jo Bloggs', role: 'Managing director', email: firm.email, phone: '' }],
      }),
    ),
  );
  const assessment = await device.assessments.create(AssessmentCreateSchema.parse({ companyId: client.id, instruments: [{ id: DM }], visitDate: '2026-10-14' }));
  const answers = generatedAnswers(builtinInstrument(DM), firm.maturity, firm.name.length);
  for (const [index, answer] of answers.entries()) {
    await device.assessments.saveAnswer(
      AnswerSaveSchema.parse({ assessmentId: assessment.id, instrumentId: DM, questionId: answer.questionId, value: answer.value, note: index === 0 ? firm.note : '' }),
    );
  }
  await device.assessments.finalise(assessment.id);
  return client;
}

describe('programme office mode in the browser (npm run web)', () => {
  it('sees both advisers’ assessments after syncing, filters by region, and downloads CSV and XLSX without the personal data of firms that did not consent', async () => {
    const hub = await startHub(await hubLocation('sqlite'));
    const programme = await hub.admin.programme('Made Smarter North');
    const priya = await hub.admin.user(programme, 'adviser', 'Priya Shah');
    const lars = await hub.admin.user(programme, 'adviser', 'Lars Holm');
    const office = await hub.admin.user(programme, 'office', 'Programme Office');

    const priyasLaptop = await startDevice();
    await enrol(priyasLaptop, hub, priya);
    const ribble = await assessedFirm(priyasLaptop, { name: 'Ribble Valley Foods Ltd', region: 'North West', consent: true, email: 'jo@ribble.example', note: 'Keen on sensors', maturity: 0.4 });
    await assessedFirm(priyasLaptop, { name: 'Pendle Precision Ltd', region: 'North West', consent: false, email: 'jo@pendle.example', note: 'Owner plans to retire', maturity: 0.6 });
    await syncClean(priyasLaptop);
    const larsLaptop = await startDevice();
    await enrol(larsLaptop, hub, lars);
    await assessedFirm(larsLaptop, { name: 'Tyne Fabrication Ltd', region: 'North East', consent: true, email: 'jo@tyne.example', note: '', maturity: 0.5 });
    await syncClean(larsLaptop);

    const server = await session.serve(makeTempDir());
    const { page, problems } = await openPage(session.browser, `${server.url}#/settings`);
    await page.getByLabel('Hub address').fill(hub.url);
    await page.getByLabel('Enrolment code').fill(await hub.admin.code(office));
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByText('This laptop is now connected to Made Smarter North.').waitFor();

    await page.locator('aside').getByRole('link', { name: 'Portfolio' }).click();
    const main = page.getByRole('main');
    await main.getByText('Every assessment of Made Smarter North').waitFor();
    await expect.poll(() => main.locator('.figure', { hasText: 'assessments' }).first().textContent()).toMatch(/^3\s*assessments/);
    const advisers = main.locator('section', { hasText: 'By adviser' }).first();
    await advisers.locator('table').getByText('Priya Shah', { exact: true }).waitFor();
    await advisers.locator('table').getByText('Lars Holm', { exact: true }).waitFor();

    await main.locator('summary', { hasText: 'Region' }).click();
    await main.getByRole('checkbox', { name: 'North West' }).check();
    await expect.poll(() => main.locator('.figure', { hasText: 'assessments' }).first().textContent()).toMatch(/^2\s*assessments/);
    const table = main.locator('table', { hasText: 'Visit' }).last();
    await table.getByText('Ribble Valley Foods Ltd').waitFor();
    expect(await table.getByText('Tyne Fabrication Ltd').count()).toBe(0);

    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name }).click()]);
      const path = await file.path();
      return { name: file.suggestedFilename(), bytes: fs.readFileSync(path) };
    };

    const csv = await download('Assessments (CSV)');
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(text).toContain('Ribble Valley Foods Ltd');
    expect(text).toContain('North West');
    expect(text).not.toContain('Tyne Fabrication Ltd');
    expect(text).not.toContain('Pendle Precision Ltd');

    const answersCsv = (await download('Answers (CSV)')).bytes.toString('utf8');
    expect(answersCsv).toContain('Keen on sensors');
    expect(answersCsv).not.toContain('Owner plans to retire');

    const xlsx = await download('Excel workbook (XLSX)');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(sheet.actualRowCount).toBe(3);
    const firmColumn = header.findIndex((h) => /firm/i.test(h));
    expect(rows.map((r) => String(r[firmColumn]))).toContain('Ribble Valley Foods Ltd');
    expect(rows.flat().map(String).join(' ')).not.toContain('Pendle Precision Ltd');
    const scoreColumn = header.findIndex((h) => /digital business strategy|digital-strategy/i.test(h));
    expect(scoreColumn).toBeGreaterThanOrEqual(0);
    expect(typeof rows[0]![scoreColumn]).toBe('number');
    const regions = workbook.worksheets.find((s) => /region/i.test(s.name))!;
    expect(regions.actualRowCount).toBe(2);
    expect((regions.getRow(2).values as unknown[]).slice(1)).toEqual(['North West', 'North West', 2]);
    const everyCell = workbook.worksheets.flatMap((s) => s.getSheetValues().flat().map(String)).join(' ');
    expect(everyCell).not.toContain('jo@pendle.example');
    expect(everyCell).not.toContain('Owner plans to retire');

    // Click through to the firm, annotate it, and the adviser receives the note.
    await table.getByText('Ribble Valley Foods Ltd').click();
    await main.getByRole('heading', { name: 'Ribble Valley Foods Ltd' }).waitFor();
    await main.getByLabel('Add a note').fill('Eligible for the spring voucher round.');
    await main.getByRole('button', { name: 'Add note' }).click();
    await main.getByText('Eligible for the spring voucher round.').waitFor();
    await page.locator('aside').getByRole('button', { name: 'Sync now' }).click();
    await page.locator('aside').getByText('All changes sent').waitFor();
    await syncClean(priyasLaptop);
    const notes = await priyasLaptop.handlers['annotations.list']({ companyId: ribble.id });
    expect(notes.map((n) => [n.body, n.author])).toEqual([['Eligible for the spring voucher round.', 'Programme Office']]);
    expect(problems).toEqual([]);
  });
});
