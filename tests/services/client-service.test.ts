import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { AppError } from '../../shared/api/result';
import { parseHlc } from '../../shared/sync/hlc';
import type { Client, ClientInput, ClientSortKey } from '../../shared/clients/schema';
import { ClientListQuerySchema } from '../../shared/clients/schema';
import { MISSING_ID, validClient, validContact } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp';
import { closeServices, count, createClient, manualNow, outbox, startServices, updateClient } from '../helpers/services';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function list(services: AppServices, query: Parameters<typeof ClientListQuerySchema.parse>[0] = {}) {
  return services.clients.list(ClientListQuerySchema.parse(query));
}

async function names(services: AppServices, query: Parameters<typeof ClientListQuerySchema.parse>[0] = {}): Promise<string[]> {
  return (await list(services, query)).map((c) => c.name);
}

async function expectAppError(promise: Promise<unknown>, code: AppError['code'], field?: string): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field !== undefined) expect((error as AppError).field).toBe(field);
}

function companyRow(services: AppServices, id: string): Record<string, unknown> | undefined {
  return services.database.sqlite.prepare('select * from companies where id = ?').get(id) as Record<string, unknown> | undefined;
}

function contactRows(services: AppServices, companyId: string): Record<string, unknown>[] {
  return services.database.sqlite.prepare('select * from contacts where company_id = ? order by created_at, position').all(companyId) as Record<
    string,
    unknown
  >[];
}

describe('ClientService create and get', () => {
  it('creates a client with a v7 id, stamps and contacts, and get() returns the same record', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const created = await createClient(services, {
      contacts: [validContact(), validContact({ name: 'Dev Patel', email: 'dev@example.co.uk' })],
    });

    expect(created.id).toMatch(UUID_V7);
    expect(created).toMatchObject({
      name: 'Pennine Precision Engineering Ltd',
      town: 'Halifax',
      country: 'GB',
      createdAt: '2026-11-21T10:42:00.000Z',
      updatedBy: services.clock.deviceId,
      deletedAt: null,
    });
    expect(parseHlc(created.updatedAt)).toMatchObject({ wall: now(), device: services.clock.deviceId });
    expect(created.contacts.map((c) => c.name)).toEqual(['Sarah Whitfield', 'Dev Patel']);
    for (const contact of created.contacts) expect(contact.id).toMatch(UUID_V7);
    expect(await services.clients.get(created.id)).toEqual(created);
  });

  it('drops the consent date when consent to share is not given', async () => {
    const services = await startServices();
    const created = await createClient(services, { consentToShare: false, consentDate: '2026-01-01' });
    expect(created.consentDate).toBeNull();
    expect(companyRow(services, created.id)).toMatchObject({ consent_to_share: 0, consent_date: null });
  });

  it('keeps the consent date when consent is given', async () => {
    const services = await startServices();
    const created = await createClient(services, { consentToShare: true, consentDate: '2026-09-14' });
    expect(created).toMatchObject({ consentToShare: true, consentDate: '2026-09-14' });
  });

  it('stores HTML in a name verbatim', async () => {
    const services = await startServices();
    const name = '<img src=x onerror=alert(1)>';
    const created = await createClient(services, { name });
    expect((await services.clients.get(created.id)).name).toBe(name);
  });

  it('answers get() for an unknown id with AppError not_found on field id', async () => {
    const services = await startServices();
    await expectAppError(services.clients.get(MISSING_ID), 'not_found', 'id');
  });
});

describe('ClientService update, delete and restore', () => {
  it('updates fields and gives the record a later clock value', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const created = await createClient(services);
    now.advance(1000);
    const updated = await updateClient(services, created, { name: 'Pennine Precision Group Ltd', town: 'Huddersfield', postcode: 'HD1 2TT' });
    expect(updated).toMatchObject({ id: created.id, name: 'Pennine Precision Group Ltd', town: 'Huddersfield', createdAt: created.createdAt });
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(await services.clients.get(created.id)).toEqual(updated);
  });

  it('deletes a client: it disappears from the list and get() gives not_found', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const keep = await createClient(services, { name: 'Keep Ltd' });
    const gone = await createClient(services, { name: 'Gone Ltd' });
    now.advance(5000);
    const result = await services.clients.delete(gone.id);
    expect(result).toEqual({ id: gone.id, deletedAt: '2026-11-21T10:42:05.000Z' });
    expect(await names(services)).toEqual(['Keep Ltd']);
    await expectAppError(services.clients.get(gone.id), 'not_found', 'id');
    expect(companyRow(services, gone.id)).toMatchObject({ deleted_at: '2026-11-21T10:42:05.000Z' });
    expect((await services.clients.get(keep.id)).name).toBe('Keep Ltd');
  });

  it('refuses to update or delete a deleted client with not_found', async () => {
    const services = await startServices();
    const client = await createClient(services);
    await services.clients.delete(client.id);
    await expectAppError(updateClient(services, client, { name: 'Zombie Ltd' }), 'not_found', 'id');
    await expectAppError(services.clients.delete(client.id), 'not_found', 'id');
    expect(companyRow(services, client.id)).toMatchObject({ name: client.name });
  });

  it('refuses to delete, update or restore an id that never existed with not_found', async () => {
    const services = await startServices();
    await expectAppError(services.clients.delete(MISSING_ID), 'not_found', 'id');
    await expectAppError(services.clients.restore(MISSING_ID), 'not_found', 'id');
    const client = await createClient(services);
    await expectAppError(updateClient(services, { ...client, id: MISSING_ID }), 'not_found', 'id');
    expect(outbox(services).filter((e) => e.row_id === MISSING_ID)).toEqual([]);
  });

  it('restores a deleted client with its contacts, back in the list and get()', async () => {
    const services = await startServices();
    const client = await createClient(services);
    await services.clients.delete(client.id);
    const restored = await services.clients.restore(client.id);
    expect(restored).toMatchObject({ id: client.id, name: client.name, deletedAt: null, contacts: client.contacts });
    expect(restored.updatedAt > client.updatedAt).toBe(true);
    expect(await names(services)).toEqual([client.name]);
    expect(await services.clients.get(client.id)).toEqual(restored);
  });

  it('restoring a client that is not deleted changes nothing and writes no outbox row', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const before = outbox(services).length;
    expect(await services.clients.restore(client.id)).toEqual(client);
    expect(outbox(services)).toHaveLength(before);
  });
});

describe('ClientService list', () => {
  async function seedSearchable(services: AppServices) {
    await createClient(services, { name: 'Łódź Precision Sp. z o.o.', town: 'Łódź', postcode: '90-006', country: 'PL', registrationNumber: '0000481123', naceCode: '28' });
    await createClient(services, { name: 'Skånes Maskinservice AB', town: 'Malmö', postcode: '211 19', country: 'SE', registrationNumber: '556577-3321', naceCode: '33' });
    await createClient(services, { name: 'Øresund Elektronik A/S', town: 'Helsingør', postcode: '3000', country: 'DK', registrationNumber: '31457720', naceCode: '26' });
    await createClient(services, { name: 'Pennine Precision Engineering Ltd', town: 'Halifax', registrationNumber: '04518832', naceCode: '25' });
    await createClient(services, { name: 'Straße Metallbau GmbH', town: 'Köln', postcode: '50667', country: 'DE', registrationNumber: 'HRB 1234', naceCode: '25' });
  }

  it('lists every live client with its summary fields and contact count', async () => {
    const services = await startServices();
    const created = await createClient(services, { contacts: [validContact(), validContact({ name: 'Second' })] });
    expect(await list(services)).toEqual([
      {
        id: created.id,
        name: created.name,
        town: created.town,
        region: created.region,
        country: created.country,
        naceCode: created.naceCode,
        employeeBand: created.employeeBand,
        contactCount: 2,
        updatedAt: created.updatedAt,
      },
    ]);
  });

  it('finds clients by part of the name, ignoring case', async () => {
    const services = await startServices();
    await seedSearchable(services);
    expect(await names(services, { search: 'PRECISION' })).toEqual(['Łódź Precision Sp. z o.o.', 'Pennine Precision Engineering Ltd']);
  });

  it.each([
    ['lodz', 'Łódź Precision Sp. z o.o.'],
    ['ŁÓDŹ', 'Łódź Precision Sp. z o.o.'],
    ['malmo', 'Skånes Maskinservice AB'],
    ['Malmö', 'Skånes Maskinservice AB'],
    ['skanes', 'Skånes Maskinservice AB'],
    ['helsingor', 'Øresund Elektronik A/S'],
    ['oresund', 'Øresund Elektronik A/S'],
    ['strasse', 'Straße Metallbau GmbH'],
    ['koln', 'Straße Metallbau GmbH'],
  ])('finds a client by name or town without accents: %s', async (search, expected) => {
    const services = await startServices();
    await seedSearchable(services);
    expect(await names(services, { search })).toEqual([expected]);
  });

  it('finds a client by registration number', async () => {
    const services = await startServices();
    await seedSearchable(services);
    expect(await names(services, { search: '556577' })).toEqual(['Skånes Maskinservice AB']);
    expect(await names(services, { search: 'hrb 1234' })).toEqual(['Straße Metallbau GmbH']);
  });

  it('treats % and _ in the search as plain characters, not wildcards', async () => {
    const services = await startServices();
    await createClient(services, { name: 'A_B Tooling Ltd' });
    await createClient(services, { name: 'AxB Tooling Ltd' });
    await createClient(services, { name: '100% Steel Ltd' });
    expect(await names(services, { search: 'a_b' })).toEqual(['A_B Tooling Ltd']);
    expect(await names(services, { search: '%' })).toEqual(['100% Steel Ltd']);
    expect(await names(services, { search: '\\' })).toEqual([]);
  });

  it('returns nothing for a search that matches nothing', async () => {
    const services = await startServices();
    await seedSearchable(services);
    expect(await list(services, { search: 'no such company' })).toEqual([]);
  });

  it('filters by NACE sector and combines the filter with search', async () => {
    const services = await startServices();
    await seedSearchable(services);
    expect(await names(services, { naceCode: '25' })).toEqual(['Pennine Precision Engineering Ltd', 'Straße Metallbau GmbH']);
    expect(await names(services, { naceCode: '25', search: 'precision' })).toEqual(['Pennine Precision Engineering Ltd']);
    expect(await names(services, { naceCode: '10' })).toEqual([]);
  });

  describe('sorting', () => {
    // Each column orders the five clients differently; folded order differs from plain code-point order.
    const rows: Partial<ClientInput>[] = [
      { name: 'Ørestad Foods ApS', town: 'Aarhus', region: 'Midtjylland', naceCode: '22', country: 'DK', postcode: '' },
      { name: 'Bravo Castings Ltd', town: 'Łódź', region: 'Zachodnie', naceCode: '10', country: 'PL', postcode: '' },
      { name: 'delta plastics ltd', town: 'Zwolle', region: 'Overijssel', naceCode: '28', country: 'NL', postcode: '' },
      { name: 'Charlie Textiles Ltd', town: 'Malmö', region: 'Ångermanland', naceCode: '13', country: 'SE', postcode: '' },
      { name: 'Echo Machining Ltd', town: 'Leeds', region: 'Bavaria', naceCode: '25', country: 'GB', postcode: '' },
    ];
    const ascending: Record<ClientSortKey, string[]> = {
      name: ['Bravo Castings Ltd', 'Charlie Textiles Ltd', 'delta plastics ltd', 'Echo Machining Ltd', 'Ørestad Foods ApS'],
      town: ['Ørestad Foods ApS', 'Echo Machining Ltd', 'Bravo Castings Ltd', 'Charlie Textiles Ltd', 'delta plastics ltd'],
      region: ['Charlie Textiles Ltd', 'Echo Machining Ltd', 'Ørestad Foods ApS', 'delta plastics ltd', 'Bravo Castings Ltd'],
      sector: ['Bravo Castings Ltd', 'Charlie Textiles Ltd', 'Ørestad Foods ApS', 'Echo Machining Ltd', 'delta plastics ltd'],
      // Creation order, then 'Bravo' is edited last.
      updated: ['Ørestad Foods ApS', 'delta plastics ltd', 'Charlie Textiles Ltd', 'Echo Machining Ltd', 'Bravo Castings Ltd'],
    };

    async function seedSortable(): Promise<AppServices> {
      const now = manualNow();
      const services = await startServices({ now });
      const created: Client[] = [];
      for (const row of rows) {
        now.advance(1000);
        created.push(await createClient(services, row));
      }
      now.advance(1000);
      await updateClient(services, created[1]!, { street: 'New Street 1' });
      return services;
    }

    it.each(Object.keys(ascending) as ClientSortKey[])('sorts by %s ascending and descending', async (sort) => {
      const services = await seedSortable();
      expect(await names(services, { sort, direction: 'asc' })).toEqual(ascending[sort]);
      expect(await names(services, { sort, direction: 'desc' })).toEqual([...ascending[sort]].reverse());
    });

    it('breaks ties on the sort key by name', async () => {
      const services = await startServices();
      await createClient(services, { name: 'Zeta Ltd', naceCode: '25' });
      await createClient(services, { name: 'Alpha Ltd', naceCode: '25' });
      await createClient(services, { name: 'Mid Ltd', naceCode: '10' });
      expect(await names(services, { sort: 'sector' })).toEqual(['Mid Ltd', 'Alpha Ltd', 'Zeta Ltd']);
      expect(await names(services, { sort: 'sector', direction: 'desc' })).toEqual(['Alpha Ltd', 'Zeta Ltd', 'Mid Ltd']);
    });
  });
});

describe('ClientService contacts', () => {
  it('adds a contact on update and gives it an id', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const updated = await updateClient(services, client, {
      contacts: [...client.contacts, validContact({ name: 'New Person', email: 'new@example.com' })],
    });
    expect(updated.contacts.map((c) => c.name)).toEqual(['Sarah Whitfield', 'New Person']);
    expect(updated.contacts[0]!.id).toBe(client.contacts[0]!.id);
    expect(updated.contacts[1]!.id).toMatch(UUID_V7);
    expect((await list(services))[0]!.contactCount).toBe(2);
  });

  it('edits a contact in place, keeping its id', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const [contact] = client.contacts;
    const updated = await updateClient(services, client, { contacts: [{ ...contact!, role: 'Chair', email: 'chair@example.com' }] });
    expect(updated.contacts).toEqual([{ ...contact!, role: 'Chair', email: 'chair@example.com' }]);
    expect(contactRows(services, client.id)).toHaveLength(1);
  });

  it('removes a contact by tombstoning it: the row stays with deleted_at set but no longer shows', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const client = await createClient(services, { contacts: [validContact({ name: 'Stays' }), validContact({ name: 'Leaves' })] });
    const leaving = client.contacts[1]!;
    now.advance(60_000);
    const updated = await updateClient(services, client, { contacts: [client.contacts[0]!] });

    expect(updated.contacts.map((c) => c.name)).toEqual(['Stays']);
    const rows = contactRows(services, client.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === leaving.id)).toMatchObject({ name: 'Leaves', deleted_at: '2026-11-21T10:43:00.000Z', updated_at: expect.any(String) });
    expect((await list(services))[0]!.contactCount).toBe(1);
  });

  it('stores contacts in the order given and keeps that order after reordering', async () => {
    const services = await startServices();
    const client = await createClient(services, { contacts: [validContact({ name: 'First' }), validContact({ name: 'Second' }), validContact({ name: 'Third' })] });
    const [a, b, c] = client.contacts;
    const updated = await updateClient(services, client, { contacts: [c!, a!, b!] });
    expect(updated.contacts.map((x) => x.name)).toEqual(['Third', 'First', 'Second']);
    expect((await services.clients.get(client.id)).contacts.map((x) => x.id)).toEqual([c!.id, a!.id, b!.id]);
  });

  it("rejects a contact id that belongs to another client, on field contacts.0.id, and changes neither client", async () => {
    const services = await startServices();
    const mine = await createClient(services, { name: 'Mine Ltd' });
    const theirs = await createClient(services, { name: 'Theirs Ltd' });
    const before = outbox(services).length;
    const stolen = { ...theirs.contacts[0]!, name: 'Hijacked' };

    await expectAppError(updateClient(services, mine, { name: 'Mine Renamed Ltd', contacts: [stolen] }), 'invalid_input', 'contacts.0.id');
    expect(await services.clients.get(mine.id)).toEqual(mine);
    expect(await services.clients.get(theirs.id)).toEqual(theirs);
    expect(outbox(services)).toHaveLength(before);
  });

  it('names the position of the foreign contact id in the field path', async () => {
    const services = await startServices();
    const mine = await createClient(services);
    const theirs = await createClient(services, { name: 'Theirs Ltd' });
    await expectAppError(updateClient(services, mine, { contacts: [mine.contacts[0]!, theirs.contacts[0]!] }), 'invalid_input', 'contacts.1.id');
  });

  it('rejects the same contact id twice in one update, on field contacts.1.id, and writes nothing', async () => {
    // Otherwise the second copy silently overwrites the first, and the outbox gets two changes to one
    // row with the same clock value, which the hub cannot order.
    const services = await startServices();
    const client = await createClient(services, { contacts: [validContact({ name: 'A' })] });
    const before = outbox(services).length;
    const [a] = client.contacts;
    await expectAppError(
      updateClient(services, client, { contacts: [{ ...a!, name: 'First copy' }, { ...a!, name: 'Second copy' }] }),
      'invalid_input',
      'contacts.1.id',
    );
    expect(await services.clients.get(client.id)).toEqual(client);
    expect(outbox(services)).toHaveLength(before);
  });

  it('rejects the id of a removed contact of the same client rather than reviving it', async () => {
    const services = await startServices();
    const client = await createClient(services, { contacts: [validContact({ name: 'A' }), validContact({ name: 'B' })] });
    const removed = client.contacts[1]!;
    const after = await updateClient(services, client, { contacts: [client.contacts[0]!] });
    await expectAppError(updateClient(services, after, { contacts: [client.contacts[0]!, removed] }), 'invalid_input', 'contacts.1.id');
  });
});

describe('ClientService outbox', () => {
  it('records a create as one company upsert plus one upsert per contact, all with the record clock and no base', async () => {
    const services = await startServices({ now: manualNow() });
    const client = await createClient(services, { contacts: [validContact({ name: 'A' }), validContact({ name: 'B' })] });
    const entries = outbox(services);
    expect(entries.map((e) => [e.table_name, e.operation])).toEqual([
      ['companies', 'upsert'],
      ['contacts', 'upsert'],
      ['contacts', 'upsert'],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ hlc: client.updatedAt, base_hlc: null, sent_at: null, schema_version: 1, created_at: client.createdAt });
    }
    expect(entries[0]!.row_id).toBe(client.id);
    expect(entries[0]!.changes).toEqual({
      name: client.name,
      registration_number: client.registrationNumber,
      nace_code: client.naceCode,
      employee_band: client.employeeBand,
      turnover_band: client.turnoverBand,
      street: client.street,
      town: client.town,
      postcode: client.postcode,
      region: client.region,
      country: client.country,
      consent_to_share: 0,
      consent_date: null,
      created_at: client.createdAt,
    });
    expect(entries.slice(1).map((e) => e.row_id)).toEqual(client.contacts.map((c) => c.id));
    expect(entries[1]!.changes).toEqual({
      company_id: client.id,
      position: 0,
      name: 'A',
      role: 'Managing Director',
      email: 'sarah@example.co.uk',
      phone: '+44 1422 380 114',
      created_at: client.createdAt,
    });
    expect(new Set(entries.map((e) => e.change_id)).size).toBe(entries.length);
  });

  it('records an update with only the changed columns, the new clock, and the previous clock as base', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const client = await createClient(services);
    const before = outbox(services).length;
    now.advance(1000);
    const updated = await updateClient(services, client, { name: 'Renamed Ltd', employeeBand: '50-249' });

    const entries = outbox(services).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      table_name: 'companies',
      row_id: client.id,
      operation: 'upsert',
      hlc: updated.updatedAt,
      base_hlc: client.updatedAt,
      changes: { name: 'Renamed Ltd', employee_band: '50-249' },
    });
    expect(Object.keys(entries[0]!.changes).sort()).toEqual(['employee_band', 'name']);
  });

  it('uses the clock of the latest change as the base of the next one', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const first = await updateClient(services, client, { name: 'Second Name Ltd' });
    await updateClient(services, first, { name: 'Third Name Ltd' });
    const companyEntries = outbox(services).filter((e) => e.table_name === 'companies');
    expect(companyEntries.map((e) => e.base_hlc)).toEqual([null, client.updatedAt, first.updatedAt]);
  });

  it('writes no outbox row and keeps the clock for an update that changes nothing', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const before = outbox(services);
    const same = await updateClient(services, client);
    expect(same).toEqual(client);
    expect(outbox(services)).toEqual(before);
  });

  it('treats whitespace the schema trims away as no change', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const before = outbox(services).length;
    await updateClient(services, client, { name: `  ${client.name}  ` });
    expect(outbox(services)).toHaveLength(before);
  });

  it('records clearing consent as consent_to_share 0 and consent_date null', async () => {
    const services = await startServices();
    const client = await createClient(services, { consentToShare: true, consentDate: '2026-09-14' });
    const before = outbox(services).length;
    await updateClient(services, client, { consentToShare: false });
    expect(outbox(services).slice(before).map((e) => e.changes)).toEqual([{ consent_to_share: 0, consent_date: null }]);
  });

  it('records contact edits only for the contacts that changed, each with its own base clock', async () => {
    const services = await startServices();
    const client = await createClient(services, { contacts: [validContact({ name: 'A' }), validContact({ name: 'B' })] });
    const before = outbox(services).length;
    const [a, b] = client.contacts;
    const updated = await updateClient(services, client, { contacts: [a!, { ...b!, phone: '+44 1 234' }] });

    const entries = outbox(services).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        table_name: 'contacts',
        row_id: b!.id,
        operation: 'upsert',
        base_hlc: client.updatedAt,
        changes: { phone: '+44 1 234' },
      }),
    ]);
    // Only a contact changed, so the company row itself keeps its clock.
    expect(updated.updatedAt).toBe(client.updatedAt);
  });

  it('records a removed contact as a delete with its tombstone time', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const client = await createClient(services, { contacts: [validContact({ name: 'A' }), validContact({ name: 'B' })] });
    const before = outbox(services).length;
    now.advance(2000);
    await updateClient(services, client, { contacts: [client.contacts[0]!] });
    expect(outbox(services).slice(before)).toEqual([
      expect.objectContaining({
        table_name: 'contacts',
        row_id: client.contacts[1]!.id,
        operation: 'delete',
        base_hlc: client.updatedAt,
        changes: { deleted_at: '2026-11-21T10:42:02.000Z' },
      }),
    ]);
  });

  it('records delete and restore of a client, each based on the clock before it', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const before = outbox(services).length;
    const { deletedAt } = await services.clients.delete(client.id);
    const deletedClock = companyRow(services, client.id)!.updated_at as string;
    const restored = await services.clients.restore(client.id);

    const entries = outbox(services).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ table_name: 'companies', row_id: client.id, operation: 'delete', hlc: deletedClock, base_hlc: client.updatedAt, changes: { deleted_at: deletedAt } }),
      expect.objectContaining({ table_name: 'companies', row_id: client.id, operation: 'upsert', hlc: restored.updatedAt, base_hlc: deletedClock, changes: { deleted_at: null } }),
    ]);
  });

  it('stamps every outbox row with a clock later than the one before', async () => {
    const now = manualNow();
    const services = await startServices({ now });
    const client = await createClient(services);
    now.advance(-60_000);
    const renamed = await updateClient(services, client, { name: 'Backwards Ltd' });
    await services.clients.delete(renamed.id);
    await services.clients.restore(renamed.id);
    const clocks = outbox(services).filter((e) => e.table_name === 'companies').map((e) => e.hlc);
    expect(clocks).toEqual([...clocks].sort());
    expect(new Set(clocks).size).toBe(clocks.length);
  });

  it('writes no company row when the outbox insert fails (trigger aborts)', async () => {
    const services = await startServices();
    services.database.sqlite.exec(`create trigger outbox_broken before insert on outbox begin select raise(abort, 'outbox is broken'); end`);
    await expect(createClient(services)).rejects.toThrow('outbox is broken');
    expect(count(services, 'companies')).toBe(0);
    expect(count(services, 'contacts')).toBe(0);
    expect(count(services, 'outbox')).toBe(0);
    expect(services.database.sqlite.prepare(`select value from meta where key = 'hlc_last'`).get()).toBeUndefined();
  });

  it('leaves the company row unchanged when the outbox insert for an update fails', async () => {
    const services = await startServices();
    const client = await createClient(services);
    services.database.sqlite.exec(`create trigger outbox_broken before insert on outbox begin select raise(abort, 'outbox is broken'); end`);
    await expect(updateClient(services, client, { name: 'Never Saved Ltd' })).rejects.toThrow('outbox is broken');
    await expect(services.clients.delete(client.id)).rejects.toThrow('outbox is broken');
    expect(await services.clients.get(client.id)).toEqual(client);
  });

  it('writes no company row when the outbox table is missing', async () => {
    const services = await startServices();
    services.database.sqlite.exec('drop table outbox');
    await expect(createClient(services)).rejects.toThrow(/outbox/);
    expect(count(services, 'companies')).toBe(0);
  });

  it('reports an outbox failure through dispatch as internal, without leaking SQL', async () => {
    const errors: unknown[] = [];
    const services = await startServices({ onInternalError: (error) => errors.push(error) });
    services.database.sqlite.exec(`create trigger outbox_broken before insert on outbox begin select raise(abort, 'outbox is broken'); end`);
    const result = await services.dispatch('clients.create', validClient());
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('outbox');
    expect(errors).toHaveLength(1);
    expect(count(services, 'companies')).toBe(0);
  });

  it('counts unsent outbox rows as pending changes in app.info', async () => {
    const services = await startServices();
    await createClient(services, { contacts: [validContact()] });
    const info = await services.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { pendingChanges: 2, deviceId: services.clock.deviceId, dataDirectory: ':memory:' } });
    services.database.sqlite.prepare(`update outbox set sent_at = '2026-11-21T11:00:00.000Z' where seq = 1`).run();
    expect(await services.dispatch('app.info', {})).toMatchObject({ ok: true, value: { pendingChanges: 1 } });
  });
});

describe('ClientService clock persistence', () => {
  it('keeps the hybrid clock moving forwards across a reopen of the file even when the wall clock went backwards', async () => {
    const dataDirectory = makeTempDir();
    const now = manualNow();
    const first = await startServices({ dataDirectory, now });
    const client = await createClient(first);
    const deviceId = first.clock.deviceId;
    await closeServices(first);

    now.set(now() - 24 * 60 * 60 * 1000);
    const second = await startServices({ dataDirectory, now });
    expect(second.clock.deviceId).toBe(deviceId);
    const reloaded = await second.clients.get(client.id);
    expect(reloaded).toEqual(client);
    const updated = await updateClient(second, reloaded, { name: 'After Restart Ltd' });
    expect(updated.updatedAt > client.updatedAt).toBe(true);
    expect(outbox(second).at(-1)).toMatchObject({ hlc: updated.updatedAt, base_hlc: client.updatedAt });
  });

  it('gives each database its own device id', async () => {
    const a = await startServices();
    const b = await startServices();
    expect(a.clock.deviceId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.clock.deviceId).not.toBe(b.clock.deviceId);
  });
});
