import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../shared/instruments/answers';
import { builtinInstruments } from '../../shared/instruments/builtin';
import type { AnswerValue, Instrument, Question } from '../../shared/instruments/schema';
import { priority, roundToStep, scoreInstrument, toAnswerLookup } from '../../shared/scoring/scoring';
import { sampleInstrument } from '../helpers/instrument-fixture';

function arbValue(question: Question): fc.Arbitrary<AnswerValue> {
  switch (question.type) {
    case 'level':
      return fc.integer({ min: 0, max: 5 });
    case 'single':
      return fc.constantFrom(...question.options.map((o) => o.id));
    case 'multi':
      return fc.subarray(question.options.map((o) => o.id));
    case 'ranking':
      return fc.shuffledSubarray(question.options.map((o) => o.id), { minLength: question.options.length });
    case 'number':
      return fc.integer({ min: Math.ceil(question.min), max: Math.floor(question.max) });
    case 'yesno':
      return fc.boolean();
    case 'text':
      return fc.string({ maxLength: 20 });
  }
}

/** Any mix of unanswered, not applicable and valid answers for every question. */
function arbAnswers(instrument: Instrument): fc.Arbitrary<AnswerRecord[]> {
  return fc
    .tuple(
      ...instrument.questions.map((question) =>
        fc.oneof(
          fc.constant(null),
          fc.constant<AnswerRecord>({ questionId: question.id, value: null, notApplicable: true }),
          arbValue(question).map<AnswerRecord>((value) => ({ questionId: question.id, value, notApplicable: false })),
        ),
      ),
    )
    .map((answers) => answers.filter((a): a is AnswerRecord => a !== null));
}

const instruments: Instrument[] = [sampleInstrument(), ...builtinInstruments];

function scores(instrument: Instrument, answers: AnswerRecord[]) {
  return scoreInstrument(instrument, toAnswerLookup(answers));
}

/** Level questions no other question depends on: raising them changes nothing but their own share. */
function independentLevelQuestions(instrument: Instrument): Question[] {
  const parents = new Set(instrument.questions.map((q) => q.appliesIf?.question).filter(Boolean));
  return instrument.questions.filter((q) => q.type === 'level' && !parents.has(q.id));
}

describe.each(instruments.map((i) => [i.id, i] as const))('scoring invariants for %s', (_id, instrument) => {
  const { min, max, step } = instrument.scale;

  it('keeps every dimension score and the overall score within the scale', () => {
    fc.assert(
      fc.property(arbAnswers(instrument), (answers) => {
        const result = scores(instrument, answers);
        for (const d of result.dimensions) if (d.score !== null) expect(d.score).toBeGreaterThanOrEqual(min), expect(d.score).toBeLessThanOrEqual(max);
        if (result.overall) expect(result.overall.score).toBeGreaterThanOrEqual(min), expect(result.overall.score).toBeLessThanOrEqual(max);
        expect(result.completeness).toBeGreaterThanOrEqual(0);
        expect(result.completeness).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  const levelQuestions = independentLevelQuestions(instrument);
  // A diagnostic records barriers and capacity; only maturity instruments have levels to raise.
  if (levelQuestions.length > 0)
  it('never lowers a dimension when one answer is raised', () => {
    fc.assert(
      fc.property(
        arbAnswers(instrument),
        fc.constantFrom(...levelQuestions),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (answers, question, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const rest = answers.filter((x) => x.questionId !== question.id);
          const before = scores(instrument, [...rest, { questionId: question.id, value: low, notApplicable: false }]);
          const after = scores(instrument, [...rest, { questionId: question.id, value: high, notApplicable: false }]);
          const pick = (r: typeof before) => r.dimensions.find((d) => d.dimensionId === question.dimension)!.score;
          expect(pick(after) ?? -Infinity).toBeGreaterThanOrEqual(pick(before) ?? -Infinity);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is unchanged by marking an unanswered question not applicable', () => {
    fc.assert(
      fc.property(arbAnswers(instrument), fc.constantFrom(...instrument.questions), (answers, question) => {
        const rest = answers.filter((x) => x.questionId !== question.id);
        const without = scores(instrument, rest);
        const withNa = scores(instrument, [...rest, { questionId: question.id, value: null, notApplicable: true }]);
        expect(withNa.dimensions.map((d) => d.score)).toEqual(without.dimensions.map((d) => d.score));
        expect(withNa.overall).toEqual(without.overall);
      }),
      { numRuns: 150 },
    );
  });

  if (instrument.kind === 'maturity')
  it('makes the overall score the mean of the dimension scores', () => {
    fc.assert(
      fc.property(arbAnswers(instrument), (answers) => {
        const result = scores(instrument, answers);
        const scored = result.dimensions.flatMap((d, i) => (d.score === null ? [] : [{ score: d.score, weight: instrument.dimensions[i]!.weight }]));
        if (scored.length === 0) {
          expect(result.overall).toBeNull();
          return;
        }
        const mean = scored.reduce((sum, d) => sum + d.weight * d.score, 0) / scored.reduce((sum, d) => sum + d.weight, 0);
        expect(result.overall!.score).toBeCloseTo(roundToStep(mean, step), 9);
      }),
      { numRuns: 150 },
    );
  });
});

describe('priority', () => {
  it('grows with the gap and with importance, and never goes below zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (i1, i2, g1, g2, feasible) => {
          const [lowI, highI] = i1 <= i2 ? [i1, i2] : [i2, i1];
          const [lowG, highG] = g1 <= g2 ? [g1, g2] : [g2, g1];
          expect(priority(highI, highG, 100, feasible)).toBeGreaterThanOrEqual(priority(lowI, highG, 100, feasible));
          expect(priority(highI, highG, 100, feasible)).toBeGreaterThanOrEqual(priority(highI, lowG, 100, feasible));
          expect(priority(lowI, lowG, 100, feasible)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('rises strictly with importance while there is a gap', () => {
    expect(priority(4, 30, 100, 1)).toBeGreaterThan(priority(3, 30, 100, 1));
    expect(priority(3, 40, 100, 1)).toBeGreaterThan(priority(3, 30, 100, 1));
  });
});
