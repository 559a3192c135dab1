import { questionApplies, type AnswerLookup, type AnswerRecord } from '../instruments/answers';
import { barrierIds, type AnswerValue, type BarrierId, type Dimension, type Instrument, type Question } from '../instruments/schema';
import type { DimensionResult, InstrumentResult, QuestionContribution, QuestionStatus } from './result-schema';

/**
 * The scoring and prioritisation engine. Pure functions: the same instrument and answers always
 * give the same result, with enough detail to explain every number to an SME.
 *
 * Dimension score = scale.min + (scale.max − scale.min) × Σ(weight × share) / Σ(weight), over the
 *   scored questions that apply and are answered; a question marked not applicable is left out
 *   (never counted as zero). Share is the answer's part of full marks, 0–1:
 *   level: level ÷ 5; single: points ÷ best option's points; multiple: min(points, maxPoints) ÷
 *   maxPoints; number: the share of the highest threshold reached; yes/no: points ÷ best points.
 * Overall = the dimension scores' mean, weighted by dimension weight (1 unless the instrument says).
 * Gap = target − current.
 * Feasibility = 1 − 0.5 × (mean rating of the barriers relevant to the dimension ÷ 3), so 0.5–1:
 *   severe barriers halve how soon a gap can realistically be closed.
 * Priority = 20 × importance (1–5) × max(0, gap) ÷ (scale.max − scale.min) × feasibility, so 0–100:
 *   a prioritisation matrix of how much it matters, how far there is to go, and how feasible it is.
 */

export type BarrierRatings = Partial<Record<BarrierId, number>>;

export interface DimensionTarget {
  /** The level the firm wants to reach, on the instrument's scale. */
  target: number;
  /** How much the dimension matters to the firm's priority KPIs, 1–5. */
  importance: number;
}

export interface ScoreOptions {
  targets?: ReadonlyMap<string, DimensionTarget>;
  barriers?: BarrierRatings;
}

const MAX_BARRIER_RATING = 3;

function decimalsOf(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

export function roundToStep(value: number, step: number): number {
  // Sums of shares carry float error (62.5 arrives as 62.4999…); clear it so halves round up consistently.
  const steps = Number((value / step).toFixed(9));
  return Number((Math.round(steps) * step).toFixed(decimalsOf(step)));
}

export function bandFor(instrument: Instrument, score: number): string | null {
  const tolerance = instrument.scale.step / 1000;
  let band: string | null = null;
  for (const candidate of instrument.bands) if (candidate.min <= score + tolerance) band = candidate.id;
  return band;
}

/** The answer's share of full marks (0–1), or null for questions that do not score. */
export function answerShare(question: Question, value: AnswerValue): number | null {
  switch (question.type) {
    case 'level':
      return typeof value === 'number' ? Math.min(1, Math.max(0, value / 5)) : null;
    case 'single': {
      const best = Math.max(...question.options.map((o) => o.points));
      if (best <= 0) return null;
      const chosen = question.options.find((o) => o.id === value);
      return chosen ? chosen.points / best : null;
    }
    case 'multi': {
      const total = question.options.reduce((sum, o) => sum + o.points, 0);
      const full = question.maxPoints ?? total;
      if (full <= 0 || !Array.isArray(value)) return null;
      const points = question.options.filter((o) => value.includes(o.id)).reduce((sum, o) => sum + o.points, 0);
      return Math.min(points, full) / full;
    }
    case 'number': {
      if (!question.scoring || typeof value !== 'number') return null;
      let share = 0;
      for (const step of question.scoring) if (value >= step.atLeast) share = step.score;
      return share;
    }
    case 'yesno': {
      if (!question.points || typeof value !== 'boolean') return null;
      const best = Math.max(question.points.yes, question.points.no);
      return best > 0 ? (value ? question.points.yes : question.points.no) / best : null;
    }
    case 'text':
    case 'ranking':
      return null;
  }
}

function isScored(question: Question): boolean {
  switch (question.type) {
    case 'level':
      return true;
    case 'single':
      return question.options.some((o) => o.points > 0);
    case 'multi':
      return question.options.some((o) => o.points > 0);
    case 'number':
      return question.scoring !== undefined;
    case 'yesno':
      return question.points !== undefined && Math.max(question.points.yes, question.points.no) > 0;
    case 'text':
    case 'ranking':
      return false;
  }
}

export function feasibility(dimension: Pick<Dimension, 'barriers'>, barriers: BarrierRatings = {}): { value: number; considered: BarrierId[] } {
  const relevant = dimension.barriers.length > 0 ? dimension.barriers : barrierIds;
  const considered = relevant.filter((id) => typeof barriers[id] === 'number');
  if (considered.length === 0) return { value: 1, considered };
  const mean = considered.reduce((sum, id) => sum + Math.min(MAX_BARRIER_RATING, Math.max(0, barriers[id]!)), 0) / considered.length;
  return { value: 1 - 0.5 * (mean / MAX_BARRIER_RATING), considered };
}

export function priority(importance: number, gap: number, span: number, feasibilityValue: number): number {
  return Number((20 * importance * (Math.max(0, gap) / span) * feasibilityValue).toFixed(1));
}

function scoreDimension(
  instrument: Instrument,
  dimension: Dimension,
  questions: ReadonlyMap<string, Question>,
  answers: AnswerLookup,
  options: ScoreOptions,
): DimensionResult {
  const contributions: QuestionContribution[] = [];
  let weighted = 0;
  let weights = 0;
  let applicable = 0;
  let done = 0;
  let notApplicable = 0;
  for (const question of instrument.questions) {
    if (question.dimension !== dimension.id) continue;
    const contribution = (status: QuestionStatus, share: number | null = null) =>
      contributions.push({ questionId: question.id, status, share, weight: question.weight });
    if (!questionApplies(question, questions, answers)) {
      contribution('skipped');
      continue;
    }
    applicable += 1;
    const answer = answers.get(question.id);
    if (answer?.notApplicable) {
      done += 1;
      notApplicable += 1;
      contribution('not-applicable');
      continue;
    }
    if (!answer || answer.value === null) {
      contribution('unanswered');
      continue;
    }
    done += 1;
    const share = isScored(question) ? answerShare(question, answer.value) : null;
    if (share === null) {
      contribution('unscored');
      continue;
    }
    weighted += question.weight * share;
    weights += question.weight;
    contribution('scored', share);
  }

  const { min, max, step } = instrument.scale;
  const score = weights > 0 ? roundToStep(min + (max - min) * (weighted / weights), step) : null;
  const goal = options.targets?.get(dimension.id);
  const gap = score !== null && goal ? Number((goal.target - score).toFixed(decimalsOf(step))) : null;
  const { value: feasible, considered } = feasibility(dimension, options.barriers);
  return {
    dimensionId: dimension.id,
    score,
    band: score === null ? null : bandFor(instrument, score),
    applicable,
    done,
    notApplicable,
    scoredAnswers: contributions.filter((c) => c.status === 'scored').length,
    completeness: applicable === 0 ? 1 : done / applicable,
    contributions,
    target: goal?.target ?? null,
    importance: goal?.importance ?? null,
    gap,
    feasibility: Number(feasible.toFixed(3)),
    barriersConsidered: considered,
    priority: gap !== null && goal ? priority(goal.importance, gap, max - min, feasible) : null,
  };
}

export function toAnswerLookup(answers: Iterable<AnswerRecord>): AnswerLookup {
  return new Map([...answers].map((answer) => [answer.questionId, answer]));
}

export function scoreInstrument(instrument: Instrument, answers: AnswerLookup, options: ScoreOptions = {}): InstrumentResult {
  const questions = new Map(instrument.questions.map((q) => [q.id, q]));
  const dimensions = instrument.dimensions.map((d) => scoreDimension(instrument, d, questions, answers, options));
  const scored = instrument.dimensions.map((d, i) => ({ weight: d.weight, score: dimensions[i]!.score })).filter((d) => d.score !== null);
  let overall: InstrumentResult['overall'] = null;
  if (instrument.kind === 'maturity' && scored.length > 0) {
    const total = scored.reduce((sum, d) => sum + d.weight, 0);
    const score = roundToStep(scored.reduce((sum, d) => sum + d.weight * d.score!, 0) / total, instrument.scale.step);
    overall = { score, band: bandFor(instrument, score) };
  }
  const applicable = dimensions.reduce((sum, d) => sum + d.applicable, 0);
  const done = dimensions.reduce((sum, d) => sum + d.done, 0);
  const unansweredIds = new Set(dimensions.flatMap((d) => d.contributions.filter((c) => c.status === 'unanswered').map((c) => c.questionId)));
  return {
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    dimensions,
    overall,
    applicable,
    done,
    completeness: applicable === 0 ? 1 : done / applicable,
    unanswered: instrument.questions.filter((q) => unansweredIds.has(q.id)).map((q) => q.id),
  };
}

/** Barrier ratings (0–3) from a diagnostic's answers: each barrier question's chosen option points. */
export function barrierRatingsFrom(instrument: Instrument, answers: AnswerLookup): BarrierRatings {
  const ratings: BarrierRatings = {};
  for (const question of instrument.questions) {
    if (!question.barrier || question.type !== 'single') continue;
    const answer = answers.get(question.id);
    const option = question.options.find((o) => o.id === answer?.value);
    if (option && !answer?.notApplicable) ratings[question.barrier] = option.points;
  }
  return ratings;
}

export interface DimensionDelta {
  dimensionId: string;
  baseline: number | null;
  current: number | null;
  delta: number | null;
}

/** Follow-up (T1) against baseline (T0), dimension by dimension, matched by dimension id. */
export function compareWithBaseline(current: InstrumentResult, baseline: InstrumentResult, step: number): DimensionDelta[] {
  return current.dimensions.map((dimension) => {
    const before = baseline.dimensions.find((d) => d.dimensionId === dimension.dimensionId)?.score ?? null;
    return {
      dimensionId: dimension.dimensionId,
      baseline: before,
      current: dimension.score,
      delta: before !== null && dimension.score !== null ? roundToStep(dimension.score - before, step) : null,
    };
  });
}
