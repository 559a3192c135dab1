import { uuidv7 } from '../shared/sync/uuidv7';
import type { HubDb, HubTrx } from './database';

/**
 * What happened, by whom, as ids and counts. Names, e-mail addresses, answer values and notes never
 * go here: the log outlives the data it describes and is shown to auditors.
 */
export type AuditAction =
  | 'programme.create'
  | 'user.create'
  | 'enrol_code.create'
  | 'device.enrol'
  | 'device.revoke'
  | 'token.rotate'
  | 'push'
  | 'conflicts'
  | 'bundle.import'
  | 'publish'
  | 'erasure';

export interface AuditEntry {
  action: AuditAction;
  programmeId?: string | null;
  userId?: string | null;
  deviceId?: string | null;
  detail?: Record<string, string | number | null>;
}

export async function appendAudit(db: HubDb | HubTrx, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(at.getTime()),
      at: at.toISOString(),
      programme_id: entry.programmeId ?? null,
      user_id: entry.userId ?? null,
      device_id: entry.deviceId ?? null,
      action: entry.action,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
