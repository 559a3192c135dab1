import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HubDb } from '../../hub/database';
import { CHANGE_SCHEMA_VERSION, HubErrorSchema, SCHEMA_VERSION_HEADER } from '../../shared/sync/protocol';
import { newDeviceId } from '../../shared/sync/uuidv7';
import { backends, company, newRowId, startTestHub, TestDevice } from './fixtures';

async function countRows(db: HubDb, table: 'rows' | 'changes' | 'batches'): Promise<number> {
  const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

describe.each(backends)('hub HTTP behaviour on %s', (backend) => {
  async function setup(options: Parameters<typeof startTestHub>[1] = {}) {
    const hub = await startTestHub(backend, options);
    const programme = await hub.programme();
    const device = await hub.device(await hub.user(programme, 'adviser'));
    return { hub, programme, device };
  }

  it('answers 413 payload_too_large for a body over the limit, and applies nothing', async () => {
    const { hub, device } = await setup({ bodyLimit: 4096 });
    const changes = Array.from({ length: 40 }, () => device.change('companies', newRowId(), company()));
    const response = await device.request('POST', '/v1/push', { batchId: crypto.randomUUID(), changes });
    expect(response.statusCode).toBe(413);
    expect(HubErrorSchema.parse(response.json()).error).toBe('payload_too_large');
    expect(await countRows(hub.database.db, 'rows')).toBe(0);
    expect(statusOf(await device.request('POST', '/v1/push', { batchId: crypto.randomUUID(), changes: changes.slice(0, 2) }))).toBe(200);
  });

  it('answers 426 schema_too_new when the header names a newer schema, and applies nothing', async () => {
    const { hub, device } = await setup();
    const body = { batchId: crypto.randomUUID(), changes: [device.change('companies', newRowId(), company())] };
    const response = await device.request('POST', '/v1/push', body, true, { [SCHEMA_VERSION_HEADER]: String(CHANGE_SCHEMA_VERSION + 1) });
    expect(response.statusCode).toBe(426);
    const error = HubErrorSchema.parse(response.json());
    expect(error.error).toBe('schema_too_new');
    expect(error.message).toContain(`up to schema version ${CHANGE_SCHEMA_VERSION}`);
    expect(await countRows(hub.database.db, 'rows')).toBe(0);
    expect(await countRows(hub.database.db, 'changes')).toBe(0);
    expect(await countRows(hub.database.db, 'batches')).toBe(0);
  });

  it('answers 426 when one change of a batch has a newer schema, even with fields this hub does not know, and applies none of them', async () => {
    const { hub, device } = await setup();
    const current = device.change('companies', newRowId(), company());
    const newer = { ...device.change('companies', newRowId(), company()), schemaVersion: CHANGE_SCHEMA_VERSION + 1, priority: 'high' };
    const response = await device.request('POST', '/v1/push', { batchId: crypto.randomUUID(), changes: [current, newer] });
    expect(response.statusCode).toBe(426);
    expect(response.json().error).toBe('schema_too_new');
    expect(await countRows(hub.database.db, 'rows')).toBe(0);
  });

  it('answers 400 when the schema-version header is missing', async () => {
    const { hub, device } = await setup();
    const response = await hub.app.inject({ method: 'GET', url: '/v1/status', headers: { authorization: `Bearer ${device.token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(SCHEMA_VERSION_HEADER);
  });

  it('answers 429 rate_limited with Retry-After once a device spends its burst, and serves it again after waiting', async () => {
    const { hub, device } = await setup({ rateLimits: { device: { capacity: 3, refillPerSecond: 0.5 } } });
    for (let i = 0; i < 3; i++) expect(statusOf(await device.request('GET', '/v1/status'))).toBe(200);
    const limited = await device.request('GET', '/v1/status');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBe('2');
    hub.clock.advance(2000);
    expect(statusOf(await device.request('GET', '/v1/status'))).toBe(200);
  });

  it('limits each device on its own', async () => {
    const { hub, programme, device } = await setup({ rateLimits: { device: { capacity: 1, refillPerSecond: 0.1 } } });
    const other = await hub.device(await hub.user(programme, 'adviser'));
    expect(statusOf(await device.request('GET', '/v1/status'))).toBe(200);
    expect(statusOf(await device.request('GET', '/v1/status'))).toBe(429);
    expect(statusOf(await other.request('GET', '/v1/status'))).toBe(200);
  });

  it('limits enrolment attempts per address with 429 and Retry-After', async () => {
    const { hub } = await setup({ rateLimits: { ip: { capacity: 2, refillPerSecond: 0.1 } } });
    const guesser = new TestDevice(hub.app, hub.clock, newDeviceId());
    expect(statusOf(await guesser.enrol('AAAA-AAAA-AAAA-AAAA'))).toBe(401);
    const limited = await guesser.enrol('AAAA-AAAA-AAAA-AAAB');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('10');
  });

  it('answers 400 invalid_request for malformed JSON and for a body that breaks the protocol, naming the field', async () => {
    const { hub, device } = await setup();
    const malformed = await hub.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${device.token}`, [SCHEMA_VERSION_HEADER]: '1', 'content-type': 'application/json' },
      payload: '{"batchId": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(HubErrorSchema.parse(malformed.json())).toEqual({ error: 'invalid_request', message: 'The request body is not valid JSON.' });

    const invalid = await device.request('POST', '/v1/push', { batchId: 'not-a-uuid', changes: [] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/^batchId: .*changes: /);
  });

  it('answers unknown routes with a 404 HubError', async () => {
    const { device } = await setup();
    const response = await device.request('GET', '/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(HubErrorSchema.parse(response.json())).toEqual({ error: 'not_found', message: 'There is no GET /v1/nothing-here on this hub.' });
  });

  it('answers an internal failure with a 500 HubError that carries no stack trace', async () => {
    const { hub, device } = await setup();
    await hub.database.db.destroy();
    const response = await device.request('GET', '/v1/status');
    expect(response.statusCode).toBe(500);
    expect(HubErrorSchema.parse(response.json())).toEqual({ error: 'internal', message: 'The hub failed to handle this request. Try again later.' });
    expect(response.body).not.toMatch(/at .*\.ts|Error:/);
  });
});

function statusOf(response: { statusCode: number }): number {
  return response.statusCode;
}
