import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/api/client';
import { ResultEnvelopeSchema, type Result } from '../../shared/api/result';
import type { Client, ClientSummary } from '../../shared/clients/schema';
import { MISSING_ID, validClient, validContact } from '../helpers/fixtures';
import { startServices } from '../helpers/services';
import type { AppServices } from '../../electron/services/app-services';
import { localMigrations } from '../../migrations/local';

export interface ContractHarness {
  transport: Transport;
  close(): Promise<void>;
}

/** Builds a transport on top of the given services' dispatcher. */
export type HarnessFactory = (services: AppServices) => Promise<ContractHarness>;

function editable(client: Client) {
  const { createdAt, updatedAt, updatedBy, deletedAt, ...rest } = client;
  void [createdAt, updatedAt, updatedBy, deletedAt];
  return rest;
}

/**
 * The API contract as any caller sees it. Run once per transport: every transport must give the
 * same answers, because validation and handling live behind them, in the dispatcher.
 */
export function clientContractSuite(transportName: string, makeHarness: HarnessFactory): void {
  describe(`API contract through ${transportName}`, () => {
    let services: AppServices;
    let harness: ContractHarness;

    beforeEach(async () => {
      services = await startServices();
      harness = await makeHarness(services);
    });

    afterEach(async () => {
      await harness.close();
    });

    async function call<T = unknown>(name: string, input: unknown): Promise<Result<T>> {
      const result = await harness.transport(name, input);
      expect(ResultEnvelopeSchema.safeParse(result).success, JSON.stringify(result).slice(0, 300)).toBe(true);
      return result as Result<T>;
    }

    async function value<T>(name: string, input: unknown): Promise<T> {
      const result = await call<T>(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    }

    async function error(name: string, input: unknown) {
      const result = await call(name, input);
      if (result.ok) throw new Error(`${name} unexpectedly succeeded with ${JSON.stringify(result.value).slice(0, 200)}`);
      return result.error;
    }

    it('round-trips create, list, get, update, delete and restore', async () => {
      const created = await value<Client>('clients.create', validClient());
      expect(created).toMatchObject({ name: validClient().name, deletedAt: null });

      const listed = await value<ClientSummary[]>('clients.list', {});
      expect(listed.map((c) => c.id)).toEqual([created.id]);
      expect(await value<Client>('clients.get', { id: created.id })).toEqual(created);

      const updated = await value<Client>('clients.update', { ...editable(created), name: 'Renamed Ltd' });
      expect(updated.name).toBe('Renamed Ltd');
      expect(updated.updatedAt > created.updatedAt).toBe(true);
      expect((await value<ClientSummary[]>('clients.list', { search: 'renamed' })).map((c) => c.id)).toEqual([created.id]);

      const deleted = await value<{ id: string; deletedAt: string }>('clients.delete', { id: created.id });
      expect(deleted.id).toBe(created.id);
      expect(await value<ClientSummary[]>('clients.list', {})).toEqual([]);
      expect((await error('clients.get', { id: created.id })).code).toBe('not_found');

      const restored = await value<Client>('clients.restore', { id: created.id });
      expect(restored).toMatchObject({ id: created.id, name: 'Renamed Ltd', deletedAt: null });
      expect(await value<Client>('clients.get', { id: created.id })).toEqual(restored);
    });

    it('answers app.info with the version, device id and pending change count', async () => {
      await value('clients.create', validClient());
      expect(await value('app.info', {})).toMatchObject({ deviceId: services.clock.deviceId, pendingChanges: 2, schemaVersion: localMigrations[localMigrations.length - 1]!.name });
    });

    it('rejects a number for name with invalid_input on field name', async () => {
      const e = await error('clients.create', { ...validClient(), name: 42 });
      expect(e).toMatchObject({ code: 'invalid_input', field: 'name' });
      expect(count()).toBe(0);
    });

    it('rejects a 1 MB name with invalid_input on field name', async () => {
      const e = await error('clients.create', validClient({ name: 'x'.repeat(1024 * 1024) }));
      expect(e).toMatchObject({ code: 'invalid_input', field: 'name' });
      expect(e.message).toContain('200');
      expect(count()).toBe(0);
    });

    it('rejects an unknown field with invalid_input naming the field', async () => {
      const e = await error('clients.create', { ...validClient(), isAdmin: true });
      expect(e).toMatchObject({ code: 'invalid_input', field: 'isAdmin' });
      expect(e.message).toContain('isAdmin');
      expect(count()).toBe(0);
    });

    it('lists every problem in issues, each with a field and an English message', async () => {
      const e = await error('clients.create', validClient({ name: '', contacts: [validContact({ email: 'nope' })] }));
      expect(e.code).toBe('invalid_input');
      expect(e.issues).toEqual(
        expect.arrayContaining([
          { field: 'name', message: 'This field is required.' },
          { field: 'contacts.0.email', message: 'Enter an email address like name@company.com.' },
        ]),
      );
    });

    it('stores HTML in a name verbatim and returns the same string', async () => {
      const name = '<img src=x onerror=alert(1)>';
      const created = await value<Client>('clients.create', validClient({ name }));
      expect(created.name).toBe(name);
      expect((await value<Client>('clients.get', { id: created.id })).name).toBe(name);
      expect((await value<ClientSummary[]>('clients.list', {}))[0]!.name).toBe(name);
    });

    it('round-trips non-Latin and emoji text unchanged', async () => {
      const name = 'Łódź Ørestad Straße 株式会社 🏭';
      const created = await value<Client>('clients.create', validClient({ name }));
      expect((await value<Client>('clients.get', { id: created.id })).name).toBe(name);
    });

    it.each(['clients.drop', 'admin.exec', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
      'answers the unknown operation %j with unknown_operation',
      async (name) => {
        expect((await error(name, {})).code).toBe('unknown_operation');
      },
    );

    it.each([
      ['null', null],
      ['an array', [validClient()]],
      ['a string', JSON.stringify(validClient())],
      ['a number', 42],
      ['true', true],
    ])('rejects %s as create input with invalid_input and keeps working', async (_label, input) => {
      expect((await error('clients.create', input)).code).toBe('invalid_input');
      expect(count()).toBe(0);
      expect((await value<Client>('clients.create', validClient())).name).toBe(validClient().name);
    });

    it.each([
      ['an array', []],
      ['a string', 'name'],
      ['a number', 7],
    ])('rejects %s as list input with invalid_input', async (_label, input) => {
      expect((await error('clients.list', input)).code).toBe('invalid_input');
    });

    it('treats a null input for list as "no filters"', async () => {
      await value('clients.create', validClient());
      expect(await value<ClientSummary[]>('clients.list', null)).toHaveLength(1);
    });

    it.each(['clients.get', 'clients.delete', 'clients.restore'])('answers %s for an id that does not exist with not_found', async (name) => {
      expect(await error(name, { id: MISSING_ID })).toMatchObject({ code: 'not_found', field: 'id' });
    });

    it('answers update for an id that does not exist with not_found', async () => {
      expect(await error('clients.update', { ...validClient(), id: MISSING_ID })).toMatchObject({ code: 'not_found', field: 'id' });
      expect(count()).toBe(0);
    });

    it.each(['clients.get', 'clients.delete', 'clients.restore'])('rejects %s with an id that is not a UUID as invalid_input on field id', async (name) => {
      expect(await error(name, { id: "1' or '1'='1" })).toMatchObject({ code: 'invalid_input', field: 'id' });
    });

    it('rejects an update that claims a contact of another client, on field contacts.0.id', async () => {
      const mine = await value<Client>('clients.create', validClient({ name: 'Mine Ltd' }));
      const theirs = await value<Client>('clients.create', validClient({ name: 'Theirs Ltd' }));
      const e = await error('clients.update', { ...editable(mine), contacts: [theirs.contacts[0]] });
      expect(e).toMatchObject({ code: 'invalid_input', field: 'contacts.0.id' });
      expect(await value<Client>('clients.get', { id: theirs.id })).toEqual(theirs);
    });

    function count(): number {
      return (services.database.sqlite.prepare('select count(*) as n from companies').get() as { n: number }).n;
    }
  });
}
