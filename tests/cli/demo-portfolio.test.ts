import { describe, expect, it } from 'vitest';
import { runCli, UsageError } from '../../electron/cli/commands';
import { PortfolioFilterSchema } from '../../shared/portfolio/schema';
import { closeServices, startServices } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';

describe('cli demo --portfolio', () => {
  it('fills a data folder with a programme office’s portfolio of the asked size, by six named advisers', async () => {
    const data = makeTempDir();
    const lines: string[] = [];
    expect(await runCli(['demo', '--data', data, '--portfolio', '150'], (line) => lines.push(line))).toBe(0);
    expect(lines.join('\n')).toMatch(/^Demo portfolio ready: 150 assessments of \d+ firms by six advisers\.$/);

    const services = await startServices({ dataDirectory: data });
    const portfolio = await services.handlers['portfolio.summary']({ filter: PortfolioFilterSchema.parse({}), language: 'en' });
    expect(portfolio.total).toBe(150);
    expect(portfolio.counts.adviser).toHaveLength(6);
    expect(portfolio.uplift.firms).toBeGreaterThan(0);
    await closeServices(services);
  });

  it('refuses a size that is not a number of assessments', async () => {
    for (const size of ['0', 'lots', '1e3', '100001']) {
      await expect(runCli(['demo', '--data', makeTempDir(), '--portfolio', size], () => {})).rejects.toBeInstanceOf(UsageError);
    }
  });
});
