import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/services/sync/hub-client';
import { ClientInputSchema } from '../../shared/clients/schema';
import { CHANGE_SCHEMA_VERSION, SCHEMA_VERSION_HEADER } from '../../shared/sync/protocol';
import { validClient } from '../helpers/fixtures';
import { enrol, hubLocation, startDevice, startHub, syncClean } from './harness';

async function recordClients(device: Awaited<ReturnType<typeof startDevice>>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await device.clients.create(ClientInputSchema.parse(validClient({ name: `Limits Test ${i} Ltd` })));
}

function pendingRows(device: Awaited<ReturnType<typeof startDevice>>): number {
  return (device.database.sqlite.prepare('select count(*) as n from outbox where sent_at is null').get() as { n: number }).n;
}

describe('the hub’s limits against a real laptop', () => {
  it('a batch over the size limit gets 413 and the laptop sends it in smaller batches until everything is stored', async () => {
    const hub = await startHub(await hubLocation('sqlite'), { bodyLimit: 16 * 1024 });
    const statuses: number[] = [];
    const watching: FetchLike = async (url, init) => {
      const response = await globalThis.fetch(url, init);
      if (String(url).endsWith('/v1/push')) statuses.push(response.status);
      return response;
    };
    const laptop = await startDevice({ fetch: watching });
    const programme = await hub.admin.programme();
    await enrol(laptop, hub, await hub.admin.user(programme, 'adviser'));
    await recordClients(laptop, 40);
    await syncClean(laptop);
    expect(statuses).toContain(413);
    expect(statuses.at(-1)).toBe(200);
    expect(new Set(await hub.admin.storedChangeIds()).size).toBe((laptop.database.sqlite.prepare('select count(*) as n from outbox').get() as { n: number }).n);
  });

  it('429 makes the laptop wait as the hub asks and carry on; nothing is lost or sent twice', async () => {
    const hub = await startHub(await hubLocation('sqlite'), { rateLimits: { device: { capacity: 2, refillPerSecond: 20 } } });
    const waits: number[] = [];
    const laptop = await startDevice({
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const programme = await hub.admin.programme();
    await enrol(laptop, hub, await hub.admin.user(programme, 'adviser'));
    await recordClients(laptop, 5);
    await syncClean(laptop);
    await recordClients(laptop, 5);
    await syncClean(laptop);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 1000)).toBe(true);
    const stored = await hub.admin.storedChangeIds();
    expect(new Set(stored).size).toBe(stored.length);
  });

  it('a laptop on a newer change schema than the hub gets a clear 426 and keeps every change', async () => {
    const hub = await startHub(await hubLocation('sqlite'));
    // The laptop enrols, then is updated to an app version with a newer change format.
    let updated = false;
    const newer: FetchLike = (url, init) => {
      const headers = new Headers(init?.headers);
      if (updated) headers.set(SCHEMA_VERSION_HEADER, String(CHANGE_SCHEMA_VERSION + 1));
      return globalThis.fetch(url, { ...init, headers });
    };
    const laptop = await startDevice({ fetch: newer });
    const programme = await hub.admin.programme();
    await enrol(laptop, hub, await hub.admin.user(programme, 'adviser'));
    const enrolled = (await hub.admin.storedChangeIds()).length;
    updated = true;
    await recordClients(laptop, 3);
    const before = pendingRows(laptop);
    const after = await laptop.sync.syncNow();
    expect(after.problem?.code).toBe('hub_too_old');
    expect(pendingRows(laptop)).toBe(before);
    expect(after.problem?.detail).toMatch(/newer|update/i);
    expect((await hub.admin.storedChangeIds()).length).toBe(enrolled);
  });
});
