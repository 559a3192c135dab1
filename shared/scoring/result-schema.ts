import { z } from 'zod';
import { barrierIds } from '../instruments/schema';

export const QuestionContributionSchema = z.object({
  questionId: z.string(),
  status: z.enum(['scored', 'not-applicable', 'skipped', 'unanswered', 'unscored']),
  /** Share of full marks, 0–1, for scored questions. */
  share: z.number().nullable(),
  weight: z.number(),
});

export const DimensionResultSchema = z.object({
  dimensionId: z.string(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  /** Questions that apply here (any type). */
  applicable: z.number().int(),
  /** Applicable questions answered or marked not applicable. */
  done: z.number().int(),
  notApplicable: z.number().int(),
  /** Scored answers the score rests on. */
  scoredAnswers: z.number().int(),
  completeness: z.number(),
  contributions: z.array(QuestionContributionSchema),
  target: z.number().nullable(),
  importance: z.number().nullable(),
  gap: z.number().nullable(),
  feasibility: z.number(),
  barriersConsidered: z.array(z.enum(barrierIds)),
  priority: z.number().nullable(),
});

export const InstrumentResultSchema = z.object({
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  dimensions: z.array(DimensionResultSchema),
  overall: z.object({ score: z.number(), band: z.string().nullable() }).nullable(),
  applicable: z.number().int(),
  done: z.number().int(),
  completeness: z.number(),
  /** Applicable questions with neither an answer nor a not-applicable mark, in questionnaire order. */
  unanswered: z.array(z.string()),
});

export type QuestionContribution = z.infer<typeof QuestionContributionSchema>;
export type QuestionStatus = QuestionContribution['status'];
export type DimensionResult = z.infer<typeof DimensionResultSchema>;
export type InstrumentResult = z.infer<typeof InstrumentResultSchema>;
