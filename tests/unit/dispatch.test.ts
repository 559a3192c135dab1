import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../shared/api/contract';
import { createDispatcher } from '../../shared/api/dispatch';
import { AppError } from '../../shared/api/result';
import { validClient } from '../helpers/fixtures';

const CLIENT_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

function storedClient() {
  const { contacts, ...rest } = validClient();
  void contacts;
  return {
    ...rest,
    id: CLIENT_ID,
    registrationNumber: '',
    street: '',
    postcode: '',
    consentToShare: false,
    consentDate: null,
    contacts: [],
    createdAt: '2026-11-21T10:42:00.000Z',
    updatedAt: '2026-11-21T10:42:00.000Z-0000-0123456789abcdef',
    updatedBy: '0123456789abcdef',
    deletedAt: null,
  };
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unexpected = () => Promise.reject(new Error('handler should not have been called'));
  return {
    'app.info': unexpected,
    'clients.list': unexpected,
    'clients.get': unexpected,
    'clients.create': unexpected,
    'clients.update': unexpected,
    'clients.delete': unexpected,
    'clients.restore': unexpected,
    ...overrides,
  } as Handlers;
}

describe('createDispatcher', () => {
  it('passes the parsed input, with defaults applied, to the handler', async () => {
    const list = vi.fn(async () => []);
    const dispatch = createDispatcher(handlers({ 'clients.list': list }));
    expect(await dispatch('clients.list', { search: '  lodz ' })).toEqual({ ok: true, value: [] });
    expect(list).toHaveBeenCalledWith({ search: 'lodz', sort: 'name', direction: 'asc' });
  });

  it.each(['', 'clients', 'clients.get.extra', '__proto__', 'constructor', 'toString'])(
    'answers %j with unknown_operation without calling any handler',
    async (name) => {
      const result = await createDispatcher(handlers())(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    },
  );

  it('quotes at most 100 characters of a hostile operation name in the message', async () => {
    const result = await createDispatcher(handlers())('x'.repeat(100_000), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
  });

  it('does not call the handler when validation fails', async () => {
    const create = vi.fn();
    const result = await createDispatcher(handlers({ 'clients.create': create }))('clients.create', { name: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(create).not.toHaveBeenCalled();
  });

  it('puts the first field in the message and field, and every issue in issues', async () => {
    const result = await createDispatcher(handlers())('clients.create', validClient({ name: '', town: '' }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'name', message: 'name: This field is required.' },
    });
    if (!result.ok) expect(result.error.issues?.map((i) => i.field)).toEqual(['name', 'town']);
  });

  it('turns an AppError from a handler into its code, message and field', async () => {
    const dispatch = createDispatcher(
      handlers({ 'clients.get': async () => Promise.reject(new AppError('not_found', 'Gone.', 'id')) }),
    );
    expect(await dispatch('clients.get', { id: CLIENT_ID })).toEqual({ ok: false, error: { code: 'not_found', message: 'Gone.', field: 'id' } });
  });

  it('hides an unexpected error behind code internal and reports it to onInternalError', async () => {
    const onInternalError = vi.fn();
    const boom = new Error('SQLITE_CORRUPT: secret path /home/adviser/db');
    const dispatch = createDispatcher(handlers({ 'clients.get': async () => Promise.reject(boom) }), { onInternalError });
    const result = await dispatch('clients.get', { id: CLIENT_ID });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expect(onInternalError).toHaveBeenCalledWith(boom, 'clients.get');
  });

  it('treats a handler result that breaks the output schema as internal, not as success', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatcher(
      handlers({ 'clients.get': async () => ({ ...storedClient(), naceCode: 'bogus' }) as never }),
      { onInternalError },
    );
    expect(await dispatch('clients.get', { id: CLIENT_ID })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('returns a valid handler result unchanged', async () => {
    const client = storedClient();
    const dispatch = createDispatcher(handlers({ 'clients.get': async () => client as never }));
    expect(await dispatch('clients.get', { id: CLIENT_ID })).toEqual({ ok: true, value: client });
  });
});
