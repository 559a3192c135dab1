import type { Count, Portfolio } from '../../../shared/portfolio/schema';
import type { Column } from './columns';
import type { ExportLabels } from './export-labels';
import { sheet, type SheetWriter } from './xlsx';

type StepRow = { stepId: string; title: string; recommended: number; completed: number };
type BandRow = Portfolio['maturity'][number] & { band: Portfolio['maturity'][number]['bands'][number] };

/** The portfolio's views as the screen shows them, one sheet each, after the assessments and answers. */
export function viewSheets(portfolio: Portfolio, labels: ExportLabels): SheetWriter[] {
  const c = labels.columns;
  const s = labels.sheets;
  const counts = (label: string): Column<Count>[] => [
    { header: c.key, type: 'text', width: 38, value: (r) => r.key },
    { header: label, type: 'text', width: 32, value: (r) => r.label },
    { header: c.assessments, type: 'number', width: 12, value: (r) => r.count },
  ];
  const months: Column<Count>[] = [
    { header: c.month, type: 'month', width: 10, value: (r) => monthStart(r.key) },
    { header: c.assessments, type: 'number', width: 12, value: (r) => r.count },
  ];
  const maturity: Column<BandRow>[] = [
    { header: c.instrumentId, type: 'text', width: 22, value: (r) => r.instrumentId },
    { header: c.dimensionId, type: 'text', width: 24, value: (r) => r.dimensionId },
    { header: c.dimension, type: 'text', width: 36, value: (r) => r.dimension },
    { header: c.mean, type: 'number', width: 10, value: (r) => r.mean },
    { header: c.scored, type: 'number', width: 10, value: (r) => r.scored },
    { header: c.bandId, type: 'text', width: 14, value: (r) => r.band.bandId },
    { header: c.band, type: 'text', width: 16, value: (r) => r.band.label },
    { header: c.assessments, type: 'number', width: 12, value: (r) => r.band.count },
  ];
  const uplift: Column<Portfolio['uplift']['dimensions'][number]>[] = [
    { header: c.instrumentId, type: 'text', width: 22, value: (r) => r.instrumentId },
    { header: c.dimensionId, type: 'text', width: 24, value: (r) => r.dimensionId },
    { header: c.dimension, type: 'text', width: 36, value: (r) => r.dimension },
    { header: c.baselineMean, type: 'number', width: 12, value: (r) => r.baselineMean },
    { header: c.followUpMean, type: 'number', width: 12, value: (r) => r.followUpMean },
    { header: c.change, type: 'number', width: 10, value: (r) => r.change },
    { header: c.pairs, type: 'number', width: 8, value: (r) => r.pairs },
  ];
  const barriers: Column<Portfolio['barriers'][number]>[] = [
    { header: c.barrierId, type: 'text', width: 18, value: (r) => r.barrierId },
    { header: c.barrier, type: 'text', width: 34, value: (r) => r.label },
    { header: c.significant, type: 'number', width: 14, value: (r) => r.significant },
    { header: c.rated, type: 'number', width: 10, value: (r) => r.rated },
    { header: c.meanRating, type: 'number', width: 12, value: (r) => r.meanRating },
  ];
  const steps: Column<StepRow>[] = [
    { header: c.stepId, type: 'text', width: 30, value: (r) => r.stepId },
    { header: c.title, type: 'text', width: 50, value: (r) => r.title },
    { header: c.recommended, type: 'number', width: 12, value: (r) => r.recommended },
    { header: c.completed, type: 'number', width: 12, value: (r) => r.completed },
  ];
  return [
    sheet(s.status, counts(c.status), portfolio.counts.status),
    sheet(s.advisers, counts(c.adviser), portfolio.counts.adviser),
    sheet(s.regions, counts(c.region), portfolio.counts.region),
    sheet(s.sectors, counts(c.sector), portfolio.counts.sector),
    sheet(s.sizeBands, counts(c.employeeBand), portfolio.counts.sizeBand),
    sheet(s.months, months, portfolio.counts.month),
    sheet(s.maturity, maturity, portfolio.maturity.flatMap((d) => d.bands.map((band) => ({ ...d, band })))),
    sheet(s.uplift, uplift, portfolio.uplift.dimensions),
    sheet(s.barriers, barriers, portfolio.barriers),
    sheet(s.steps, steps, stepRows(portfolio.steps)),
  ];
}

/** Recommended and completed side by side, per catalogue step. */
function stepRows(steps: Portfolio['steps']): StepRow[] {
  const rows = new Map<string, StepRow>();
  for (const step of steps.recommended) rows.set(step.stepId, { stepId: step.stepId, title: step.title, recommended: step.count, completed: 0 });
  for (const step of steps.completed) {
    const row = rows.get(step.stepId) ?? { stepId: step.stepId, title: step.title, recommended: 0, completed: 0 };
    rows.set(step.stepId, { ...row, completed: step.count });
  }
  return [...rows.values()];
}

function monthStart(month: string): Date | string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : date;
}
