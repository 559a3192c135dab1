import { describe, expect, it } from 'vitest';
import { CHANGE_SCHEMA_VERSION, MAX_BATCH_CHANGES, SCHEMA_VERSION_HEADER, type PushRequest } from '../../shared/sync/protocol';
import { createClient } from '../helpers/services';
import { enrolledDevice, FakeHub, hubError, outboxRows, seedChanges, type Device } from './fake-hub';

function pushes(device: Device): PushRequest[] {
  return device.hub.requestsTo('POST /v1/push').map((r) => r.body as PushRequest);
}

async function withLocalWork(device: Device) {
  const client = await createClient(device.services);
  return { client, before: outboxRows(device.services) };
}

describe('push', () => {
  it('sends the outbox in seq order as protocol changes with their replaced clocks, and marks them sent', async () => {
    const device = await enrolledDevice();
    const { client, before } = await withLocalWork(device);
    const status = await device.services.sync.syncNow();
    const [push] = pushes(device);
    expect(push!.changes.map((c) => c.changeId)).toEqual(before.map((r) => r.change_id));
    expect(push!.changes[0]).toMatchObject({ table: 'companies', rowId: client.id, operation: 'upsert', hlc: client.updatedAt, schemaVersion: 1 });
    expect(Object.values(push!.changes[0]!.replaced).every((clock) => clock === null)).toBe(true);
    expect(outboxRows(device.services).every((r) => r.sent_at !== null)).toBe(true);
    expect(status).toMatchObject({ pendingChanges: 0, rejectedChanges: 0, problem: null });
    expect(status.lastSyncedAt).not.toBeNull();
  });

  it('sends the schema-version header and the device token on every request', async () => {
    const device = await enrolledDevice();
    await withLocalWork(device);
    await device.services.sync.syncNow();
    for (const request of device.hub.requests) expect(request.headers[SCHEMA_VERSION_HEADER]).toBe(String(CHANGE_SCHEMA_VERSION));
    for (const request of device.hub.requests.filter((r) => r.path !== '/v1/enrol')) expect(request.headers.authorization).toBe('Bearer device-token-1');
  });

  it(`splits more than ${MAX_BATCH_CHANGES} changes into batches of at most that many, each with its own batch id`, async () => {
    const device = await enrolledDevice();
    const { client } = await withLocalWork(device);
    seedChanges(device.services, client.id, MAX_BATCH_CHANGES + 10);
    await device.services.sync.syncNow();
    const sizes = pushes(device).map((p) => p.changes.length);
    expect(sizes).toEqual([MAX_BATCH_CHANGES, outboxRows(device.services).length - MAX_BATCH_CHANGES]);
    expect(new Set(pushes(device).map((p) => p.batchId)).size).toBe(2);
    expect(outboxRows(device.services).every((r) => r.sent_at !== null)).toBe(true);
  });

  it('reuses the batch id when the same batch is sent again after a failure, even in a later run', async () => {
    const device = await enrolledDevice();
    await withLocalWork(device);
    device.hub.once('POST /v1/push', hubError(503, 'internal', 'Down for maintenance'));
    expect((await device.services.sync.syncNow()).problem?.code).toBe('server_error');
    await device.services.sync.syncNow();
    const [failed, retried] = pushes(device);
    expect(retried!.batchId).toBe(failed!.batchId);
    expect(retried!.changes).toEqual(failed!.changes);
  });

  it('marks changes sent only once the hub has answered', async () => {
    const device = await enrolledDevice();
    await withLocalWork(device);
    let sentDuringRequest: number | null = null;
    device.hub.once('POST /v1/push', () => {
      sentDuringRequest = outboxRows(device.services).filter((r) => r.sent_at !== null).length;
      return undefined;
    });
    await device.services.sync.syncNow();
    expect(sentDuringRequest).toBe(0);
    expect(outboxRows(device.services).every((r) => r.sent_at !== null)).toBe(true);
  });

  it('keeps a refused change with its reason, does not send it again, and counts it in the status', async () => {
    const device = await enrolledDevice();
    const { before } = await withLocalWork(device);
    const refused = before[0]!.change_id;
    device.hub.refuse.set(refused, 'Not your firm');
    const status = await device.services.sync.syncNow();
    expect(status).toMatchObject({ rejectedChanges: 1, pendingChanges: 0, problem: { code: 'rejected' } });
    expect(outboxRows(device.services).find((r) => r.change_id === refused)).toMatchObject({ sent_at: null, rejected_reason: 'Not your firm' });
    await device.services.sync.syncNow();
    expect(pushes(device)).toHaveLength(1);
  });

  it('halves the batch on 413 until the hub takes it', async () => {
    const device = await enrolledDevice();
    const { client } = await withLocalWork(device);
    seedChanges(device.services, client.id, 40);
    device.hub.always('POST /v1/push', (request) =>
      (request.body as PushRequest).changes.length > 10 ? hubError(413, 'payload_too_large', 'Too large') : undefined,
    );
    const status = await device.services.sync.syncNow();
    const sizes = pushes(device).map((p) => p.changes.length);
    const total = outboxRows(device.services).length;
    expect(sizes.slice(0, 3)).toEqual([total, Math.ceil(total / 2), Math.ceil(Math.ceil(total / 2) / 2)]);
    expect(sizes.filter((size) => size <= 10).reduce((a, b) => a + b, 0)).toBe(total);
    expect(status).toMatchObject({ pendingChanges: 0, rejectedChanges: 0, problem: null });
  });

  it('marks a single change that is still too large as refused with a reason, never dropping it', async () => {
    const device = await enrolledDevice();
    const { before } = await withLocalWork(device);
    const huge = before[0]!.change_id;
    device.hub.always('POST /v1/push', (request) =>
      (request.body as PushRequest).changes.some((c) => c.changeId === huge) ? hubError(413, 'payload_too_large', 'Too large') : undefined,
    );
    const status = await device.services.sync.syncNow();
    const row = outboxRows(device.services).find((r) => r.change_id === huge)!;
    expect(row.sent_at).toBeNull();
    expect(row.rejected_reason).toMatch(/larger than the hub accepts/);
    expect(status).toMatchObject({ rejectedChanges: 1, pendingChanges: 0, problem: { code: 'rejected' } });
    expect(outboxRows(device.services)).toHaveLength(before.length);
  });

  it('waits as long as Retry-After says on 429 and retries the same batch', async () => {
    const device = await enrolledDevice();
    await withLocalWork(device);
    device.hub.once('POST /v1/push', hubError(429, 'rate_limited', 'Slow down', { 'retry-after': '7' }));
    const status = await device.services.sync.syncNow();
    expect(device.sleeps).toEqual([7000]);
    const [first, second] = pushes(device);
    expect(second!.batchId).toBe(first!.batchId);
    expect(status.problem).toBeNull();
  });

  it('gives up after a bounded number of 429s with problem rate_limited and the outbox untouched, capping each wait', async () => {
    const device = await enrolledDevice();
    const { before } = await withLocalWork(device);
    device.hub.always('POST /v1/push', () => hubError(429, 'rate_limited', 'Slow down', { 'retry-after': '3600' }));
    const status = await device.services.sync.syncNow();
    expect(status.problem?.code).toBe('rate_limited');
    expect(device.sleeps.length).toBeGreaterThan(0);
    expect(device.sleeps.every((ms) => ms <= 60_000)).toBe(true);
    expect(pushes(device)).toHaveLength(device.sleeps.length + 1);
    expect(outboxRows(device.services)).toEqual(before);
  });

  it.each([
    ['426', () => hubError(426, 'schema_too_new', 'Upgrade the hub'), 'hub_too_old'],
    ['401', () => hubError(401, 'unauthorized', 'Token revoked'), 'unauthorized'],
    ['500', () => hubError(500, 'internal', 'Boom'), 'server_error'],
    ['a 400', () => hubError(400, 'invalid_request', 'Bad'), 'server_error'],
    ['a body that is not the protocol', () => new Response('<html>proxy</html>', { status: 200 }), 'server_error'],
  ] as const)('keeps the outbox intact after %s and shows the problem', async (_name, answer, code) => {
    const device = await enrolledDevice();
    const { before } = await withLocalWork(device);
    device.hub.always('POST /v1/push', answer);
    const status = await device.services.sync.syncNow();
    expect(status.problem?.code).toBe(code);
    expect(status.pendingChanges).toBe(before.length);
    expect(outboxRows(device.services)).toEqual(before);
  });

  it.each([
    ['the network fails', new TypeError('fetch failed')],
    ['the request times out', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })],
  ])('keeps the outbox intact when %s, with problem unreachable', async (_name, failure) => {
    const device = await enrolledDevice();
    const { before } = await withLocalWork(device);
    device.hub.once('POST /v1/push', () => Promise.reject(failure));
    const status = await device.services.sync.syncNow();
    expect(status.problem?.code).toBe('unreachable');
    expect(status.problem?.detail).toContain('hub.example.org');
    expect(outboxRows(device.services)).toEqual(before);
  });

  it('does not pull when the push failed, and clears the problem after the next good run', async () => {
    const device = await enrolledDevice();
    await withLocalWork(device);
    const pullsBefore = device.hub.requestsTo('GET /v1/pull?cursor=0').length;
    device.hub.once('POST /v1/push', hubError(502, 'internal', 'Bad gateway'));
    await device.services.sync.syncNow();
    expect(device.hub.requests.filter((r) => r.path.startsWith('/v1/pull'))).toHaveLength(pullsBefore);
    expect((await device.services.sync.syncNow()).problem).toBeNull();
  });

  it('counts pending changes the same way in app.info and the sync status', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub);
    const { before } = await withLocalWork(device);
    hub.refuse.set(before[0]!.change_id, 'No');
    hub.always('POST /v1/push', (request) => ((request.body as PushRequest).changes.length > 1 ? hubError(500, 'internal', 'x') : undefined));
    await device.services.sync.syncNow();
    const info = await device.services.handlers['app.info']({});
    const status = await device.services.sync.status();
    expect(info.pendingChanges).toBe(status.pendingChanges);
    expect(status.pendingChanges).toBe(outboxRows(device.services).filter((r) => !r.sent_at && !r.rejected_reason).length);
  });
});
