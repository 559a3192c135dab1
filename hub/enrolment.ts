import crypto from 'node:crypto';
import type { EnrolRequest, EnrolResponse } from '../shared/sync/protocol';
import { appendAudit } from './audit-log';
import { newToken, type Caller } from './auth';
import { sha256, type HubDatabase, type HubDb } from './database';
import { HubRequestError } from './errors';

export const DEFAULT_CODE_VALID_HOURS = 72;

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_GROUPS = 4;
const CODE_GROUP_LENGTH = 4;

const INVALID_CODE =
  'This enrolment code is invalid, already used or expired. Ask the programme office for a new code.';

export interface EnrolCode {
  /** Shown once to the administrator; the hub keeps only its hash. */
  code: string;
  userId: string;
  expiresAt: string;
}

/** A one-time code with which a device of `userId` enrols; 80 random bits in four groups of four. */
export async function createEnrolCode(db: HubDb, now: Date, userId: string, validHours = DEFAULT_CODE_VALID_HOURS): Promise<EnrolCode> {
  if (!(validHours > 0)) throw new Error('An enrolment code must be valid for a positive number of hours.');
  const user = await db.selectFrom('users').select(['id', 'programme_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new Error(`No user with id ${userId}.`);
  const groups = Array.from({ length: CODE_GROUPS }, () =>
    Array.from({ length: CODE_GROUP_LENGTH }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join(''),
  );
  const code = groups.join('-');
  const expiresAt = new Date(now.getTime() + validHours * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('enrol_codes')
      .values({ code_hash: sha256(normaliseCode(code)), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
      .execute();
    await appendAudit(trx, now, { action: 'enrol_code.create', programmeId: user.programme_id, userId: user.id });
  });
  return { code, userId: user.id, expiresAt };
}

/** What people type: any case, with or without dashes and spaces, O for 0 and I or L for 1. */
export function normaliseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The device's Ed25519 key from SPKI DER base64, or a 400 naming the problem. */
export function parseDevicePublicKey(base64: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new HubRequestError(400, 'invalid_request', 'publicKey: not a public key in SPKI DER format, base64-encoded.');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new HubRequestError(400, 'invalid_request', `publicKey: must be an Ed25519 key, not ${String(key.asymmetricKeyType)}.`);
  }
  return key;
}

/**
 * Spends the code and issues the device its token. Enrolling a device id again (a reinstalled app,
 * a lost token) replaces its token and key, so the old token, and one from before a rotation, stop working.
 */
export async function enrolDevice(database: HubDatabase, now: Date, request: EnrolRequest): Promise<EnrolResponse> {
  parseDevicePublicKey(request.publicKey);
  const token = newToken();
  const at = now.toISOString();
  return database.db.transaction().execute(async (trx) => {
    // Spending the code first, conditionally, makes two devices racing for one code get one winner.
    const spent = await trx
      .updateTable('enrol_codes')
      .set({ used_at: at })
      .where('code_hash', '=', sha256(normaliseCode(request.code)))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('user_id')
      .executeTakeFirst();
    if (!spent) throw new HubRequestError(401, 'unauthorized', INVALID_CODE);
    const user = await trx
      .selectFrom('users')
      .innerJoin('programmes', 'programmes.id', 'users.programme_id')
      .select(['users.id', 'users.name', 'users.role', 'programmes.id as programme_id', 'programmes.name as programme_name'])
      .where('users.id', '=', spent.user_id)
      .executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('devices').select(['user_id']).where('device_id', '=', request.deviceId).executeTakeFirst();
    if (existing && existing.user_id !== user.id) {
      // Taking over another user's device id would hijack its watermark and its bundle key.
      throw new HubRequestError(
        403,
        'forbidden',
        'This device id is already enrolled on this hub for another user. Reset the device\'s sync identity, or ask the programme office.',
      );
    }
    const device = {
      user_id: user.id,
      programme_id: user.programme_id,
      name: request.deviceName,
      public_key: request.publicKey,
      token_hash: sha256(token),
      previous_token_hash: null,
      token_issued_at: at,
      enrolled_at: at,
      revoked_at: null,
    };
    if (existing) {
      await trx.updateTable('devices').set(device).where('device_id', '=', request.deviceId).execute();
    } else {
      await trx
        .insertInto('devices')
        .values({ device_id: request.deviceId, ...device, last_hlc: null, change_count: 0, last_seen_at: at })
        .execute();
    }
    await appendAudit(trx, now, {
      action: 'device.enrol',
      programmeId: user.programme_id,
      userId: user.id,
      deviceId: request.deviceId,
      detail: { reenrolment: existing ? 1 : 0 },
    });
    return {
      hubId: database.hubId,
      programme: { id: user.programme_id, name: user.programme_name },
      user: { id: user.id, name: user.name, role: user.role },
      deviceId: request.deviceId,
      token,
    };
  });
}

/**
 * A new token for the calling device. The token it called with stays valid until the new one is
 * first used (see `authenticate`): if the answer is lost on the way, the device still holds a
 * working token and simply rotates again later, instead of having to enrol again. The caller's
 * token becomes the previous one, so a second rotation replaces a pending previous token, and a
 * new token that was issued but never used is dropped.
 */
export async function rotateToken(db: HubDb, now: Date, caller: Caller, callerTokenHash: string): Promise<string> {
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('devices')
      .set({ token_hash: sha256(token), previous_token_hash: callerTokenHash, token_issued_at: now.toISOString() })
      .where('device_id', '=', caller.deviceId)
      .where((eb) => eb.or([eb('token_hash', '=', callerTokenHash), eb('previous_token_hash', '=', callerTokenHash)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new HubRequestError(401, 'unauthorized', 'This device token is no longer valid; it was rotated or revoked.');
    }
    await appendAudit(trx, now, { action: 'token.rotate', programmeId: caller.programmeId, userId: caller.userId, deviceId: caller.deviceId });
    return token;
  });
}

/** Revokes a device's token and any previous one; false when no such device is enrolled. The device can be enrolled again with a new code. */
export async function revokeDevice(db: HubDb, now: Date, deviceId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const device = await trx
      .updateTable('devices')
      .set({ revoked_at: now.toISOString(), previous_token_hash: null })
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .returning(['programme_id', 'user_id'])
      .executeTakeFirst();
    if (!device) return false;
    await appendAudit(trx, now, { action: 'device.revoke', programmeId: device.programme_id, userId: device.user_id, deviceId });
    return true;
  });
}
