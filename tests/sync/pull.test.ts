import { describe, expect, it, vi } from 'vitest';
import { builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { parseHlc } from '../../shared/sync/hlc';
import type { PulledRow } from '../../shared/sync/protocol';
import { keyedRowId } from '../../electron/services/sync/keyed-row-id';
import { createClient, manualNow, updateClient } from '../helpers/services';
import { sampleInstrumentJson } from '../helpers/instrument-fixture';
import { enrolledDevice, FakeHub, outboxRows, type Device } from './fake-hub';

const OTHER = 'aaaaaaaaaaaaaaaa';
const COMPANY = '0190a0b1-1111-7000-8000-000000000001';
const CONTACT = '0190a0b1-2222-7000-8000-000000000002';

function clockAt(iso: string, device = OTHER): string {
  return `${iso}-0000-${device}`;
}

function row(table: PulledRow['table'], rowId: string, values: PulledRow['values'], clock: string | Record<string, string>): PulledRow {
  const clocks = typeof clock === 'string' ? Object.fromEntries(Object.keys(values).map((c) => [c, clock])) : clock;
  return { table, rowId, values, clocks };
}

const companyValues = {
  name: 'Calder Valley Castings Ltd',
  nace_code: '24',
  employee_band: '50-249',
  turnover_band: '10m-50m',
  town: 'Brighouse',
  region: 'Yorkshire and the Humber',
  country: 'GB',
  created_at: '2026-11-20T09:00:00.000Z',
  deleted_at: null,
};

const company = (clock = clockAt('2026-11-20T09:00:00.000Z'), values: PulledRow['values'] = companyValues) => row('companies', COMPANY, values, clock);
const contact = (clock = clockAt('2026-11-20T09:01:00.000Z')) =>
  row('contacts', CONTACT, { company_id: COMPANY, position: 0, name: 'Priya Shah', role: 'Operations Director', email: '', phone: '', created_at: '2026-11-20T09:01:00.000Z', deleted_at: null }, clock);

function sql<T>(device: Device, query: string, ...params: unknown[]): T {
  return device.services.database.sqlite.prepare(query).get(...params) as T;
}

function cursor(device: Device): string | undefined {
  return sql<{ value: string } | undefined>(device, `select value from meta where key = 'sync_cursor'`)?.value;
}

async function deviceWithRows(rows: PulledRow[], pageSize = 1000, now = manualNow()): Promise<Device> {
  const hub = new FakeHub();
  const device = await enrolledDevice(hub, { now });
  hub.rows = rows;
  hub.pageSize = pageSize;
  return device;
}

describe('pull', () => {
  it('inserts a missing row with all its columns, stamped with its newest clock and that clock’s device, and stores the cursor', async () => {
    const device = await deviceWithRows([company()]);
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(sql(device, 'select name, town, updated_at, updated_by from companies where id = ?', COMPANY)).toEqual({
      name: companyValues.name,
      town: 'Brighouse',
      updated_at: clockAt('2026-11-20T09:00:00.000Z'),
      updated_by: OTHER,
    });
    expect(cursor(device)).toBe('1');
  });

  it('writes no outbox rows for what it pulled', async () => {
    const device = await deviceWithRows([company(), contact()]);
    await device.services.sync.syncNow();
    expect(outboxRows(device.services)).toEqual([]);
  });

  it('follows the cursor page by page until the hub has nothing more', async () => {
    const device = await deviceWithRows([company(), contact()], 1);
    const before = device.hub.requests.length;
    await device.services.sync.syncNow();
    expect(device.hub.requests.slice(before).filter((r) => r.path.startsWith('/v1/pull')).map((r) => r.path)).toEqual(['/v1/pull?cursor=0', '/v1/pull?cursor=1']);
    expect(cursor(device)).toBe('2');
  });

  it('takes each column from whichever side wrote it last', async () => {
    const now = manualNow(Date.parse('2026-11-21T10:00:00.000Z'));
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now });
    const local = await createClient(device.services, { name: 'Local name', town: 'Local town' });
    await device.services.sync.syncNow();
    hub.rows = [
      row('companies', local.id, { name: 'Hub name', town: 'Hub town' }, { name: clockAt('2026-11-21T11:00:00.000Z'), town: clockAt('2026-11-21T09:00:00.000Z') }),
    ];
    await device.services.sync.syncNow();
    expect(sql(device, 'select name, town, updated_at from companies where id = ?', local.id)).toEqual({
      name: 'Hub name',
      town: 'Local town',
      updated_at: clockAt('2026-11-21T11:00:00.000Z'),
    });
  });

  it('keeps a newer local edit that the hub has not seen yet, and sends it on the next run', async () => {
    const now = manualNow(Date.parse('2026-11-21T10:00:00.000Z'));
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now });
    const local = await createClient(device.services);
    await device.services.sync.syncNow();
    hub.rows = [row('companies', local.id, { town: 'Halifax (hub)' }, clockAt('2026-11-21T11:00:00.000Z'))];
    let edited: Awaited<ReturnType<typeof updateClient>> | undefined;
    // The adviser edits while the pull is on its way: the edit is newer and not yet sent.
    hub.once('GET /v1/pull', async () => {
      now.set(Date.parse('2026-11-21T12:00:00.000Z'));
      edited = await updateClient(device.services, local, { town: 'Sowerby Bridge' });
      return undefined;
    });
    const status = await device.services.sync.syncNow();
    expect(sql(device, 'select town, updated_at from companies where id = ?', local.id)).toEqual({ town: 'Sowerby Bridge', updated_at: edited!.updatedAt });
    expect(status.pendingChanges).toBe(1);
    await device.services.sync.syncNow();
    expect([...hub.stored.values()].at(-1)).toMatchObject({ rowId: local.id, changes: { town: 'Sowerby Bridge' } });
  });

  it('never writes a column the synced-table catalogue does not list', async () => {
    const device = await deviceWithRows([
      company(clockAt('2026-11-20T09:00:00.000Z'), { ...companyValues, updated_by: 'ffffffffffffffff', id: '0190a0b1-9999-7000-8000-000000000009', secret: 'x' }),
    ]);
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(sql(device, 'select id, updated_by from companies')).toEqual({ id: COMPANY, updated_by: OTHER });
  });

  it('applies a page and the cursor together: a failure inside a page leaves both as they were', async () => {
    const other = '0190a0b1-1111-7000-8000-000000000003';
    const device = await deviceWithRows(
      [company(), contact(), row('companies', other, { ...companyValues, name: 'Explodes' }, clockAt('2026-11-20T09:02:00.000Z')), row('companies', '0190a0b1-1111-7000-8000-000000000004', { ...companyValues, name: 'After' }, clockAt('2026-11-20T09:03:00.000Z'))],
      2,
    );
    const lastSyncedAt = (await device.services.sync.status()).lastSyncedAt;
    device.services.database.sqlite.exec(`create trigger explode before insert on companies when new.name = 'Explodes' begin select raise(abort, 'disk on fire'); end`);
    const status = await device.services.sync.syncNow();
    expect(status.problem?.code).toBe('server_error');
    expect(status.problem?.detail).toContain('disk on fire');
    expect(status.lastSyncedAt).toBe(lastSyncedAt);
    expect((device.services.database.sqlite.prepare('select name from companies order by name').all() as { name: string }[]).map((r) => r.name)).toEqual([companyValues.name]);
    expect(sql(device, 'select count(*) as n from contacts')).toEqual({ n: 1 });
    expect(cursor(device)).toBe('2');
  });

  it('parks a row whose parent has not arrived and stores it once the parent comes on a later page', async () => {
    const device = await deviceWithRows([contact(), company()], 1);
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(sql(device, 'select name, company_id from contacts where id = ?', CONTACT)).toEqual({ name: 'Priya Shah', company_id: COMPANY });
    expect(sql(device, 'select count(*) as n from parked_rows')).toEqual({ n: 0 });
  });

  it('keeps an orphan parked without failing the sync, with the newest value of each column it received', async () => {
    const device = await deviceWithRows([contact(clockAt('2026-11-20T09:01:00.000Z')), row('contacts', CONTACT, { name: 'Priya Shah-Patel' }, clockAt('2026-11-20T09:05:00.000Z'))]);
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    const parked = sql<{ row_values: string; reason: string }>(device, 'select row_values, reason from parked_rows where row_id = ?', CONTACT);
    expect(JSON.parse(parked.row_values)).toMatchObject({ name: 'Priya Shah-Patel', company_id: COMPANY, position: 0 });
    expect(parked.reason).toMatch(/constraint failed/);
    expect(sql(device, 'select count(*) as n from contacts')).toEqual({ n: 0 });
  });

  it('parks a row with a value this version cannot store (a newer app’s status) and carries on with the rows after it', async () => {
    const assessment = '0190a0b1-3333-7000-8000-000000000005';
    const later = '0190a0b1-1111-7000-8000-000000000006';
    const clock = clockAt('2026-11-20T09:02:00.000Z');
    const device = await deviceWithRows(
      [
        company(),
        row('assessments', assessment, { company_id: COMPANY, kind: 'baseline', status: 'archived', visit_date: '2026-11-20', people_present: '', report_language: 'en', created_at: '2026-11-20T09:02:00.000Z', deleted_at: null }, clock),
        row('companies', later, { ...companyValues, name: 'After' }, clockAt('2026-11-20T09:03:00.000Z')),
      ],
      2,
    );
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(cursor(device)).toBe('3');
    expect(sql(device, 'select name from companies where id = ?', later)).toEqual({ name: 'After' });
    expect(sql<{ reason: string }>(device, 'select reason from parked_rows where row_id = ?', assessment).reason).toMatch(/CHECK/i);
  });

  it('applies tombstones as deleted_at values', async () => {
    const device = await deviceWithRows([company(), row('companies', COMPANY, { deleted_at: '2026-11-20T10:00:00.000Z' }, clockAt('2026-11-20T10:00:00.000Z'))]);
    await device.services.sync.syncNow();
    expect(sql(device, 'select deleted_at from companies where id = ?', COMPANY)).toEqual({ deleted_at: '2026-11-20T10:00:00.000Z' });
  });

  it('merges the newest pulled clock into the device clock, so later local edits sort after it', async () => {
    const now = manualNow(Date.parse('2026-11-21T10:00:00.000Z'));
    const ahead = clockAt('2026-11-21T15:00:00.000Z');
    const device = await deviceWithRows([company(ahead)], 1000, now);
    await device.services.sync.syncNow();
    expect(sql(device, `select value from meta where key = 'hlc_last'`)).toEqual({ value: expect.any(String) as string });
    const created = await createClient(device.services);
    expect(created.updatedAt > ahead).toBe(true);
    expect(parseHlc(created.updatedAt).device).toBe(device.services.clock.deviceId);
  });

  it('lands an answer written on two devices on the same row (keyed ids), without tripping the unique index', async () => {
    const hub = new FakeHub();
    const device = await enrolledDevice(hub, { now: manualNow() });
    const client = await createClient(device.services);
    const assessment = await device.services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: [{ id: 'digital-maturity' }], visitDate: '2026-11-20', peoplePresent: '', reportLanguage: 'en' });
    await device.services.instruments.get('digital-maturity');
    await device.services.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: 'digital-maturity', questionId: 'dm-strategy-vision', value: 2, notApplicable: false, note: '', flagged: false });
    await device.services.sync.syncNow();
    const answerId = keyedRowId('answers', assessment.id, 'digital-maturity', 'dm-strategy-vision');
    hub.rows = [
      row(
        'answers',
        answerId,
        { assessment_id: assessment.id, instrument_id: 'digital-maturity', question_id: 'dm-strategy-vision', value: '4', not_applicable: 0, note: 'From the other laptop', flagged: 0, created_at: '2026-11-21T10:50:00.000Z', deleted_at: null },
        clockAt('2026-11-21T10:50:00.000Z'),
      ),
    ];
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(sql(device, 'select count(*) as n from answers')).toEqual({ n: 1 });
    expect(sql(device, 'select value, note from answers where id = ?', answerId)).toEqual({ value: '4', note: 'From the other laptop' });
  });

  it('stores conflicts, valid published instruments and catalogues from the hub, and skips and logs an invalid instrument', async () => {
    const log = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const published = { ...sampleInstrumentJson(), id: 'office-survey', version: '2.0.0' };
    const catalogue = { ...builtinCatalogueJson, version: '9.0.0' };
    const device = await deviceWithRows([
      row('conflicts', '0190a0b1-3333-7000-8000-000000000003', { table_name: 'companies', row_id: COMPANY, field: 'town', kept_value: 'Leeds', kept_hlc: clockAt('2026-11-20T09:00:00.000Z'), other_value: 'York', other_hlc: clockAt('2026-11-20T08:00:00.000Z'), status: 'open', created_at: '2026-11-20T09:00:00.000Z' }, clockAt('2026-11-20T09:00:00.000Z')),
      row('published_instruments', '0190a0b1-4444-7000-8000-000000000004', { instrument_id: 'office-survey', version: '2.0.0', definition: JSON.stringify(published), created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }, clockAt('2026-11-20T09:00:00.000Z')),
      row('published_instruments', '0190a0b1-4444-7000-8000-000000000005', { instrument_id: 'broken', version: '1.0.0', definition: JSON.stringify({ id: 'broken' }), created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }, clockAt('2026-11-20T09:00:00.000Z')),
      row('published_catalogues', '0190a0b1-5555-7000-8000-000000000006', { version: '9.0.0', definition: JSON.stringify(catalogue), created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }, clockAt('2026-11-20T09:00:00.000Z')),
    ]);
    const status = await device.services.sync.syncNow();
    expect(status.problem).toBeNull();
    expect(status.openConflicts).toBe(1);
    expect(sql(device, 'select field, kept_value, other_value, status from conflicts')).toEqual({ field: 'town', kept_value: 'Leeds', other_value: 'York', status: 'open' });
    expect(sql(device, `select source from instruments where id = 'office-survey' and version = '2.0.0'`)).toEqual({ source: 'hub' });
    expect(sql(device, `select count(*) as n from instruments where id = 'broken'`)).toEqual({ n: 0 });
    expect(log.mock.calls.some(([message]) => String(message).includes('Skipped instrument broken 1.0.0'))).toBe(true);
    expect(sql(device, 'select version from catalogues')).toEqual({ version: '9.0.0' });
    log.mockRestore();
  });
});
