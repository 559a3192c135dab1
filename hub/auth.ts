import crypto from 'node:crypto';
import type { Role } from '../shared/sync/protocol';
import { sha256, type HubDb } from './database';

/** The enrolled device behind a request's token, with its user and programme. */
export interface Caller {
  deviceId: string;
  userId: string;
  userName: string;
  role: Role;
  programmeId: string;
  programmeName: string;
}

const TOKEN_BYTES = 32;
// Writing last_seen_at on every request would turn each pull into a write; a minute is precise enough.
const LAST_SEEN_RESOLUTION_MS = 60_000;

export function newToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The token from `Authorization: Bearer <token>`, or null when the header is missing or malformed. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * The caller of a live token; null for an unknown or revoked one. Only the token's hash is looked up.
 * The token a device held before its last rotation still counts until the new one is first used:
 * the device may never have received the new one. That first use ends the old token's grace.
 */
export async function authenticate(db: HubDb, token: string, now: Date): Promise<Caller | null> {
  const hash = sha256(token);
  const row = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .innerJoin('programmes', 'programmes.id', 'devices.programme_id')
    .select([
      'devices.device_id',
      'devices.token_hash',
      'devices.previous_token_hash',
      'devices.last_seen_at',
      'users.id as user_id',
      'users.name as user_name',
      'users.role',
      'programmes.id as programme_id',
      'programmes.name as programme_name',
    ])
    .where((eb) => eb.or([eb('devices.token_hash', '=', hash), eb('devices.previous_token_hash', '=', hash)]))
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const endsGrace = row.token_hash === hash && row.previous_token_hash !== null;
  const lastSeenStale = !row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS;
  if (endsGrace || lastSeenStale) {
    await db
      .updateTable('devices')
      .set({ last_seen_at: now.toISOString(), ...(endsGrace ? { previous_token_hash: null } : {}) })
      .where('device_id', '=', row.device_id)
      // A rotation committed since the lookup has set a new token and grace; leave those alone.
      .where('token_hash', '=', row.token_hash)
      .execute();
  }
  return {
    deviceId: row.device_id,
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
  };
}
