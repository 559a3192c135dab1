import { CHANGE_SCHEMA_VERSION } from '../shared/sync/protocol';
import { HubRequestError } from './errors';

function tooNew(version: number): HubRequestError {
  return new HubRequestError(
    426,
    'schema_too_new',
    `This hub understands changes up to schema version ${CHANGE_SCHEMA_VERSION}, and this device sends version ${version}. ` +
      'Nothing was applied; the changes stay on the device until the hub is updated.',
  );
}

/** The sender's schema version header; a newer one than the hub's is refused before anything is read. */
export function checkSchemaHeader(value: string | string[] | undefined, header: string): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,9}$/.test(text)) {
    throw new HubRequestError(400, 'invalid_request', `Send the ${header} header with the device's change schema version.`);
  }
  if (Number(text) > CHANGE_SCHEMA_VERSION) throw tooNew(Number(text));
  return Number(text);
}

/**
 * Looks at `changes[].schemaVersion` before the strict schemas do: a newer device may send fields
 * this hub has never heard of, and it must learn that the hub is too old, not that its request is bad.
 */
export function checkChangeSchemaVersions(body: unknown): void {
  const changes = body && typeof body === 'object' && 'changes' in body ? (body as { changes: unknown }).changes : null;
  if (!Array.isArray(changes)) return;
  let newest = 0;
  for (const change of changes as unknown[]) {
    const version = change && typeof change === 'object' ? (change as { schemaVersion?: unknown }).schemaVersion : undefined;
    if (typeof version === 'number' && version > newest) newest = version;
  }
  if (newest > CHANGE_SCHEMA_VERSION) throw tooNew(newest);
}
