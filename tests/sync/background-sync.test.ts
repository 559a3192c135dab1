import { describe, expect, it } from 'vitest';
import { BackgroundSync, type Timers } from '../../electron/services/sync/background-sync';
import type { SyncStatus } from '../../shared/sync/operations';
import { createClient } from '../helpers/services';
import { enrolledDevice, FakeHub } from './fake-hub';

/** Timers a test fires by hand; `delays` lists what was asked for, in order. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  const delays: number[] = [];
  let next = 0;
  const timers: Timers = {
    setTimeout(callback, ms) {
      delays.push(ms);
      pending.set(++next, callback);
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    delays,
    get pendingCount() {
      return pending.size;
    },
    /** Fires the one pending timer and lets the run it starts finish. */
    async fire() {
      const [[handle, callback]] = [...pending.entries()] as [[number, () => void]];
      pending.delete(handle);
      callback();
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const okStatus = { problem: null } as SyncStatus;
const failedStatus = { problem: { code: 'unreachable', detail: 'x' } } as SyncStatus;

function scheduler(results: SyncStatus[], enrolled = true) {
  const clock = manualTimers();
  let runs = 0;
  const background = new BackgroundSync({
    sync: async () => results[Math.min(runs++, results.length - 1)]!,
    isEnrolled: async () => enrolled,
    timers: clock.timers,
    intervalMs: 300_000,
    debounceMs: 10_000,
    retryMs: 30_000,
    maxBackoffMs: 100_000,
  });
  return { background, clock, runs: () => runs };
}

describe('background sync', () => {
  it('syncs every interval while enrolled', async () => {
    const { background, clock, runs } = scheduler([okStatus]);
    background.start();
    await clock.fire();
    await clock.fire();
    expect(runs()).toBe(2);
    expect(clock.delays).toEqual([10_000, 300_000, 300_000]);
    await background.stop();
  });

  it('does not call the hub while the device is not enrolled', async () => {
    const { background, clock, runs } = scheduler([okStatus], false);
    background.start();
    await clock.fire();
    expect(runs()).toBe(0);
    await background.stop();
  });

  it('syncs soon after a local change instead of waiting for the interval', async () => {
    const { background, clock } = scheduler([okStatus]);
    background.start();
    await clock.fire();
    background.changed();
    expect(clock.delays.at(-1)).toBe(10_000);
    expect(clock.pendingCount).toBe(1);
    await background.stop();
  });

  it('backs off exponentially after failures, up to the cap, and returns to the interval after a success', async () => {
    const { background, clock } = scheduler([failedStatus, failedStatus, failedStatus, failedStatus, okStatus]);
    background.start();
    for (let i = 0; i < 5; i++) await clock.fire();
    expect(clock.delays).toEqual([10_000, 30_000, 60_000, 100_000, 100_000, 300_000]);
    await background.stop();
  });

  it('does not let local changes cut a back-off short', async () => {
    const { background, clock } = scheduler([failedStatus]);
    background.start();
    await clock.fire();
    background.changed();
    expect(clock.delays).toEqual([10_000, 30_000]);
    await background.stop();
  });

  it('stops scheduling when stopped', async () => {
    const { background, clock } = scheduler([okStatus]);
    background.start();
    await background.stop();
    expect(clock.pendingCount).toBe(0);
  });

  it('is started by createAppServices({ backgroundSync: true }), reacts to recorded changes and is stopped by close()', async () => {
    const clock = manualTimers();
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { backgroundSync: true, timers: clock.timers });
    await clock.fire();
    const pushesBefore = hub.requestsTo('POST /v1/push').length;
    await createClient(device.services);
    expect(clock.delays.at(-1)).toBe(10_000);
    await clock.fire();
    expect(hub.requestsTo('POST /v1/push').length).toBe(pushesBefore + 1);
    await device.services.close();
    expect(clock.pendingCount).toBe(0);
  });
});
