import path from 'node:path';
import { runExport } from '../../electron/cli/export-command';
import { createAppServices } from '../../electron/services/app-services';
import { seedDemoPortfolio } from '../../electron/services/demo/demo-portfolio';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { PortfolioFilterSchema, type PortfolioFilter } from '../../shared/portfolio/schema';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import { median, timeEach, type Figure } from './report';

const ASSESSMENTS = 5_000;
const RUNS = 15;

/**
 * The office's portfolio over 5,000 demo assessments: the full summary (every view) and one page of
 * the list, against a single plain SQL aggregate over the same rows; and the XLSX export, its time
 * against the CSV export and its peak memory against the process at rest.
 */
export async function benchPortfolio(dataDirectory: string): Promise<Figure[]> {
  const services = await createAppServices({ dataDirectory });
  const { sqlite } = services.database;
  try {
    sqlite.pragma('synchronous = OFF');
    await seedDemoPortfolio(services.database.db, services.clock, { assessments: ASSESSMENTS, instruments: builtinInstruments, catalogue: builtinCatalogue });
    sqlite.pragma('synchronous = FULL');
    const summary = (filter: PortfolioFilter) => services.handlers['portfolio.summary']({ filter: PortfolioFilterSchema.parse(filter), language: 'en' });

    const [firstOpen] = await timeEach(1, () => summary({}));
    const region = (sqlite.prepare('select region from companies group by region order by count(*) desc limit 1').get() as { region: string }).region;
    const warm = await timeEach(RUNS, () => summary({}));
    const filtered = await timeEach(RUNS, () => summary({ regions: [region] }));
    const page = await timeEach(RUNS, () =>
      services.handlers['portfolio.assessments']({ filter: PortfolioFilterSchema.parse({}), language: 'en', sort: 'maturity', direction: 'desc', offset: 0, limit: 200 }),
    );

    // What any report over these rows must at least do: join firms, assessments and scores once and group.
    const aggregate = sqlite.prepare(
      `select c.region, a.status, s.dimension_id, count(*) as n, avg(s.score) as mean
       from assessments a join companies c on c.id = a.company_id join assessment_scores s on s.assessment_id = a.id
       where a.deleted_at is null and c.deleted_at is null and a.status != 'superseded' and (? is null or c.region = ?)
       group by c.region, a.status, s.dimension_id`,
    );
    const plain = await timeEach(RUNS, () => aggregate.all(null, null));
    const plainFiltered = await timeEach(RUNS, () => aggregate.all(region, region));
    const rawPage = sqlite.prepare(
      `select a.id, c.name, c.region, a.visit_date, (select avg(score) from assessment_scores s where s.assessment_id = a.id) as maturity
       from assessments a join companies c on c.id = a.company_id where a.deleted_at is null order by maturity desc limit 200`,
    );
    const plainPage = await timeEach(RUNS, () => rawPage.all());

    const exportTo = (format: 'csv' | 'xlsx') =>
      runExport(services, { format, out: path.join(dataDirectory, `portfolio.${format}`), language: 'en', filter: PortfolioFilterSchema.parse({}) });
    const [csvTime] = await timeEach(1, () => exportTo('csv'));
    // Heap and buffers, not RSS: RSS never shrinks, so after the benches before this one it says
    // nothing about what the export itself holds.
    const inUse = () => {
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.external;
    };
    const atRest = inUse();
    let peak = atRest;
    const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 10);
    const [xlsxTime] = await timeEach(1, () => exportTo('xlsx'));
    clearInterval(sampler);
    peak = Math.max(peak, inUse());
    const megabytes = (bytes: number) => bytes / 1024 / 1024;

    return [
      { name: `portfolio, every view, ${ASSESSMENTS} assessments`, value: median(warm), baselineName: 'one plain SQL aggregate', baseline: median(plain), unit: 'ms' },
      { name: `portfolio filtered by region (${region})`, value: median(filtered), baselineName: 'the aggregate filtered alike', baseline: median(plainFiltered), unit: 'ms' },
      { name: `portfolio first opened after a sync (scores all ${ASSESSMENTS})`, value: firstOpen!, baselineName: 'portfolio once scored', baseline: median(warm), unit: 'ms' },
      { name: 'portfolio list, 200 rows by maturity', value: median(page), baselineName: 'raw select of the same page', baseline: median(plainPage), unit: 'ms' },
      { name: `XLSX export of ${ASSESSMENTS} assessments (every sheet)`, value: xlsxTime!, baselineName: 'CSV export of the same (two files)', baseline: csvTime!, unit: 'ms' },
      { name: 'peak memory (heap and buffers) during the XLSX export', value: megabytes(peak), baselineName: 'the same at rest before it', baseline: megabytes(atRest), unit: 'MB' },
    ];
  } finally {
    await services.close();
  }
}
