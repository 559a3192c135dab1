import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { RoleSchema } from './protocol';

/** Why the last sync did not finish, as a code the renderer turns into plain words. */
export const syncProblemCodes = [
  /** No answer from the hub: no network, wrong address, or the hub is down. */
  'unreachable',
  /** The hub no longer knows this device's token: revoked, or the hub was reset. Enrol again. */
  'unauthorized',
  /** The enrolment code is wrong, used or expired. */
  'invalid_code',
  /** The hub runs an older version than this app and cannot take its changes yet. */
  'hub_too_old',
  /** The hub asked the device to slow down; it retries by itself. */
  'rate_limited',
  /** The hub refused some changes; they stay on this device and are listed. */
  'rejected',
  /** The hub failed; the device retries later. */
  'server_error',
] as const;
export const SyncProblemCodeSchema = z.enum(syncProblemCodes);
export type SyncProblemCode = z.infer<typeof SyncProblemCodeSchema>;

export const SyncStatusSchema = z.object({
  enrolled: z.boolean(),
  hubUrl: z.string().nullable(),
  programmeName: z.string().nullable(),
  userName: z.string().nullable(),
  role: RoleSchema.nullable(),
  syncing: z.boolean(),
  /** When a sync last finished with nothing left to send or fetch (ISO time). */
  lastSyncedAt: z.string().nullable(),
  /** Local changes the hub has not yet acknowledged. */
  pendingChanges: z.number().int().nonnegative(),
  /** Local changes the hub refused; kept on the device. */
  rejectedChanges: z.number().int().nonnegative(),
  openConflicts: z.number().int().nonnegative(),
  problem: z.object({ code: SyncProblemCodeSchema, detail: z.string() }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** http is accepted only for this machine; anything reaching another machine must be https. */
export const HubUrlSchema = z
  .url({ message: 'validation.hubUrl' })
  .max(400)
  .refine((value) => /^https:\/\//i.test(value) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(value), {
    message: 'validation.hubUrlHttps',
  });

const ConflictValueSchema = z.object({
  /** The value as people read it (an answer's level, a note's text); '' for empty. */
  display: z.string(),
  /** When it was written, as ISO time from its clock. */
  writtenAt: z.string(),
  /** Whether this device wrote it. */
  thisDevice: z.boolean(),
});

export const SyncConflictSchema = z.object({
  id: z.string(),
  table: z.string(),
  field: z.string(),
  /** What the value belongs to, e.g. the firm's name and the question's text, in the asked language. */
  firm: z.string().nullable(),
  subject: z.string(),
  /** The value that won by clock and is in the data now. */
  kept: ConflictValueSchema,
  /** The concurrent value that lost, kept here so the adviser can choose it. */
  other: ConflictValueSchema,
});
export type SyncConflict = z.infer<typeof SyncConflictSchema>;

export const syncOperations = {
  'sync.status': defineOperation(z.object({}).strict(), SyncStatusSchema),
  'sync.enrol': defineOperation(
    z.object({ hubUrl: HubUrlSchema, code: z.string().trim().min(6, { message: 'validation.enrolCode' }).max(64) }).strict(),
    SyncStatusSchema,
  ),
  /** Push then pull until nothing is left; resolves with the status when done or failed. */
  'sync.now': defineOperation(z.object({}).strict(), SyncStatusSchema),
  /** Forget the hub and its token; local data and unsent changes stay. */
  'sync.leave': defineOperation(z.object({}).strict(), SyncStatusSchema),
  'sync.conflicts': defineOperation(z.object({ language: z.enum(['en', 'da', 'sv']) }).strict(), z.array(SyncConflictSchema)),
  /** Keep the current value, or put the other one back; either way the conflict is closed everywhere on the next sync. */
  'sync.resolveConflict': defineOperation(
    z.object({ id: z.string(), choice: z.enum(['kept', 'other']) }).strict(),
    z.object({ id: z.string() }),
  ),
  /** The unsent changes as a signed bundle file, for a programme office that cannot be reached. */
  'sync.exportBundle': defineOperation(
    z.object({}).strict(),
    z.object({ fileName: z.string(), base64: z.string(), changes: z.number().int() }),
  ),
};
