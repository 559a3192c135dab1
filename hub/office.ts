import type { PublishRequest, PublishResponse } from '../shared/sync/protocol';
import { AdminError, publish, VersionClashError } from './admin';
import type { Caller } from './auth';
import type { HubDatabase } from './database';
import { HubRequestError } from './errors';

/** The programme office's own endpoints refuse every other role, whatever the request holds. */
export function requireOffice(caller: Caller, what: string): void {
  if (caller.role !== 'office') throw new HubRequestError(403, 'forbidden', `Only the programme office may ${what}.`);
}

/** The admin command's publication, for the office's device: the same validation, version rule and audit line. */
export async function publishFromOffice(database: HubDatabase, now: Date, caller: Caller, request: PublishRequest): Promise<PublishResponse> {
  try {
    const publication = await publish(database, now, request.kind, caller.programmeId, request.definition, { userId: caller.userId, deviceId: caller.deviceId });
    return { kind: request.kind, id: publication.id, version: publication.version, published: publication.published };
  } catch (error) {
    if (error instanceof VersionClashError) throw new HubRequestError(409, 'conflict', error.message);
    if (error instanceof AdminError) throw new HubRequestError(400, 'invalid_request', error.message);
    throw error;
  }
}
