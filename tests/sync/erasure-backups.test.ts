import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PulledRow } from '../../shared/sync/protocol';
import { makeTempDir } from '../helpers/temp';
import { enrolledDevice, FakeHub, hubError, type Device } from './fake-hub';

const OTHER = 'aaaaaaaaaaaaaaaa';
const HUB = 'bbbbbbbbbbbbbbbb';
const FIRM = '0190a0b1-1111-7000-8000-000000000001';
const OTHER_FIRM = '0190a0b1-7777-7000-8000-000000000007';
const NAME = 'Calder Valley Castings Ltd';

const at = (iso: string, device = OTHER) => `${iso}-0000-${device}`;

function row(table: PulledRow['table'], rowId: string, values: PulledRow['values'], clock: string): PulledRow {
  return { table, rowId, values, clocks: Object.fromEntries(Object.keys(values).map((c) => [c, clock])) };
}

const firm = (id: string, name: string) =>
  row('companies', id, { name, registration_number: 'GB123', nace_code: '24', employee_band: '50-249', turnover_band: '10m-50m', street: '1 Mill Lane', town: 'Brighouse', postcode: 'HD6 1AA', region: 'Yorkshire and the Humber', country: 'GB', created_at: '2026-11-20T09:00:00.000Z', deleted_at: null }, at('2026-11-20T09:00:00.000Z'));
const erasure = (companyId: string) =>
  row('erasures', companyId, { company_id: companyId, erased_at: '2026-11-22T10:00:00.000Z', created_at: '2026-11-22T10:00:00.000Z' }, at('2026-11-22T10:00:00.000Z', HUB));

/** Every file under the folder whose bytes still hold the text. */
function filesHolding(directory: string, text: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(directory, name))
    .filter((file) => fs.statSync(file).isFile() && fs.readFileSync(file).toString('latin1').includes(text));
}

/** A device on disk holding the firm, with a pre-migration backup made while it held it (as `openDatabase` makes them). */
async function deviceWithBackup(): Promise<{ device: Device; backups: string }> {
  const dataDirectory = makeTempDir('erasure-backups-');
  const hub = new FakeHub();
  hub.rows = [firm(FIRM, NAME), firm(OTHER_FIRM, 'Untouched Ltd')];
  const device = await enrolledDevice(hub, { dataDirectory });
  const backups = path.join(dataDirectory, 'backups');
  fs.mkdirSync(backups, { recursive: true });
  device.services.database.sqlite.prepare('vacuum into ?').run(path.join(backups, 'before-0099-next-2026-11-21T10-42-00-000Z.sqlite'));
  fs.writeFileSync(path.join(backups, 'README.txt'), 'not a backup');
  expect(filesHolding(backups, NAME)).toHaveLength(1);
  return { device, backups };
}

describe('erasure and the pre-migration backups', () => {
  it('removes the backups made before the compaction, which hold the erased firm, and leaves other files alone', async () => {
    const { device, backups } = await deviceWithBackup();
    device.hub.rows.push(erasure(FIRM));
    expect((await device.services.sync.syncNow()).problem).toBeNull();

    expect(filesHolding(backups, NAME)).toEqual([]);
    expect(fs.readdirSync(backups)).toEqual(['README.txt']);
    expect(filesHolding(path.dirname(backups), NAME)).toEqual([]);
    expect(device.services.database.sqlite.prepare('select name from companies order by id').all()).toEqual([{ name: '' }, { name: 'Untouched Ltd' }]);
    expect(device.services.database.backupDirectory).toBe(backups);
  });

  it('compacts and removes the backups when the device leaves the hub with a compaction still owed', async () => {
    const { device, backups } = await deviceWithBackup();
    device.hub.pageSize = 1;
    device.hub.rows.push(erasure(FIRM), firm(OTHER_FIRM, 'Untouched Ltd'));
    let pulls = 0;
    // The page with the erasure is stored; the next page does not come, so the pull never finishes.
    device.hub.always('GET /v1/pull', () => (++pulls >= 2 ? hubError(503, 'unavailable', 'Down for maintenance.') : undefined));
    expect((await device.services.sync.syncNow()).problem).not.toBeNull();
    const sqlite = device.services.database.sqlite;
    expect(sqlite.prepare('select name from companies where id = ?').get(FIRM)).toEqual({ name: '' });
    expect(sqlite.prepare("select count(*) as n from meta where key = 'sync_compaction_pending'").get()).toEqual({ n: 1 });

    expect((await device.services.sync.leave()).enrolled).toBe(false);

    expect(sqlite.prepare("select count(*) as n from meta where key = 'sync_compaction_pending'").get()).toEqual({ n: 0 });
    expect(filesHolding(backups, NAME)).toEqual([]);
    expect(filesHolding(path.dirname(backups), NAME)).toEqual([]);
  });

  it('has no backup folder in memory', async () => {
    const device = await enrolledDevice(new FakeHub());
    expect(device.services.database.backupDirectory).toBeNull();
  });
});
