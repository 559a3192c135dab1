import { describe, expect, it } from 'vitest';
import { workedExample, workedExamples, type WorkedExample } from '../../electron/services/demo/worked-examples';
import { ClientInputSchema } from '../../shared/clients/schema';
import { answerProblem, questionApplies } from '../../shared/instruments/answers';
import { builtinInstrument } from '../../shared/instruments/builtin';
import { barrierRatingsFrom, scoreInstrument, toAnswerLookup, type BarrierRatings, type DimensionTarget } from '../../shared/scoring/scoring';
import type { InstrumentResult } from '../../shared/scoring/result-schema';

/**
 * Golden cases: three complete, realistic assessments scored end to end. Every number below was
 * printed by the engine once and then checked against the formulas in shared/scoring/scoring.ts;
 * the comments show the hand calculation for at least one dimension per firm.
 */

const steppingStones = builtinInstrument('stepping-stones');

function answersFor(example: WorkedExample, instrumentId: string) {
  return example.answers.filter((a) => a.instrumentId === instrumentId);
}

function barriersOf(example: WorkedExample): BarrierRatings {
  return barrierRatingsFrom(steppingStones, toAnswerLookup(answersFor(example, 'stepping-stones')));
}

function scored(example: WorkedExample): Record<string, InstrumentResult> {
  const barriers = barriersOf(example);
  return Object.fromEntries(
    example.instruments.map((id) => {
      const targets = new Map<string, DimensionTarget>(
        example.targets.filter((t) => t.instrumentId === id).map((t) => [t.dimensionId, { target: t.target, importance: t.importance }]),
      );
      return [id, scoreInstrument(builtinInstrument(id), toAnswerLookup(answersFor(example, id)), { targets, barriers })];
    }),
  );
}

/** What the golden literals pin: overall, completeness, and each dimension's score, band, gap and priority. */
function pinned(result: InstrumentResult) {
  return {
    overall: result.overall,
    completeness: result.completeness,
    dimensions: Object.fromEntries(
      result.dimensions.map((d) => [d.dimensionId, { score: d.score, band: d.band, gap: d.gap, priority: d.priority }]),
    ),
  };
}

function topPriorities(result: InstrumentResult, count = 3): string[] {
  return result.dimensions
    .filter((d) => d.priority !== null)
    .sort((a, b) => b.priority! - a.priority!)
    .slice(0, count)
    .map((d) => d.dimensionId);
}

const dimension = (result: InstrumentResult, id: string) => result.dimensions.find((d) => d.dimensionId === id)!;

const noTargets = { score: null, band: null, gap: null, priority: null };

describe.each(workedExamples.map((example) => [example.id, example] as const))('worked example %s', (_id, example) => {
  it('has a valid client record', () => {
    expect(ClientInputSchema.safeParse(example.client).error).toBeUndefined();
    const languageOf: Record<string, string> = { GB: 'en', DK: 'da', SE: 'sv' };
    expect(example.reportLanguage).toBe(languageOf[example.client.country]);
  });

  it('answers every question that applies, and only those, with a value the question accepts', () => {
    const seen = new Set<string>();
    for (const answer of example.answers) {
      const key = `${answer.instrumentId}/${answer.questionId}`;
      expect(seen.has(key), `${key} answered twice`).toBe(false);
      seen.add(key);
      expect(example.instruments).toContain(answer.instrumentId);
    }
    for (const id of example.instruments) {
      const instrument = builtinInstrument(id);
      const questions = new Map(instrument.questions.map((q) => [q.id, q]));
      const answers = answersFor(example, id);
      const lookup = toAnswerLookup(answers);
      for (const answer of answers) {
        const question = questions.get(answer.questionId);
        expect(question, `${id}/${answer.questionId} is not a question of ${id}`).toBeDefined();
        if (answer.notApplicable) {
          expect(answer.value, `${answer.questionId}: not applicable carries no value`).toBeNull();
          expect(answer.note, `${answer.questionId}: not applicable needs a note saying why`).not.toBe('');
        } else {
          expect(answerProblem(question!, answer.value!), answer.questionId).toBeNull();
        }
      }
      for (const question of instrument.questions) {
        const applies = questionApplies(question, questions, lookup);
        expect(lookup.get(question.id) !== undefined, `${id}/${question.id} ${applies ? 'applies but is unanswered' : 'is skipped but answered'}`).toBe(applies);
      }
    }
    // Drivers: every option ranked, once.
    const drivers = example.answers.find((a) => a.questionId === 'ss-drivers')!.value as string[];
    const options = steppingStones.questions.find((q) => q.id === 'ss-drivers')!;
    expect([...drivers].sort()).toEqual(options.type === 'ranking' ? options.options.map((o) => o.id).sort() : []);
  });

  it('carries adviser notes on five to eight answers', () => {
    const notes = example.answers.filter((a) => a.note !== '').length;
    expect(notes).toBeGreaterThanOrEqual(5);
    expect(notes).toBeLessThanOrEqual(8);
  });

  it('sets a target on the scale, at or above today, and an importance for every dimension of each maturity instrument', () => {
    const results = scored(example);
    const expected = example.instruments.filter((id) => builtinInstrument(id).kind === 'maturity');
    expect([...new Set(example.targets.map((t) => t.instrumentId))].sort()).toEqual([...expected].sort());
    for (const id of expected) {
      const instrument = builtinInstrument(id);
      const targets = example.targets.filter((t) => t.instrumentId === id);
      expect(targets.map((t) => t.dimensionId).sort()).toEqual(instrument.dimensions.map((d) => d.id).sort());
      for (const target of targets) {
        const { min, max, step } = instrument.scale;
        expect(target.target).toBeGreaterThanOrEqual(min);
        expect(target.target).toBeLessThanOrEqual(max);
        expect(Math.abs(target.target / step - Math.round(target.target / step))).toBeLessThan(1e-9);
        expect(Number.isInteger(target.importance) && target.importance >= 1 && target.importance <= 5).toBe(true);
        expect(dimension(results[id]!, target.dimensionId).gap, `${id}/${target.dimensionId}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('golden scores of the worked examples', () => {
  it('scores the 12-person machine shop as Basic overall with data management its top priority and finance and people capacity as severe barriers', () => {
    const example = workedExample('machine-shop');
    const results = scored(example);

    expect(barriersOf(example)).toEqual({
      finance: 3,
      'people-capacity': 3,
      'uncertain-return': 2,
      'vendor-distrust': 1,
      'information-gap': 2,
      'disruption-fear': 2,
      connectivity: 1,
      'cyber-security': 1,
    });

    expect(pinned(results['digital-maturity']!)).toEqual({
      // (19 + 16 + 28 + 14 + 21 + 10) / 6 = 108 / 6 = 18 → basic (0–25)
      overall: { score: 18, band: 'basic' },
      completeness: 1,
      dimensions: {
        'digital-strategy': { score: 19, band: 'basic', gap: 26, priority: 12.7 },
        'digital-readiness': { score: 16, band: 'basic', gap: 29, priority: 16.4 },
        'human-centric': { score: 28, band: 'developing', gap: 12, priority: 4.4 },
        'data-management': { score: 14, band: 'basic', gap: 36, priority: 27 },
        'automation-ai': { score: 21, band: 'basic', gap: 14, priority: 4.9 },
        'green-digital': { score: 10, band: 'basic', gap: 15, priority: 3.7 },
      },
    });

    // Data management by hand: storage L1 = 0.2, decisions L1 = 0.2, security measures
    // {endpoint} = 1 of 10 points = 0.1, restore skipped (no backup ticked), access L1 = 0.2,
    // supplier access not applicable (left out, not zero), incident plan "no" = 0.
    // Σ = 0.7 over 5 weights = 0.14 → 14, basic. Target 50 → gap 36.
    // Feasibility over its barriers: cyber 1, connectivity 1, people-capacity 3, vendor 1 → mean 1.5
    // → 1 − 0.5 × 1.5/3 = 0.75. Priority = 20 × 5 × 36/100 × 0.75 = 27.
    const data = dimension(results['digital-maturity']!, 'data-management');
    expect([data.score, data.notApplicable, data.scoredAnswers, data.feasibility, data.priority]).toEqual([14, 1, 5, 0.75, 27]);
    expect(data.contributions.find((c) => c.questionId === 'dm-data-restore')!.status).toBe('skipped');
    // Readiness by hand: ERP L1, design L1, network L1 = 0.2 each, platform "personal" = 0,
    // tools {cad-cam} = 1/5 = 0.2; the ERP follow-up is skipped below level 2, the systems list is
    // free text. Σ = 0.8 / 5 = 0.16 → 16. Feasibility: finance 3, vendor 1, disruption 2,
    // connectivity 1 → mean 1.75 → 0.708; priority = 20 × 4 × 0.29 × 0.7083 = 16.4.
    expect(dimension(results['digital-maturity']!, 'digital-readiness').score).toBe(16);

    expect(topPriorities(results['digital-maturity']!)).toEqual(['data-management', 'digital-readiness', 'digital-strategy']);

    expect(pinned(results['stepping-stones']!)).toEqual({
      overall: null,
      completeness: 1,
      dimensions: {
        drivers: noTargets,
        // Barrier ratings 3+3+2+1+2+2+1+1 = 15 of 24 = 62.5 exactly, rounded half-up to 63 (the shares
        // sum to 4.999… in floating point, which roundToStep must not let round down).
        barriers: { score: 63, band: 'moderate', gap: null, priority: null },
        enablers: noTargets,
        capacity: noTargets,
      },
    });
  });

  it('scores the 60-person food producer as Developing overall with data management, green digitalisation and automation its top priorities', () => {
    const example = workedExample('food-producer');
    const results = scored(example);

    expect(barriersOf(example)).toEqual({
      finance: 1,
      'people-capacity': 2,
      'uncertain-return': 1,
      'vendor-distrust': 1,
      'information-gap': 1,
      'disruption-fear': 2,
      connectivity: 1,
      'cyber-security': 1,
    });

    expect(pinned(results['digital-maturity']!)).toEqual({
      // (64 + 48 + 62 + 44 + 38 + 34) / 6 = 290 / 6 = 48.3 → 48, developing (26–50)
      overall: { score: 48, band: 'developing' },
      completeness: 1,
      dimensions: {
        'digital-strategy': { score: 64, band: 'established', gap: 6, priority: 2.8 },
        'digital-readiness': { score: 48, band: 'developing', gap: 17, priority: 10.8 },
        'human-centric': { score: 62, band: 'established', gap: 3, priority: 0.9 },
        'data-management': { score: 44, band: 'developing', gap: 26, priority: 20.6 },
        'automation-ai': { score: 38, band: 'developing', gap: 22, priority: 16.5 },
        'green-digital': { score: 34, band: 'developing', gap: 26, priority: 17.3 },
      },
    });

    // Green digitalisation by hand: energy L2, goals L2, materials L2 = 0.4 each; practices
    // {transport, remote-service} = 2 of maxPoints 4 = 0.5; customer data "estimate" = 1/3;
    // footprint "no" = 0. Σ = 1.2 + 0.5 + 0.333 = 2.033 / 6 = 0.339 → 34, developing. Target 60 → gap 26.
    // Feasibility: finance 1, information gap 1, uncertain return 1 → mean 1 → 1 − 0.5/3 = 0.833.
    // Priority = 20 × 4 × 26/100 × 0.8333 = 17.33 → 17.3.
    const green = dimension(results['digital-maturity']!, 'green-digital');
    expect([green.score, green.gap, green.feasibility, green.priority]).toEqual([34, 26, 0.833, 17.3]);
    // Data management by hand: storage L3 = 0.6, decisions L2 = 0.4, security measures backup 2 +
    // MFA 2 + personal accounts + patching + endpoint = 7 of 10 = 0.7, restore "over a year" =
    // 1/3 at weight 0.5, access L3 = 0.6, supplier access L2 = 0.4, incident plan "no" = 0.
    // Σ = 0.6 + 0.4 + 0.7 + 0.1667 + 0.6 + 0.4 = 2.867 over weights 6.5 = 0.441 → 44.
    // Feasibility: cyber 1, connectivity 1, people 2, vendor 1 → mean 1.25 → 0.792;
    // priority = 20 × 5 × 0.26 × 0.7917 = 20.58 → 20.6.
    expect(dimension(results['digital-maturity']!, 'data-management').score).toBe(44);

    expect(topPriorities(results['digital-maturity']!)).toEqual(['data-management', 'green-digital', 'automation-ai']);

    expect(pinned(results['stepping-stones']!)).toEqual({
      overall: null,
      completeness: 1,
      dimensions: {
        drivers: noTargets,
        // 1+2+1+1+1+2+1+1 = 10 of 24 = 41.7 → 42, moderate (34–66)
        barriers: { score: 42, band: 'moderate', gap: null, priority: null },
        enablers: noTargets,
        capacity: noTargets,
      },
    });
  });

  it('scores the 200-person automotive tier-2 as Established overall with data management and workforce learning its top priorities and vendor lock-in as a severe barrier', () => {
    const example = workedExample('automotive-tier2');
    const results = scored(example);

    expect(barriersOf(example)).toEqual({
      finance: 1,
      'people-capacity': 2,
      'uncertain-return': 1,
      'vendor-distrust': 3,
      'information-gap': 0,
      'disruption-fear': 2,
      connectivity: 0,
      'cyber-security': 2,
    });

    expect(pinned(results['digital-maturity']!)).toEqual({
      // (86 + 80 + 68 + 71 + 68 + 74) / 6 = 447 / 6 = 74.5 → 75 (half up), established (51–75)
      overall: { score: 75, band: 'established' },
      completeness: 1,
      dimensions: {
        'digital-strategy': { score: 86, band: 'advanced', gap: 2, priority: 0.7 },
        'digital-readiness': { score: 80, band: 'advanced', gap: 5, priority: 2.3 },
        'human-centric': { score: 68, band: 'established', gap: 12, priority: 9.3 },
        'data-management': { score: 71, band: 'established', gap: 19, priority: 13.5 },
        'automation-ai': { score: 68, band: 'established', gap: 12, priority: 7.2 },
        'green-digital': { score: 74, band: 'established', gap: 6, priority: 3.2 },
      },
    });

    // Digital strategy by hand: vision L4, leadership L4, customers L4 = 0.8 each; investment "plan"
    // = 3/3 = 1; areas: 6 ticked, capped at maxPoints 5 = 1; follow-up L3 = 0.6; outside help "yes" = 1.
    // Σ = 2.4 + 1 + 1 + 0.6 + 1 = 6.0 / 7 = 0.857 → 86, advanced. Target 88 → gap 2.
    // Feasibility: information gap 0, people 2, uncertain return 1 → mean 1 → 0.833;
    // priority = 20 × 2 × 2/100 × 0.8333 = 0.67 → 0.7.
    const strategy = dimension(results['digital-maturity']!, 'digital-strategy');
    expect([strategy.score, strategy.band, strategy.feasibility, strategy.priority]).toEqual([86, 'advanced', 0.833, 0.7]);

    expect(topPriorities(results['digital-maturity']!)).toEqual(['data-management', 'human-centric', 'automation-ai']);

    expect(pinned(results['stepping-stones']!)).toEqual({
      overall: null,
      completeness: 1,
      dimensions: {
        drivers: noTargets,
        // 1+2+1+3+0+2+0+2 = 11 of 24 = 45.8 → 46, moderate
        barriers: { score: 46, band: 'moderate', gap: null, priority: null },
        enablers: noTargets,
        capacity: noTargets,
      },
    });

    expect(pinned(results['smart-factory-readiness']!)).toEqual({
      // One level question per dimension, so each score is the level itself. Σ levels = 43 over 16
      // dimensions = 2.6875 → 2.7 (step 0.1), band 2 "Digital".
      overall: { score: 2.7, band: 'band-2' },
      completeness: 1,
      dimensions: {
        'process-vertical-integration': { score: 3, band: 'band-3', gap: 1, priority: 14.2 },
        'process-horizontal-integration': { score: 3, band: 'band-3', gap: 0.5, priority: 4.9 },
        'process-lifecycle-integration': { score: 3, band: 'band-3', gap: 0.5, priority: 4 },
        'tech-shop-floor-automation': { score: 4, band: 'band-4', gap: 0, priority: 0 },
        'tech-enterprise-automation': { score: 3, band: 'band-3', gap: 0.5, priority: 2.4 },
        'tech-facility-automation': { score: 2, band: 'band-2', gap: 0.5, priority: 3.6 },
        'tech-shop-floor-connectivity': { score: 2, band: 'band-2', gap: 1.5, priority: 22.5 },
        'tech-enterprise-connectivity': { score: 3, band: 'band-3', gap: 0.5, priority: 5.8 },
        'tech-facility-connectivity': { score: 2, band: 'band-2', gap: 1, priority: 10 },
        'tech-shop-floor-intelligence': { score: 3, band: 'band-3', gap: 1, priority: 13.3 },
        'tech-enterprise-intelligence': { score: 3, band: 'band-3', gap: 0.5, priority: 5 },
        'tech-facility-intelligence': { score: 1, band: 'band-1', gap: 1, priority: 10 },
        'org-workforce-learning': { score: 2, band: 'band-2', gap: 1.5, priority: 25 },
        'org-leadership-competency': { score: 3, band: 'band-3', gap: 0.5, priority: 5 },
        'org-inter-company-collaboration': { score: 3, band: 'band-3', gap: 0.5, priority: 4.3 },
        'org-strategy-governance': { score: 3, band: 'band-3', gap: 1, priority: 13.3 },
      },
    });

    // Workforce learning by hand: level 2 → share 0.4 → 0 + 5 × 0.4 = 2.0, band 2. Target 3.5 → gap 1.5.
    // Feasibility: people 2, finance 1, information gap 0 → mean 1 → 0.833.
    // Priority = 20 × 5 × 1.5/5 × 0.8333 = 25.0.
    // Shop-floor connectivity: connectivity 0, cyber 2, finance 1, vendor 3 → mean 1.5 → 0.75;
    // priority = 20 × 5 × 1.5/5 × 0.75 = 22.5.
    const learning = dimension(results['smart-factory-readiness']!, 'org-workforce-learning');
    expect([learning.score, learning.gap, learning.feasibility, learning.priority]).toEqual([2, 1.5, 0.833, 25]);
    expect(dimension(results['smart-factory-readiness']!, 'tech-shop-floor-connectivity').feasibility).toBe(0.75);

    expect(topPriorities(results['smart-factory-readiness']!)).toEqual([
      'org-workforce-learning',
      'tech-shop-floor-connectivity',
      'process-vertical-integration',
    ]);
  });

  it('ranks the three firms in the order an adviser would: machine shop < food producer < automotive supplier', () => {
    const overall = workedExamples.map((example) => scored(example)['digital-maturity']!.overall!.score);
    expect(overall).toEqual([18, 48, 75]);
    const barrierScores = workedExamples.map((example) => dimension(scored(example)['stepping-stones']!, 'barriers').score);
    expect(barrierScores).toEqual([63, 42, 46]);
  });
});
