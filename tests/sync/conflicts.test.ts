import { describe, expect, it } from 'vitest';
import { builtinInstrument } from '../../shared/instruments/builtin';
import type { PulledRow } from '../../shared/sync/protocol';
import { createClient, manualNow, outbox } from '../helpers/services';
import { enrolledDevice, FakeHub, type Device } from './fake-hub';

const OTHER = 'aaaaaaaaaaaaaaaa';
const CONFLICT = '0190a0b1-3333-7000-8000-000000000001';
const TOWN_CONFLICT = '0190a0b1-3333-7000-8000-000000000002';

async function deviceWithConflicts(): Promise<{ device: Device; hub: FakeHub; answerId: string; companyId: string }> {
  const hub = new FakeHub();
  const device = await enrolledDevice(hub, { now: manualNow(Date.parse('2026-11-21T10:00:00.000Z')) });
  const client = await createClient(device.services, { name: 'Calder Valley Castings Ltd', town: 'Brighouse' });
  const assessment = await device.services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: [{ id: 'digital-maturity' }], visitDate: '2026-11-20', peoplePresent: '', reportLanguage: 'en' });
  await device.services.instruments.get('digital-maturity');
  const answer = await device.services.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: 'digital-maturity', questionId: 'dm-strategy-vision', value: 3, notApplicable: false, note: '', flagged: false });
  await device.services.sync.syncNow();
  const answerId = (device.services.database.sqlite.prepare('select id from answers').get() as { id: string }).id;
  const otherClock = `2026-11-21T09:30:00.000Z-0000-${OTHER}`;
  const conflict = (id: string, values: PulledRow['values']): PulledRow => {
    const all = { status: 'open', created_at: '2026-11-21T10:01:00.000Z', deleted_at: null, ...values };
    return { table: 'conflicts', rowId: id, values: all, clocks: Object.fromEntries(Object.keys(all).map((c) => [c, `2026-11-21T10:01:00.000Z-0000-${OTHER}`])) };
  };
  hub.rows = [
    conflict(CONFLICT, { table_name: 'answers', row_id: answerId, field: 'value', kept_value: '3', kept_hlc: answer.updatedAt, other_value: '1', other_hlc: otherClock }),
    conflict(TOWN_CONFLICT, { table_name: 'companies', row_id: client.id, field: 'town', kept_value: 'Brighouse', kept_hlc: client.updatedAt, other_value: 'Elland', other_hlc: otherClock }),
  ];
  await device.services.sync.syncNow();
  return { device, hub, answerId, companyId: client.id };
}

describe('conflicts', () => {
  it('lists open conflicts with the firm, the question in the asked language, both values as people read them, when and by whom', async () => {
    const { device } = await deviceWithConflicts();
    const question = builtinInstrument('digital-maturity').questions.find((q) => q.id === 'dm-strategy-vision')!;
    const levels = 'levels' in question ? question.levels : [];
    const list = await device.services.handlers['sync.conflicts']({ language: 'da' });
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({
      id: CONFLICT,
      table: 'answers',
      field: 'value',
      firm: 'Calder Valley Castings Ltd',
      subject: question.text.da,
      kept: { display: `3 · ${levels.find((l) => l.level === 3)!.descriptor.da}`, writtenAt: '2026-11-21T10:00:00.000Z', thisDevice: true },
      other: { display: `1 · ${levels.find((l) => l.level === 1)!.descriptor.da}`, writtenAt: '2026-11-21T09:30:00.000Z', thisDevice: false },
    });
    expect(list[1]).toMatchObject({ firm: 'Calder Valley Castings Ltd', subject: 'By', kept: { display: 'Brighouse' }, other: { display: 'Elland' } });
    expect((await device.services.sync.status()).openConflicts).toBe(2);
  });

  it("'other' puts the other value back as a new local change and closes the conflict through the outbox", async () => {
    const { device, answerId } = await deviceWithConflicts();
    const before = outbox(device.services).length;
    await device.services.handlers['sync.resolveConflict']({ id: CONFLICT, choice: 'other' });
    const answer = device.services.database.sqlite.prepare('select value, updated_at, updated_by from answers where id = ?').get(answerId) as { value: string; updated_at: string; updated_by: string };
    expect(answer).toMatchObject({ value: '1', updated_by: device.services.clock.deviceId });
    const added = outbox(device.services).slice(before);
    expect(added.map((e) => [e.table_name, e.row_id, e.changes])).toEqual([
      ['answers', answerId, { value: '1' }],
      ['conflicts', CONFLICT, { status: 'resolved', resolved_at: expect.any(String) as string, resolution: 'other' }],
    ]);
    expect(added[0]!.hlc).toBe(answer.updated_at);
    expect(await device.services.handlers['sync.conflicts']({ language: 'en' })).toHaveLength(1);
  });

  it("'other' keeps a number a number when the column stores numbers", async () => {
    const { device, companyId } = await deviceWithConflicts();
    const id = '0190a0b1-3333-7000-8000-000000000009';
    device.services.database.sqlite
      .prepare(`insert into conflicts (id, table_name, row_id, field, kept_value, other_value, status, created_at, updated_at, updated_by) values (?, 'companies', ?, 'consent_to_share', '0', '1', 'open', 't', 't', 'd')`)
      .run(id, companyId);
    await device.services.conflicts.resolve(id, 'other');
    expect(outbox(device.services).at(-2)!.changes).toEqual({ consent_to_share: 1 });
  });

  it("'kept' only closes the conflict, as a change the hub and other devices learn of", async () => {
    const { device, hub } = await deviceWithConflicts();
    const before = outbox(device.services).length;
    await device.services.handlers['sync.resolveConflict']({ id: TOWN_CONFLICT, choice: 'kept' });
    const added = outbox(device.services).slice(before);
    expect(added.map((e) => [e.table_name, e.changes.resolution])).toEqual([['conflicts', 'kept']]);
    expect(device.services.database.sqlite.prepare('select town from companies').get()).toEqual({ town: 'Brighouse' });
    const status = await device.services.sync.syncNow();
    expect(status.openConflicts).toBe(1);
    expect([...hub.stored.values()].at(-1)).toMatchObject({ table: 'conflicts', rowId: TOWN_CONFLICT, changes: { status: 'resolved', resolution: 'kept' } });
  });

  it('refuses the programme office a conflict about an adviser’s data, which the hub would refuse from it', async () => {
    const { device } = await deviceWithConflicts();
    const sqlite = device.services.database.sqlite;
    sqlite.prepare("update meta set value = json_set(value, '$.user.role', 'office') where key = 'sync_identity'").run();
    const before = outbox(device.services).length;
    for (const choice of ['kept', 'other'] as const) {
      expect(await device.services.dispatch('sync.resolveConflict', { id: CONFLICT, choice })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(outbox(device.services)).toHaveLength(before);
    expect(sqlite.prepare('select status from conflicts where id = ?').get(CONFLICT)).toEqual({ status: 'open' });
  });

  it('refuses an unknown conflict with a clear error', async () => {
    const { device } = await deviceWithConflicts();
    const result = await device.services.dispatch('sync.resolveConflict', { id: 'nope', choice: 'kept' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: 'This conflict is not on this device.' } });
  });
});
