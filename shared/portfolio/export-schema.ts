import { z } from 'zod';
import { countries, employeeBands, naceCodes, turnoverBands } from '../clients/sectors';
import { AnswerValueSchema, barrierIds } from '../instruments/schema';
import { IdSchema } from '../sync/row';
import { assessmentKinds, portfolioStatuses, PortfolioFilterSchema } from './schema';

/** Names the document, so a CRM or a funder's script can tell it from any other JSON file. */
export const PORTFOLIO_EXPORT_FORMAT = 'stepping-stones/portfolio-export';
/** Raised whenever a field changes meaning or disappears; adding a field keeps the version. */
export const PORTFOLIO_EXPORT_VERSION = 1;

/**
 * A personal value: null when the firm has not agreed to share, or was erased. Null, not an empty
 * string, so a reader can tell "left out" from "never filled in".
 */
const personal = z.string().nullable();

export const ExportedContactSchema = z
  .object({ name: personal, role: personal, email: personal, phone: personal })
  .strict();

export const ExportedAnnotationSchema = z
  .object({ id: IdSchema, assessmentId: IdSchema.nullable(), body: personal, author: personal, createdAt: z.string() })
  .strict();

export const ExportedFirmSchema = z
  .object({
    id: IdSchema,
    /** The firm's name, or a stable pseudonym such as "Firm 3f2a9c" when its personal data is left out. */
    name: z.string(),
    consentToShare: z.boolean(),
    erased: z.boolean(),
    /** False when the personal fields below were left out. */
    personalData: z.boolean(),
    registrationNumber: personal,
    street: personal,
    town: personal,
    postcode: personal,
    region: z.string(),
    country: z.enum(countries),
    naceCode: z.enum(naceCodes),
    employeeBand: z.enum(employeeBands),
    turnoverBand: z.enum(turnoverBands),
    contacts: z.array(ExportedContactSchema),
    annotations: z.array(ExportedAnnotationSchema),
  })
  .strict();

export const ExportedScoreSchema = z
  .object({ instrumentId: z.string(), dimensionId: z.string(), score: z.number().nullable(), bandId: z.string().nullable() })
  .strict();

export const ExportedAnswerSchema = z
  .object({
    instrumentId: z.string(),
    instrumentVersion: z.string(),
    questionId: z.string(),
    value: AnswerValueSchema.nullable(),
    notApplicable: z.boolean(),
    flagged: z.boolean(),
    note: personal,
  })
  .strict();

export const ExportedStepSchema = z
  .object({
    id: IdSchema,
    catalogueStepId: z.string().nullable(),
    title: z.string(),
    horizon: z.enum(['now', 'next', 'later']),
    position: z.number().int(),
    origin: z.enum(['generated', 'custom', 'carried']),
    status: z.enum(['planned', 'in-progress', 'done', 'dropped']).nullable(),
    effortDays: z.number().nullable(),
    costBand: z.string().nullable(),
    targetMonth: z.string().nullable(),
    owner: personal,
  })
  .strict();

export const ExportedAssessmentSchema = z
  .object({
    id: IdSchema,
    firm: ExportedFirmSchema,
    adviser: z.object({ id: z.string(), name: z.string() }).strict(),
    kind: z.enum(assessmentKinds),
    status: z.enum(portfolioStatuses),
    baselineId: IdSchema.nullable(),
    revisionOf: IdSchema.nullable(),
    visitDate: z.iso.date(),
    finalisedAt: z.string().nullable(),
    reportLanguage: z.string(),
    peoplePresent: personal,
    instruments: z.array(z.object({ id: z.string(), version: z.string() }).strict()),
    /** Mean of the digital-maturity dimensions' scores, when answered. */
    maturity: z.number().nullable(),
    scores: z.array(ExportedScoreSchema),
    barriers: z.array(z.object({ barrierId: z.enum(barrierIds), rating: z.number().int().min(0).max(3) }).strict()),
    steps: z.array(ExportedStepSchema),
    answers: z.array(ExportedAnswerSchema),
  })
  .strict();
export type ExportedAssessment = z.infer<typeof ExportedAssessmentSchema>;

export const PortfolioExportSchema = z
  .object({
    format: z.literal(PORTFOLIO_EXPORT_FORMAT),
    version: z.literal(PORTFOLIO_EXPORT_VERSION),
    exportedAt: z.iso.datetime(),
    language: z.enum(['en', 'da', 'sv']),
    /** The filter, but never the firm-name search itself: it may name a firm that did not consent. */
    filter: PortfolioFilterSchema.omit({ search: true }).extend({ searchedByName: z.boolean() }),
    assessments: z.array(ExportedAssessmentSchema),
  })
  .strict();
export type PortfolioExport = z.infer<typeof PortfolioExportSchema>;
