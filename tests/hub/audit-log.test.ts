import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { publish } from '../../hub/admin';
import { appendAudit } from '../../hub/audit-log';
import { importBundle } from '../../hub/bundles';
import { revokeDevice } from '../../hub/enrolment';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { backends, newRowId, startTestHub } from './fixtures';

describe.each(backends)('audit log on %s', (backend) => {
  it('refuses to change or delete a line, at the database', async () => {
    const hub = await startTestHub(backend);
    await appendAudit(hub.database.db, hub.clock.now(), { action: 'programme.create', programmeId: 'p' });
    const before = await hub.database.db.selectFrom('audit_log').selectAll().execute();
    expect(before).toHaveLength(1);
    await expect(hub.database.db.updateTable('audit_log').set({ action: 'push' }).execute()).rejects.toThrow(/append-only/);
    await expect(hub.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    if (backend === 'postgres') await expect(sql`truncate audit_log`.execute(hub.database.db)).rejects.toThrow(/append-only/);
    expect(await hub.database.db.selectFrom('audit_log').selectAll().execute()).toEqual(before);
  });

  it('records enrolment, pushes, conflicts, bundle imports, rotation, revocation and publication with ids and counts only', async () => {
    const hub = await startTestHub(backend);
    const programme = await hub.programme('Secret Programme Name');
    const adviser = await hub.user(programme, 'adviser', 'Zelda Quirinus');
    const laptop = await hub.device(adviser);
    const tablet = await hub.device(adviser);
    const office = await hub.device(await hub.user(programme, 'office', 'Olga Officeworker'));
    const firm = newRowId();
    const personal = {
      name: 'Hemmelig Smedje ApS',
      street: 'Privatvej 13',
      town: 'Skjulby',
      country: 'DK',
      nace_code: '25',
      employee_band: '10-49',
      turnover_band: '2-10m',
      region: 'Nord',
    };
    await laptop.push([laptop.change('companies', firm, personal)]);
    await tablet.pullAll();
    await laptop.push([
      laptop.change('contacts', newRowId(), { company_id: firm, name: 'Karla Kontakt', email: 'karla@hemmelig.dk', phone: '+45 1234 5678', position: 0 }),
      laptop.change('companies', firm, { town: 'Gemtby' }),
    ]);
    await tablet.push([tablet.change('companies', firm, { town: 'Andenby' })]);
    const bundle = tablet.bundle([tablet.change('assessments', newRowId(), { company_id: firm, kind: 'T0', people_present: 'Bo Boss, Ib Ingeniør' })], hub.database.hubId);
    expect((await office.request('POST', '/v1/bundles', bundle)).statusCode).toBe(200);
    await importBundle(hub.database, hub.clock.now(), tablet.bundle([], hub.database.hubId), { kind: 'admin' });
    expect((await laptop.request('POST', '/v1/token/rotate')).statusCode).toBe(200);
    await revokeDevice(hub.database.db, hub.clock.now(), tablet.deviceId);
    await publish(hub.database, hub.clock.now(), 'instrument', programme, builtinInstruments[0]);

    const log = await hub.database.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute();
    const actions = new Set(log.map((line) => line.action));
    for (const action of ['programme.create', 'user.create', 'enrol_code.create', 'device.enrol', 'push', 'conflicts', 'bundle.import', 'token.rotate', 'device.revoke', 'publish']) {
      expect(actions, action).toContain(action);
    }
    const conflictLine = log.find((line) => line.action === 'conflicts')!;
    expect(JSON.parse(conflictLine.detail)).toEqual({ count: 1 });
    const pushes = log.filter((line) => line.action === 'push').map((line) => JSON.parse(line.detail));
    expect(pushes).toContainEqual({ changes: 2, accepted: 2, duplicate: 0, conflict: 0, rejected: 0 });

    const text = JSON.stringify(log);
    for (const secret of [
      'Secret Programme Name', 'Zelda', 'Quirinus', 'Olga', 'Hemmelig', 'Privatvej', 'Skjulby', 'Gemtby', 'Andenby',
      'Karla', 'karla@', '+45 1234 5678', 'Bo Boss', 'Ingeniør', 'Test laptop', laptop.token,
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });
});
