import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp';
import { closeServices, startServices } from '../helpers/services';

describe('settings', () => {
  it('starts empty, keeps what is saved across a restart, and writes nothing to the sync outbox', async () => {
    const data = makeTempDir();
    const first = await startServices({ dataDirectory: data });
    expect(await first.settings.get()).toEqual({ programmeName: '', adviserName: '', adviserEmail: '', logo: null });
    const outboxBefore = first.database.sqlite.prepare('select count(*) as n from outbox').get();
    await first.settings.save({ programmeName: 'Produktionslyftet', adviserName: 'Karin Lindqvist', adviserEmail: '', logo: null });
    expect(first.database.sqlite.prepare('select count(*) as n from outbox').get()).toEqual(outboxBefore);
    await closeServices(first);
    const second = await startServices({ dataDirectory: data });
    expect(await second.settings.get()).toMatchObject({ programmeName: 'Produktionslyftet', adviserName: 'Karin Lindqvist' });
  });

  it('refuses a logo that is not a PNG or JPEG data URL, naming the field', async () => {
    const services = await startServices();
    const result = await services.dispatch('settings.save', { programmeName: '', adviserName: '', adviserEmail: '', logo: 'data:image/svg+xml;base64,PHN2Zz4=' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'logo' } });
    const html = await services.dispatch('settings.save', { programmeName: '<b>x</b>', adviserName: '', adviserEmail: '', logo: null });
    expect(html).toMatchObject({ ok: true, value: { programmeName: '<b>x</b>' } });
  });
});
