import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { generatedAnswers } from '../../electron/services/demo/demo-assessments';
import { seedDemoPortfolio } from '../../electron/services/demo/demo-portfolio';
import { AnswerSaveSchema, AssessmentCreateSchema } from '../../shared/assessments/schema';
import { builtinInstrument, builtinInstruments } from '../../shared/instruments/builtin';
import { PortfolioFilterSchema, type PortfolioFilter } from '../../shared/portfolio/schema';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import { createClient, startServices } from '../helpers/services';

const DM = 'digital-maturity';
const SS = 'stepping-stones';

async function visit(services: AppServices, companyId: string, options: { date: string; maturity: number; seed: number; kind?: 'baseline' | 'follow-up'; baselineId?: string; finalise?: boolean }) {
  const assessment = await services.assessments.create(
    AssessmentCreateSchema.parse({
      companyId,
      instruments: [{ id: DM }, { id: SS }],
      visitDate: options.date,
      kind: options.kind ?? 'baseline',
      baselineId: options.baselineId ?? null,
    }),
  );
  for (const id of [DM, SS]) {
    for (const answer of generatedAnswers(builtinInstrument(id), options.maturity, options.seed)) {
      await services.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId: assessment.id, instrumentId: id, questionId: answer.questionId, value: answer.value }));
    }
  }
  if (options.finalise ?? true) await services.assessments.finalise(assessment.id);
  return assessment.id;
}

async function summary(services: AppServices, filter: PortfolioFilter = {}) {
  return services.handlers['portfolio.summary']({ filter: PortfolioFilterSchema.parse(filter), language: 'en' });
}

async function dimensionScore(services: AppServices, assessmentId: string, dimensionId: string): Promise<number> {
  const results = await services.assessments.results(assessmentId);
  return results.instruments.find((i) => i.instrumentId === DM)!.dimensions.find((d) => d.dimensionId === dimensionId)!.score!;
}

/** Two regions, a baseline each, one follow-up, one draft. */
async function smallProgramme() {
  const services = await startServices();
  const north = await createClient(services, { name: 'North Castings', region: 'North West', naceCode: '24', employeeBand: '10-49' });
  const midlands = await createClient(services, { name: 'Midlands Plastics', region: 'West Midlands', naceCode: '22', employeeBand: '50-249' });
  const northBaseline = await visit(services, north.id, { date: '2025-03-10', maturity: 0.3, seed: 1 });
  const northFollowUp = await visit(services, north.id, { date: '2026-03-12', maturity: 0.7, seed: 2, kind: 'follow-up', baselineId: northBaseline });
  const midlandsBaseline = await visit(services, midlands.id, { date: '2025-05-02', maturity: 0.5, seed: 3 });
  const midlandsDraft = await visit(services, midlands.id, { date: '2026-06-01', maturity: 0.6, seed: 4, kind: 'follow-up', baselineId: midlandsBaseline, finalise: false });
  return { services, north, midlands, northBaseline, northFollowUp, midlandsBaseline, midlandsDraft };
}

describe('portfolio', () => {
  it('counts assessments by status, region, sector, size band and month', async () => {
    const { services } = await smallProgramme();
    const portfolio = await summary(services);
    expect(portfolio.total).toBe(4);
    expect(portfolio.firms).toBe(2);
    expect(portfolio.counts.status).toEqual([
      { key: 'draft', label: 'Draft', count: 1 },
      { key: 'finalised', label: 'Finalised', count: 3 },
    ]);
    expect(portfolio.counts.region.map((c) => [c.key, c.count])).toEqual([
      ['North West', 2],
      ['West Midlands', 2],
    ]);
    expect(portfolio.counts.sector.map((c) => c.label)).toEqual(expect.arrayContaining(['24 Basic metals', '22 Rubber and plastic products']));
    expect(portfolio.counts.sizeBand.map((c) => c.key)).toEqual(['10-49', '50-249']);
    expect(portfolio.counts.month.map((c) => [c.key, c.label])).toEqual([
      ['2025-03', 'Mar 2025'],
      ['2025-05', 'May 2025'],
      ['2026-03', 'Mar 2026'],
      ['2026-06', 'Jun 2026'],
    ]);
  });

  it('narrows every view to the filtered region', async () => {
    const { services } = await smallProgramme();
    const all = await summary(services);
    const north = await summary(services, { regions: ['North West'] });
    expect(north.total).toBe(2);
    expect(north.counts.region).toEqual([{ key: 'North West', label: 'North West', count: 2 }]);
    expect(north.maturity.length).toBeGreaterThan(0);
    expect(north.maturity.every((d) => d.scored === 2)).toBe(true);
    expect(all.maturity.every((d) => d.scored === 4)).toBe(true);
    expect(north.barriers.reduce((sum, b) => sum + b.rated, 0)).toBeLessThan(all.barriers.reduce((sum, b) => sum + b.rated, 0));
    const rows = await services.handlers['portfolio.assessments']({ filter: PortfolioFilterSchema.parse({ regions: ['North West'] }), language: 'en', sort: 'visitDate', direction: 'asc', offset: 0, limit: 50 });
    expect(rows.total).toBe(2);
    expect(rows.rows.map((r) => r.firm)).toEqual(['North Castings', 'North Castings']);
  });

  it('computes each dimension’s mean and band counts from the same scores as the results screen', async () => {
    const { services, northBaseline, northFollowUp, midlandsBaseline, midlandsDraft } = await smallProgramme();
    const portfolio = await summary(services);
    const strategy = portfolio.maturity.find((d) => d.instrumentId === DM && d.dimensionId === 'digital-strategy')!;
    const scores = await Promise.all([northBaseline, northFollowUp, midlandsBaseline, midlandsDraft].map((id) => dimensionScore(services, id, 'digital-strategy')));
    expect(strategy.mean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 4, 1);
    expect(strategy.bands.map((b) => b.bandId)).toEqual(builtinInstrument(DM).bands.map((b) => b.id));
    expect(strategy.bands.reduce((sum, b) => sum + b.count, 0)).toBe(4);
  });

  it('measures uplift only for firms with a finalised follow-up against its baseline', async () => {
    const { services, northBaseline, northFollowUp } = await smallProgramme();
    const { uplift } = await summary(services);
    expect(uplift.firms).toBe(1);
    const strategy = uplift.dimensions.find((d) => d.dimensionId === 'digital-strategy')!;
    const before = await dimensionScore(services, northBaseline, 'digital-strategy');
    const after = await dimensionScore(services, northFollowUp, 'digital-strategy');
    expect(strategy.baselineMean).toBeCloseTo(before, 1);
    expect(strategy.followUpMean).toBeCloseTo(after, 1);
    expect(strategy.change).toBeCloseTo(after - before, 1);
    expect(strategy.pairs).toBe(1);
  });

  it('measures uplift against the revision that replaced the baseline, once that revision is finalised', async () => {
    const { services, northBaseline } = await smallProgramme();
    const revision = await services.assessments.revise(northBaseline);
    await services.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId: revision.id, instrumentId: DM, questionId: 'dm-strategy-vision', value: 5 }));
    await services.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId: revision.id, instrumentId: DM, questionId: 'dm-strategy-leadership', value: 5 }));
    await services.assessments.finalise(revision.id);
    const strategy = (await summary(services)).uplift.dimensions.find((d) => d.dimensionId === 'digital-strategy')!;
    expect(strategy.baselineMean).toBeCloseTo(await dimensionScore(services, revision.id, 'digital-strategy'), 1);
    expect(strategy.baselineMean).not.toBeCloseTo(await dimensionScore(services, northBaseline, 'digital-strategy'), 1);
  });

  it('has no uplift to show when the filter leaves out finalised follow-ups', async () => {
    const { services } = await smallProgramme();
    expect((await summary(services)).uplift.firms).toBe(1);
    expect((await summary(services, { kinds: ['baseline'] })).uplift).toEqual({ firms: 0, dimensions: [] });
    expect((await summary(services, { statuses: ['draft'] })).uplift).toEqual({ firms: 0, dimensions: [] });
    expect((await summary(services, { kinds: ['follow-up'], statuses: ['finalised'] })).uplift.firms).toBe(1);
  });

  it('scores an assessment again when its answers change', async () => {
    const { services, midlandsDraft } = await smallProgramme();
    const before = await summary(services, { statuses: ['draft'] });
    await services.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId: midlandsDraft, instrumentId: DM, questionId: 'dm-strategy-vision', value: 0 }));
    await services.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId: midlandsDraft, instrumentId: DM, questionId: 'dm-strategy-leadership', value: 0 }));
    const after = await summary(services, { statuses: ['draft'] });
    const mean = (p: typeof before) => p.maturity.find((d) => d.dimensionId === 'digital-strategy')!.mean!;
    expect(mean(after)).toBeLessThan(mean(before));
    expect(mean(after)).toBeCloseTo(await dimensionScore(services, midlandsDraft, 'digital-strategy'), 1);
  });

  it('counts a revised visit once: the original until its revision is finalised, then the revision', async () => {
    const { services, midlandsBaseline } = await smallProgramme();
    const revision = await services.assessments.revise(midlandsBaseline);
    const during = await services.handlers['portfolio.assessments']({ filter: PortfolioFilterSchema.parse({}), language: 'en', sort: 'visitDate', direction: 'asc', offset: 0, limit: 50 });
    expect(during.total).toBe(4);
    expect(during.rows.map((r) => r.assessmentId)).toContain(midlandsBaseline);
    await services.assessments.finalise(revision.id);
    const after = await services.handlers['portfolio.assessments']({ filter: PortfolioFilterSchema.parse({}), language: 'en', sort: 'visitDate', direction: 'asc', offset: 0, limit: 50 });
    expect(after.total).toBe(4);
    expect(after.rows.map((r) => r.assessmentId)).toContain(revision.id);
    expect(after.rows.map((r) => r.assessmentId)).not.toContain(midlandsBaseline);
  });

  it('filters by month range, kind and a firm name holding LIKE wildcards literally', async () => {
    const { services } = await smallProgramme();
    expect((await summary(services, { fromMonth: '2026-01', toMonth: '2026-04' })).total).toBe(1);
    expect((await summary(services, { kinds: ['follow-up'] })).total).toBe(2);
    expect((await summary(services, { search: 'castings' })).total).toBe(2);
    expect((await summary(services, { search: '%' })).total).toBe(0);
  });
});

describe('portfolio of a programme office', () => {
  it('agrees with plain SQL over thousands of demo assessments, by adviser and by region', async () => {
    const services = await startServices();
    const seeded = await seedDemoPortfolio(services.database.db, services.clock, { assessments: 600, instruments: builtinInstruments, catalogue: builtinCatalogue });
    expect(seeded.assessments).toBe(600);
    const portfolio = await summary(services);
    const sqlite = services.database.sqlite;
    const live = `from assessments a join companies c on c.id = a.company_id where a.deleted_at is null and a.status != 'superseded'`;
    expect(portfolio.total).toBe((sqlite.prepare(`select count(*) n ${live}`).get() as { n: number }).n);
    const byAdviser = sqlite.prepare(`select adv.name, count(*) n ${live.replace('where', 'join company_advisers ca on ca.company_id = c.id join advisers adv on adv.id = ca.adviser_id where')} group by adv.name`).all() as { name: string; n: number }[];
    expect(Object.fromEntries(portfolio.counts.adviser.map((c) => [c.label, c.count]))).toEqual(Object.fromEntries(byAdviser.map((r) => [r.name, r.n])));
    const region = portfolio.counts.region[0]!;
    const narrowed = await summary(services, { regions: [region.key] });
    expect(narrowed.total).toBe(region.count);
    const done = sqlite.prepare(`select count(distinct a.company_id) n from roadmap_steps s join assessments a on a.id = s.assessment_id where s.status = 'done' and s.catalogue_step_id = ?`).get(portfolio.steps.completed[0]!.stepId) as { n: number };
    expect(portfolio.steps.completed[0]!.count).toBe(done.n);
    expect(portfolio.steps.recommended[0]!.count).toBeGreaterThanOrEqual(portfolio.steps.completed[0]!.count);
    expect(portfolio.barriers.some((b) => b.rated > 0)).toBe(true);
    expect(portfolio.barriers.every((b) => b.significant <= b.rated)).toBe(true);
  });

  it('lists assessments page by page in the asked order with the adviser’s name', async () => {
    const services = await startServices();
    await seedDemoPortfolio(services.database.db, services.clock, { assessments: 120, instruments: builtinInstruments, catalogue: builtinCatalogue });
    const page = (offset: number) =>
      services.handlers['portfolio.assessments']({ filter: PortfolioFilterSchema.parse({}), language: 'en', sort: 'maturity', direction: 'desc', offset, limit: 50 });
    const [first, second, third] = [await page(0), await page(50), await page(100)];
    expect(first.total).toBe(120);
    const all = [...first.rows, ...second.rows, ...third.rows];
    expect(new Set(all.map((r) => r.assessmentId)).size).toBe(120);
    const maturities = all.map((r) => r.maturity ?? -1);
    expect(maturities).toEqual([...maturities].sort((a, b) => b - a));
    expect(all.every((r) => r.adviser.length > 1 && r.adviser !== r.adviserId)).toBe(true);
  });
});
