import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { IdSchema } from '../sync/row';

/** A definition file as the office picked it; validated by the service, so a bad file gets every problem listed. */
const DefinitionFileSchema = z.object({ text: z.string().min(1).max(4_000_000) }).strict();

/**
 * What only the programme office does: publish instrument and catalogue versions for every
 * adviser's next sync, bring in a bundle an adviser without network sent, and erase a firm on request.
 * Each needs the hub, so each fails with a clear error while it cannot be reached.
 */
export const officeOperations = {
  'office.publishInstrument': defineOperation(DefinitionFileSchema, z.object({ id: z.string(), version: z.string() })),
  'office.publishCatalogue': defineOperation(DefinitionFileSchema, z.object({ version: z.string() })),
  'office.importBundle': defineOperation(
    z.object({ base64: z.string().min(1).max(360_000_000) }).strict(),
    z.object({
      /** Changes the hub stored, those stored with a conflict included. */
      accepted: z.number().int().nonnegative(),
      /** Of the accepted changes, those stored with a conflict record for the adviser to settle. */
      conflicts: z.number().int().nonnegative(),
      duplicates: z.number().int().nonnegative(),
      /** Changes the hub refused; they were not stored. */
      rejected: z.number().int().nonnegative(),
    }),
  ),
  /** Removes the firm's personal data on the hub now and on every device at its next sync. */
  'office.eraseFirm': defineOperation(z.object({ companyId: IdSchema }).strict(), z.object({ companyId: IdSchema, erasedAt: z.string() })),
};
