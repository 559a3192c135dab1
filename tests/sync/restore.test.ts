import { describe, expect, it, vi } from 'vitest';
import { createClient, manualNow } from '../helpers/services';
import { enrolledDevice, FakeHub } from './fake-hub';

function restoreRecord(services: Awaited<ReturnType<typeof enrolledDevice>>['services']) {
  const row = services.database.sqlite.prepare(`select value from meta where key = 'sync_restore'`).get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { hubChangeCount: number; localChangeCount: number; hubLastHlc: string | null }) : null;
}

describe('restore from a backup', () => {
  it('notices that the hub has seen a newer clock and more changes from this device, moves its clock past the hub’s and carries on', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const now = manualNow(Date.parse('2026-11-21T10:00:00.000Z'));
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now });
    const deviceId = device.services.clock.deviceId;
    // Work done after the backup was taken: the hub has it, the restored database does not.
    const lostClock = `2026-11-21T16:00:00.000Z-0003-${deviceId}`;
    hub.watermark = { lastHlc: lostClock, changeCount: 25 };
    await createClient(device.services);
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(status.pendingChanges).toBe(0);
    expect(restoreRecord(device.services)).toMatchObject({ hubLastHlc: lostClock, hubChangeCount: 25 });
    const next = await createClient(device.services, { name: 'Made after the restore' });
    expect(next.updatedAt > lostClock).toBe(true);
    vi.restoreAllMocks();
  });

  it('resends changes the hub already has without harm: it answers duplicate and they are marked sent', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now: manualNow() });
    await createClient(device.services);
    await device.services.sync.syncNow();
    device.services.database.sqlite.prepare('update outbox set sent_at = null').run();
    const status = await device.services.sync.syncNow();
    expect(status).toMatchObject({ pendingChanges: 0, problem: null });
    expect(hub.requestsTo('POST /v1/push')).toHaveLength(2);
  });

  it('does not see a restore when the hub knows exactly what this device sent', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now: manualNow() });
    await createClient(device.services);
    await device.services.sync.syncNow();
    await device.services.sync.syncNow();
    expect(restoreRecord(device.services)).toBeNull();
  });

  it('records a restore once, not again on every later sync', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now: manualNow() });
    hub.watermark = { lastHlc: null, changeCount: 5 };
    await device.services.sync.syncNow();
    const first = restoreRecord(device.services);
    await createClient(device.services);
    hub.watermark = { lastHlc: null, changeCount: 5 + 2 };
    await device.services.sync.syncNow();
    expect(restoreRecord(device.services)).toEqual(first);
    vi.restoreAllMocks();
  });
});
