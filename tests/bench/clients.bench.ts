import { sql } from 'kysely';
import { createAppServices } from '../../electron/services/app-services';
import { generateClients } from '../../electron/services/demo/demo-clients';
import { uuidv7 } from '../../shared/sync/uuidv7';
import type { ValidClientInput } from '../../shared/clients/schema';
import { ClientInputSchema } from '../../shared/clients/schema';
import { median, timeEach, type Figure } from './report';

const SAVES = 300;
const CLIENTS = 10_000;
const SEARCHES = 50;

export async function benchClients(dataDirectory: string): Promise<Figure[]> {
  const services = await createAppServices({ dataDirectory });
  const { sqlite } = services.database;
  try {
    const inputs = generateClients(SAVES, 7).map((c) => ClientInputSchema.parse(c) as ValidClientInput);
    const insertRaw = sqlite.prepare(
      `insert into companies (id, name, registration_number, nace_code, employee_band, turnover_band, street, town, postcode, region, country, consent_to_share, consent_date, created_at, updated_at, updated_by, deleted_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, null, ?, ?, ?, null)`,
    );
    const raw = await timeEach(SAVES, (i) => {
      const c = inputs[i]!;
      const now = new Date().toISOString();
      insertRaw.run(uuidv7(), c.name, c.registrationNumber, c.naceCode, c.employeeBand, c.turnoverBand, c.street, c.town, c.postcode, c.region, c.country, now, now, services.clock.deviceId);
    });
    const service = await timeEach(SAVES, (i) => services.clients.create(inputs[i]!));

    // Seeding is not what is measured, so it may skip the fsync that every real save pays for.
    sqlite.pragma('synchronous = OFF');
    for (const client of generateClients(CLIENTS - 2 * SAVES, 11)) await services.clients.create(ClientInputSchema.parse(client) as ValidClientInput);
    sqlite.pragma('synchronous = FULL');

    const terms = ['forge', 'leeds', 'plast', 'vejle', 'jönköping'];
    const searchService = await timeEach(SEARCHES, (i) => services.clients.list({ search: terms[i % terms.length]!, sort: 'name', direction: 'asc' }));
    const rawSearch = sqlite.prepare(
      `select id, name, town, region, country, nace_code, employee_band, updated_at from companies
       where deleted_at is null and (name like ? or town like ? or registration_number like ?) order by name`,
    );
    const searchRaw = await timeEach(SEARCHES, (i) => {
      const pattern = `%${terms[i % terms.length]}%`;
      return rawSearch.all(pattern, pattern, pattern);
    });
    const listAll = await timeEach(10, () => services.clients.list({ search: '', sort: 'name', direction: 'asc' }));
    const listAllRaw = await timeEach(10, () => sqlite.prepare('select * from companies where deleted_at is null order by name').all());
    const count = (await services.database.db.selectFrom('companies').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;

    return [
      { name: 'save a client through the service (with outbox, fsync)', value: median(service), baselineName: 'raw better-sqlite3 insert', baseline: median(raw), unit: 'ms' },
      { name: `search ${count} clients through the service`, value: median(searchService), baselineName: 'raw LIKE query', baseline: median(searchRaw), unit: 'ms' },
      { name: `list all ${count} clients through the service`, value: median(listAll), baselineName: 'raw select *', baseline: median(listAllRaw), unit: 'ms' },
    ];
  } finally {
    await services.close();
  }
}
