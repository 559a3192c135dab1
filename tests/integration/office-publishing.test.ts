import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { exportBundle } from '../../electron/services/sync/sync-bundle';
import { ClientInputSchema } from '../../shared/clients/schema';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { uuidv7 } from '../../shared/sync/uuidv7';
import { builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { validClient } from '../helpers/fixtures';
import { backends, hubLocation, programmeWithOffice, startHub, syncClean } from './harness';

const firmNames = (device: AppServices) => (device.database.sqlite.prepare('select name from companies order by name').all() as { name: string }[]).map((row) => row.name);

describe.each(backends)('the programme office and two advisers on %s', (backend) => {
  it('shows the office both advisers’ firms with their advisers’ names, and neither adviser the other’s', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { priyaId, tomId, priya, tom, office } = await programmeWithOffice(hub);
    const calder = await priya.clients.create(ClientInputSchema.parse(validClient({ name: 'Calder Valley Castings Ltd' })));
    const ribble = await tom.clients.create(ClientInputSchema.parse(validClient({ name: 'Ribble Foods Ltd' })));
    await syncClean(priya);
    await syncClean(tom);
    await syncClean(office);

    expect(firmNames(office)).toEqual(['Calder Valley Castings Ltd', 'Ribble Foods Ltd']);
    const owners = office.database.sqlite
      .prepare('select c.company_id, a.name from company_advisers c join advisers a on a.id = c.adviser_id order by a.name')
      .all();
    expect(owners).toEqual([
      { company_id: calder.id, name: 'Priya Shah' },
      { company_id: ribble.id, name: 'Tom Berg' },
    ]);
    expect(office.database.sqlite.prepare('select id, name from advisers order by name').all()).toEqual([
      { id: priyaId, name: 'Priya Shah' },
      { id: tomId, name: 'Tom Berg' },
    ]);
    await syncClean(priya);
    expect(firmNames(priya)).toEqual(['Calder Valley Castings Ltd']);
    expect(firmNames(tom)).toEqual(['Ribble Foods Ltd']);
    for (const adviser of [priya, tom]) {
      expect(adviser.database.sqlite.prepare('select count(*) as n from advisers').get()).toEqual({ n: 0 });
    }
  });

  it('delivers an instrument, a catalogue and a directory entry the office publishes to both advisers, who cannot change the entry', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { priya, tom, office } = await programmeWithOffice(hub);
    const instrument = { ...builtinInstruments.find((i) => i.id === 'digital-maturity')!, version: '3.1.0' };
    const catalogue = { ...builtinCatalogueJson, version: '4.2.0' };

    expect(await office.handlers['office.publishInstrument']({ text: JSON.stringify(instrument) })).toEqual({ id: 'digital-maturity', version: '3.1.0' });
    expect(await office.handlers['office.publishCatalogue']({ text: JSON.stringify(catalogue) })).toEqual({ version: '4.2.0' });
    const entry = await office.directories.save({
      directory: 'intermediaries',
      name: 'Yorkshire Manufacturing Growth Hub',
      country: 'GB',
      regions: ['Yorkshire and the Humber'],
      description: 'Impartial advice on automation',
      areas: [],
      sectors: [],
    });
    await syncClean(office);
    // The office's own device has what it published at once, and lists its entry as its own.
    expect((await office.instruments.list()).some((i) => i.id === 'digital-maturity' && i.version === '3.1.0')).toBe(true);
    expect((await office.directories.list()).own.map((e) => e.id)).toEqual([entry.id]);

    for (const adviser of [priya, tom]) {
      await syncClean(adviser);
      expect((await adviser.instruments.list()).some((i) => i.id === 'digital-maturity' && i.version === '3.1.0')).toBe(true);
      expect(adviser.database.sqlite.prepare('select version from catalogues').all()).toEqual([{ version: '4.2.0' }]);
      const directories = await adviser.directories.list();
      expect(directories.programme.map((e) => e.name)).toEqual(['Yorkshire Manufacturing Growth Hub']);
      expect(directories.own).toEqual([]);
      expect((await adviser.directories.merged()).intermediaries.map((i) => i.id)).toContain(entry.id);
      await expect(adviser.directories.save({ ...entry, name: 'Renamed' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(adviser.directories.remove(entry.id)).rejects.toMatchObject({ code: 'forbidden' });
    }

    // An adviser's own entry stays theirs; the other adviser never receives it.
    const own = await priya.directories.save({ directory: 'peers', name: 'Pennine Plastics', country: 'GB', regions: [], description: '', areas: [], sectors: [] });
    await syncClean(priya);
    await syncClean(tom);
    expect((await priya.directories.list()).own.map((e) => e.id)).toEqual([own.id]);
    expect((await tom.directories.list()).own).toEqual([]);
    expect((await tom.directories.list()).programme.map((e) => e.id)).toEqual([entry.id]);
  });

  it('refuses the office operations to an adviser, an invalid definition before it reaches the hub, and a version published with other content', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { priya, office } = await programmeWithOffice(hub);
    const instrument = builtinInstruments.find((i) => i.id === 'digital-maturity')!;
    await expect(priya.handlers['office.publishInstrument']({ text: JSON.stringify(instrument) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(priya.handlers['office.eraseFirm']({ companyId: '01890a5d-ac96-774b-bcce-b302099a8057' })).rejects.toMatchObject({ code: 'forbidden' });

    await expect(office.handlers['office.publishInstrument']({ text: '{"id": ' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not valid JSON') });
    await expect(office.handlers['office.publishCatalogue']({ text: JSON.stringify({ ...builtinCatalogueJson, steps: [] }) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^The catalogue is not valid; nothing was published:\n\$\.steps/),
    });
    await office.handlers['office.publishInstrument']({ text: JSON.stringify({ ...instrument, version: '3.2.0' }) });
    await expect(
      office.handlers['office.publishInstrument']({ text: JSON.stringify({ ...instrument, version: '3.2.0', title: { ...instrument.title, en: 'Other' } }) }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already published with different content') });
    await expect(office.handlers['office.eraseFirm']({ companyId: '01890a5d-ac96-774b-bcce-b302099a8057' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('imports an adviser’s bundle from the office’s installation, counts what was new, and says when the file or the hub fails', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { priya, office } = await programmeWithOffice(hub);
    const firm = await priya.clients.create(ClientInputSchema.parse(validClient({ name: 'Offline Engineering Ltd' })));
    // A change the hub refuses travels in the bundle too: an adviser may not write annotations.
    const hlc = await priya.database.db.transaction().execute((trx) => priya.clock.stamp(trx));
    priya.database.sqlite
      .prepare(
        `insert into outbox (change_id, table_name, row_id, operation, hlc, base_hlc, changes, schema_version, created_at, replaced)
         values (?, 'annotations', ?, 'upsert', ?, null, ?, 1, ?, '{}')`,
      )
      .run(uuidv7(), uuidv7(), hlc, JSON.stringify({ company_id: firm.id, body: 'Not mine to write' }), new Date().toISOString());
    const bundle = await exportBundle(priya.database.db, priya.clock.deviceId, () => new Date());

    const first = await office.handlers['office.importBundle']({ base64: bundle.base64 });
    expect(first).toEqual({ accepted: bundle.changes - 1, conflicts: 0, duplicates: 0, rejected: 1 });
    expect(firmNames(office)).toEqual(['Offline Engineering Ltd']);
    expect(await office.handlers['office.importBundle']({ base64: bundle.base64 })).toEqual({ accepted: 0, conflicts: 0, duplicates: bundle.changes - 1, rejected: 1 });

    await expect(office.handlers['office.importBundle']({ base64: Buffer.from('not a bundle').toString('base64') })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'This is not a Stepping Stones sync bundle.',
    });
    const tampered = JSON.parse(Buffer.from(bundle.base64, 'base64').toString('utf8')) as { payload: string; signature: string };
    tampered.payload = tampered.payload.replace('Offline Engineering Ltd', 'Tampered Ltd');
    await expect(office.handlers['office.importBundle']({ base64: Buffer.from(JSON.stringify(tampered)).toString('base64') })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('altered or damaged'),
    });
    await hub.close();
    await expect(office.handlers['office.importBundle']({ base64: bundle.base64 })).rejects.toMatchObject({ code: 'transport', message: expect.stringContaining('Could not reach the hub') });
  });
});
