import { z } from 'zod';
import { defineOperation } from '../api/operation';

export const AppInfoSchema = z.object({
  version: z.string(),
  deviceId: z.string(),
  dataDirectory: z.string(),
  schemaVersion: z.string(),
  /** Local changes not yet accepted by the programme office's hub. */
  pendingChanges: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appOperations = {
  'app.info': defineOperation(z.object({}).strict(), AppInfoSchema),
};
