import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../hub/push';
import { formatHlc } from '../../shared/sync/hlc';
import { MAX_BATCH_CHANGES, PushResponseSchema } from '../../shared/sync/protocol';
import { backends, company, findRow, newRowId, startTestHub, statuses, type TestHub } from './fixtures';

const NOT_YOURS_ROW = 'This row does not exist in your programme or is not yours to change.';
const COMPANY_NOT_YOURS = 'The company this row belongs to does not exist in your programme or is not yours.';

async function rowCount(hub: TestHub): Promise<number> {
  const { n } = await hub.database.db.selectFrom('rows').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

describe.each(backends)('push on %s', (backend) => {
  async function adviserSetup() {
    const hub = await startTestHub(backend);
    const programme = await hub.programme();
    const adviser = await hub.user(programme, 'adviser');
    const device = await hub.device(adviser);
    return { hub, programme, adviser, device };
  }

  it('accepts new rows, stores their values and clocks, and reports the device watermark', async () => {
    const { device } = await adviserSetup();
    const companyId = newRowId();
    const contactId = newRowId();
    const changes = [
      device.change('companies', companyId, company()),
      device.change('contacts', contactId, { company_id: companyId, position: 0, name: 'Ida Jensen', email: 'ida@example.com' }),
    ];
    const response = await device.push(changes);
    expect(statuses(response)).toEqual(['accepted', 'accepted']);
    expect(response.device).toEqual({ lastHlc: changes[1]!.hlc, changeCount: 2 });

    const rows = await device.pullAll();
    expect(findRow(rows, 'companies', companyId)?.values).toEqual(company());
    const contact = findRow(rows, 'contacts', contactId)!;
    expect(contact.values.name).toBe('Ida Jensen');
    expect(contact.clocks.name).toBe(changes[1]!.hlc);
  });

  it('answers duplicate for a change it already stored, and counts it once', async () => {
    const { device } = await adviserSetup();
    const change = device.change('companies', newRowId(), company());
    expect(statuses(await device.push([change]))).toEqual(['accepted']);
    const again = await device.push([change, change]);
    expect(statuses(again)).toEqual(['duplicate', 'duplicate']);
    expect(again.device.changeCount).toBe(1);
  });

  it('treats a change repeated inside one batch as a duplicate of its first copy', async () => {
    const { device } = await adviserSetup();
    const change = device.change('companies', newRowId(), company());
    expect(statuses(await device.push([change, change]))).toEqual(['accepted', 'duplicate']);
  });

  it('returns the stored answer for a repeated batch id and applies nothing the second time', async () => {
    const { hub, device } = await adviserSetup();
    const batchId = crypto.randomUUID();
    const companyId = newRowId();
    const first = await device.push([device.change('companies', companyId, company('First'))], batchId);
    const rowsBefore = await rowCount(hub);

    const retried = await device.push([device.change('companies', companyId, company('Changed in the retry'))], batchId);
    expect(retried).toEqual(first);
    expect(await rowCount(hub)).toBe(rowsBefore);
    expect(findRow(await device.pullAll(), 'companies', companyId)?.values.name).toBe('First');
  });

  it('keeps the newer value per column: edits of different columns by two devices both survive, without a conflict', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    await laptop.pullAll();

    hub.clock.advance(1000);
    const nameEdit = laptop.change('companies', companyId, { name: 'Acme Gears A/S' });
    hub.clock.advance(1000);
    const townEdit = tablet.change('companies', companyId, { town: 'Vejle' });
    expect(statuses(await tablet.push([townEdit]))).toEqual(['accepted']);
    expect(statuses(await laptop.push([nameEdit]))).toEqual(['accepted']);

    const rows = await laptop.pullAll();
    const row = findRow(rows, 'companies', companyId)!;
    expect(row.values).toMatchObject({ name: 'Acme Gears A/S', town: 'Vejle' });
    expect(row.clocks).toMatchObject({ name: nameEdit.hlc, town: townEdit.hlc });
    expect(rows.filter((r) => r.table === 'conflicts')).toEqual([]);
  });

  it('records a conflict when two devices change one column concurrently: the later clock wins and the other value is kept', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();

    hub.clock.advance(1000);
    const earlier = tablet.change('companies', companyId, { town: 'Vejle' });
    hub.clock.advance(1000);
    const later = laptop.change('companies', companyId, { town: 'Horsens' });
    // The earlier edit arrives last and loses, but is not lost.
    expect(statuses(await laptop.push([later]))).toEqual(['accepted']);
    const response = await tablet.push([earlier]);
    expect(statuses(response)).toEqual(['conflict']);

    const rows = await laptop.pullAll();
    expect(findRow(rows, 'companies', companyId)?.values.town).toBe('Horsens');
    const conflicts = rows.filter((r) => r.table === 'conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.values).toMatchObject({
      table_name: 'companies',
      row_id: companyId,
      field: 'town',
      kept_value: 'Horsens',
      kept_hlc: later.hlc,
      other_value: 'Vejle',
      other_hlc: earlier.hlc,
      status: 'open',
      resolved_at: null,
      resolution: null,
    });
    expect(Object.values(conflicts[0]!.clocks).every((clock) => clock === later.hlc)).toBe(true);
  });

  it('records a conflict when the newer concurrent edit arrives second, keeping the newer value', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    hub.clock.advance(1000);
    const earlier = laptop.change('companies', companyId, { name: 'Old name' });
    hub.clock.advance(1000);
    const later = tablet.change('companies', companyId, { name: 'New name' });
    await laptop.push([earlier]);
    expect(statuses(await tablet.push([later]))).toEqual(['conflict']);
    const rows = await tablet.pullAll();
    expect(findRow(rows, 'companies', companyId)?.values.name).toBe('New name');
    expect(rows.find((r) => r.table === 'conflicts')?.values).toMatchObject({ kept_value: 'New name', other_value: 'Old name' });
  });

  it('records no conflict for an edit made after seeing the value it replaces, or for an equal value', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    hub.clock.advance(1000);
    expect(statuses(await tablet.push([tablet.change('companies', companyId, { town: 'Vejle' })]))).toEqual(['accepted']);
    expect(statuses(await laptop.push([laptop.change('companies', companyId, { town: 'Vejle' })]))).toEqual(['accepted']);
    await laptop.pullAll();
    hub.clock.advance(1000);
    expect(statuses(await laptop.push([laptop.change('companies', companyId, { town: 'Kolding' })]))).toEqual(['accepted']);
    expect((await laptop.pullAll()).filter((r) => r.table === 'conflicts')).toEqual([]);
  });

  it("records a conflict when a device overwrites its own value without having seen it, as a laptop restored from a backup does", async () => {
    const { hub, device } = await adviserSetup();
    const companyId = newRowId();
    const created = device.change('companies', companyId, company());
    await device.push([created]);
    hub.clock.advance(1000);
    const lostWeek = device.change('companies', companyId, { town: 'Vejle' });
    await device.push([lostWeek]);
    hub.clock.advance(1000);
    // The restored laptop still holds the value from before the lost week.
    const rewrite = device.change('companies', companyId, { town: 'Horsens' }, { replaced: { town: created.hlc } });
    expect(statuses(await device.push([rewrite]))).toEqual(['conflict']);
    const conflict = (await device.pullAll()).find((r) => r.table === 'conflicts')!;
    expect(conflict.values).toMatchObject({ field: 'town', kept_value: 'Horsens', other_value: 'Vejle', other_hlc: lostWeek.hlc });
  });

  it('keeps an edit whose clock loses to the value its writer had already seen, in a conflict record', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    hub.clock.advance(60_000);
    const fast = tablet.change('companies', companyId, { town: 'Skive' });
    await tablet.push([fast]);
    // The laptop saw the tablet's value but stamps its edit with an older clock.
    const behind = laptop.change('companies', companyId, { town: 'Viborg' }, { replaced: { town: fast.hlc }, hlc: formatHlc({ wall: hub.clock.ms - 30_000, counter: 0, device: laptop.deviceId }) });
    expect(statuses(await laptop.push([behind]))).toEqual(['conflict']);
    const conflict = (await laptop.pullAll()).find((r) => r.table === 'conflicts')!;
    expect(conflict.values).toMatchObject({ field: 'town', kept_value: 'Skive', other_value: 'Viborg' });
  });

  it('does not call two creation times of the same keyed row a conflict', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    const answerId = newRowId();
    const answer = (created: string) => ({ company_id: companyId, position: 0, name: 'Ida', created_at: created });
    await laptop.push([laptop.change('contacts', answerId, answer('2026-11-21T10:00:00.000Z'))]);
    hub.clock.advance(1000);
    expect(statuses(await tablet.push([tablet.change('contacts', answerId, answer('2026-11-21T10:00:01.000Z'))]))).toEqual(['accepted']);
  });

  it('keeps deletes as tombstones merged per column: an edit of another column leaves the row deleted and is kept in a conflict that can bring the row back', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    hub.clock.advance(1000);
    const deletion = laptop.change('companies', companyId, { deleted_at: '2026-11-21T10:00:01.000Z' }, { operation: 'delete' });
    hub.clock.advance(1000);
    const edit = tablet.change('companies', companyId, { town: 'Vejle' });
    expect(statuses(await laptop.push([deletion]))).toEqual(['accepted']);
    expect(statuses(await tablet.push([edit]))).toEqual(['conflict']);
    const pulled = await laptop.pullAll();
    expect(findRow(pulled, 'companies', companyId)!.values).toMatchObject({ deleted_at: '2026-11-21T10:00:01.000Z', town: 'Vejle', name: 'Acme Gears' });
    const conflict = pulled.find((r) => r.table === 'conflicts')!;
    expect(conflict.values).toMatchObject({ field: 'deleted_at', kept_value: '2026-11-21T10:00:01.000Z', kept_hlc: deletion.hlc, other_value: null, other_hlc: edit.hlc });
    // A device that saw the deletion and changes deleted_at itself (an undo) makes no conflict.
    hub.clock.advance(1000);
    expect(statuses(await laptop.push([laptop.change('companies', companyId, { deleted_at: null })]))).toEqual(['accepted']);
  });

  it('does not call two deletes of one row a conflict', async () => {
    const { hub, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    hub.clock.advance(1000);
    const first = laptop.change('companies', companyId, { deleted_at: '2026-11-21T10:00:01.000Z' }, { operation: 'delete' });
    hub.clock.advance(1000);
    const second = tablet.change('companies', companyId, { deleted_at: '2026-11-21T10:00:02.000Z' }, { operation: 'delete' });
    await laptop.push([first]);
    expect(statuses(await tablet.push([second]))).toEqual(['accepted']);
  });

  it('rejects a delete that sets no tombstone', async () => {
    const { device } = await adviserSetup();
    const response = await device.push([device.change('companies', newRowId(), { name: 'x' }, { operation: 'delete' })]);
    expect(response.results[0]).toMatchObject({ status: 'rejected', reason: 'A delete must set deleted_at.' });
  });

  it("refuses another adviser's company with the same words as a company that does not exist", async () => {
    const { hub, programme, device: mine } = await adviserSetup();
    const other = await hub.device(await hub.user(programme, 'adviser'));
    const theirs = newRowId();
    await other.push([other.change('companies', theirs, company('Their firm'))]);

    const response = await mine.push([
      mine.change('companies', theirs, { name: 'Taken over' }),
      mine.change('contacts', newRowId(), { company_id: theirs, name: 'Spy', position: 0 }),
      mine.change('contacts', newRowId(), { company_id: newRowId(), name: 'Nobody', position: 0 }),
      mine.change('assessments', newRowId(), { company_id: theirs, kind: 'T0' }),
    ]);
    expect(response.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', NOT_YOURS_ROW],
      ['rejected', COMPANY_NOT_YOURS],
      ['rejected', COMPANY_NOT_YOURS],
      ['rejected', COMPANY_NOT_YOURS],
    ]);
    expect(findRow(await other.pullAll(), 'companies', theirs)?.values.name).toBe('Their firm');
    expect(await mine.pullAll()).toEqual([]);
  });

  it("refuses rows hanging off another programme's company and keeps programmes apart", async () => {
    const { hub, device: mine } = await adviserSetup();
    const elsewhere = await hub.programme();
    const foreign = await hub.device(await hub.user(elsewhere, 'adviser'));
    const foreignCompany = newRowId();
    await foreign.push([foreign.change('companies', foreignCompany, company())]);
    const response = await mine.push([mine.change('contacts', newRowId(), { company_id: foreignCompany, name: 'x', position: 0 })]);
    expect(response.results[0]).toMatchObject({ status: 'rejected', reason: COMPANY_NOT_YOURS });

    // The same row id in another programme is another row.
    expect(statuses(await mine.push([mine.change('companies', foreignCompany, company('Mine'))]))).toEqual(['accepted']);
    expect(findRow(await foreign.pullAll(), 'companies', foreignCompany)?.values.name).toBe('Acme Gears');
  });

  it('lets children inherit their company through assessments, including rows created earlier in the same batch', async () => {
    const { device } = await adviserSetup();
    const companyId = newRowId();
    const assessmentId = newRowId();
    const answerId = newRowId();
    const orphanFirst = newRowId();
    const response = await device.push([
      device.change('answers', orphanFirst, { assessment_id: assessmentId, question_id: 'q0', value: '1' }),
      device.change('companies', companyId, company()),
      device.change('assessments', assessmentId, { company_id: companyId, kind: 'T0', status: 'draft' }),
      device.change('answers', answerId, { assessment_id: assessmentId, instrument_id: 'digital-maturity', question_id: 'q1', value: '3' }),
    ]);
    expect(statuses(response)).toEqual(['rejected', 'accepted', 'accepted', 'accepted']);
    // An existing answer changed without naming its assessment is found through the stored row.
    expect(statuses(await device.push([device.change('answers', answerId, { note: 'Checked' })]))).toEqual(['accepted']);
    const rows = await device.pullAll();
    expect(findRow(rows, 'answers', answerId)?.values).toMatchObject({ value: '3', note: 'Checked' });
  });

  it('refuses to move a row to another parent and a new child without its parent', async () => {
    const { device } = await adviserSetup();
    const [a, b, contact] = [newRowId(), newRowId(), newRowId()];
    await device.push([
      device.change('companies', a, company('A')),
      device.change('companies', b, company('B')),
      device.change('contacts', contact, { company_id: a, name: 'Ida', position: 0 }),
    ]);
    const response = await device.push([
      device.change('contacts', contact, { company_id: b }),
      device.change('contacts', newRowId(), { name: 'Nobody', position: 0 }),
    ]);
    expect(response.results.map((r) => r.reason)).toEqual([
      'A row cannot move to another parent: company_id differs from the stored value.',
      'A new contacts row must name its company_id.',
    ]);
  });

  it('refuses unknown columns, tables of another role, published tables and clocks of another device', async () => {
    const { device } = await adviserSetup();
    const companyId = newRowId();
    await device.push([device.change('companies', companyId, company())]);
    const foreignClock = formatHlc({ wall: Date.now(), counter: 0, device: 'ffffffffffffffff' });
    const response = await device.push([
      device.change('companies', companyId, { secret_column: 'x' }),
      device.change('annotations', newRowId(), { company_id: companyId, body: 'Note' }),
      device.change('published_instruments', newRowId(), { instrument_id: 'x', version: '9.9.9', definition: '{}' }),
      device.change('companies', companyId, { name: 'Forged' }, { hlc: foreignClock }),
    ]);
    expect(response.results.map((r) => r.reason)).toEqual([
      'companies has no synced column secret_column.',
      'The adviser role may not change annotations.',
      "Instruments and catalogues are published by the programme office with the hub's admin commands.",
      'The change carries a clock of another device than the one that sent it.',
    ]);
    expect(response.device.changeCount).toBe(1);
  });

  it("lets the office annotate any company of its programme, and gives the annotation to the company's adviser", async () => {
    const { hub, programme, device: adviserDevice } = await adviserSetup();
    const office = await hub.device(await hub.user(programme, 'office'));
    const companyId = newRowId();
    await adviserDevice.push([adviserDevice.change('companies', companyId, company())]);

    const annotationId = newRowId();
    const response = await office.push([
      office.change('annotations', annotationId, { company_id: companyId, body: 'Call back in May', author: 'Office' }),
      office.change('companies', companyId, { name: 'Renamed by office' }),
    ]);
    expect(response.results.map((r) => [r.status, r.reason])).toEqual([
      ['accepted', undefined],
      ['rejected', 'The office role may not change companies.'],
    ]);
    expect(findRow(await adviserDevice.pullAll(), 'annotations', annotationId)?.values.body).toBe('Call back in May');

    const otherProgramme = await hub.programme();
    const otherOffice = await hub.device(await hub.user(otherProgramme, 'office'));
    const foreign = await otherOffice.push([otherOffice.change('annotations', newRowId(), { company_id: companyId, body: 'x' })]);
    expect(foreign.results[0]).toMatchObject({ status: 'rejected', reason: COMPANY_NOT_YOURS });
  });

  it('lets an adviser resolve only their own conflicts, and only the resolution columns', async () => {
    const { hub, programme, adviser, device: laptop } = await adviserSetup();
    const tablet = await hub.device(adviser);
    const stranger = await hub.device(await hub.user(programme, 'adviser'));
    const companyId = newRowId();
    await laptop.push([laptop.change('companies', companyId, company())]);
    await tablet.pullAll();
    hub.clock.advance(1000);
    const a = laptop.change('companies', companyId, { town: 'A' });
    const b = tablet.change('companies', companyId, { town: 'B' });
    await laptop.push([a]);
    await tablet.push([b]);
    const conflict = (await laptop.pullAll()).find((r) => r.table === 'conflicts')!;

    hub.clock.advance(1000);
    const response = await laptop.push([
      laptop.change('conflicts', conflict.rowId, { other_value: 'tampered' }),
      laptop.change('conflicts', conflict.rowId, { status: 'resolved', resolution: 'kept', resolved_at: '2026-11-21T10:00:03.000Z' }),
    ]);
    expect(statuses(response)).toEqual(['rejected', 'accepted']);
    expect(response.results[0]!.reason).toContain('Only status, resolved_at, resolution of a conflict record can be changed');
    const strangerResponse = await stranger.push([stranger.change('conflicts', conflict.rowId, { status: 'resolved' })]);
    expect(strangerResponse.results[0]).toMatchObject({ status: 'rejected', reason: NOT_YOURS_ROW });
    expect((await stranger.pullAll()).filter((r) => r.table === 'conflicts')).toEqual([]);

    const resolved = (await tablet.pullAll()).find((r) => r.rowId === conflict.rowId)!;
    expect(resolved.values).toMatchObject({ status: 'resolved', resolution: 'kept', other_value: conflict.values.other_value });
  });

  it('applies a full batch of the largest size', async () => {
    const { hub, device } = await adviserSetup();
    const companyId = newRowId();
    const changes = [device.change('companies', companyId, company())];
    for (let i = 1; i < MAX_BATCH_CHANGES; i++) changes.push(device.change('contacts', newRowId(), { company_id: companyId, position: i, name: `Person ${i}` }));
    const response = await device.push(changes);
    expect(response.results.every((r) => r.status === 'accepted')).toBe(true);
    expect(await rowCount(hub)).toBe(MAX_BATCH_CHANGES);
    expect(response.device.changeCount).toBe(MAX_BATCH_CHANGES);
  });

  it('applies a batch in one transaction: a failure after the rows were written leaves nothing behind', async () => {
    const { hub, programme, adviser } = await adviserSetup();
    const before = await rowCount(hub);
    // A writer whose device is not enrolled fails at its watermark, after the rows and changes were written.
    const ghost = '0000000000000000';
    const hlc = formatHlc({ wall: hub.clock.ms, counter: 0, device: ghost });
    const change = { changeId: crypto.randomUUID(), table: 'companies', rowId: newRowId(), operation: 'upsert' as const, hlc, replaced: {}, changes: company(), schemaVersion: 1 };
    await expect(
      applyChanges(hub.database, { deviceId: ghost, userId: adviser, role: 'adviser', programmeId: programme }, [change], { now: hub.clock.now(), audit: { action: 'push' } }),
    ).rejects.toThrow();
    expect(await rowCount(hub)).toBe(before);
    const counter = await hub.database.db.selectFrom('programmes').select('last_seq').where('id', '=', programme).executeTakeFirstOrThrow();
    expect(Number(counter.last_seq)).toBe(0);
  });

  it('answers each change of a batch in order and validates the answer against the protocol', async () => {
    const { device } = await adviserSetup();
    const companyId = newRowId();
    const changes = [
      device.change('companies', companyId, company()),
      device.change('companies', companyId, { bogus: 1 }),
      device.change('contacts', newRowId(), { company_id: companyId, name: 'x', position: 0 }),
    ];
    const response = await device.request('POST', '/v1/push', { batchId: crypto.randomUUID(), changes });
    const parsed = PushResponseSchema.parse(response.json());
    expect(parsed.results.map((r) => r.changeId)).toEqual(changes.map((c) => c.changeId));
    expect(statuses(parsed)).toEqual(['accepted', 'rejected', 'accepted']);
  });
});

