import { z } from 'zod';
import { naceCodes, countries } from '../clients/sectors';
import { barrierIds, driverIds, instrumentLocales, LocalizedTextSchema } from '../instruments/schema';

const Slug = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'use lower-case letters, digits, - and .');

export const technologyAreas = [
  'shop-floor-data',
  'planning-erp',
  'mes',
  'sensors-condition-monitoring',
  'energy-monitoring',
  'quality-vision',
  'cobots-automation',
  'digital-work-instructions',
  'cad-cam',
  'additive-manufacturing',
  'cloud-collaboration',
  'cyber-security',
  'data-analytics-ai',
  'ecommerce-portals',
  'digital-skills',
  'strategy-support',
] as const;
export type TechnologyArea = (typeof technologyAreas)[number];

/** The four ways firms are carried across barriers (DESIGN.md §1). */
export const mechanisms = ['collective-skills', 'co-opetition', 'intermediary', 'peer-learning'] as const;
export type Mechanism = (typeof mechanisms)[number];

/** Euro-equivalent bands; the diagnostic's budget bands use the same edges. */
export const costBands = ['none', 'under-5k', '5k-25k', '25k-100k', 'over-100k'] as const;
export type CostBand = (typeof costBands)[number];

export const StepSchema = z
  .object({
    id: Slug,
    area: z.enum(technologyAreas),
    /** Enabling steps (a peer visit, impartial advice, a shared course, a grant application) lower barriers; the others raise maturity. */
    kind: z.enum(['enabling', 'technology']),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    /** Dimensions of a maturity instrument this step raises, and by how much on that instrument's scale. */
    raises: z.array(z.object({ instrument: Slug, dimension: Slug, by: z.number().positive() }).strict()).default([]),
    prerequisites: z
      .object({
        steps: z.array(Slug).default([]),
        /** The firm must already be at least this far in a dimension for the step to make sense. */
        minimumScores: z.array(z.object({ instrument: Slug, dimension: Slug, score: z.number() }).strict()).default([]),
      })
      .strict()
      .default({ steps: [], minimumScores: [] }),
    /** Person-days of the firm's own people. */
    effortDays: z.number().min(0),
    costBand: z.enum(costBands),
    /** Weeks from starting until the firm sees a result. */
    timeToValueWeeks: z.number().min(0),
    benefits: LocalizedTextSchema,
    kpi: LocalizedTextSchema,
    mitigates: z.array(z.enum(barrierIds)).default([]),
    /** Drivers of change this step serves. */
    drivers: z.array(z.enum(driverIds)).default([]),
    mechanisms: z.array(z.enum(mechanisms)).default([]),
    grantEligible: z.boolean(),
  })
  .strict();
export type Step = z.infer<typeof StepSchema>;

const DirectoryEntryBase = {
  id: Slug,
  name: z.string().min(1),
  /** Shipped example entries are labelled so no one mistakes them for real organisations. */
  example: z.boolean().default(false),
  country: z.enum(countries),
  /** Empty: the whole country. */
  regions: z.array(z.string()).default([]),
  description: LocalizedTextSchema,
  website: z.string().url().startsWith('https://').optional(),
  areas: z.array(z.enum(technologyAreas)).default([]),
};

export const DirectoriesSchema = z
  .object({
    peers: z.array(z.object({ ...DirectoryEntryBase, sectors: z.array(z.enum(naceCodes)).default([]) }).strict()),
    intermediaries: z.array(z.object({ ...DirectoryEntryBase, kind: z.string() }).strict()),
    trainingProviders: z.array(z.object(DirectoryEntryBase).strict()),
    fundingSchemes: z.array(z.object({ ...DirectoryEntryBase, maxGrantEur: z.number().positive().optional() }).strict()),
  })
  .strict();
export type Directories = z.infer<typeof DirectoriesSchema>;

export const CatalogueSchema = z
  .object({
    id: Slug,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'use a semantic version such as 1.0.0'),
    locales: z.array(z.enum(instrumentLocales)).min(1),
    steps: z.array(StepSchema).min(1),
    directories: DirectoriesSchema,
  })
  .strict();
export type Catalogue = z.infer<typeof CatalogueSchema>;
