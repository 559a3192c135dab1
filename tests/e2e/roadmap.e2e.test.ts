import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/services/app-services';
import { workedExample } from '../../electron/services/demo/worked-examples';
import { makeTempDir } from '../helpers/temp';
import { openPage, useBrowserSession, type WebServer } from './harness';

const session = useBrowserSession();
let server: WebServer;

/** The machine shop's visit, answered and with targets, still a draft so its roadmap can be shaped. */
async function answeredDraft(data: string): Promise<string> {
  const services = await createAppServices({ dataDirectory: data });
  const example = workedExample('machine-shop');
  const client = await services.clients.create(example.client as never);
  const assessment = await services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: example.instruments.map((id) => ({ id })), visitDate: example.visitDate, peoplePresent: '', reportLanguage: 'en' });
  for (const answer of example.answers) await services.assessments.saveAnswer({ assessmentId: assessment.id, ...answer, flagged: false });
  for (const target of example.targets) await services.assessments.saveTarget({ assessmentId: assessment.id, ...target });
  await services.close();
  return assessment.id;
}

describe('the roadmap editor in the browser', () => {
  it('keeps a step dragged from Next to Now and edited there through a new proposal and a reload', async () => {
    const data = makeTempDir();
    const id = await answeredDraft(data);
    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, `${server.url}#/assessments/${id}/roadmap`);
    page.on('dialog', (dialog) => void dialog.accept());

    await page.getByRole('button', { name: 'Propose a roadmap' }).click();
    const now = page.locator('section.lane-now');
    const next = page.locator('section.lane-next');
    await next.locator('.step-card').first().waitFor();
    const nowBefore = await now.locator('.step-card').count();
    const moved = next.locator('.step-card').first();
    const movedId = await moved.getAttribute('data-step-id');
    await moved.dragTo(now.locator('.lane-steps'), { targetPosition: { x: 20, y: 5 } });
    await expect.poll(() => now.locator('.step-card').count()).toBe(nowBefore + 1);
    const card = page.locator(`[data-step-id="${movedId}"]`);
    expect(await now.locator(`[data-step-id="${movedId}"]`).count()).toBe(1);

    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel(/^Title/).fill('Ask Black Country Castings to show us their job booking');
    await card.getByLabel('Owner').fill('Priya (production)');
    await card.getByRole('button', { name: 'Save step' }).click();
    await card.getByText('Ask Black Country Castings to show us their job booking').waitFor();

    await page.getByRole('button', { name: 'Propose again' }).click();
    await page.getByText(/your edited, added and pinned steps were kept/).waitFor();
    expect(await now.locator(`[data-step-id="${movedId}"]`).getByText('Ask Black Country Castings to show us their job booking').count()).toBe(1);

    await page.reload();
    const after = page.locator(`section.lane-now [data-step-id="${movedId}"]`);
    await after.waitFor();
    expect(await after.textContent()).toContain('Priya (production)');
    expect(await after.textContent()).toContain('Edited');
    expect(problems).toEqual([]);
  });

  it('downloads the PDF roadmap from the assessment page', async () => {
    const data = makeTempDir();
    const id = await answeredDraft(data);
    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, `${server.url}#/assessments/${id}/results`);
    await page.locator('.score-value').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Roadmap – Tame Valley Precision Ltd – \d{4}-\d{2}-\d{2}\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
  });

  it('moves a step with the keyboard-accessible buttons, removes it with undo, and adds the adviser’s own step', async () => {
    const data = makeTempDir();
    const id = await answeredDraft(data);
    server = await session.serve(data);
    const { page } = await openPage(session.browser, `${server.url}#/assessments/${id}/roadmap`);
    await page.getByRole('button', { name: 'Propose a roadmap' }).click();
    const first = page.locator('section.lane-now .step-card').first();
    await first.waitFor();
    const firstId = await first.getAttribute('data-step-id');
    const title = (await first.locator('.step-title').textContent())!;
    await page.getByRole('button', { name: `Move “${title}” to Next` }).focus();
    await page.keyboard.press('Enter');
    await page.locator(`section.lane-next [data-step-id="${firstId}"]`).waitFor();

    await page.locator(`[data-step-id="${firstId}"]`).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.locator(`[data-step-id="${firstId}"]`).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator(`[data-step-id="${firstId}"]`).waitFor();

    await page.locator('section.lane-later').getByRole('button', { name: '+ Add step' }).click();
    await page.getByLabel('Title of the new step (Later)').fill('Visit the regional robotics demonstrator with the team');
    await page.locator('section.lane-later').getByRole('button', { name: 'Add step', exact: true }).click();
    await page.locator('section.lane-later').getByText('Visit the regional robotics demonstrator with the team').waitFor();
    expect(await page.locator('section.lane-later').getByText('Own step').count()).toBe(1);
  });
});
