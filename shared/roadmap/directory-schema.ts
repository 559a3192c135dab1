import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { countries, naceCodes } from '../clients/sectors';
import { IdSchema } from '../sync/row';
import { requiredText, text } from '../text/text-schema';
import { DirectoriesSchema, technologyAreas } from './catalogue-schema';

export const directoryNames = ['peers', 'intermediaries', 'trainingProviders', 'fundingSchemes'] as const;
export type DirectoryName = (typeof directoryNames)[number];

/** A peer, intermediary, course or funding scheme the adviser knows, added beside the shipped examples. */
export const OwnEntryInputSchema = z
  .object({
    id: IdSchema.optional(),
    directory: z.enum(directoryNames),
    name: requiredText(160),
    country: z.enum(countries),
    regions: z.array(requiredText(100)).max(20).default([]),
    description: text(600).default(''),
    areas: z.array(z.enum(technologyAreas)).max(technologyAreas.length).default([]),
    /** For peers: the NACE divisions of firms that would learn most from a visit. */
    sectors: z.array(z.enum(naceCodes)).max(naceCodes.length).default([]),
  })
  .strict();
export type OwnEntryInput = z.input<typeof OwnEntryInputSchema>;

export const OwnEntrySchema = OwnEntryInputSchema.extend({ id: IdSchema, updatedAt: z.string() });
export type OwnEntry = z.infer<typeof OwnEntrySchema>;

/**
 * `own`: entries this user wrote (an adviser's own, or on the office's device the entries it publishes);
 * `programme`: entries the programme office published, read-only on an adviser's device.
 */
export const DirectoriesViewSchema = z.object({ examples: DirectoriesSchema, own: z.array(OwnEntrySchema), programme: z.array(OwnEntrySchema) });

export const directoryOperations = {
  'directories.list': defineOperation(z.object({}).strict(), DirectoriesViewSchema),
  'directories.save': defineOperation(OwnEntryInputSchema, OwnEntrySchema),
  'directories.remove': defineOperation(z.object({ id: IdSchema }).strict(), z.object({ id: IdSchema })),
};
