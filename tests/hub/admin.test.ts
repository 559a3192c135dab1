import { describe, expect, it } from 'vitest';
import { AdminError, createProgramme, createUser, findUser, listDevices, listProgrammes, listUsers, publish } from '../../hub/admin';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { MAX_VALUE_LENGTH } from '../../shared/sync/protocol';
import { builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { backends, startTestHub } from './fixtures';

describe.each(backends)('hub administration on %s', (backend) => {
  it('counts users and active devices per programme as numbers', async () => {
    const hub = await startTestHub(backend);
    const north = await hub.programme('North');
    await hub.programme('South');
    const adviser = await hub.user(north, 'adviser');
    await hub.user(north, 'office');
    await hub.device(adviser);
    await hub.device(adviser);
    expect(await listProgrammes(hub.database.db)).toMatchObject([
      { id: north, name: 'North', users: 2, devices: 2 },
      { name: 'South', users: 0, devices: 0 },
    ]);
    const devices = await listDevices(hub.database.db);
    expect(devices.map((d) => d.changeCount)).toEqual([0, 0]);
  });

  it('refuses a second programme of the same name and finds users by id or unique name', async () => {
    const hub = await startTestHub(backend);
    const db = hub.database.db;
    const programme = await createProgramme(db, hub.clock.now(), 'North');
    await expect(createProgramme(db, hub.clock.now(), ' North ')).rejects.toThrow(`A programme named "North" already exists (${programme.id}).`);
    const ann = await createUser(db, hub.clock.now(), { programme: 'North', role: 'adviser', name: 'Ann' });
    await createUser(db, hub.clock.now(), { programme: programme.id, role: 'adviser', name: 'Bo' });
    await createUser(db, hub.clock.now(), { programme: programme.id, role: 'office', name: 'Bo' });
    expect((await findUser(db, 'Ann')).id).toBe(ann.id);
    expect((await findUser(db, ann.id)).name).toBe('Ann');
    await expect(findUser(db, 'Bo')).rejects.toThrow('2 users are named "Bo"; give the user id instead');
    await expect(createUser(db, hub.clock.now(), { programme: 'Nowhere', role: 'adviser', name: 'X' })).rejects.toBeInstanceOf(AdminError);
    expect((await listUsers(db, 'North')).map((u) => u.name)).toEqual(['Ann', 'Bo', 'Bo']);
  });

  it('finds a programme by its id before any programme named like that id', async () => {
    const hub = await startTestHub(backend);
    const db = hub.database.db;
    const at = hub.clock.now().toISOString();
    // The impostor is stored first, so a lookup by id or name finds it before the programme itself.
    await db.insertInto('programmes').values({ id: 'prog-impostor', name: 'prog-north', last_seq: 0, created_at: at }).execute();
    await db.insertInto('programmes').values({ id: 'prog-north', name: 'North', last_seq: 0, created_at: at }).execute();
    const user = await createUser(db, hub.clock.now(), { programme: 'prog-north', role: 'adviser', name: 'Ann' });
    expect(user).toMatchObject({ programmeId: 'prog-north' });
    expect((await listUsers(db, 'North')).map((u) => u.id)).toEqual([user.id]);
  });

  it('never replaces a published version with different content, and refuses what the validator refuses', async () => {
    const hub = await startTestHub(backend);
    const programme = await hub.programme();
    const instrument = builtinInstruments[0]!;
    expect((await publish(hub.database, hub.clock.now(), 'instrument', programme, instrument)).published).toBe(true);
    const edited = { ...instrument, title: { ...instrument.title, en: 'Renamed' } };
    await expect(publish(hub.database, hub.clock.now(), 'instrument', programme, edited)).rejects.toThrow(
      `Version ${instrument.version} of instrument "${instrument.id}" is already published with different content`,
    );
    const next = await publish(hub.database, hub.clock.now(), 'instrument', programme, { ...edited, version: '9.0.0' });
    expect(next.published).toBe(true);
    await expect(publish(hub.database, hub.clock.now(), 'catalogue', programme, { ...builtinCatalogueJson, steps: [] })).rejects.toThrow(/^The catalogue is not valid:\n\$\.steps/);
    // The same instrument version may be published in another programme.
    expect((await publish(hub.database, hub.clock.now(), 'instrument', await hub.programme(), instrument)).published).toBe(true);
  });

  it('publishes a catalogue twice the size of the built-in one, and refuses a definition longer than a synced value may be', async () => {
    const hub = await startTestHub(backend);
    const programme = await hub.programme();
    const copies = (n: number) => ({
      ...builtinCatalogueJson,
      version: `1.${n}.0`,
      steps: [
        ...builtinCatalogueJson.steps,
        ...Array.from({ length: n }, (_, copy) => builtinCatalogueJson.steps.map((s) => ({ ...s, id: `${s.id}-copy-${copy}`, prerequisites: { ...s.prerequisites, steps: [] } }))).flat(),
      ],
    });
    expect((await publish(hub.database, hub.clock.now(), 'catalogue', programme, copies(1))).published).toBe(true);
    const bloated = copies(Math.ceil(MAX_VALUE_LENGTH / JSON.stringify(builtinCatalogueJson.steps).length) + 1);
    await expect(publish(hub.database, hub.clock.now(), 'catalogue', programme, bloated)).rejects.toThrow(new RegExp(`a synced value holds at most ${MAX_VALUE_LENGTH}`));
  });
});
