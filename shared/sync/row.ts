import { z } from 'zod';

export const IdSchema = z.uuid({ message: 'validation.id' });

/** Columns every synced row carries, as the API shows them. */
export const SyncedRowSchema = z.object({
  id: IdSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.string().nullable(),
});
export type SyncedRow = z.infer<typeof SyncedRowSchema>;
