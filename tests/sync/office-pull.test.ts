import { describe, expect, it } from 'vitest';
import { builtinInstruments } from '../../shared/instruments/builtin';
import type { PulledRow } from '../../shared/sync/protocol';
import { enrolledDevice, FakeHub, hubError, type Device } from './fake-hub';

const OTHER = 'aaaaaaaaaaaaaaaa';
const CLOCK = `2026-11-20T09:00:00.000Z-0000-${OTHER}`;
const FIRM = '0190a0b1-1111-7000-8000-000000000001';
const PROGRAMME_ENTRY = '0190a0b1-2222-7000-8000-000000000002';
const OWN_ENTRY = '0190a0b1-3333-7000-8000-000000000003';

function row(table: PulledRow['table'], rowId: string, values: PulledRow['values'], owner?: string | null): PulledRow {
  return { table, rowId, values, clocks: Object.fromEntries(Object.keys(values).map((c) => [c, CLOCK])), ...(owner === undefined ? {} : { owner }) };
}

const entry = (name: string) =>
  ({ directory: 'intermediaries', entry: JSON.stringify({ name, country: 'GB', regions: [], description: '', areas: [], sectors: [] }), created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }) as const;

function all(device: Device, query: string): unknown[] {
  return device.services.database.sqlite.prepare(query).all();
}

async function deviceOf(role: 'adviser' | 'office', rows: PulledRow[], advisers?: { id: string; name: string }[]): Promise<Device> {
  const hub = new FakeHub();
  hub.enrolment.user.role = role;
  hub.rows = rows;
  if (advisers) {
    hub.always('GET /v1/pull', () => new Response(JSON.stringify({ rows: hub.rows, cursor: String(hub.rows.length), more: false, device: hub.deviceWatermark, advisers })));
  }
  return enrolledDevice(hub);
}

describe('what the office learns from the pull', () => {
  it('stores the programme’s advisers and each firm’s adviser with the page', async () => {
    const firm = row('companies', FIRM, { name: 'Calder Castings', nace_code: '24', employee_band: '50-249', turnover_band: '10m-50m', town: 'Brighouse', region: 'Yorkshire', country: 'GB', created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }, 'u-priya');
    const device = await deviceOf('office', [firm], [
      { id: 'u-priya', name: 'Priya Shah' },
      { id: 'u-tom', name: 'Tom Berg' },
    ]);
    expect(all(device, 'select id, name from advisers order by id')).toEqual([
      { id: 'u-priya', name: 'Priya Shah' },
      { id: 'u-tom', name: 'Tom Berg' },
    ]);
    expect(all(device, 'select company_id, adviser_id from company_advisers')).toEqual([{ company_id: FIRM, adviser_id: 'u-priya' }]);
  });

  it('renames an adviser the hub renamed, and works with a hub that names nobody', async () => {
    const device = await deviceOf('office', [], [{ id: 'u-priya', name: 'Priya Shah' }]);
    const rename = [{ id: 'u-priya', name: 'Priya Shah-Patel' }];
    device.hub.once('GET /v1/pull', () => new Response(JSON.stringify({ rows: [], cursor: '0', more: false, device: device.hub.deviceWatermark, advisers: rename })));
    await device.services.sync.syncNow();
    expect(all(device, 'select name from advisers')).toEqual([{ name: 'Priya Shah-Patel' }]);
    const older = await deviceOf('office', []);
    expect(all(older, 'select * from advisers')).toEqual([]);
  });
});

describe('directory entries the programme office published', () => {
  it('are listed apart from the adviser’s own, feed the roadmap generator, and cannot be changed or removed on the adviser’s device', async () => {
    const device = await deviceOf('adviser', [row('directory_entries', PROGRAMME_ENTRY, entry('Growth Hub'), null), row('directory_entries', OWN_ENTRY, entry('My Intermediary'), 'u-1')]);
    const local = await device.services.directories.save({ directory: 'peers', name: 'Made here', country: 'GB', regions: [], description: '', areas: [], sectors: [] });
    const listed = await device.services.directories.list();
    expect(listed.programme.map((e) => e.name)).toEqual(['Growth Hub']);
    expect(listed.own.map((e) => e.name)).toEqual(['My Intermediary', 'Made here']);
    const merged = await device.services.directories.merged();
    expect(merged.intermediaries.map((e) => e.id)).toEqual(expect.arrayContaining([PROGRAMME_ENTRY, OWN_ENTRY]));
    expect(merged.peers.map((e) => e.id)).toContain(local.id);

    const programmeEntry = listed.programme[0]!;
    await expect(device.services.directories.save({ ...programmeEntry, name: 'Renamed' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('only the office can change or remove it'),
    });
    await expect(device.services.directories.remove(PROGRAMME_ENTRY)).rejects.toMatchObject({ code: 'forbidden' });
    expect(all(device, `select count(*) as n from outbox where table_name = 'directory_entries' and row_id = '${PROGRAMME_ENTRY}'`)).toEqual([{ n: 0 }]);
    // The user's own entries stay theirs to change.
    await device.services.directories.remove(OWN_ENTRY);
  });

  it('are the office’s own on its device, where advisers’ entries are not listed', async () => {
    const device = await deviceOf('office', [row('directory_entries', PROGRAMME_ENTRY, entry('Growth Hub'), null), row('directory_entries', OWN_ENTRY, entry('An adviser’s'), 'u-priya')]);
    const listed = await device.services.directories.list();
    expect(listed.own.map((e) => e.name)).toEqual(['Growth Hub']);
    expect(listed.programme).toEqual([]);
    await device.services.directories.save({ ...listed.own[0]!, name: 'Growth Hub North' });
  });
});

describe('the office importing a bundle', () => {
  it('counts each change as the hub answered it: accepted (with or without a conflict), duplicate or refused', async () => {
    const device = await deviceOf('office', []);
    const id = (n: number) => `0190a0b1-9999-7000-8000-00000000000${n}`;
    device.hub.once(
      'POST /v1/bundles',
      new Response(
        JSON.stringify({
          deviceId: OTHER,
          results: [
            { changeId: id(1), status: 'accepted' },
            { changeId: id(2), status: 'conflict' },
            { changeId: id(3), status: 'duplicate' },
            { changeId: id(4), status: 'rejected', reason: 'The company this row belongs to does not exist in your programme or is not yours.' },
            { changeId: id(5), status: 'rejected', reason: 'The adviser role may not change annotations.' },
          ],
        }),
      ),
    );
    const file = Buffer.from(JSON.stringify({ payload: '{}', signature: 'c2lnbmVk' })).toString('base64');
    expect(await device.services.handlers['office.importBundle']({ base64: file })).toEqual({ accepted: 2, conflicts: 1, duplicates: 1, rejected: 2 });
  });
});

describe('the office service without a usable hub', () => {
  it('says the hub cannot be reached, and passes on what the hub refused', async () => {
    const device = await deviceOf('office', []);
    const instrument = JSON.stringify({ ...builtinInstruments[0]!, version: '8.0.0' });
    device.hub.once('POST /v1/office/publications', () => Promise.reject(new TypeError('fetch failed')));
    await expect(device.services.handlers['office.publishInstrument']({ text: instrument })).rejects.toMatchObject({
      code: 'transport',
      message: expect.stringContaining('Could not reach the hub'),
    });
    device.hub.once('POST /v1/office/erasures', () => Promise.reject(new TypeError('fetch failed')));
    await expect(device.services.handlers['office.eraseFirm']({ companyId: FIRM })).rejects.toMatchObject({ code: 'transport', message: expect.stringContaining('Could not reach the hub') });
    // A busy or failing hub is not a conflict either: trying again later may work.
    device.hub.once('POST /v1/office/erasures', hubError(503, 'unavailable', 'Down for maintenance.'));
    await expect(device.services.handlers['office.eraseFirm']({ companyId: FIRM })).rejects.toMatchObject({ code: 'transport' });
    device.hub.once('POST /v1/office/erasures', hubError(500, 'internal', 'The hub failed.'));
    await expect(device.services.handlers['office.eraseFirm']({ companyId: FIRM })).rejects.toMatchObject({ code: 'transport' });
    device.hub.once('POST /v1/office/publications', hubError(429, 'rate_limited', 'Too many requests.', { 'retry-after': '30' }));
    await expect(device.services.handlers['office.publishInstrument']({ text: instrument })).rejects.toMatchObject({ code: 'transport' });
    device.hub.once('POST /v1/bundles', hubError(502, 'bad_gateway', 'Bad gateway.'));
    const file = Buffer.from(JSON.stringify({ payload: '{}', signature: 'c2lnbmVk' })).toString('base64');
    await expect(device.services.handlers['office.importBundle']({ base64: file })).rejects.toMatchObject({ code: 'transport' });
    // Only a real 409 is a conflict.
    device.hub.once('POST /v1/office/publications', hubError(409, 'conflict', 'Version 8.0.0 of this instrument is already published with different content.'));
    await expect(device.services.handlers['office.publishInstrument']({ text: instrument })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already published') });
    device.hub.once('POST /v1/office/erasures', hubError(404, 'not_found', 'There is no firm with this id in your programme; nothing was erased.'));
    await expect(device.services.handlers['office.eraseFirm']({ companyId: FIRM })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no firm with this id') });
  });
});
