import { z } from 'zod';

/** Languages every built-in instrument and catalogue is written in. */
export const instrumentLocales = ['en', 'da', 'sv'] as const;
export type InstrumentLocale = (typeof instrumentLocales)[number];

/**
 * Text in several languages. English is required by the schema; whether every other language the
 * instrument claims is present is checked by the validator, which names the path of each gap.
 */
export const LocalizedTextSchema = z.object({ en: z.string().min(1) }).catchall(z.string());
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const Slug = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'use lower-case letters, digits, - and .');
const SemVer = z.string().regex(/^\d+\.\d+\.\d+$/, 'use a semantic version such as 1.0.0');

/** The eight barriers of the stepping-stones diagnostic; feasibility and the roadmap read them by id. */
export const barrierIds = [
  'finance',
  'people-capacity',
  'uncertain-return',
  'vendor-distrust',
  'information-gap',
  'disruption-fear',
  'connectivity',
  'cyber-security',
] as const;
export type BarrierId = (typeof barrierIds)[number];

export const driverIds = [
  'productivity',
  'growth',
  'energy-sustainability',
  'skills-workforce',
  'supply-chain-resilience',
  'quality',
  'customer-requirements',
] as const;
export type DriverId = (typeof driverIds)[number];

export const AnswerValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

/** Ask a question only when an earlier answer makes it relevant. */
export const AppliesIfSchema = z
  .object({
    question: z.string(),
    equals: AnswerValueSchema.optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    /** For multiple choice: applies when this option is among those chosen. */
    includes: z.string().optional(),
  })
  .strict();
export type AppliesIf = z.infer<typeof AppliesIfSchema>;

const OptionSchema = z
  .object({
    id: Slug,
    label: LocalizedTextSchema,
    /** Points towards the dimension score; the best option sets the maximum. */
    points: z.number().min(0).default(0),
    /** In a multiple-choice question, choosing this option (such as "none") rules out the others. */
    exclusive: z.boolean().default(false),
  })
  .strict();

const questionBase = {
  id: Slug,
  /** The id of the dimension this question belongs to. */
  dimension: Slug,
  text: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  appliesIf: AppliesIfSchema.optional(),
  /** Relative weight inside its dimension. */
  weight: z.number().positive().default(1),
  /** For barrier questions of the diagnostic: which barrier the rating measures. */
  barrier: z.enum(barrierIds).optional(),
};

export const LevelQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('level'),
    /** One descriptor for each level 0–5: what an adviser would see at that level. */
    levels: z.array(z.object({ level: z.number().int().min(0).max(5), descriptor: LocalizedTextSchema }).strict()),
  })
  .strict();

export const SingleChoiceQuestionSchema = z
  .object({ ...questionBase, type: z.literal('single'), options: z.array(OptionSchema).min(2) })
  .strict();

export const MultipleChoiceQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('multi'),
    options: z.array(OptionSchema).min(2),
    /** Points at which the question counts as fully met; defaults to the sum of all options. */
    maxPoints: z.number().positive().optional(),
  })
  .strict();

export const NumberQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('number'),
    unit: LocalizedTextSchema,
    min: z.number(),
    max: z.number(),
    /** Thresholds, ascending: the highest one reached gives the share of full marks (0–1). Unscored without. */
    scoring: z.array(z.object({ atLeast: z.number(), score: z.number().min(0).max(1) }).strict()).optional(),
  })
  .strict();

export const YesNoQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal('yesno'),
    /** Points for each answer; unscored without. */
    points: z.object({ yes: z.number().min(0), no: z.number().min(0) }).strict().optional(),
  })
  .strict();

export const TextQuestionSchema = z.object({ ...questionBase, type: z.literal('text') }).strict();

/** Put options in order of importance (the diagnostic's drivers); never scored. */
export const RankingQuestionSchema = z
  .object({ ...questionBase, type: z.literal('ranking'), options: z.array(OptionSchema).min(2) })
  .strict();

export const QuestionSchema = z.discriminatedUnion('type', [
  LevelQuestionSchema,
  SingleChoiceQuestionSchema,
  MultipleChoiceQuestionSchema,
  NumberQuestionSchema,
  YesNoQuestionSchema,
  TextQuestionSchema,
  RankingQuestionSchema,
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];

export const DimensionSchema = z
  .object({
    id: Slug,
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    weight: z.number().positive().default(1),
    /** The id of a group (a pillar, or a building block) this dimension sits in. */
    group: Slug.optional(),
    /** Tags naming the matching parts of other frameworks, e.g. "edih-dma:2" or "sirii:process-3". */
    crosswalk: z.array(z.string()).default([]),
    /** Plain-language reading of each band for this dimension, keyed by band id. */
    interpretation: z.record(z.string(), LocalizedTextSchema).default({}),
    /** Barriers that make progress here harder; empty means every barrier counts equally. */
    barriers: z.array(z.enum(barrierIds)).default([]),
  })
  .strict();
export type Dimension = z.infer<typeof DimensionSchema>;

export const GroupSchema = z
  .object({
    id: Slug,
    kind: z.enum(['building-block', 'pillar', 'section']),
    title: LocalizedTextSchema,
    parent: Slug.optional(),
  })
  .strict();

export const BandSchema = z
  .object({ id: Slug, min: z.number(), max: z.number(), label: LocalizedTextSchema })
  .strict();
export type Band = z.infer<typeof BandSchema>;

export const InstrumentSchema = z
  .object({
    id: Slug,
    version: SemVer,
    /** A maturity instrument scores dimensions; a diagnostic records what the roadmap needs. */
    kind: z.enum(['maturity', 'diagnostic']),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    /** Languages the instrument is complete in. */
    locales: z.array(z.enum(instrumentLocales)).min(1),
    /** Range of a dimension score and the step it is reported in (1 for 0–100, 0.1 for 0–5). */
    scale: z.object({ min: z.number(), max: z.number(), step: z.number().positive() }).strict(),
    /** Contiguous bands over the scale, lowest first. */
    bands: z.array(BandSchema).min(1),
    groups: z.array(GroupSchema).default([]),
    dimensions: z.array(DimensionSchema).min(1),
    questions: z.array(QuestionSchema).min(1),
  })
  .strict();
export type Instrument = z.infer<typeof InstrumentSchema>;
export type InstrumentInput = z.input<typeof InstrumentSchema>;
