import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { TOKEN_MAX_AGE_MS } from '../../electron/services/sync/sync-engine';
import { createClient, manualNow } from '../helpers/services';
import { enrolledDevice, FakeHub, hubError } from './fake-hub';

const ENROLLED_AT = Date.parse('2026-11-21T10:42:00.000Z');

function meta(services: AppServices, key: string): string | undefined {
  return (services.database.sqlite.prepare('select value from meta where key = ?').get(key) as { value: string } | undefined)?.value;
}

/** The fake hub issues a new token on rotate and from then on accepts only that one, as the real hub does once it is used. */
function rotatingHub(): FakeHub {
  const hub = new FakeHub();
  let issued = 1;
  hub.always('POST /v1/token/rotate', (request) => {
    if (request.headers.authorization !== `Bearer ${hub.enrolment.token}`) return hubError(401, 'unauthorized', 'Unknown token.');
    hub.enrolment.token = `device-token-${++issued}`;
    return Response.json({ token: hub.enrolment.token });
  });
  return hub;
}

async function setup() {
  const now = manualNow(ENROLLED_AT);
  const hub = rotatingHub();
  const device = await enrolledDevice(hub, { now });
  return { now, hub, services: device.services };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('token rotation on the device', () => {
  it('records when the token was issued at enrolment and does not rotate it until it is more than 30 days old', async () => {
    const { now, hub, services } = await setup();
    expect(meta(services, 'sync_token_issued_at')).toBe(new Date(ENROLLED_AT).toISOString());
    now.advance(TOKEN_MAX_AGE_MS);
    await createClient(services);
    const status = await services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(hub.requestsTo('POST /v1/token/rotate')).toHaveLength(0);
    expect(meta(services, 'sync_token')).toBe('device-token-1');
  });

  it('rotates a token older than 30 days at the end of a successful sync, storing the new token and when it was issued', async () => {
    const { now, hub, services } = await setup();
    now.advance(TOKEN_MAX_AGE_MS + 1);
    await createClient(services);
    const status = await services.sync.syncNow();
    expect(status).toMatchObject({ problem: null, pendingChanges: 0 });
    expect(hub.requests.slice(-1).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/token/rotate']);
    expect(meta(services, 'sync_token')).toBe('device-token-2');
    expect(meta(services, 'sync_token_issued_at')).toBe(new Date(now()).toISOString());

    await createClient(services, { name: 'After the rotation' });
    expect((await services.sync.syncNow()).problem).toBeNull();
    expect(hub.requestsTo('POST /v1/push').at(-1)!.headers.authorization).toBe('Bearer device-token-2');
    expect(hub.requestsTo('POST /v1/token/rotate')).toHaveLength(1);
  });

  it('does not rotate when the sync run itself fails', async () => {
    const { now, hub, services } = await setup();
    now.advance(TOKEN_MAX_AGE_MS + 1);
    await createClient(services);
    hub.once('POST /v1/push', hubError(503, 'internal', 'Down for maintenance.'));
    const status = await services.sync.syncNow();
    expect(status.problem).toMatchObject({ code: 'server_error' });
    expect(hub.requestsTo('POST /v1/token/rotate')).toHaveLength(0);
  });

  it.each([
    [
      'whose answer is lost',
      () => {
        throw new TypeError('fetch failed: connection reset');
      },
    ],
    ['answered with 503', () => hubError(503, 'internal', 'The hub failed to handle this request. Try again later.')],
  ])('keeps the old token after a rotation %s, reports a clean sync, logs it and rotates on the next run', async (_, failure) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { now, hub, services } = await setup();
    now.advance(TOKEN_MAX_AGE_MS + 1);
    await createClient(services);
    hub.once('POST /v1/token/rotate', failure);
    const status = await services.sync.syncNow();
    expect(status).toMatchObject({ problem: null, pendingChanges: 0, lastSyncedAt: new Date(now()).toISOString() });
    expect(meta(services, 'sync_token')).toBe('device-token-1');
    expect(meta(services, 'sync_token_issued_at')).toBe(new Date(ENROLLED_AT).toISOString());
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^The device token was not rotated; the current one stays in use/));

    now.advance(60_000);
    const next = await services.sync.syncNow();
    expect(next.problem).toBeNull();
    expect(hub.requestsTo('POST /v1/token/rotate')).toHaveLength(2);
    expect(meta(services, 'sync_token')).toBe('device-token-2');
    expect(meta(services, 'sync_token_issued_at')).toBe(new Date(now()).toISOString());
  });
});
