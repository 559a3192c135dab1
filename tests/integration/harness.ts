import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, expect } from 'vitest';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/services/app-services';
import { createProgramme, createUser } from '../../hub/admin';
import { openHubDatabase, type HubDatabase, type OpenHubDatabaseOptions } from '../../hub/database';
import { createEnrolCode } from '../../hub/enrolment';
import { createHub, type CreateHubOptions } from '../../hub/server';
import type { Role } from '../../shared/sync/protocol';
import { spawnServer, type SpawnedServer } from '../helpers/spawned-server';
import { makeTempDir } from '../helpers/temp';
import { startPostgres, type TestPostgres } from '../support/postgres';

export type Backend = 'sqlite' | 'postgres';
export const backends: Backend[] = ['sqlite', 'postgres'];

let postgres: Promise<TestPostgres> | null = null;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  if (postgres) await (await postgres).stop();
});

/** A new, empty hub database on the backend: a temp folder, or a new database on this file's PostgreSQL. */
export async function hubLocation(backend: Backend): Promise<OpenHubDatabaseOptions> {
  if (backend === 'sqlite') return { dataDirectory: makeTempDir('hub-it-') };
  postgres ??= startPostgres();
  return { databaseUrl: await (await postgres).createDatabase() };
}

/** Creates programmes, users and enrolment codes the way `npm run hub -- …` does. */
export class HubAdmin {
  private names = 0;
  constructor(readonly database: HubDatabase) {}

  async programme(name = `Programme ${++this.names}`): Promise<string> {
    return (await createProgramme(this.database.db, new Date(), name)).id;
  }

  async user(programmeId: string, role: Role, name = `${role} ${++this.names}`): Promise<string> {
    return (await createUser(this.database.db, new Date(), { programme: programmeId, role, name })).id;
  }

  async code(userId: string): Promise<string> {
    return (await createEnrolCode(this.database.db, new Date(), userId)).code;
  }

  /** How many times the hub stored each change id: every value must be 1. */
  async storedChangeIds(): Promise<string[]> {
    const rows = await this.database.db.selectFrom('changes').select('change_id').execute();
    return rows.map((row) => row.change_id);
  }
}

export interface RunningHub {
  url: string;
  admin: HubAdmin;
  close(): Promise<void>;
}

/** A hub listening on 127.0.0.1 in this process, as `npm run hub` runs it. */
export async function startHub(
  location: OpenHubDatabaseOptions,
  options: Partial<Omit<CreateHubOptions, 'database'>> & { port?: number } = {},
): Promise<RunningHub> {
  const database = await openHubDatabase(location);
  const app = createHub({ ...options, database });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await database.close();
  };
  cleanups.push(close);
  return { url: `http://127.0.0.1:${port}`, admin: new HubAdmin(database), close };
}

export type HubProcess = SpawnedServer;

/** The hub as its own process (`npm run hub`), so a test can kill it mid-request. */
export async function spawnHub(dataDirectory: string, port: number): Promise<HubProcess> {
  const hub = await spawnServer('hub/main.ts', ['--data', dataDirectory, '--port', String(port)], /Hub listening on (http:\/\/\S+)/);
  cleanups.push(hub.kill);
  return hub;
}

/** An adviser's or office laptop: the app's services on its own data folder, closed after the test. */
export async function startDevice(options: AppServicesOptions & { dataDirectory?: string } = {}): Promise<AppServices> {
  const services = await createAppServices({ dataDirectory: options.dataDirectory ?? makeTempDir('device-'), ...options });
  let closed = false;
  const close = services.close;
  services.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(services.close);
  return services;
}

/** Enrols the device with a fresh code for the user and expects the first sync to succeed. */
export async function enrol(device: AppServices, hub: RunningHub | { url: string; admin: HubAdmin }, userId: string): Promise<void> {
  const status = await device.sync.enrol(hub.url, await hub.admin.code(userId));
  expect(status.problem, JSON.stringify(status.problem)).toBeNull();
  expect(status.enrolled).toBe(true);
}

/** Syncs and expects a clean run with nothing left to send. */
export async function syncClean(device: AppServices): Promise<void> {
  const status = await device.sync.syncNow();
  expect(status.problem, JSON.stringify(status.problem)).toBeNull();
  expect(status.pendingChanges).toBe(0);
}

/** The synced data of a device as comparable text: every row of every synced table, by table and id. */
export function snapshot(device: AppServices, tables: readonly string[]): Record<string, unknown[]> {
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    result[table] = device.database.sqlite.prepare(`select * from ${table} order by id`).all();
  }
  return result;
}

/** Two advisers' laptops and the programme office's installation, enrolled on one hub. */
export async function programmeWithOffice(hub: RunningHub) {
  const programme = await hub.admin.programme();
  const priyaId = await hub.admin.user(programme, 'adviser', 'Priya Shah');
  const tomId = await hub.admin.user(programme, 'adviser', 'Tom Berg');
  const officeId = await hub.admin.user(programme, 'office', 'Programme Office');
  const [priya, tom, office] = [await startDevice(), await startDevice(), await startDevice()];
  await enrol(priya, hub, priyaId);
  await enrol(tom, hub, tomId);
  await enrol(office, hub, officeId);
  return { priyaId, tomId, priya, tom, office };
}
