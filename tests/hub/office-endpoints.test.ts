import { describe, expect, it } from 'vitest';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { PublishResponseSchema, PullResponseSchema, SCHEMA_VERSION_HEADER, type PulledRow } from '../../shared/sync/protocol';
import { backends, company, findRow, newRowId, startTestHub, statuses, type Backend } from './fixtures';

async function programmeWithOffice(backend: Backend) {
  const hub = await startTestHub(backend);
  const programme = await hub.programme();
  const priyaId = await hub.user(programme, 'adviser', 'Priya Shah');
  const tomId = await hub.user(programme, 'adviser', 'Tom Berg');
  const officeId = await hub.user(programme, 'office', 'Programme Office');
  return { hub, programme, priyaId, tomId, priya: await hub.device(priyaId), tom: await hub.device(tomId), office: await hub.device(officeId) };
}

const entry = (name: string) => JSON.stringify({ name, country: 'GB', regions: [], description: '', areas: [], sectors: [] });

describe.each(backends)('office endpoints on %s', (backend) => {
  it('names each firm’s adviser and the programme’s advisers to the office only; an adviser learns of no other adviser', async () => {
    const { priya, tom, office, priyaId, tomId } = await programmeWithOffice(backend);
    const [p, t] = [newRowId(), newRowId()];
    await priya.push([priya.change('companies', p, company('Priya Firm'))]);
    await tom.push([tom.change('companies', t, company('Tom Firm'))]);

    const page = await office.pull();
    expect(page.advisers).toEqual(expect.arrayContaining([{ id: priyaId, name: 'Priya Shah' }, { id: tomId, name: 'Tom Berg' }]));
    expect(page.advisers).toHaveLength(2);
    expect(findRow(page.rows, 'companies', p)?.owner).toBe(priyaId);
    expect(findRow(page.rows, 'companies', t)?.owner).toBe(tomId);

    const own = await priya.pull();
    expect(own.advisers).toBeUndefined();
    expect(own.rows.map((row) => row.rowId)).toEqual([p]);
    expect(JSON.stringify(own)).not.toContain(tomId);
    expect(JSON.stringify(own)).not.toContain('Tom Berg');
  });

  it('publishes an instrument and a catalogue from the office’s device for every adviser, once per version, and audits who did', async () => {
    const { hub, priya, tom, office } = await programmeWithOffice(backend);
    const instrument = { ...builtinInstruments[0]!, version: '7.0.0' };
    const first = await office.request('POST', '/v1/office/publications', { kind: 'instrument', definition: instrument });
    expect(first.statusCode, first.body).toBe(200);
    expect(PublishResponseSchema.parse(first.json())).toEqual({ kind: 'instrument', id: instrument.id, version: '7.0.0', published: true });
    const again = await office.request('POST', '/v1/office/publications', { kind: 'instrument', definition: instrument });
    expect(again.json()).toMatchObject({ published: false });
    const clash = await office.request('POST', '/v1/office/publications', { kind: 'instrument', definition: { ...instrument, title: { ...instrument.title, en: 'Renamed' } } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ error: 'conflict', message: expect.stringContaining('already published with different content') });
    const catalogue = await office.request('POST', '/v1/office/publications', { kind: 'catalogue', definition: { ...builtinCatalogueJson, version: '5.0.0' } });
    expect(catalogue.statusCode, catalogue.body).toBe(200);

    for (const adviser of [priya, tom]) {
      const rows = await adviser.pullAll();
      expect(rows.filter((row) => row.table === 'published_instruments').map((row) => row.values.version)).toEqual(['7.0.0']);
      expect(rows.filter((row) => row.table === 'published_catalogues').map((row) => row.values.version)).toEqual(['5.0.0']);
    }
    const audit = await hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'publish').execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((line) => line.device_id === office.deviceId)).toBe(true);
  });

  it('refuses an invalid definition with every problem, malformed JSON, a body over the limit, and advisers with 403', async () => {
    const { hub, priya, office } = await programmeWithOffice(backend);
    const invalid = await office.request('POST', '/v1/office/publications', { kind: 'catalogue', definition: { ...builtinCatalogueJson, steps: [] } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^The catalogue is not valid:\n\$\.steps/) });
    const unknownKind = await office.request('POST', '/v1/office/publications', { kind: 'poem', definition: {} });
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().message).toContain('kind');

    const malformed = await hub.app.inject({
      method: 'POST',
      url: '/v1/office/erasures',
      headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/json', 'x-stepping-stones-schema': '1' },
      payload: '{"companyId": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'invalid_request', message: 'The request body is not valid JSON.' });
    const huge = await office.request('POST', '/v1/office/publications', { kind: 'instrument', definition: { padding: 'x'.repeat(9 * 1024 * 1024) } });
    expect(huge.statusCode).toBe(413);
    const notAnId = await office.request('POST', '/v1/office/erasures', { companyId: 'Acme' });
    expect(notAnId.statusCode).toBe(400);
    expect(notAnId.json().message).toContain('companyId');
    const unknown = await office.request('POST', '/v1/office/erasures', { companyId: newRowId() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found', message: expect.stringContaining('no firm with this id in your programme') });

    for (const [url, body] of [
      ['/v1/office/publications', { kind: 'instrument', definition: builtinInstruments[0] }],
      ['/v1/office/erasures', { companyId: newRowId() }],
    ] as const) {
      const refused = await priya.request('POST', url, body);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('Only the programme office') });
    }
  });

  it('stores the office’s directory entries for the whole programme; advisers receive them and may neither change nor delete them', async () => {
    const { priya, tom, office, priyaId } = await programmeWithOffice(backend);
    const [programmeEntry, ownEntry] = [newRowId(), newRowId()];
    expect(statuses(await office.push([office.change('directory_entries', programmeEntry, { directory: 'peers', entry: entry('Made Smarter demonstrator'), created_at: '2026-11-21T10:00:00.000Z' })]))).toEqual(['accepted']);
    await priya.push([priya.change('directory_entries', ownEntry, { directory: 'peers', entry: entry('Priya’s peer'), created_at: '2026-11-21T10:00:00.000Z' })]);

    const seenByPriya = await priya.pullAll();
    expect(findRow(seenByPriya, 'directory_entries', programmeEntry)?.owner).toBeNull();
    expect(findRow(seenByPriya, 'directory_entries', ownEntry)?.owner).toBe(priyaId);
    const seenByTom = await tom.pullAll();
    expect(seenByTom.map((row) => row.rowId)).toEqual([programmeEntry]);

    const edit = await priya.push([priya.change('directory_entries', programmeEntry, { entry: entry('Hijacked') })]);
    const removal = await tom.push([tom.change('directory_entries', programmeEntry, { deleted_at: '2026-11-22T10:00:00.000Z' }, { operation: 'delete' })]);
    expect(statuses(edit)).toEqual(['rejected']);
    expect(statuses(removal)).toEqual(['rejected']);
    expect(edit.results[0]!.reason).toContain('not yours to change');
    // The office may not touch an adviser's own entry either, nor any firm's data.
    const officeEdit = await office.push([
      office.change('directory_entries', ownEntry, { entry: entry('Renamed by office') }),
      office.change('companies', newRowId(), company('Office firm')),
    ]);
    expect(statuses(officeEdit)).toEqual(['rejected', 'rejected']);
    expect(findRow(await tom.pullAll(), 'directory_entries', programmeEntry)?.values.entry).toBe(entry('Made Smarter demonstrator'));
  });

  it('lets the office resolve conflicts about its own directory entries, never about an adviser’s', async () => {
    const { priya, office } = await programmeWithOffice(backend);
    const [advisersEntry, officesEntry] = [newRowId(), newRowId()];
    await priya.push([priya.change('directory_entries', advisersEntry, { directory: 'peers', entry: entry('Priya’s peer'), created_at: '2026-11-21T10:00:00.000Z' })]);
    await office.push([office.change('directory_entries', officesEntry, { directory: 'peers', entry: entry('Demonstrator'), created_at: '2026-11-21T10:00:00.000Z' })]);
    // Each edits its entry again without having seen its first value: a conflict record each.
    expect(statuses(await priya.push([priya.change('directory_entries', advisersEntry, { entry: entry('Priya’s peer, renamed') }, { replaced: { entry: null } })]))).toEqual(['conflict']);
    expect(statuses(await office.push([office.change('directory_entries', officesEntry, { entry: entry('Demonstrator, renamed') }, { replaced: { entry: null } })]))).toEqual(['conflict']);
    const conflicts = (await office.pullAll()).filter((row) => row.table === 'conflicts');
    const about = (rowId: string) => conflicts.find((row) => row.values.row_id === rowId)!.rowId;
    const resolution = { status: 'resolved', resolved_at: '2026-11-22T10:00:00.000Z', resolution: 'kept' };

    expect(statuses(await office.push([office.change('conflicts', about(advisersEntry), resolution)]))).toEqual(['rejected']);
    expect(statuses(await office.push([office.change('conflicts', about(officesEntry), resolution)]))).toEqual(['accepted']);
    expect(statuses(await priya.push([priya.change('conflicts', about(advisersEntry), resolution)]))).toEqual(['accepted']);
  });

  it('erases a firm: personal values emptied with a newer hub clock, contacts deleted, conflicts scrubbed, the erasure delivered to its adviser, the audit holding ids only', async () => {
    const { hub, priya, tom, office } = await programmeWithOffice(backend);
    const firm = newRowId();
    const contact = newRowId();
    const assessment = newRowId();
    const answer = newRowId();
    const other = newRowId();
    await priya.push([
      priya.change('companies', firm, { ...company('Calder Castings'), registration_number: 'GB123', street: '1 Mill Lane', postcode: 'HX1 1AA' }),
      priya.change('contacts', contact, { company_id: firm, position: 0, name: 'Jo Calder', role: 'MD', email: 'jo@calder.example', phone: '+44 1', created_at: '2026-11-21T10:00:00.000Z' }),
      priya.change('assessments', assessment, { company_id: firm, kind: 'baseline', status: 'draft', visit_date: '2026-11-20', people_present: 'Jo Calder', report_language: 'en', created_at: '2026-11-21T10:00:00.000Z' }),
      priya.change('answers', answer, { assessment_id: assessment, instrument_id: 'digital-maturity', question_id: 'q1', value: '2', note: 'Jo wants robots', created_at: '2026-11-21T10:00:00.000Z' }),
      priya.change('companies', other, company('Untouched Ltd')),
    ]);
    // A note written without having seen the first one leaves both values in a conflict record.
    const conflictPush = await priya.push([priya.change('answers', answer, { note: 'Jo said no robots' }, { replaced: { note: null } })]);
    expect(statuses(conflictPush)).toEqual(['conflict']);

    const erased = await office.request('POST', '/v1/office/erasures', { companyId: firm });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toEqual({ companyId: firm, erasedAt: hub.clock.now().toISOString() });

    const rows = await priya.pullAll();
    const latest = (table: string, id: string) => findRow(rows, table, id)!;
    expect(latest('companies', firm).values).toMatchObject({ name: '', registration_number: '', street: '', town: '', postcode: '', region: 'Midtjylland', nace_code: '25' });
    expect(latest('contacts', contact).values).toMatchObject({ name: '', role: '', email: '', phone: '', deleted_at: hub.clock.now().toISOString() });
    expect(latest('assessments', assessment).values).toMatchObject({ people_present: '', visit_date: '2026-11-20' });
    expect(latest('answers', answer).values).toMatchObject({ note: '', value: '2' });
    const conflict = rows.filter((row) => row.table === 'conflicts').at(-1)!;
    expect(conflict.values).toMatchObject({ kept_value: '', other_value: '', field: 'note' });
    expect(latest('erasures', firm).values).toMatchObject({ company_id: firm, erased_at: hub.clock.now().toISOString() });
    expect(latest('companies', other).values.name).toBe('Untouched Ltd');
    // Erased columns carry a hub clock newer than the values they replaced; the others keep theirs.
    const clocks = latest('contacts', contact).clocks;
    expect(clocks.email! > clocks.company_id!).toBe(true);
    expect(latest('answers', answer).clocks.note! > latest('answers', answer).clocks.value!).toBe(true);
    expect((await tom.pullAll()).some((row) => row.table === 'erasures')).toBe(false);

    const everything = JSON.stringify(await hub.database.db.selectFrom('rows').selectAll().execute());
    for (const value of ['Calder Castings', 'Jo Calder', 'jo@calder.example', 'Jo wants robots', 'Jo said no robots', '1 Mill Lane', 'GB123']) expect(everything).not.toContain(value);
    const audit = await hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'erasure').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ rows: expect.any(Number) });
    expect(JSON.stringify(audit)).not.toContain(firm);
    expect(audit[0]!.device_id).toBe(office.deviceId);
  });

  it('sends a device on protocol 1, which cannot store erasure records, the firm’s emptied values but never the erasure record', async () => {
    const { priya, office } = await programmeWithOffice(backend);
    const firm = newRowId();
    await priya.push([priya.change('companies', firm, company('Calder Castings'))]);
    expect((await office.request('POST', '/v1/office/erasures', { companyId: firm })).statusCode).toBe(200);

    const old = await priya.request('GET', '/v1/pull?cursor=0', undefined, true, { [SCHEMA_VERSION_HEADER]: '1' });
    expect(old.statusCode, old.body).toBe(200);
    const oldRows = PullResponseSchema.parse(old.json()).rows;
    expect(oldRows.some((row) => row.table === 'erasures')).toBe(false);
    expect(findRow(oldRows, 'companies', firm)?.values.name).toBe('');
    expect((await priya.pullAll()).some((row) => row.table === 'erasures')).toBe(true);
  });

  it('erases a firm a second time without a new erasure time, and keeps an erased firm’s data erased', async () => {
    const { hub, priya, office } = await programmeWithOffice(backend);
    const firm = newRowId();
    await priya.push([priya.change('companies', firm, company('Calder Castings'))]);
    const first = await office.request('POST', '/v1/office/erasures', { companyId: firm });
    hub.clock.advance(60_000);
    const second = await office.request('POST', '/v1/office/erasures', { companyId: firm });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toEqual(first.json());
    const rows = await priya.pullAll();
    expect(rows.filter((row) => row.table === 'erasures')).toHaveLength(1);
    expect(findRow(rows, 'companies', firm)?.values.name).toBe('');
  });

  it('empties the personal values a stale laptop pushes for an erased firm, whatever its clock, and keeps the rest of its work', async () => {
    const { hub, priya, office } = await programmeWithOffice(backend);
    const firm = newRowId();
    const contact = newRowId();
    await priya.push([
      priya.change('companies', firm, company('Calder Castings')),
      priya.change('contacts', contact, { company_id: firm, position: 0, name: 'Jo Calder', role: '', email: 'jo@calder.example', phone: '', created_at: '2026-11-21T10:00:00.000Z' }),
    ]);
    expect((await office.request('POST', '/v1/office/erasures', { companyId: firm })).statusCode).toBe(200);

    hub.clock.advance(3_600_000);
    const stale = await priya.push([
      priya.change('companies', firm, { name: 'Calder Castings', employee_band: '50-249' }),
      priya.change('contacts', contact, { email: 'jo@calder.example' }),
      priya.change('contacts', newRowId(), { company_id: firm, position: 1, name: 'Sam Calder', role: '', email: '', phone: '', created_at: '2026-11-21T12:00:00.000Z' }),
    ]);
    // The contact was deleted by the erasure: the stale edit is kept hidden, as for any edit of a deleted row.
    expect(statuses(stale)).toEqual(['accepted', 'conflict', 'accepted']);
    const rows = await office.pullAll();
    const firmRow = findRow(rows, 'companies', firm)!;
    expect(firmRow.values).toMatchObject({ name: '', employee_band: '50-249' });
    const contacts = rows.filter((row: PulledRow) => row.table === 'contacts');
    expect(contacts.every((row) => row.values.name === '' && row.values.email === '')).toBe(true);
    expect(JSON.stringify(await hub.database.db.selectFrom('rows').selectAll().execute())).not.toMatch(/Calder Castings|Sam Calder|jo@calder/);
  });
});
