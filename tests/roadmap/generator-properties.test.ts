import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoClients } from '../../electron/services/demo/demo-clients';
import { builtinInstrument } from '../../shared/instruments/builtin';
import { barrierIds, driverIds, type BarrierId } from '../../shared/instruments/schema';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import type { CostBand, Step } from '../../shared/roadmap/catalogue-schema';
import { generateRoadmap, horizons, type BudgetBand, type ProposedStep, type RoadmapInputs } from '../../shared/roadmap/generator';
import type { InstrumentResult } from '../../shared/scoring/result-schema';
import { bandFor, feasibility, priority, type BarrierRatings } from '../../shared/scoring/scoring';

/**
 * Properties of the roadmap generator over random but valid inputs: firms anywhere between
 * nothing and everything on the digital-maturity instrument, with any barriers, drivers, hours and
 * budget, in any of the demo regions.
 */

const DM = builtinInstrument('digital-maturity');
const catalogue = builtinCatalogue;
const byId = new Map(catalogue.steps.map((s) => [s.id, s]));
const catalogueStep = (id: string): Step => byId.get(id)!;

const COST_CEILING: Record<CostBand, number> = { none: 0, 'under-5k': 5_000, '5k-25k': 25_000, '25k-100k': 100_000, 'over-100k': 250_000 };
const budgetBands: BudgetBand[] = ['under-5k', '5k-25k', '25k-100k', 'over-100k'];
const clients = [...new Map(demoClients().map((c) => [`${c.country}/${c.region}/${c.naceCode}`, { naceCode: c.naceCode, region: c.region, country: c.country }])).values()];

const arbBarriers: fc.Arbitrary<BarrierRatings> = fc
  .tuple(...barrierIds.map(() => fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 6 })))
  .map((ratings) => {
    const result: BarrierRatings = {};
    barrierIds.forEach((id, i) => {
      if (ratings[i] !== undefined) result[id] = ratings[i];
    });
    return result;
  });

interface DimensionDraw {
  score: number;
  /** Fraction of the way from the score to the top of the scale. */
  reach: number;
  importance: number;
}

const arbDimension: fc.Arbitrary<DimensionDraw> = fc.record({
  score: fc.integer({ min: 0, max: 100 }),
  reach: fc.double({ min: 0, max: 1, noNaN: true }),
  importance: fc.integer({ min: 1, max: 5 }),
});

/** A digital-maturity result as the scoring engine would report it for these scores and targets. */
function maturityResult(draws: DimensionDraw[], barriers: BarrierRatings): InstrumentResult {
  const { min, max } = DM.scale;
  const dimensions = DM.dimensions.map((dimension, i) => {
    const { score, reach, importance } = draws[i]!;
    const target = Math.round(score + (max - score) * reach);
    const gap = target - score;
    const feasible = feasibility(dimension, barriers);
    return {
      dimensionId: dimension.id,
      score,
      band: bandFor(DM, score),
      applicable: 1,
      done: 1,
      notApplicable: 0,
      scoredAnswers: 1,
      completeness: 1,
      contributions: [],
      target,
      importance,
      gap,
      feasibility: feasible.value,
      barriersConsidered: feasible.considered,
      priority: priority(importance, gap, max - min, feasible.value),
    };
  });
  const overall = dimensions.reduce((sum, d) => sum + d.score, 0) / dimensions.length;
  return {
    instrumentId: DM.id,
    instrumentVersion: DM.version,
    dimensions,
    overall: { score: Math.round(overall), band: bandFor(DM, Math.round(overall)) },
    applicable: dimensions.length,
    done: dimensions.length,
    completeness: 1,
    unanswered: [],
  };
}

const arbInputs: fc.Arbitrary<RoadmapInputs> = fc
  .record({
    draws: fc.tuple(...DM.dimensions.map(() => arbDimension)),
    barriers: arbBarriers,
    drivers: fc.shuffledSubarray([...driverIds]),
    hoursPerWeek: fc.option(fc.integer({ min: 0, max: 80 }).map((halfHours) => halfHours / 2), { nil: null }),
    budget: fc.option(fc.constantFrom(...budgetBands), { nil: null }),
    opensToPeers: fc.boolean(),
    client: fc.constantFrom(...clients),
  })
  .map(({ draws, barriers, ...rest }) => ({ maturity: [maturityResult(draws, barriers)], barriers, ...rest }));

const RUNS = { numRuns: 300 };

function horizonIndex(step: ProposedStep): number {
  return horizons.indexOf(step.horizon);
}

function scoreOf(inputs: RoadmapInputs, instrument: string, dimension: string): number {
  return inputs.maturity.find((r) => r.instrumentId === instrument)?.dimensions.find((d) => d.dimensionId === dimension)?.score ?? 0;
}

function isEligible(step: Step, inputs: RoadmapInputs): boolean {
  return step.prerequisites.minimumScores.every((m) => scoreOf(inputs, m.instrument, m.dimension) >= m.score);
}

/** Dimensions with a positive priority, highest first; equal priorities in instrument then dimension id order. */
function rankedDimensions(inputs: RoadmapInputs) {
  return inputs.maturity
    .flatMap((r) => r.dimensions.map((d) => ({ instrument: r.instrumentId, dimension: d.dimensionId, priority: d.priority ?? 0 })))
    .filter((d) => d.priority > 0)
    .sort((a, b) => b.priority - a.priority || a.instrument.localeCompare(b.instrument) || a.dimension.localeCompare(b.dimension));
}

const raises = (step: Step, instrument: string, dimension: string) => step.raises.some((r) => r.instrument === instrument && r.dimension === dimension && r.by > 0);
const peerOnly = (step: Step) => step.mechanisms.length === 1 && step.mechanisms[0] === 'peer-learning';

describe('generateRoadmap properties', () => {
  it('never places a step before one of its prerequisites, and always includes them', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const roadmap = generateRoadmap(catalogue, inputs);
        const placed = new Map(roadmap.map((s) => [s.stepId, s]));
        for (const step of roadmap) {
          for (const prerequisiteId of catalogueStep(step.stepId).prerequisites.steps) {
            const prerequisite = placed.get(prerequisiteId);
            expect(prerequisite, `${step.stepId} needs ${prerequisiteId}`).toBeDefined();
            const before =
              horizonIndex(prerequisite!) < horizonIndex(step) || (prerequisite!.horizon === step.horizon && prerequisite!.order < step.order);
            expect(before, `${prerequisiteId} (${prerequisite!.horizon} ${prerequisite!.order}) before ${step.stepId} (${step.horizon} ${step.order})`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('lists the horizons in order, numbers each from 0 without gaps, and proposes each step once', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const roadmap = generateRoadmap(catalogue, inputs);
        expect(roadmap.map(horizonIndex)).toEqual([...roadmap.map(horizonIndex)].sort((a, b) => a - b));
        for (const horizon of horizons) {
          expect(roadmap.filter((s) => s.horizon === horizon).map((s) => s.order)).toEqual(roadmap.filter((s) => s.horizon === horizon).map((_, i) => i));
        }
        expect(new Set(roadmap.map((s) => s.stepId)).size).toBe(roadmap.length);
        for (const step of roadmap) expect(byId.has(step.stepId)).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps Now within the hours of the next six weeks and within the budget (half a day a week and under €5k when not stated)', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const now = generateRoadmap(catalogue, inputs)
          .filter((s) => s.horizon === 'now')
          .map((s) => catalogueStep(s.stepId));
        const days = now.reduce((sum, s) => sum + s.effortDays, 0);
        const cost = now.reduce((sum, s) => sum + COST_CEILING[s.costBand], 0);
        expect(days).toBeLessThanOrEqual(((inputs.hoursPerWeek ?? 4) * 6) / 7.5 + 1e-9);
        expect(cost).toBeLessThanOrEqual(COST_CEILING[inputs.budget ?? 'under-5k']);
      }),
      RUNS,
    );
  });

  it('raises each of the three highest-priority dimensions with at least one step whenever an eligible technology step can', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const chosen = generateRoadmap(catalogue, inputs).map((s) => catalogueStep(s.stepId));
        for (const { instrument, dimension } of rankedDimensions(inputs).slice(0, 3)) {
          const possible = catalogue.steps.some((s) => s.kind === 'technology' && isEligible(s, inputs) && raises(s, instrument, dimension));
          if (!possible) continue;
          expect(
            chosen.some((s) => raises(s, instrument, dimension)),
            `${instrument}/${dimension} is a top-three priority but no chosen step raises it`,
          ).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('gives the same roadmap for the same inputs', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const first = generateRoadmap(catalogue, inputs);
        const again = generateRoadmap(structuredClone(catalogue), structuredClone(inputs));
        expect(again).toEqual(first);
        expect(generateRoadmap(catalogue, inputs)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('says why for every step it proposes', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        for (const step of generateRoadmap(catalogue, inputs)) expect(step.why.length, step.stepId).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('brings an enabling step for every barrier rated significant or severe, whenever the catalogue has one the firm would take up', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const chosen = generateRoadmap(catalogue, inputs).map((s) => catalogueStep(s.stepId));
        for (const [barrier, rating] of Object.entries(inputs.barriers) as [BarrierId, number][]) {
          if (rating < 2) continue;
          // A firm that ruled out peer learning is not offered steps that are nothing but peer learning.
          const available = catalogue.steps.some(
            (s) => s.kind === 'enabling' && s.mitigates.includes(barrier) && isEligible(s, inputs) && (inputs.opensToPeers || !peerOnly(s)),
          );
          if (!available) continue;
          expect(
            chosen.some((s) => s.kind === 'enabling' && s.mitigates.includes(barrier)),
            `${barrier} rated ${rating} but no enabling step lowers it`,
          ).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never proposes a step whose minimum scores the firm has not reached', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const ineligible = generateRoadmap(catalogue, inputs)
          .map((s) => catalogueStep(s.stepId))
          .filter((s) => !isEligible(s, inputs));
        expect(ineligible.map((s) => s.id)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('proposes nothing to a firm with no gaps and no significant barriers', () => {
    fc.assert(
      fc.property(arbInputs, (inputs) => {
        const calm: RoadmapInputs = {
          ...inputs,
          barriers: Object.fromEntries(Object.entries(inputs.barriers).map(([id, rating]) => [id, Math.min(1, rating)])),
          maturity: inputs.maturity.map((r) => ({ ...r, dimensions: r.dimensions.map((d) => ({ ...d, target: d.score, gap: 0, priority: 0 })) })),
        };
        expect(generateRoadmap(catalogue, calm)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
