import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { firmWrites } from '../../electron/services/access/role-guard';
import { syncState } from '../../electron/services/sync/sync-state';
import type { Role } from '../../shared/sync/protocol';
import { validClient } from '../helpers/fixtures';
import { count, createClient, outbox, startServices } from '../helpers/services';

/** Records an enrolment as the hub would have answered it, without a hub: only the role matters here. */
async function enrolAs(services: AppServices, role: Role, name = role === 'office' ? 'Programme Office' : 'Ana Adviser') {
  await services.database.db.transaction().execute((trx) =>
    syncState.saveEnrolment(
      trx,
      {
        hubUrl: 'http://127.0.0.1:1',
        token: 'token',
        privateKey: 'key',
        identity: {
          hubId: 'hub',
          programme: { id: 'programme', name: 'Made Smarter North' },
          user: { id: `user-${role}`, name, role },
          deviceId: services.clock.deviceId,
        },
      },
      new Date().toISOString(),
    ),
  );
}

describe('the programme office', () => {
  it('reads firms and assessments but every edit of firm data is refused before it touches anything', async () => {
    const services = await startServices();
    const client = await createClient(services);
    const before = count(services, 'outbox');
    await enrolAs(services, 'office');

    const edit = await services.dispatch('clients.create', validClient({ name: 'Office Made Ltd' }));
    expect(edit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const remove = await services.dispatch('clients.delete', { id: client.id });
    expect(remove).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const start = await services.dispatch('assessments.create', { companyId: client.id, instruments: [{ id: 'digital-maturity' }], visitDate: '2026-11-20' });
    expect(start).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await services.dispatch('clients.get', { id: client.id })).toMatchObject({ ok: true });
    expect(count(services, 'companies')).toBe(1);
    expect(count(services, 'outbox')).toBe(before);
  });

  it('is refused every operation that writes firm data, before the operation runs', async () => {
    const services = await startServices();
    await enrolAs(services, 'office');
    for (const name of firmWrites) {
      const handler = services.handlers[name] as (input: unknown) => Promise<unknown>;
      await expect(handler({}), name).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(count(services, 'outbox')).toBe(0);
  });

  it('annotates a firm and the note goes to the outbox for the hub, signed with the office user’s name', async () => {
    const services = await startServices();
    const client = await createClient(services);
    await enrolAs(services, 'office');

    const added = await services.handlers['annotations.add']({ companyId: client.id, assessmentId: null, body: 'Funding call closes in March; follow up.' });
    expect(added).toMatchObject({ author: 'Programme Office', assessmentId: null });
    const listed = await services.handlers['annotations.list']({ companyId: client.id });
    expect(listed.map((a) => a.body)).toEqual(['Funding call closes in March; follow up.']);
    const sent = outbox(services).filter((entry) => entry.table_name === 'annotations');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.changes).toMatchObject({ company_id: client.id, body: 'Funding call closes in March; follow up.', author: 'Programme Office' });

    expect(await services.dispatch('annotations.remove', { id: added.id })).toMatchObject({ ok: true });
    expect(await services.dispatch('annotations.list', { companyId: client.id })).toEqual({ ok: true, value: [] });
    expect(outbox(services).filter((entry) => entry.table_name === 'annotations').map((e) => e.operation)).toEqual(['upsert', 'delete']);
  });

  it('cannot annotate a firm or an assessment this device does not hold', async () => {
    const services = await startServices();
    const client = await createClient(services);
    await enrolAs(services, 'office');
    expect(await services.dispatch('annotations.add', { companyId: '01890000-0000-7000-8000-000000000000', body: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'companyId' } });
    expect(await services.dispatch('annotations.add', { companyId: client.id, assessmentId: '01890000-0000-7000-8000-000000000000', body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'assessmentId' },
    });
  });

  it('refuses a note on a firm erased on request: the hub would keep it empty', async () => {
    const services = await startServices();
    const client = await createClient(services);
    await enrolAs(services, 'office');
    await services.database.db.insertInto('erasures').values({ company_id: client.id, erased_at: '2026-12-01T10:00:00.000Z' }).execute();
    const before = count(services, 'outbox');
    expect(await services.dispatch('annotations.add', { companyId: client.id, body: 'Asked to be called in March.' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'companyId' } });
    expect(count(services, 'annotations')).toBe(0);
    expect(count(services, 'outbox')).toBe(before);
  });
});

describe('an adviser', () => {
  it('may not annotate, publish, import bundles or erase: those are the office’s', async () => {
    for (const enrolled of [false, true]) {
      const services = await startServices();
      const client = await createClient(services);
      if (enrolled) await enrolAs(services, 'adviser');
      expect(await services.dispatch('annotations.add', { companyId: client.id, body: 'note' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await services.dispatch('office.eraseFirm', { companyId: client.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await services.dispatch('office.publishCatalogue', { text: '{}' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await services.dispatch('office.importBundle', { base64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(count(services, 'annotations')).toBe(0);
    }
  });

  it('keeps editing its own firms', async () => {
    const services = await startServices();
    await enrolAs(services, 'adviser');
    expect(await services.dispatch('clients.create', validClient({ name: 'Adviser Made Ltd' }))).toMatchObject({ ok: true });
  });
});
