import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BundleFileSchema, BundlePayloadSchema, type EnrolRequest } from '../../shared/sync/protocol';
import { createClient } from '../helpers/services';
import { enrolledDevice, FakeHub, makeDevice, outboxRows } from './fake-hub';

describe('sync bundles', () => {
  it('holds every unsent change, signed with the key the hub received at enrolment', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub);
    hub.always('POST /v1/push', () => new Response('', { status: 503 }));
    await createClient(device.services);
    await device.services.sync.syncNow();
    const before = outboxRows(device.services);

    const bundle = await device.services.handlers['sync.exportBundle']({});
    const file = BundleFileSchema.parse(JSON.parse(Buffer.from(bundle.base64, 'base64').toString('utf8')));
    const payload = BundlePayloadSchema.parse(JSON.parse(file.payload));
    const enrol = hub.requestsTo('POST /v1/enrol')[0]!.body as EnrolRequest;
    const publicKey = crypto.createPublicKey({ key: Buffer.from(enrol.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(crypto.verify(null, Buffer.from(file.payload), publicKey, Buffer.from(file.signature, 'base64'))).toBe(true);
    expect(crypto.verify(null, Buffer.from(file.payload.replace('Pennine', 'Pennime')), publicKey, Buffer.from(file.signature, 'base64'))).toBe(false);
    expect(payload).toMatchObject({ deviceId: device.services.clock.deviceId, hubId: hub.enrolment.hubId, format: 'stepping-stones-sync-bundle', version: 1 });
    expect(payload.changes.map((c) => c.changeId)).toEqual(before.map((r) => r.change_id));
    expect(bundle.changes).toBe(before.length);
    expect(bundle.fileName).toMatch(/^stepping-stones-[0-9a-f]{16}-.*\.ssbundle$/);
    expect(outboxRows(device.services)).toEqual(before);
  });

  it('leaves out changes the hub acknowledged or refused', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub);
    await createClient(device.services);
    await device.services.sync.syncNow();
    const fresh = await createClient(device.services, { name: 'After the last sync' });
    const bundle = await device.services.sync.status().then(() => device.services.handlers['sync.exportBundle']({}));
    const payload = BundlePayloadSchema.parse(JSON.parse(BundleFileSchema.parse(JSON.parse(Buffer.from(bundle.base64, 'base64').toString())).payload));
    expect(new Set(payload.changes.map((c) => c.rowId)).has(fresh.id)).toBe(true);
    expect(payload.changes).toHaveLength(outboxRows(device.services).filter((r) => !r.sent_at).length);
  });

  it('refuses to export on a device that is not enrolled, saying why', async () => {
    const device = await makeDevice();
    await createClient(device.services);
    const result = await device.services.dispatch('sync.exportBundle', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!result.ok && result.error.message).toMatch(/enrolled/);
  });
});
