import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../hub/bundles';
import { revokeDevice } from '../../hub/enrolment';
import { HubRequestError } from '../../hub/errors';
import { BundleImportResponseSchema, CHANGE_SCHEMA_VERSION, type BundleFile } from '../../shared/sync/protocol';
import { backends, company, findRow, newRowId, startTestHub, statuses, type TestDevice, type TestHub } from './fixtures';

async function lastSeq(hub: TestHub, programme: string): Promise<number> {
  const row = await hub.database.db.selectFrom('programmes').select('last_seq').where('id', '=', programme).executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

describe.each(backends)('bundles on %s', (backend) => {
  async function setup() {
    const hub = await startTestHub(backend);
    const programme = await hub.programme();
    const adviser = await hub.device(await hub.user(programme, 'adviser'));
    const office = await hub.device(await hub.user(programme, 'office'));
    const firm = newRowId();
    const contact = newRowId();
    const changes = [
      adviser.change('companies', firm, company('Offline Firm')),
      adviser.change('contacts', contact, { company_id: firm, name: 'Ida', position: 0 }),
    ];
    return { hub, programme, adviser, office, firm, contact, changes, bundle: adviser.bundle(changes, hub.database.hubId) };
  }

  const upload = (device: TestDevice, file: BundleFile | object) => device.request('POST', '/v1/bundles', file);

  it('imports a signed bundle for the office, as if its device had pushed it', async () => {
    const { adviser, office, firm, contact, changes, bundle } = await setup();
    const response = await upload(office, bundle);
    expect(response.statusCode, response.body).toBe(200);
    const body = BundleImportResponseSchema.parse(response.json());
    expect(body.deviceId).toBe(adviser.deviceId);
    expect(statuses(body)).toEqual(['accepted', 'accepted']);

    const rows = await adviser.pullAll();
    expect(findRow(rows, 'companies', firm)?.values.name).toBe('Offline Firm');
    expect(findRow(rows, 'contacts', contact)?.clocks.name).toBe(changes[1]!.hlc);
    const status = await adviser.request('GET', '/v1/status');
    expect(status.json().device).toEqual({ lastHlc: changes[1]!.hlc, changeCount: 2 });
  });

  it('changes nothing when the same bundle is imported twice, or after its device pushed the same changes', async () => {
    const { hub, programme, adviser, office, changes, bundle } = await setup();
    await upload(office, bundle);
    const seq = await lastSeq(hub, programme);
    const again = BundleImportResponseSchema.parse((await upload(office, bundle)).json());
    expect(statuses(again)).toEqual(['duplicate', 'duplicate']);
    expect(await lastSeq(hub, programme)).toBe(seq);
    expect(statuses(await adviser.push(changes))).toEqual(['duplicate', 'duplicate']);
  });

  it('refuses a tampered bundle with 400 bad_signature and applies nothing', async () => {
    const { hub, programme, office, bundle } = await setup();
    const tampered = { ...bundle, payload: bundle.payload.replace('Offline Firm', 'Offline Firn') };
    const response = await upload(office, tampered);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('bad_signature');
    expect(await lastSeq(hub, programme)).toBe(0);
  });

  it('refuses a bundle without a signature, or signed by another key, with bad_signature', async () => {
    const { hub, programme, office, bundle } = await setup();
    const otherKey = crypto.generateKeyPairSync('ed25519').privateKey;
    const forged = { payload: bundle.payload, signature: crypto.sign(null, Buffer.from(bundle.payload), otherKey).toString('base64') };
    for (const file of [{ payload: bundle.payload }, { payload: bundle.payload, signature: '' }, forged]) {
      const response = await upload(office, file);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('bad_signature');
    }
    expect(await lastSeq(hub, programme)).toBe(0);
  });

  it('lets the device that made the bundle upload it, but not another adviser', async () => {
    const { hub, programme, adviser, bundle } = await setup();
    const colleague = await hub.device(await hub.user(programme, 'adviser'));
    const refused = await upload(colleague, bundle);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('forbidden');
    expect(await lastSeq(hub, programme)).toBe(0);
    expect((await upload(adviser, bundle)).statusCode).toBe(200);
  });

  it("answers 404 to another programme's office and refuses a bundle made for another hub", async () => {
    const { hub, adviser, bundle, changes } = await setup();
    const foreignOffice = await hub.device(await hub.user(await hub.programme(), 'office'));
    const foreign = await upload(foreignOffice, bundle);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toBe('not_found');

    const otherHub = await upload(adviser, adviser.bundle(changes, 'another-hub'));
    expect(otherHub.statusCode).toBe(400);
    expect(otherHub.json().message).toContain('another hub');
  });

  it('answers 426 for a bundle holding a change of a newer schema, applying none of it', async () => {
    const { hub, programme, adviser, office, changes } = await setup();
    const newer = adviser.bundle([changes[0]!, { ...changes[1]!, schemaVersion: CHANGE_SCHEMA_VERSION + 1 }], hub.database.hubId);
    const response = await upload(office, newer);
    expect(response.statusCode).toBe(426);
    expect(await lastSeq(hub, programme)).toBe(0);
  });

  it('authorises bundle changes as its device user: a bundle cannot touch another adviser’s firm', async () => {
    const { hub, programme, adviser, office } = await setup();
    const colleague = await hub.device(await hub.user(programme, 'adviser'));
    const theirs = newRowId();
    await colleague.push([colleague.change('companies', theirs, company('Theirs'))]);
    const bundle = adviser.bundle([adviser.change('companies', theirs, { name: 'Hijacked' })], hub.database.hubId);
    const body = BundleImportResponseSchema.parse((await upload(office, bundle)).json());
    expect(statuses(body)).toEqual(['rejected']);
  });

  it('refuses bundles of a revoked device, also for the administrator', async () => {
    const { hub, office, adviser, bundle } = await setup();
    await revokeDevice(hub.database.db, hub.clock.now(), adviser.deviceId);
    expect((await upload(office, bundle)).statusCode).toBe(403);
    await expect(importBundle(hub.database, hub.clock.now(), bundle, { kind: 'admin' })).rejects.toBeInstanceOf(HubRequestError);
  });

  it('accepts a bundle larger than the ordinary body limit', async () => {
    const hub = await startTestHub(backend, { bodyLimit: 2048 });
    const programme = await hub.programme();
    const adviser = await hub.device(await hub.user(programme, 'adviser'));
    const office = await hub.device(await hub.user(programme, 'office'));
    const bundle = adviser.bundle(Array.from({ length: 30 }, () => adviser.change('companies', newRowId(), company())), hub.database.hubId);
    expect(JSON.stringify(bundle).length).toBeGreaterThan(2048);
    const response = await upload(office, bundle);
    expect(response.statusCode, response.body).toBe(200);
  });
});
