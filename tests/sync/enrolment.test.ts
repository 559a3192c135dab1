import { describe, expect, it } from 'vitest';
import type { EnrolRequest } from '../../shared/sync/protocol';
import { createClient } from '../helpers/services';
import { enrolledDevice, FakeHub, GOOD_CODE, HUB_URL, makeDevice, outboxRows } from './fake-hub';

describe('enrolment and status', () => {
  it('enrols with the code, device id, name and an Ed25519 public key, stores the identity and runs a first sync', async () => {
    const hub = new FakeHub();
    const device = await makeDevice(hub);
    const status = await device.services.handlers['sync.enrol']({ hubUrl: HUB_URL, code: GOOD_CODE });
    const request = hub.requestsTo('POST /v1/enrol')[0]!.body as EnrolRequest;
    expect(request).toMatchObject({ code: GOOD_CODE, deviceId: device.services.clock.deviceId, deviceName: 'test-laptop' });
    expect(Buffer.from(request.publicKey, 'base64').length).toBe(44);
    expect(status).toMatchObject({
      enrolled: true,
      hubUrl: HUB_URL,
      programmeName: 'Made Smarter Yorkshire',
      userName: 'Alex Adviser',
      role: 'adviser',
      syncing: false,
      problem: null,
    });
    expect(status.lastSyncedAt).not.toBeNull();
    expect(hub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/enrol', 'GET /v1/status', 'GET /v1/pull?cursor=0']);
  });

  it('shows a refused code as invalid_code and stays unenrolled', async () => {
    const device = await makeDevice();
    const status = await device.services.handlers['sync.enrol']({ hubUrl: HUB_URL, code: 'WRONG-CODE' });
    expect(status).toMatchObject({ enrolled: false, problem: { code: 'invalid_code' } });
  });

  it('replaces the identity and key when enrolling again', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub);
    hub.enrolment.user.name = 'Alex Adviser (new laptop)';
    const status = await device.services.sync.enrol(HUB_URL, GOOD_CODE);
    const [first, second] = hub.requestsTo('POST /v1/enrol').map((r) => (r.body as EnrolRequest).publicKey);
    expect(second).not.toBe(first);
    expect(status.userName).toBe('Alex Adviser (new laptop)');
  });

  it('leaving forgets the hub, token and identity but keeps data and unsent changes', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub);
    hub.always('POST /v1/push', () => new Response('', { status: 503 }));
    await createClient(device.services);
    await device.services.sync.syncNow();
    const before = outboxRows(device.services);
    const status = await device.services.handlers['sync.leave']({});
    expect(status).toMatchObject({ enrolled: false, hubUrl: null, programmeName: null, userName: null, role: null, problem: null, pendingChanges: before.length });
    expect(outboxRows(device.services)).toEqual(before);
    expect((await device.services.clients.list({ search: '', sort: 'name', direction: 'asc' })).length).toBe(1);
    const meta = device.services.database.sqlite.prepare(`select key from meta where key like 'sync_%'`).all();
    expect(meta).toEqual([]);
  });

  it('runs one sync at a time: a second call while one runs waits for the same run', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub);
    await createClient(device.services);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    hub.once('POST /v1/push', async () => {
      await gate;
      return undefined;
    });
    const first = device.services.sync.syncNow();
    const second = device.services.sync.syncNow();
    expect(second).toBe(first);
    expect((await device.services.sync.status()).syncing).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(hub.requestsTo('POST /v1/push')).toHaveLength(1);
    expect((await device.services.sync.status()).syncing).toBe(false);
  });

  it('refuses sync.now on a device that is not enrolled, saying what to do', async () => {
    const device = await makeDevice();
    const result = await device.services.dispatch('sync.now', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!result.ok && result.error.message).toMatch(/not enrolled/);
  });

  it('refuses a hub address that is plain http to another machine', async () => {
    const device = await makeDevice();
    const result = await device.services.dispatch('sync.enrol', { hubUrl: 'http://hub.example.org', code: GOOD_CODE });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
