import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/result';
import { BUNDLE_FORMAT, BundleFileSchema, type BundleFile, type BundleImportResponse, type BundlePayload } from '../../../shared/sync/protocol';
import type { LocalDatabase } from '../database/schema';
import type { SyncEngine } from './sync-engine';
import { nextChanges } from './outbox-queue';
import { syncState } from './sync-state';

export interface ExportedBundle {
  fileName: string;
  /** The bundle file's bytes (JSON), base64 for the API. */
  base64: string;
  changes: number;
}

/**
 * Every unsent change, signed with the device's key, for a programme office the device cannot
 * reach. Nothing is marked sent: if the same changes later arrive by network, the hub answers
 * `duplicate`.
 */
export async function exportBundle(db: Kysely<LocalDatabase>, deviceId: string, now: () => Date): Promise<ExportedBundle> {
  const enrolment = await syncState.enrolment(db);
  if (!enrolment) {
    throw new AppError(
      'conflict',
      'A bundle can only be made on an enrolled device: the hub checks its signature with the key it received at enrolment. Enrol this device once while it has a connection, then export bundles.',
    );
  }
  const changes = (await nextChanges(db, Number.MAX_SAFE_INTEGER)).map((queued) => queued.change);
  const createdAt = now().toISOString();
  const payload: BundlePayload = { format: BUNDLE_FORMAT, version: 1, deviceId, hubId: enrolment.identity.hubId, createdAt, changes };
  const payloadText = JSON.stringify(payload);
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(enrolment.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const file: BundleFile = { payload: payloadText, signature: crypto.sign(null, Buffer.from(payloadText), privateKey).toString('base64') };
  return {
    fileName: `stepping-stones-${deviceId}-${createdAt.replace(/[:.]/g, '-')}.ssbundle`,
    base64: Buffer.from(JSON.stringify(file)).toString('base64'),
    changes: changes.length,
  };
}

/** Uploads a bundle file another device made to the hub this installation is enrolled with (a programme office's). */
export async function importBundle(engine: SyncEngine, fileText: string): Promise<BundleImportResponse> {
  let file: BundleFile;
  try {
    file = BundleFileSchema.parse(JSON.parse(fileText.replace(/^\uFEFF/, '')));
  } catch {
    throw new AppError('invalid_input', 'This is not a Stepping Stones sync bundle.');
  }
  return (await engine.hubClient()).uploadBundle(file);
}
