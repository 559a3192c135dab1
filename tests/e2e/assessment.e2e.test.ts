import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/services/app-services';
import { validClient } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp';
import { openPage, useBrowserSession, type WebServer } from './harness';

const session = useBrowserSession();
let server: WebServer;

/** A data folder with one client and a fresh draft visit; returns the assessment id. */
async function draftVisit(data: string, instruments = ['digital-maturity', 'stepping-stones']): Promise<string> {
  const services = await createAppServices({ dataDirectory: data });
  const client = await services.clients.create(validClient() as never);
  const assessment = await services.assessments.create({
    companyId: client.id,
    kind: 'baseline',
    baselineId: null,
    instruments: instruments.map((id) => ({ id })),
    visitDate: '2026-11-21',
    peoplePresent: 'Sarah Whitfield (MD)',
    reportLanguage: 'en',
  });
  await services.close();
  return assessment.id;
}

async function questionPosition(page: Page): Promise<string> {
  return (await page.locator('.question-meta').textContent()) ?? '';
}

const CHOICE_TYPES = ['level', 'single', 'multi', 'yesno'];

/** Answers the current question with the keyboard only, whatever its type, and stays on it. */
async function chooseWithKeyboard(page: Page, level = 3): Promise<string | null> {
  const type = await page.locator('.question-card').getAttribute('data-question-type');
  if (type === 'level') await page.keyboard.press(String(level));
  else if (type && CHOICE_TYPES.includes(type)) await page.keyboard.press('1');
  else {
    // Tab from the question to its first input (past the adviser-help toggle) and fill it in.
    const target = type === 'ranking' ? '.chip-button' : type === 'number' ? 'input[type=number]' : 'textarea.text-answer';
    for (let i = 0; i < 6 && !(await page.locator(target).first().evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    if (type === 'ranking') await page.keyboard.press('Enter');
    else await page.keyboard.type(type === 'number' ? '12' : 'Spreadsheets and a paper diary');
  }
  return type;
}

/** Answers the current question with the keyboard and moves on, to the next question or the targets step. */
async function answerWithKeyboard(page: Page): Promise<void> {
  const before = await page.locator('.question-text').textContent();
  const type = await chooseWithKeyboard(page);
  await page.keyboard.press(type && CHOICE_TYPES.includes(type) ? 'Enter' : 'Alt+ArrowRight');
  await expect
    .poll(async () => page.url().includes('/targets') || (await page.locator('.question-text').textContent()) !== before)
    .toBe(true);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the assessment flow in the browser', () => {
  it('keeps every answer and note of a section through a killed server and resumes at the same question', async () => {
    const data = makeTempDir();
    const id = await draftVisit(data);
    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, `${server.url}#/assessments/${id}/questions`);
    await page.getByText('Question 1 of 7').waitFor();

    const levels = [2, 3, 1, 4, 2, 3, 1];
    for (const [index, level] of levels.entries()) {
      await chooseWithKeyboard(page, level);
      if (index === 2) {
        await page.getByRole('textbox', { name: 'Note' }).fill('Owner keeps all quotes in his head');
        await page.getByRole('textbox', { name: 'Note' }).blur();
      }
      // "Saved" shows only once no save is on its way, so what the screen calls saved is in the database.
      await page.locator('.save-status.save-saved').waitFor();
      if (index < levels.length - 1) await page.keyboard.press('Alt+ArrowRight');
    }
    await page.getByText('Question 7 of 7').waitFor();
    const strategy = page.getByRole('button', { name: /Digital business strategy/ });
    await expect.poll(() => strategy.textContent()).toContain('✓');

    await server.kill();
    server = await session.serve(data);
    await page.goto(`${server.url}#/assessments/${id}/questions`);
    await page.getByText('Question 7 of 7').waitFor();
    expect(await questionPosition(page)).toContain('Digital business strategy');
    await expect.poll(() => page.getByRole('button', { name: /Digital business strategy/ }).textContent()).toContain('✓');
    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByText('Question 3 of 7').waitFor();
    expect(await page.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Owner keeps all quotes in his head');
    expect(problems.filter((p) => !p.includes('Failed to fetch') && !p.includes('ERR_CONNECTION'))).toEqual([]);
  });

  it('can be completed with the keyboard alone, from the first question to a finalised assessment, with no serious accessibility problems', async () => {
    const data = makeTempDir();
    const id = await draftVisit(data);
    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, `${server.url}#/assessments/${id}/questions`);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByText('Question 1 of 7').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The last question's "next" leads to the targets step instead of another question.
    for (let step = 0; step < 150 && !page.url().includes('/targets'); step++) await answerWithKeyboard(page);
    await page.waitForURL(/\/targets$/);
    expect(await seriousViolations(page)).toEqual([]);

    // Targets: Tab into the first target field, type, and set its importance with the arrow keys.
    await page.getByRole('spinbutton', { name: 'Target: Digital business strategy' }).focus();
    await page.keyboard.type('60');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByText(/^Saved · /).waitFor();
    await page.getByRole('link', { name: 'See results →' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/results$/);
    await page.locator('.score-value').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Finalise assessment' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/can no longer change/).waitFor();
    expect(problems).toEqual([]);

    const services = await createAppServices({ dataDirectory: data });
    const detail = await services.assessments.get(id);
    const results = await services.assessments.results(id);
    await services.close();
    expect(detail.assessment.status).toBe('finalised');
    expect(results.instruments.every((r) => r.completeness === 1)).toBe(true);
    expect(detail.targets.find((t) => t.dimensionId === 'digital-strategy')).toMatchObject({ target: 60, importance: 3 });
    const shown = await page.locator('.score-value').first().textContent();
    expect(shown).toContain(String(results.instruments[0]!.overall!.score));
  });
});
