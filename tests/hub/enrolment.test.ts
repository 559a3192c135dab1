import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../hub/database';
import { normaliseCode, revokeDevice } from '../../hub/enrolment';
import { CHANGE_SCHEMA_VERSION, EnrolResponseSchema, RotateResponseSchema, StatusResponseSchema } from '../../shared/sync/protocol';
import { newDeviceId } from '../../shared/sync/uuidv7';
import { backends, startTestHub, TestDevice, type TestHub } from './fixtures';

const INVALID_CODE = 'This enrolment code is invalid, already used or expired. Ask the programme office for a new code.';

describe.each(backends)('enrolment and tokens on %s', (backend) => {
  async function setup() {
    const hub = await startTestHub(backend);
    const programme = await hub.programme('North Made Smarter');
    const user = await hub.user(programme, 'adviser', 'Ann Adviser');
    return { hub, programme, user };
  }
  const newDevice = (hub: TestHub) => new TestDevice(hub.app, hub.clock, newDeviceId());

  it('enrols a device with a valid code, answering with its identity and a token that works', async () => {
    const { hub, programme, user } = await setup();
    const device = newDevice(hub);
    const response = await device.enrol(await hub.code(user));
    expect(response.statusCode).toBe(200);
    const body = EnrolResponseSchema.parse(response.json());
    expect(body).toMatchObject({
      hubId: hub.database.hubId,
      programme: { id: programme, name: 'North Made Smarter' },
      user: { id: user, name: 'Ann Adviser', role: 'adviser' },
      deviceId: device.deviceId,
    });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);

    const status = await device.request('GET', '/v1/status');
    expect(status.statusCode).toBe(200);
    expect(StatusResponseSchema.parse(status.json())).toMatchObject({
      deviceId: device.deviceId,
      schemaVersion: CHANGE_SCHEMA_VERSION,
      device: { lastHlc: null, changeCount: 0 },
    });
  });

  it('issues codes of four groups of four characters and stores only their hash, and only the hash of tokens', async () => {
    const { hub, user } = await setup();
    const code = await hub.code(user);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const device = newDevice(hub);
    await device.enrol(code);

    const codes = await hub.database.db.selectFrom('enrol_codes').selectAll().execute();
    expect(codes.map((c) => c.code_hash)).toEqual([sha256(normaliseCode(code))]);
    const everything = JSON.stringify([codes, await hub.database.db.selectFrom('devices').selectAll().execute()]);
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(normaliseCode(code));
    expect(everything).not.toContain(device.token);
    expect(everything).toContain(sha256(device.token));
  });

  it('accepts a code typed in lower case, without dashes, with O for zero and L for one', async () => {
    const { hub, user } = await setup();
    const code = await hub.code(user);
    const typed = code.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await newDevice(hub).enrol(typed)).statusCode).toBe(200);
  });

  it('accepts a code only once', async () => {
    const { hub, user } = await setup();
    const code = await hub.code(user);
    expect((await newDevice(hub).enrol(code)).statusCode).toBe(200);
    const second = await newDevice(hub).enrol(code);
    expect(second.statusCode).toBe(401);
    expect(second.json()).toEqual({ error: 'unauthorized', message: INVALID_CODE });
  });

  it('refuses an expired code and a wrong code with the same answer', async () => {
    const { hub, user } = await setup();
    const code = await hub.code(user, 1);
    hub.clock.advance(3_600_000 + 1);
    const expired = await newDevice(hub).enrol(code);
    const wrong = await newDevice(hub).enrol('AAAA-BBBB-CCCC-DDDD');
    expect(expired.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(expired.json()).toEqual(wrong.json());
    expect(expired.json().message).toBe(INVALID_CODE);
  });

  it('keeps a code valid for 72 hours by default', async () => {
    const { hub, user } = await setup();
    const code = await hub.code(user);
    hub.clock.advance(72 * 3_600_000 - 1000);
    expect((await newDevice(hub).enrol(code)).statusCode).toBe(200);
  });

  it('refuses a public key that is not Ed25519 SPKI, without spending the code', async () => {
    const { hub, user } = await setup();
    const code = await hub.code(user);
    const device = newDevice(hub);
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    for (const publicKey of ['not a key at all, just some text here.......', rsa.slice(0, 200)]) {
      const response = await device.request('POST', '/v1/enrol', { code, deviceId: device.deviceId, deviceName: 'x', publicKey }, false);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/^publicKey: /);
    }
    expect((await device.enrol(code)).statusCode).toBe(200);
  });

  it('revokes the old token when the same device enrols again', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const oldToken = device.token;
    await device.enrol(await hub.code(user));
    expect(device.token).not.toBe(oldToken);
    expect((await device.request('GET', '/v1/status')).statusCode).toBe(200);
    const old = await device.request('GET', '/v1/status', undefined, false, { authorization: `Bearer ${oldToken}` });
    expect(old.statusCode).toBe(401);
    expect(await hub.database.db.selectFrom('devices').select('device_id').execute()).toHaveLength(1);
  });

  it("refuses to take over a device id enrolled for another user, and leaves the code unspent", async () => {
    const { hub, programme, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const other = await hub.user(programme, 'adviser');
    const code = await hub.code(other);
    const impostor = new TestDevice(hub.app, hub.clock, device.deviceId);
    const response = await impostor.enrol(code);
    expect(response.statusCode).toBe(403);
    expect((await device.request('GET', '/v1/status')).statusCode).toBe(200);
    expect((await newDevice(hub).enrol(code)).statusCode).toBe(200);
  });

  async function rotate(device: TestDevice, token = device.token): Promise<string> {
    const response = await device.request('POST', '/v1/token/rotate', undefined, false, { authorization: `Bearer ${token}` });
    expect(response.statusCode, response.body).toBe(200);
    return RotateResponseSchema.parse(response.json()).token;
  }
  const statusWith = async (device: TestDevice, token: string) =>
    (await device.request('GET', '/v1/status', undefined, false, { authorization: `Bearer ${token}` })).statusCode;

  it('keeps accepting the old token after a rotation until the new one is first used, then answers it with 401', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const oldToken = device.token;
    const newToken = await rotate(device);
    expect(newToken).not.toBe(oldToken);
    expect(await statusWith(device, oldToken)).toBe(200);
    expect(await statusWith(device, oldToken)).toBe(200);
    expect(await statusWith(device, newToken)).toBe(200);
    expect(await statusWith(device, oldToken)).toBe(401);
    expect(await statusWith(device, newToken)).toBe(200);
    const stored = await hub.database.db.selectFrom('devices').select(['token_hash', 'previous_token_hash']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ token_hash: sha256(newToken), previous_token_hash: null });
    const audit = await hub.database.db.selectFrom('audit_log').select('action').where('action', '=', 'token.rotate').execute();
    expect(audit).toHaveLength(1);
    // A device that sends a JSON content type with an empty body is served too.
    device.token = newToken;
    const again = await device.request('POST', '/v1/token/rotate', undefined, true, { 'content-type': 'application/json' });
    expect(again.statusCode).toBe(200);
  });

  it('keeps only the latest previous token when rotating twice with the new token', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const first = device.token;
    const second = await rotate(device, first);
    const third = await rotate(device, second);
    expect(await statusWith(device, first)).toBe(401);
    expect(await statusWith(device, second)).toBe(200);
    expect(await statusWith(device, third)).toBe(200);
    expect(await statusWith(device, second)).toBe(401);
  });

  it('keeps only the token the device holds in grace when it rotates again after a lost answer, dropping the undelivered one', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const held = device.token;
    const lost = await rotate(device, held);
    const latest = await rotate(device, held);
    expect(await statusWith(device, lost)).toBe(401);
    expect(await statusWith(device, held)).toBe(200);
    expect(await statusWith(device, latest)).toBe(200);
    expect(await statusWith(device, held)).toBe(401);
    expect(await hub.database.db.selectFrom('audit_log').select('action').where('action', '=', 'token.rotate').execute()).toHaveLength(2);
  });

  it('refuses both the current and the previous token of a revoked device', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const oldToken = device.token;
    const newToken = await rotate(device);
    expect(await revokeDevice(hub.database.db, hub.clock.now(), device.deviceId)).toBe(true);
    expect(await statusWith(device, oldToken)).toBe(401);
    expect(await statusWith(device, newToken)).toBe(401);
    expect((await device.request('POST', '/v1/token/rotate', undefined, false, { authorization: `Bearer ${oldToken}` })).statusCode).toBe(401);
  });

  it('refuses both the current and the previous token once the device enrols again', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    const oldToken = device.token;
    const newToken = await rotate(device);
    expect((await device.enrol(await hub.code(user))).statusCode).toBe(200);
    expect(await statusWith(device, oldToken)).toBe(401);
    expect(await statusWith(device, newToken)).toBe(401);
    expect(await statusWith(device, device.token)).toBe(200);
  });

  it('refuses every request of a revoked device with 401, and lets it enrol again with a new code', async () => {
    const { hub, user } = await setup();
    const device = newDevice(hub);
    await device.enrol(await hub.code(user));
    expect(await revokeDevice(hub.database.db, hub.clock.now(), device.deviceId)).toBe(true);
    expect(await revokeDevice(hub.database.db, hub.clock.now(), device.deviceId)).toBe(false);
    for (const [method, url] of [['GET', '/v1/status'], ['GET', '/v1/pull?cursor=0'], ['POST', '/v1/token/rotate']] as const) {
      const response = await device.request(method, url);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error).toBe('unauthorized');
    }
    expect((await device.enrol(await hub.code(user))).statusCode).toBe(200);
    expect((await device.request('GET', '/v1/status')).statusCode).toBe(200);
  });

  it('refuses requests with no token or an unknown one', async () => {
    const { hub } = await setup();
    const device = newDevice(hub);
    const missing = await device.request('GET', '/v1/status', undefined, false);
    expect(missing.statusCode).toBe(401);
    device.token = crypto.randomBytes(32).toString('base64url');
    const unknown = await device.request('GET', '/v1/status');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toBe('unauthorized');
  });
});
