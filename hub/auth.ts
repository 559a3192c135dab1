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

/** The caller of a live token; null for an unknown or revoked one. Only the token's hash is looked up. */
export async function authenticate(db: HubDb, token: string, now: Date): Promise<Caller | null> {
  const row = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .innerJoin('programmes', 'programmes.id', 'devices.programme_id')
    .select([
      'devices.device_id',
      'devices.last_seen_at',
      'users.id as user_id',
      'users.name as user_name',
      'users.role',
      'programmes.id as programme_id',
      'programmes.name as programme_name',
    ])
    .where('devices.token_hash', '=', sha256(token))
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS) {
    await db.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('device_id', '=', row.device_id).execute();
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
