import crypto from 'node:crypto';
import { BundlePayloadSchema, type BundleFile, type BundleImportResponse } from '../shared/sync/protocol';
import type { Caller } from './auth';
import type { HubDatabase } from './database';
import { parseDevicePublicKey } from './enrolment';
import { HubRequestError } from './errors';
import { applyChanges } from './push';
import { checkChangeSchemaVersions } from './schema-version';
import { describeIssues } from './validation';

/** Who imports a bundle: a device through the API, or the administrator on the hub's machine. */
export type BundleImporter = { kind: 'device'; caller: Caller } | { kind: 'admin' };

/**
 * Verifies a bundle's signature with the key its device registered at enrolment, then applies its
 * changes exactly as if that device had pushed them. Changes already stored come back `duplicate`,
 * so importing a bundle twice, or after the device has synced, changes nothing.
 */
export async function importBundle(database: HubDatabase, now: Date, file: BundleFile, importer: BundleImporter): Promise<BundleImportResponse> {
  if (file.signature.length === 0) throw badSignature();
  let json: unknown;
  try {
    json = JSON.parse(file.payload);
  } catch {
    throw new HubRequestError(400, 'invalid_request', 'payload: not valid JSON.');
  }
  checkChangeSchemaVersions(json);
  const parsed = BundlePayloadSchema.safeParse(json);
  if (!parsed.success) throw new HubRequestError(400, 'invalid_request', `payload: ${describeIssues(parsed.error)}`);
  const payload = parsed.data;
  if (payload.hubId !== database.hubId) {
    throw new HubRequestError(400, 'invalid_request', 'This bundle was made for another hub; import it into the hub its device is enrolled on.');
  }

  const device = await database.db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select(['devices.device_id', 'devices.public_key', 'devices.programme_id', 'devices.revoked_at', 'users.id as user_id', 'users.role'])
    .where('devices.device_id', '=', payload.deviceId)
    .executeTakeFirst();
  if (!device || (importer.kind === 'device' && device.programme_id !== importer.caller.programmeId)) {
    throw new HubRequestError(404, 'not_found', 'The device that made this bundle is not enrolled in your programme.');
  }
  const signature = Buffer.from(file.signature, 'base64');
  if (!crypto.verify(null, Buffer.from(file.payload, 'utf8'), parseDevicePublicKey(device.public_key), signature)) {
    throw badSignature();
  }
  if (importer.kind === 'device' && importer.caller.role !== 'office' && importer.caller.deviceId !== device.device_id) {
    throw new HubRequestError(403, 'forbidden', "Only the programme office, or the device that made it, may import a bundle.");
  }
  if (device.revoked_at !== null) {
    // A revoked device may have been stolen; its key can no longer vouch for anything.
    throw new HubRequestError(403, 'forbidden', 'The device that made this bundle has been revoked; its bundles are no longer accepted.');
  }

  const response = await applyChanges(
    database,
    { deviceId: device.device_id, userId: device.user_id, role: device.role, programmeId: device.programme_id },
    payload.changes,
    { now, audit: { action: 'bundle.import', importedBy: importer.kind === 'admin' ? 'admin' : importer.caller.deviceId } },
  );
  return { deviceId: device.device_id, results: response.results };
}

function badSignature(): HubRequestError {
  return new HubRequestError(
    400,
    'bad_signature',
    "The bundle's signature does not match its contents and its device's key: it was altered or damaged. Nothing was imported.",
  );
}
