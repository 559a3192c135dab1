import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PulledRow } from '../../shared/sync/protocol';
import { enrolledDevice, FakeHub, hubError, type Device } from './fake-hub';

const OTHER = 'aaaaaaaaaaaaaaaa';
const HUB = 'bbbbbbbbbbbbbbbb';
const FIRM = '0190a0b1-1111-7000-8000-000000000001';
const CONTACT = '0190a0b1-2222-7000-8000-000000000002';
const ORPHAN = '0190a0b1-3333-7000-8000-000000000003';
const ASSESSMENT = '0190a0b1-4444-7000-8000-000000000004';
const ANSWER = '0190a0b1-5555-7000-8000-000000000005';
const CONFLICT = '0190a0b1-6666-7000-8000-000000000006';
const OTHER_FIRM = '0190a0b1-7777-7000-8000-000000000007';
const LATE_CHANGE = '0190a0b1-8888-7000-8000-000000000008';

const at = (iso: string, device = OTHER) => `${iso}-0000-${device}`;
const EARLY = at('2026-11-20T09:00:00.000Z');

function row(table: PulledRow['table'], rowId: string, values: PulledRow['values'], clock = EARLY): PulledRow {
  return { table, rowId, values, clocks: Object.fromEntries(Object.keys(values).map((c) => [c, clock])) };
}

const firm = (id: string, name: string) =>
  row('companies', id, { name, registration_number: 'GB123', nace_code: '24', employee_band: '50-249', turnover_band: '10m-50m', street: '1 Mill Lane', town: 'Brighouse', postcode: 'HD6 1AA', region: 'Yorkshire and the Humber', country: 'GB', created_at: '2026-11-20T09:00:00.000Z', deleted_at: null });
const visit = [
  firm(FIRM, 'Calder Valley Castings Ltd'),
  row('contacts', CONTACT, { company_id: FIRM, position: 0, name: 'Jo Calder', role: 'MD', email: 'jo@calder.example', phone: '+44 1', created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }),
  row('assessments', ASSESSMENT, { company_id: FIRM, kind: 'baseline', baseline_id: null, revision_of: null, status: 'draft', visit_date: '2026-11-20', people_present: 'Jo Calder', report_language: 'en', finalised_at: null, created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }),
  row('answers', ANSWER, { assessment_id: ASSESSMENT, instrument_id: 'digital-maturity', question_id: 'dm-strategy-vision', value: '2', not_applicable: 0, note: 'Jo wants robots', flagged: 0, created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }),
  row('conflicts', CONFLICT, { table_name: 'answers', row_id: ANSWER, field: 'note', kept_value: 'Jo wants robots', kept_hlc: EARLY, other_value: 'Jo fears robots', other_hlc: EARLY, status: 'open', resolved_at: null, resolution: null, created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }),
  // A second contact whose firm row the device has not received: it waits, parked, with its values.
  row('contacts', ORPHAN, { company_id: OTHER_FIRM, position: 0, name: 'Sam Orphan', role: '', email: 'sam@orphan.example', phone: '', created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }),
];
const erasure = (companyId: string) => row('erasures', companyId, { company_id: companyId, erased_at: '2026-11-22T10:00:00.000Z', created_at: '2026-11-22T10:00:00.000Z' }, at('2026-11-22T10:00:00.000Z', HUB));

function all(device: Device, query: string, ...params: unknown[]): unknown[] {
  return device.services.database.sqlite.prepare(query).all(...params);
}

async function deviceWith(rows: PulledRow[]): Promise<Device> {
  const hub = new FakeHub();
  hub.rows = rows;
  const device = await enrolledDevice(hub);
  return device;
}

const PERSONAL = /Calder Valley|Jo Calder|jo@calder|Jo wants|Jo fears|Sam Orphan|sam@orphan|Mill Lane|Late edit/;

describe('an erasure pulled from the hub', () => {
  it('records the erasure and empties the firm’s personal values everywhere on the device: rows, unsent and sent changes, conflicts, parked rows', async () => {
    const device = await deviceWith(visit);
    // A local edit made after the office erased the firm, not yet sent: its clock beats the hub's.
    const later = Date.parse('2026-12-01T00:00:00.000Z');
    device.services.database.sqlite.prepare("update companies set name = 'Late edit Ltd', updated_at = ? where id = ?").run(at('2026-12-01T00:00:00.000Z', device.services.clock.deviceId), FIRM);
    device.services.database.sqlite
      .prepare(
        `insert into outbox (change_id, table_name, row_id, operation, hlc, base_hlc, changes, schema_version, created_at, replaced)
         values (?, 'companies', ?, 'upsert', ?, null, ?, 1, '2026-12-01T00:00:00.000Z', '{}')`,
      )
      .run(LATE_CHANGE, FIRM, at(new Date(later).toISOString(), device.services.clock.deviceId), JSON.stringify({ name: 'Late edit Ltd', employee_band: '250+' }));
    expect(JSON.stringify(all(device, 'select * from parked_rows'))).toMatch(/Sam Orphan/);

    // The hub refuses the edit, so it stays on the device, unsent, when the erasure arrives.
    device.hub.refuse.set(LATE_CHANGE, 'Refused for this test.');
    device.hub.rows.push(erasure(FIRM), erasure(OTHER_FIRM));
    const status = await device.services.sync.syncNow();
    expect(status.problem?.code).toBe('rejected');

    expect(all(device, 'select company_id, erased_at from erasures order by company_id')).toEqual([
      { company_id: FIRM, erased_at: '2026-11-22T10:00:00.000Z' },
      { company_id: OTHER_FIRM, erased_at: '2026-11-22T10:00:00.000Z' },
    ]);
    expect(all(device, 'select name, registration_number, street, postcode, town, region from companies')).toEqual([
      { name: '', registration_number: '', street: '', postcode: '', town: '', region: 'Yorkshire and the Humber' },
    ]);
    expect(all(device, 'select name, role, email, phone, deleted_at is not null as deleted from contacts')).toEqual([{ name: '', role: '', email: '', phone: '', deleted: 1 }]);
    expect(all(device, 'select people_present from assessments')).toEqual([{ people_present: '' }]);
    expect(all(device, 'select value, note from answers')).toEqual([{ value: '2', note: '' }]);
    expect(all(device, 'select kept_value, other_value from conflicts')).toEqual([{ kept_value: '', other_value: '' }]);
    // The change keeps its other columns, so the rest of the edit can still reach the hub; the name goes as empty.
    expect(all(device, 'select changes from outbox where change_id = ?', LATE_CHANGE)).toEqual([{ changes: JSON.stringify({ name: '', employee_band: '250+' }) }]);
    for (const table of ['companies', 'contacts', 'assessments', 'answers', 'conflicts', 'outbox', 'parked_rows']) {
      expect(JSON.stringify(all(device, `select * from ${table}`)), table).not.toMatch(PERSONAL);
    }
  });

  it('keeps scrubbing what arrives for an erased firm after the erasure, and leaves other firms alone', async () => {
    const device = await deviceWith([firm(FIRM, 'Calder Valley Castings Ltd'), erasure(FIRM), firm(OTHER_FIRM, 'Untouched Ltd')]);
    expect(all(device, 'select name from companies order by id')).toEqual([{ name: '' }, { name: 'Untouched Ltd' }]);
    // An older hub, or a row merged before the erasure reached it, sends a personal value again.
    device.hub.rows.push(row('contacts', CONTACT, { company_id: FIRM, position: 1, name: 'Jo Calder', role: '', email: 'jo@calder.example', phone: '', created_at: '2026-11-23T09:00:00.000Z', deleted_at: null }, at('2026-11-23T09:00:00.000Z')));
    await device.services.sync.syncNow();
    expect(all(device, 'select name, email, deleted_at is not null as deleted from contacts')).toEqual([{ name: '', email: '', deleted: 1 }]);
  });

  it('compacts the file once an erasure is in, even when the pull that brought it stopped part-way', async () => {
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'erasure-compaction-'));
    const hub = new FakeHub();
    hub.rows = [firm(FIRM, 'Calder Valley Castings Ltd')];
    const device = await enrolledDevice(hub, { dataDirectory });
    hub.pageSize = 1;
    hub.rows.push(erasure(FIRM), firm(OTHER_FIRM, 'Untouched Ltd'));
    let pulls = 0;
    // The page with the erasure is stored; the next page does not come.
    hub.always('GET /v1/pull', () => (++pulls === 2 ? hubError(503, 'unavailable', 'Down for maintenance.') : undefined));
    expect((await device.services.sync.syncNow()).problem).not.toBeNull();
    expect((await device.services.sync.syncNow()).problem).toBeNull();

    expect(all(device, 'select name from companies order by id')).toEqual([{ name: '' }, { name: 'Untouched Ltd' }]);
    const file = path.join(dataDirectory, 'stepping-stones.sqlite');
    const bytes = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
    expect(bytes.includes('Calder Valley')).toBe(false);
  });
});
