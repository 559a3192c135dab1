import { z } from 'zod';
import { requiredText, text } from '../text/text-schema';
import { barrierIds, driverIds } from '../instruments/schema';
import { IdSchema } from '../sync/row';
import { costBands, StepSchema } from './catalogue-schema';
import { horizons } from './generator';


export const HorizonSchema = z.enum(horizons);
export const stepStatuses = ['planned', 'in-progress', 'done', 'dropped'] as const;

export const WhySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gap'), instrument: z.string(), dimension: z.string(), priority: z.number() }),
  z.object({ kind: z.literal('barrier'), barrier: z.enum(barrierIds), rating: z.number() }),
  z.object({ kind: z.literal('driver'), driver: z.enum(driverIds) }),
  z.object({ kind: z.literal('prerequisite'), of: z.string() }),
]);

export const EnablerLinkSchema = z.object({
  directory: z.enum(['peers', 'intermediaries', 'trainingProviders', 'fundingSchemes']),
  id: z.string(),
  name: z.string(),
});

export const RoadmapStepSchema = z.object({
  id: IdSchema,
  origin: z.enum(['generated', 'custom', 'carried']),
  horizon: HorizonSchema,
  position: z.number().int(),
  /** The catalogue entry behind the step, for its text in every language; null for the adviser's own step. */
  catalogueStep: StepSchema.nullable(),
  /** The adviser's own wording; null keeps the catalogue's. */
  title: z.string().nullable(),
  description: z.string().nullable(),
  effortDays: z.number().nullable(),
  costBand: z.enum(costBands).nullable(),
  kpi: z.string().nullable(),
  owner: z.string(),
  targetMonth: z.string().nullable(),
  status: z.enum(stepStatuses).nullable(),
  carriedFrom: IdSchema.nullable(),
  edited: z.boolean(),
  pinned: z.boolean(),
  why: z.array(WhySchema),
  enabler: EnablerLinkSchema.nullable(),
  updatedAt: z.string(),
});
export type RoadmapStep = z.infer<typeof RoadmapStepSchema>;

export const RoadmapSchema = z.object({
  assessmentId: IdSchema,
  steps: z.array(RoadmapStepSchema),
  /** Steps removed since the roadmap was made, so a removal can be undone. */
  removed: z.array(RoadmapStepSchema),
});
export type Roadmap = z.infer<typeof RoadmapSchema>;

const TargetMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });

export const StepUpdateSchema = z
  .object({
    id: IdSchema,
    title: requiredText(200).nullable().optional(),
    description: text(2000).nullable().optional(),
    effortDays: z.number().min(0).max(10_000).nullable().optional(),
    costBand: z.enum(costBands).nullable().optional(),
    kpi: text(300).nullable().optional(),
    owner: text(120).optional(),
    targetMonth: TargetMonth.nullable().optional(),
    pinned: z.boolean().optional(),
    status: z.enum(stepStatuses).nullable().optional(),
  })
  .strict();
export type StepUpdate = z.input<typeof StepUpdateSchema>;

export const StepMoveSchema = z.object({ id: IdSchema, horizon: HorizonSchema, position: z.number().int().min(0).max(1000) }).strict();

export const StepAddSchema = z
  .object({
    assessmentId: IdSchema,
    horizon: HorizonSchema,
    title: requiredText(200),
    description: text(2000).default(''),
    owner: text(120).default(''),
    targetMonth: TargetMonth.nullable().default(null),
  })
  .strict();
