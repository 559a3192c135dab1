import { z } from 'zod';
import { text } from '../text/text-schema';
import { AnswerValueSchema, instrumentLocales, LocalizedTextSchema } from '../instruments/schema';
import { InstrumentResultSchema } from '../scoring/result-schema';
import { IdSchema, SyncedRowSchema } from '../sync/row';

const Slug = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/);

export const assessmentKinds = ['baseline', 'follow-up'] as const;
export const assessmentStatuses = ['draft', 'finalised', 'superseded'] as const;
export const ReportLanguageSchema = z.enum(instrumentLocales);

export const InstrumentRefSchema = z.object({ id: Slug, version: z.string() });
export type InstrumentRef = z.infer<typeof InstrumentRefSchema>;

export const InstrumentSummarySchema = z.object({
  id: Slug,
  version: z.string(),
  kind: z.enum(['maturity', 'diagnostic']),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  questionCount: z.number().int(),
  dimensionCount: z.number().int(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummarySchema>;

export const AssessmentCreateSchema = z
  .object({
    companyId: IdSchema,
    kind: z.enum(assessmentKinds).default('baseline'),
    /** For a follow-up: the finalised baseline it is compared with. */
    baselineId: IdSchema.nullable().default(null),
    /** Instrument ids; the newest version available is used unless one is named. */
    instruments: z
      .array(z.object({ id: Slug, version: z.string().optional() }).strict())
      .min(1, { message: 'validation.chooseInstrument' })
      .max(5),
    visitDate: z.iso.date({ message: 'validation.date' }),
    peoplePresent: text(1000, { trim: false }).default(''),
    reportLanguage: ReportLanguageSchema.default('en'),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === 'follow-up' && !input.baselineId) {
      ctx.addIssue({ code: 'custom', path: ['baselineId'], message: 'validation.baselineRequired' });
    }
    if (input.kind === 'baseline' && input.baselineId) {
      ctx.addIssue({ code: 'custom', path: ['baselineId'], message: 'validation.baselineOnlyForFollowUp' });
    }
  });
export type AssessmentCreate = z.input<typeof AssessmentCreateSchema>;

export const AssessmentSchema = SyncedRowSchema.extend({
  companyId: IdSchema,
  kind: z.enum(assessmentKinds),
  baselineId: IdSchema.nullable(),
  revisionOf: IdSchema.nullable(),
  status: z.enum(assessmentStatuses),
  visitDate: z.string(),
  peoplePresent: z.string(),
  reportLanguage: ReportLanguageSchema,
  finalisedAt: z.string().nullable(),
  instruments: z.array(InstrumentRefSchema),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** An answer as it may arrive from a caller: text bounded like a note, lists no longer than any question's options. */
const BoundedAnswerValueSchema = z.union([z.number().finite(), text(5000, { trim: false }), z.boolean(), z.array(z.string().max(100)).max(100)]);

export const AnswerSaveSchema = z
  .object({
    assessmentId: IdSchema,
    instrumentId: Slug,
    questionId: Slug,
    value: BoundedAnswerValueSchema.nullable().default(null),
    notApplicable: z.boolean().default(false),
    note: text(5000, { trim: false }).default(''),
    flagged: z.boolean().default(false),
  })
  .strict();
export type AnswerSave = z.input<typeof AnswerSaveSchema>;

export const AnswerSchema = z.object({
  instrumentId: z.string(),
  questionId: z.string(),
  value: AnswerValueSchema.nullable(),
  notApplicable: z.boolean(),
  note: z.string(),
  flagged: z.boolean(),
  updatedAt: z.string(),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const TargetSaveSchema = z
  .object({
    assessmentId: IdSchema,
    instrumentId: Slug,
    dimensionId: Slug,
    target: z.number().finite().nullable(),
    importance: z.number().int().min(1).max(5).nullable(),
  })
  .strict();
export type TargetSave = z.input<typeof TargetSaveSchema>;

export const TargetSchema = z.object({
  instrumentId: z.string(),
  dimensionId: z.string(),
  target: z.number().nullable(),
  importance: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof TargetSchema>;

export const PositionSchema = z.object({ instrumentId: Slug, questionId: Slug });
export type Position = z.infer<typeof PositionSchema>;

export const AssessmentDetailSchema = z.object({
  assessment: AssessmentSchema,
  answers: z.array(AnswerSchema),
  targets: z.array(TargetSchema),
  /** Where the adviser left off on this device, to resume there. */
  position: PositionSchema.nullable(),
});

export const AssessmentSummarySchema = AssessmentSchema.extend({
  /** Overall score and band of each maturity instrument, for lists. */
  scores: z.array(z.object({ instrumentId: z.string(), score: z.number().nullable(), band: z.string().nullable() })),
  completeness: z.number(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummarySchema>;

export const AssessmentUpdateSchema = z
  .object({
    id: IdSchema,
    visitDate: z.iso.date({ message: 'validation.date' }),
    peoplePresent: text(1000, { trim: false }),
    reportLanguage: ReportLanguageSchema,
  })
  .strict();
export type AssessmentDetail = z.infer<typeof AssessmentDetailSchema>;

export const AssessmentResultsSchema = z.object({
  assessmentId: IdSchema,
  instruments: z.array(InstrumentResultSchema),
  /** Barrier ratings 0–3 from the stepping-stones diagnostic, when the visit included it. */
  barriers: z.record(z.string(), z.number()),
});
export type AssessmentResults = z.infer<typeof AssessmentResultsSchema>;
