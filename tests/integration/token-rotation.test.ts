import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import type { FetchLike } from '../../electron/services/sync/hub-client';
import { TOKEN_MAX_AGE_MS } from '../../electron/services/sync/sync-engine';
import { sha256 } from '../../hub/database';
import { CHANGE_SCHEMA_VERSION, RotateResponseSchema, SCHEMA_VERSION_HEADER } from '../../shared/sync/protocol';
import { createClient } from '../helpers/services';
import { enrol, hubLocation, startDevice, startHub, syncClean, type RunningHub } from './harness';

const DAY_MS = 24 * 3_600_000;

function tokenOf(device: AppServices): string {
  return (device.database.sqlite.prepare(`select value from meta where key = 'sync_token'`).get() as { value: string }).value;
}

async function statusWith(hub: RunningHub, token: string): Promise<number> {
  const response = await fetch(`${hub.url}/v1/status`, {
    headers: { authorization: `Bearer ${token}`, [SCHEMA_VERSION_HEADER]: String(CHANGE_SCHEMA_VERSION) },
  });
  await response.body?.cancel();
  return response.status;
}

async function hubTokens(hub: RunningHub) {
  return hub.admin.database.db.selectFrom('devices').select(['token_hash', 'previous_token_hash']).executeTakeFirstOrThrow();
}

/** A laptop whose wall clock the test moves forward; the hub keeps real time. */
async function laptop(hub: RunningHub, fetch?: FetchLike) {
  let offset = 0;
  const device = await startDevice({ now: () => Date.now() + offset, ...(fetch ? { fetch } : {}) });
  const programme = await hub.admin.programme();
  await enrol(device, hub, await hub.admin.user(programme, 'adviser'));
  return { device, later: (ms: number) => (offset += ms) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('device token rotation against the hub on sqlite', () => {
  it('rotates the token of a laptop whose clock moved 31 days on, the old token stops working once the new one is used, and the laptop keeps syncing', async () => {
    const hub = await startHub(await hubLocation('sqlite'));
    const { device, later } = await laptop(hub);
    const oldToken = tokenOf(device);

    later(31 * DAY_MS);
    await createClient(device, { name: 'Before the rotation' });
    await syncClean(device);
    const newToken = tokenOf(device);
    expect(newToken).not.toBe(oldToken);
    expect(await hubTokens(hub)).toEqual({ token_hash: sha256(newToken), previous_token_hash: sha256(oldToken) });

    const storedBefore = (await hub.admin.storedChangeIds()).length;
    await createClient(device, { name: 'After the rotation' });
    await syncClean(device);
    expect((await hub.admin.storedChangeIds()).length).toBeGreaterThan(storedBefore);
    expect(await statusWith(hub, oldToken)).toBe(401);
    expect(await statusWith(hub, newToken)).toBe(200);
    expect(tokenOf(device)).toBe(newToken);
  });

  it('keeps syncing with the old token when the answer to a rotation is cut after the hub rotated, and rotates on the next run', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const hub = await startHub(await hubLocation('sqlite'));
    const cutTokens: string[] = [];
    let cutNext = true;
    const cutting: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      if (cutNext && new URL(url).pathname === '/v1/token/rotate') {
        cutNext = false;
        // The hub has rotated and answered; the connection drops before the laptop reads the answer.
        cutTokens.push(RotateResponseSchema.parse(await response.json()).token);
        throw new TypeError('fetch failed: connection reset by peer');
      }
      return response;
    };
    const { device, later } = await laptop(hub, cutting);
    const oldToken = tokenOf(device);

    later(31 * DAY_MS);
    await createClient(device, { name: 'Synced while the rotation is lost' });
    await syncClean(device);
    expect(cutTokens).toHaveLength(1);
    expect(tokenOf(device)).toBe(oldToken);
    expect(await hubTokens(hub)).toEqual({ token_hash: sha256(cutTokens[0]!), previous_token_hash: sha256(oldToken) });

    const storedBefore = (await hub.admin.storedChangeIds()).length;
    await createClient(device, { name: 'Synced with the old token' });
    await syncClean(device);
    expect((await hub.admin.storedChangeIds()).length).toBeGreaterThan(storedBefore);
    const newToken = tokenOf(device);
    expect(newToken).not.toBe(oldToken);

    await syncClean(device);
    expect(await statusWith(hub, cutTokens[0]!)).toBe(401);
    expect(await statusWith(hub, oldToken)).toBe(401);
    expect(await statusWith(hub, newToken)).toBe(200);
  });
});
