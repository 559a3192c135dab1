import { createAppServices } from '../../electron/services/app-services';
import buildRenderer from '../e2e/build-renderer';
import { launchBrowser, startWebServer } from '../e2e/harness';
import { validClient } from '../helpers/fixtures';
import { median, percentile, type Figure } from './report';

const PRESSES = 40;

// Kept as text: tsx would otherwise wrap the arrow functions in a helper that the page does not have.
const MEASURE_ONE_PRESS = `new Promise((resolve) => {
  const before = document.querySelector('.question-text')?.textContent;
  const start = performance.now();
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true, cancelable: true }));
  const check = () => {
    if (document.querySelector('.question-text')?.textContent !== before) requestAnimationFrame(() => resolve(performance.now() - start));
    else requestAnimationFrame(check);
  };
  check();
})`;
const FRAME_BUDGET_MS = 1000 / 60;

/** In Chromium: from the key press that moves on to the next question being painted. */
export async function benchKeyToNextQuestion(dataDirectory: string): Promise<Figure[]> {
  await buildRenderer();
  const services = await createAppServices({ dataDirectory });
  const client = await services.clients.create(validClient() as never);
  const assessment = await services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: [{ id: 'digital-maturity' }, { id: 'stepping-stones' }], visitDate: '2026-11-21', peoplePresent: '', reportLanguage: 'en' });
  await services.close();

  const server = await startWebServer(dataDirectory);
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    await page.goto(`${server.url}#/assessments/${assessment.id}/questions`);
    await page.locator('.question-text').waitFor();
    const samples: number[] = [];
    for (let i = 0; i < PRESSES; i++) {
      samples.push(await page.evaluate<number>(MEASURE_ONE_PRESS));
    }
    return [
      { name: 'Chromium: key press to next question painted, median', value: median(samples), baselineName: 'frame budget at 60 Hz', baseline: FRAME_BUDGET_MS, unit: 'ms' },
      { name: 'Chromium: key press to next question painted, 99th percentile', value: percentile(samples, 99), baselineName: 'frame budget at 60 Hz', baseline: FRAME_BUDGET_MS, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
