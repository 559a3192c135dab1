import { describe, expect, it } from 'vitest';
import { revokeDevice } from '../../hub/enrolment';
import { RotateResponseSchema, StatusResponseSchema, type Change, type PulledRow } from '../../shared/sync/protocol';
import { syncedTables, type SyncedTableName } from '../../shared/sync/tables';
import { backends, company, newRowId, startTestHub, type TestDevice, type TestHub } from '../hub/fixtures';

/**
 * Every endpoint × every role × rows that belong to someone else. Adviser A of programme P owns a
 * firm with one row in every synced table, a conflict record, and an annotation the office wrote.
 * Everyone else tries to read and write them through every endpoint; nothing may leak.
 */

interface Owned {
  table: string;
  rowId: string;
}

async function world(hub: TestHub) {
  const p = await hub.programme('Made Smarter North West');
  const q = await hub.programme('MADE Denmark');
  const adviserA = await hub.user(p, 'adviser', 'Adviser A');
  const laptop = await hub.device(adviserA);
  const tablet = await hub.device(adviserA);
  const office = await hub.device(await hub.user(p, 'office', 'Office P'));
  const attackers = {
    'another adviser of the programme': await hub.device(await hub.user(p, 'adviser', 'Adviser B')),
    'the office of the programme': office,
    'an adviser of another programme': await hub.device(await hub.user(q, 'adviser', 'Adviser X')),
    'the office of another programme': await hub.device(await hub.user(q, 'office', 'Office Q')),
  };

  const companyId = newRowId();
  const assessmentId = newRowId();
  const t = '2026-11-21T10:00:00.000Z';
  const rows: Record<SyncedTableName, Change['changes']> = {
    companies: company('Calder Valley Castings'),
    contacts: { company_id: companyId, position: 0, name: 'Sarah Whitfield', email: 'sarah@example.co.uk', created_at: t },
    assessments: { company_id: companyId, kind: 'baseline', status: 'draft', visit_date: '2026-11-20', report_language: 'en', created_at: t },
    assessment_instruments: { assessment_id: assessmentId, instrument_id: 'digital-maturity', instrument_version: '1.0.0', position: 0, created_at: t },
    answers: { assessment_id: assessmentId, instrument_id: 'digital-maturity', question_id: 'dm-strategy-vision', value: '3', note: 'Plan due in March', created_at: t },
    dimension_targets: { assessment_id: assessmentId, instrument_id: 'digital-maturity', dimension_id: 'digital-strategy', target: 4, importance: 3, created_at: t },
    roadmap_steps: { assessment_id: assessmentId, origin: 'custom', horizon: 'now', position: 0, title: 'Visit a peer', owner: 'MD', created_at: t },
    directory_entries: { directory: 'peers', entry: '{"name":"Peer"}', created_at: t },
    annotations: { company_id: companyId, body: 'Funding call in May', author: 'Office P', created_at: t },
  };
  const ids: Record<string, string> = { companies: companyId, assessments: assessmentId };
  const owned = Object.entries(rows)
    .filter(([table]) => table !== 'annotations')
    .map(([table, changes]) => laptop.change(table, ids[table] ?? newRowId(), changes));
  expect((await laptop.push(owned)).results.every((r) => r.status === 'accepted')).toBe(true);
  const annotation = office.change('annotations', newRowId(), rows.annotations);
  expect((await office.push([annotation])).results[0]!.status).toBe('accepted');

  // A concurrent edit of one column on the adviser's two devices makes a conflict record.
  await tablet.pullAll();
  hub.clock.advance(1000);
  const fromLaptop = laptop.change('companies', companyId, { town: 'Halifax' });
  const fromTablet = tablet.change('companies', companyId, { town: 'Hebden Bridge' });
  await laptop.push([fromLaptop]);
  expect((await tablet.push([fromTablet])).results[0]!.status).toBe('conflict');

  const all = await laptop.pullAll();
  const ofA: Owned[] = uniqueRows(all).map((row) => ({ table: row.table, rowId: row.rowId }));
  expect(new Set(ofA.map((r) => r.table))).toEqual(new Set([...Object.keys(syncedTables), 'conflicts']));
  return { p, laptop, office, attackers, companyId, assessmentId, ofA, rows };
}

function uniqueRows(rows: readonly PulledRow[]): PulledRow[] {
  const latest = new Map<string, PulledRow>();
  for (const row of rows) latest.set(`${row.table}/${row.rowId}`, row);
  return [...latest.values()];
}

function key(row: Owned): string {
  return `${row.table}/${row.rowId}`;
}

/** A column the table lets a change write that is not the row's link to its parent. */
function writableColumn(table: string): string {
  if (table === 'conflicts') return 'status';
  const spec = syncedTables[table as SyncedTableName];
  const link = spec.ownership.kind === 'child' ? spec.ownership.column : null;
  return spec.columns.find((c) => c !== link && c !== 'created_at')!;
}

describe.each(backends)('authorisation on %s', (backend) => {
  it('pull gives each role exactly its share: the office all of its programme, nobody else any row of adviser A', async () => {
    const hub = await startTestHub(backend);
    const { attackers, ofA } = await world(hub);
    for (const [who, device] of Object.entries(attackers)) {
      const seen = new Set(uniqueRows(await device.pullAll()).map(key));
      const leaked = ofA.filter((row) => seen.has(key(row)));
      if (who === 'the office of the programme') expect(leaked.length, who).toBe(ofA.length);
      else expect(leaked.map(key), who).toEqual([]);
    }
  });

  it('push refuses every change to a row of adviser A from every other role, and the rows stay as they were', async () => {
    const hub = await startTestHub(backend);
    const { laptop, attackers, ofA } = await world(hub);
    const before = uniqueRows(await laptop.pullAll());
    for (const [who, device] of Object.entries(attackers)) {
      const sameProgramme = !who.includes('another programme');
      for (const row of ofA) {
        // The programme's office wrote the annotation and may edit it; that is its one permitted write.
        if (who === 'the office of the programme' && row.table === 'annotations') continue;
        const column = writableColumn(row.table);
        const upsert = device.change(row.table, row.rowId, { [column]: 'tampered' });
        const tombstone = device.change(row.table, row.rowId, { deleted_at: '2026-11-22T00:00:00.000Z' }, { operation: 'delete' });
        const { results } = await device.push([upsert, tombstone]);
        // Programmes are separate worlds: in another programme the id names no row of A's, so a write
        // there can at most make a row of the attacker's own. Within the programme it must be refused.
        if (sameProgramme) expect(results.map((r) => r.status), `${who} → ${key(row)}`).toEqual(['rejected', 'rejected']);
      }
      const theirs = JSON.stringify(await device.pullAll());
      if (!sameProgramme) for (const secret of ['Calder', 'Sarah', 'Plan due', 'Visit a peer', 'Hebden', 'Halifax']) expect(theirs, who).not.toContain(secret);
    }
    expect(uniqueRows(await laptop.pullAll())).toEqual(before);
  });

  it("push refuses new rows hung off adviser A's firm or assessment by every other role, except the office's annotations", async () => {
    const hub = await startTestHub(backend);
    const { laptop, attackers, rows, companyId, assessmentId } = await world(hub);
    const before = uniqueRows(await laptop.pullAll());
    for (const [who, device] of Object.entries(attackers)) {
      for (const [table, spec] of Object.entries(syncedTables)) {
        if (spec.ownership.kind !== 'child') continue;
        const parent = spec.ownership.parentTable === 'companies' ? companyId : assessmentId;
        const change = device.change(table, newRowId(), { ...rows[table as SyncedTableName], [spec.ownership.column]: parent });
        const [result] = (await device.push([change])).results;
        const allowed = who === 'the office of the programme' && table === 'annotations';
        expect(result!.status, `${who} → new ${table}`).toBe(allowed ? 'accepted' : 'rejected');
      }
    }
    const after = uniqueRows(await laptop.pullAll()).filter((row) => row.table !== 'annotations');
    expect(after).toEqual(before.filter((row) => row.table !== 'annotations'));
  });

  it("bundles: a laptop's signed bundle is taken from its own device or its programme's office, and from nobody else", async () => {
    const hub = await startTestHub(backend);
    const { laptop, attackers, companyId } = await world(hub);
    const { hubId } = StatusResponseSchema.parse((await laptop.request('GET', '/v1/status')).json());
    const bundle = laptop.bundle([laptop.change('companies', companyId, { name: 'Renamed on site' })], hubId);
    for (const [who, device] of Object.entries(attackers)) {
      const response = await device.request('POST', '/v1/bundles', bundle);
      if (who === 'the office of the programme') expect(response.statusCode, who).toBe(200);
      else expect([403, 404], `${who}: ${response.body}`).toContain(response.statusCode);
    }
    // Someone else's key cannot speak for the laptop.
    const forged = { ...attackers['another adviser of the programme'].bundle([], hubId) };
    forged.payload = forged.payload.replace(/"deviceId":"[0-9a-f]{16}"/, `"deviceId":"${laptop.deviceId}"`);
    expect((await laptop.request('POST', '/v1/bundles', forged)).statusCode).toBe(400);
  });

  it('status and token rotation answer only for the calling device', async () => {
    const hub = await startTestHub(backend);
    const { laptop, attackers } = await world(hub);
    for (const device of [laptop, ...Object.values(attackers)]) {
      const status = StatusResponseSchema.parse((await device.request('GET', '/v1/status')).json());
      expect(status.deviceId).toBe(device.deviceId);
    }
    const before = laptop.token;
    const rotated = await attackers['another adviser of the programme'].request('POST', '/v1/token/rotate');
    expect(rotated.statusCode).toBe(200);
    expect((await laptop.request('GET', '/v1/status')).statusCode).toBe(200);
    expect(laptop.token).toBe(before);
  });

  it('every endpoint refuses a missing, unknown or revoked token with 401 and leaks nothing', async () => {
    // Unknown tokens count against the caller's address; this test sends many on purpose.
    const hub = await startTestHub(backend, { rateLimits: { ip: { capacity: 1000, refillPerSecond: 100 } } });
    const { laptop, attackers, companyId } = await world(hub);
    const rotatedAway = laptop.token;
    const rotation = await laptop.request('POST', '/v1/token/rotate');
    expect(rotation.statusCode).toBe(200);
    // The old token lasts until the new one is first used, so a lost answer to a rotation strands nobody.
    laptop.token = RotateResponseSchema.parse(rotation.json()).token;
    expect((await laptop.request('GET', '/v1/status')).statusCode).toBe(200);
    const revoked: TestDevice = attackers['another adviser of the programme'];
    expect(await revokeDevice(hub.database.db, hub.clock.now(), revoked.deviceId)).toBe(true);
    const endpoints: [method: 'GET' | 'POST', url: string, body?: unknown][] = [
      ['GET', '/v1/status'],
      ['GET', '/v1/pull?cursor=0'],
      ['POST', '/v1/push', { batchId: crypto.randomUUID(), changes: [laptop.change('companies', companyId, { name: 'x' })] }],
      ['POST', '/v1/token/rotate'],
      ['POST', '/v1/bundles', { payload: '{}', signature: 'AAAA' }],
    ];
    for (const token of ['', 'not-a-token', rotatedAway, revoked.token]) {
      for (const [method, url, body] of endpoints) {
        const response = await laptop.request(method, url, body, false, token ? { authorization: `Bearer ${token}` } : {});
        expect(response.statusCode, `${method} ${url} with ${token ? 'a bad token' : 'no token'}`).toBe(401);
        expect(response.body).not.toContain('Calder');
        expect(response.json()).toMatchObject({ error: 'unauthorized' });
      }
    }
  });
});
