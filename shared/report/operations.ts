import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { IdSchema } from '../sync/row';

export const reportOperations = {
  /** The SME's PDF roadmap; base64 so it travels through IPC and the HTTP bridge alike. */
  'report.pdf': defineOperation(
    z.object({ assessmentId: IdSchema }).strict(),
    z.object({ fileName: z.string(), base64: z.string() }),
  ),
};
