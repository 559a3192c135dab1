import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { barrierIds } from '../instruments/schema';
import { countries, employeeBands, naceCodes } from '../clients/sectors';
import { IdSchema } from '../sync/row';
import { requiredText, text } from '../text/text-schema';

const LanguageSchema = z.enum(['en', 'da', 'sv']);
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });

/** The statuses the portfolio counts; a superseded revision is replaced by its newer one and never counted. */
export const portfolioStatuses = ['draft', 'finalised'] as const;
export const assessmentKinds = ['baseline', 'follow-up'] as const;

/**
 * Which assessments a portfolio view, list or export covers. An empty list means no restriction;
 * months compare against the visit date.
 */
export const PortfolioFilterSchema = z
  .object({
    statuses: z.array(z.enum(portfolioStatuses)).max(portfolioStatuses.length).default([]),
    kinds: z.array(z.enum(assessmentKinds)).max(assessmentKinds.length).default([]),
    adviserIds: z.array(z.string().min(1).max(100)).max(500).default([]),
    regions: z.array(requiredText(100)).max(500).default([]),
    countries: z.array(z.enum(countries)).max(countries.length).default([]),
    naceCodes: z.array(z.enum(naceCodes)).max(naceCodes.length).default([]),
    employeeBands: z.array(z.enum(employeeBands)).max(employeeBands.length).default([]),
    fromMonth: MonthSchema.nullable().default(null),
    toMonth: MonthSchema.nullable().default(null),
    /** Part of a firm's name. */
    search: text(200).default(''),
  })
  .strict();
export type PortfolioFilter = z.input<typeof PortfolioFilterSchema>;
export type ParsedPortfolioFilter = z.output<typeof PortfolioFilterSchema>;

/** A firm whose adviser is not known to this device (its own firms on an adviser's laptop). */
export const UNKNOWN_ADVISER = 'unknown';

const CountSchema = z.object({ key: z.string(), label: z.string(), count: z.number().int().nonnegative() });
export type Count = z.infer<typeof CountSchema>;

export const DimensionDistributionSchema = z.object({
  instrumentId: z.string(),
  dimensionId: z.string(),
  dimension: z.string(),
  /** Assessments in each of the instrument's bands, in the instrument's order. */
  bands: z.array(z.object({ bandId: z.string(), label: z.string(), count: z.number().int().nonnegative() })),
  mean: z.number().nullable(),
  scored: z.number().int().nonnegative(),
});
export type DimensionDistribution = z.infer<typeof DimensionDistributionSchema>;

export const DimensionUpliftSchema = z.object({
  instrumentId: z.string(),
  dimensionId: z.string(),
  dimension: z.string(),
  baselineMean: z.number(),
  followUpMean: z.number(),
  change: z.number(),
  pairs: z.number().int().nonnegative(),
});
export type DimensionUplift = z.infer<typeof DimensionUpliftSchema>;

export const BarrierFrequencySchema = z.object({
  barrierId: z.enum(barrierIds),
  label: z.string(),
  /** Assessments that rated the barrier moderate or high (2 or 3 of 3). */
  significant: z.number().int().nonnegative(),
  rated: z.number().int().nonnegative(),
  meanRating: z.number().nullable(),
});
export type BarrierFrequency = z.infer<typeof BarrierFrequencySchema>;

export const StepFrequencySchema = z.object({ stepId: z.string(), title: z.string(), count: z.number().int().nonnegative() });
export type StepFrequency = z.infer<typeof StepFrequencySchema>;

export const PortfolioSchema = z.object({
  total: z.number().int().nonnegative(),
  firms: z.number().int().nonnegative(),
  counts: z.object({
    status: z.array(CountSchema),
    adviser: z.array(CountSchema),
    region: z.array(CountSchema),
    sector: z.array(CountSchema),
    sizeBand: z.array(CountSchema),
    month: z.array(CountSchema),
  }),
  maturity: z.array(DimensionDistributionSchema),
  uplift: z.object({ firms: z.number().int().nonnegative(), dimensions: z.array(DimensionUpliftSchema) }),
  barriers: z.array(BarrierFrequencySchema),
  steps: z.object({ recommended: z.array(StepFrequencySchema), completed: z.array(StepFrequencySchema) }),
});
export type Portfolio = z.infer<typeof PortfolioSchema>;

/** What the filter controls offer, from every assessment on the device whatever the filter. */
export const PortfolioOptionsSchema = z.object({
  advisers: z.array(z.object({ id: z.string(), name: z.string() })),
  regions: z.array(z.string()),
  countries: z.array(z.enum(countries)),
  naceCodes: z.array(z.enum(naceCodes)),
  months: z.array(z.string()),
});
export type PortfolioOptions = z.infer<typeof PortfolioOptionsSchema>;

export const portfolioSortKeys = ['visitDate', 'firm', 'region', 'adviser', 'status', 'maturity'] as const;

export const PortfolioRowSchema = z.object({
  assessmentId: IdSchema,
  companyId: IdSchema,
  firm: z.string(),
  /** The firm was erased on request: only its anonymous facts are left. */
  erased: z.boolean(),
  consentToShare: z.boolean(),
  region: z.string(),
  country: z.enum(countries),
  naceCode: z.enum(naceCodes),
  employeeBand: z.enum(employeeBands),
  adviserId: z.string(),
  adviser: z.string(),
  kind: z.enum(assessmentKinds),
  status: z.enum(portfolioStatuses),
  visitDate: z.string(),
  /** Mean of the digital-maturity dimensions' scores, when answered. */
  maturity: z.number().nullable(),
});
export type PortfolioRow = z.infer<typeof PortfolioRowSchema>;

export const exportFormats = ['csv', 'csv-answers', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const AnnotationSchema = z.object({
  id: IdSchema,
  companyId: IdSchema,
  assessmentId: IdSchema.nullable(),
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

const PortfolioQuerySchema = z.object({ filter: PortfolioFilterSchema.default(PortfolioFilterSchema.parse({})), language: LanguageSchema }).strict();

export const portfolioOperations = {
  'portfolio.options': defineOperation(z.object({}).strict(), PortfolioOptionsSchema),
  'portfolio.summary': defineOperation(PortfolioQuerySchema, PortfolioSchema),
  'portfolio.assessments': defineOperation(
    PortfolioQuerySchema.extend({
      sort: z.enum(portfolioSortKeys).default('visitDate'),
      direction: z.enum(['asc', 'desc']).default('desc'),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }).strict(),
    z.object({ total: z.number().int().nonnegative(), rows: z.array(PortfolioRowSchema) }),
  ),
  /** The filtered portfolio as a file; firms without consent to share keep only their anonymous facts. */
  'portfolio.export': defineOperation(
    PortfolioQuerySchema.extend({ format: z.enum(exportFormats) }).strict(),
    z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  ),
  'annotations.list': defineOperation(z.object({ companyId: IdSchema }).strict(), z.array(AnnotationSchema)),
  /** Only the programme office annotates; advisers receive the notes read-only. */
  'annotations.add': defineOperation(
    z.object({ companyId: IdSchema, assessmentId: IdSchema.nullable().default(null), body: requiredText(4000) }).strict(),
    AnnotationSchema,
  ),
  'annotations.remove': defineOperation(z.object({ id: IdSchema }).strict(), z.object({ id: IdSchema })),
};
