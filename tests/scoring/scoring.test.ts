import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../shared/instruments/answers';
import type { AnswerValue } from '../../shared/instruments/schema';
import { barrierRatingsFrom, compareWithBaseline, feasibility, priority, roundToStep, scoreInstrument, toAnswerLookup } from '../../shared/scoring/scoring';
import { InstrumentSchema } from '../../shared/instruments/schema';
import { sampleInstrument, sampleInstrumentJson } from '../helpers/instrument-fixture';

const answer = (questionId: string, value: AnswerValue | null, notApplicable = false): AnswerRecord => ({ questionId, value, notApplicable });
const lookup = (...answers: AnswerRecord[]) => toAnswerLookup(answers);

describe('scoreInstrument', () => {
  const instrument = sampleInstrument();

  it('scores a dimension as the weighted mean share of its answered questions on the 0–100 scale', () => {
    // level 3 → 0.6; erp → 1; orders+stock = 4 of maxPoints 4 → 1; follow-up yes → 1: mean 0.9 → 90
    const result = scoreInstrument(instrument, lookup(answer('q-level', 3), answer('q-single', 'erp'), answer('q-multi', ['orders', 'stock']), answer('q-follow', true)));
    const data = result.dimensions.find((d) => d.dimensionId === 'data')!;
    expect(data.score).toBe(90);
    expect(data.band).toBe('advanced');
    expect(data.contributions.map((c) => [c.questionId, c.status, c.share])).toEqual([
      ['q-level', 'scored', 0.6],
      ['q-single', 'scored', 1],
      ['q-multi', 'scored', 1],
      ['q-follow', 'scored', 1],
    ]);
  });

  it('leaves a not-applicable answer out of the score instead of counting it as zero', () => {
    const withNa = scoreInstrument(instrument, lookup(answer('q-level', 5), answer('q-single', null, true)));
    const data = withNa.dimensions.find((d) => d.dimensionId === 'data')!;
    expect(data.score).toBe(100);
    expect(data.notApplicable).toBe(1);
    expect(data.contributions.find((c) => c.questionId === 'q-single')!.status).toBe('not-applicable');
  });

  it('skips a follow-up question whose condition does not hold and does not count it as missing', () => {
    const result = scoreInstrument(instrument, lookup(answer('q-single', 'paper'), answer('q-follow', true)));
    const data = result.dimensions.find((d) => d.dimensionId === 'data')!;
    expect(data.contributions.find((c) => c.questionId === 'q-follow')!.status).toBe('skipped');
    expect(data.score).toBe(0);
    expect(result.unanswered).toEqual(['q-level', 'q-multi', 'q-number', 'q-yes', 'q-text']);
  });

  it('scores number questions by the highest threshold reached and ignores free text', () => {
    const result = scoreInstrument(instrument, lookup(answer('q-number', 45), answer('q-yes', false), answer('q-text', 'notes')));
    const people = result.dimensions.find((d) => d.dimensionId === 'people')!;
    expect(people.score).toBe(25);
    expect(people.band).toBe('basic');
    expect(people.contributions.find((c) => c.questionId === 'q-text')!.status).toBe('unscored');
    expect(people.completeness).toBe(1);
  });

  it('gives no score to a dimension with no scored answers, and the overall is the mean of the scored dimensions', () => {
    const result = scoreInstrument(instrument, lookup(answer('q-level', 2)));
    expect(result.dimensions.map((d) => d.score)).toEqual([40, null]);
    expect(result.overall).toEqual({ score: 40, band: 'developing' });
    const both = scoreInstrument(instrument, lookup(answer('q-level', 2), answer('q-yes', true)));
    expect(both.overall).toEqual({ score: 70, band: 'established' });
  });

  it('reports completeness over the questions that apply', () => {
    const result = scoreInstrument(instrument, lookup(answer('q-level', 2), answer('q-single', 'erp')));
    expect(result.applicable).toBe(7);
    expect(result.done).toBe(2);
    expect(result.completeness).toBeCloseTo(2 / 7);
  });

  it('computes gap and priority from target, importance and the barriers relevant to the dimension', () => {
    const targets = new Map([['data', { target: 80, importance: 4 }]]);
    const result = scoreInstrument(instrument, lookup(answer('q-level', 2)), { targets, barriers: { finance: 3, 'people-capacity': 0, 'vendor-distrust': 3 } });
    const data = result.dimensions.find((d) => d.dimensionId === 'data')!;
    expect(data.gap).toBe(40);
    // finance 3 and people-capacity 0 → mean 1.5 → feasibility 0.75; vendor distrust is not relevant here
    expect(data.feasibility).toBe(0.75);
    expect(data.barriersConsidered).toEqual(['finance', 'people-capacity']);
    expect(data.priority).toBe(24);
  });
});

describe('roundToStep', () => {
  it('rounds an exact half up even when float arithmetic delivers it a hair short', () => {
    expect(roundToStep((1 / 3) * 3 * 12.5 + (2 / 3) * 3 * 25 - 1e-13, 1)).toBe(63);
    expect(roundToStep(2.75, 0.1)).toBe(2.8);
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
  });
});

describe('priority and feasibility', () => {
  it('is zero when the target is already reached', () => {
    expect(priority(5, -10, 100, 1)).toBe(0);
  });

  it('counts every barrier when a dimension names none, and is 1 with no ratings', () => {
    expect(feasibility({ barriers: [] }, {}).value).toBe(1);
    expect(feasibility({ barriers: [] }, { finance: 3, connectivity: 3 }).value).toBe(0.5);
  });
});

describe('barrier ratings and follow-ups', () => {
  it('reads barrier ratings from the chosen options of barrier questions', () => {
    const json = sampleInstrumentJson();
    const withBarrier = InstrumentSchema.parse({
      ...json,
      questions: [
        ...json.questions,
        {
          id: 'q-barrier',
          dimension: 'people',
          type: 'single',
          barrier: 'finance',
          text: { en: 'Money?' },
          options: [
            { id: 'none', label: { en: 'None' }, points: 0 },
            { id: 'severe', label: { en: 'Severe' }, points: 3 },
          ],
        },
      ],
    });
    expect(barrierRatingsFrom(withBarrier, lookup(answer('q-barrier', 'severe')))).toEqual({ finance: 3 });
  });

  it('gives the change per dimension between a baseline and a follow-up', () => {
    const instrument = sampleInstrument();
    const baseline = scoreInstrument(instrument, lookup(answer('q-level', 1), answer('q-yes', false)));
    const followUp = scoreInstrument(instrument, lookup(answer('q-level', 3), answer('q-yes', true)));
    expect(compareWithBaseline(followUp, baseline, 1)).toEqual([
      { dimensionId: 'data', baseline: 20, current: 60, delta: 40 },
      { dimensionId: 'people', baseline: 0, current: 100, delta: 100 },
    ]);
  });
});
