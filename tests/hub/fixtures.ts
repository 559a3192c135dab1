import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, expect } from 'vitest';
import { createProgramme, createUser } from '../../hub/admin';
import { openHubDatabase, type HubDatabase, type OpenHubDatabaseOptions } from '../../hub/database';
import { createEnrolCode } from '../../hub/enrolment';
import { createHub, type CreateHubOptions } from '../../hub/server';
import { HybridClock } from '../../shared/sync/hlc';
import {
  BUNDLE_FORMAT,
  CHANGE_SCHEMA_VERSION,
  EnrolResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  SCHEMA_VERSION_HEADER,
  type BundleFile,
  type Change,
  type PulledRow,
  type PullResponse,
  type PushResponse,
  type Role,
} from '../../shared/sync/protocol';
import { newDeviceId, uuidv7 } from '../../shared/sync/uuidv7';
import { makeTempDir } from '../helpers/temp';
import { startPostgres, type TestPostgres } from '../support/postgres';

export type Backend = 'sqlite' | 'postgres';
export const backends: Backend[] = ['sqlite', 'postgres'];

let postgres: Promise<TestPostgres> | null = null;
const openDatabases: HubDatabase[] = [];

afterEach(async () => {
  for (const database of openDatabases.splice(0)) await database.close();
});
afterAll(async () => {
  if (postgres) await (await postgres).stop();
});

/** One PostgreSQL server per test file, started on first use. */
export function postgresServer(): Promise<TestPostgres> {
  postgres ??= startPostgres();
  return postgres;
}

/** Where a fresh, empty hub database lives; open it as often as needed with `openTestDatabase`. */
export async function freshLocation(backend: Backend): Promise<OpenHubDatabaseOptions> {
  if (backend === 'sqlite') return { dataDirectory: makeTempDir('hub-test-') };
  return { databaseUrl: await (await postgresServer()).createDatabase() };
}

/** Opens a hub database that is closed after the test. */
export async function openTestDatabase(location: OpenHubDatabaseOptions): Promise<HubDatabase> {
  const database = await openHubDatabase(location);
  openDatabases.push(database);
  return database;
}

/** A hand-moved clock, so expiry and rate limits are tested without waiting. */
export class TestClock {
  constructor(public ms = Date.parse('2026-11-21T10:00:00.000Z')) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestHub {
  database: HubDatabase;
  app: FastifyInstance;
  clock: TestClock;
  programme(name?: string): Promise<string>;
  user(programmeId: string, role: Role, name?: string): Promise<string>;
  code(userId: string, validHours?: number): Promise<string>;
  /** Enrols a new device of `userId` through the API. */
  device(userId: string, deviceId?: string): Promise<TestDevice>;
}

export async function startTestHub(
  backend: Backend,
  options: Partial<Omit<CreateHubOptions, 'database' | 'now'>> & { location?: OpenHubDatabaseOptions; clock?: TestClock } = {},
): Promise<TestHub> {
  const database = await openTestDatabase(options.location ?? (await freshLocation(backend)));
  const clock = options.clock ?? new TestClock();
  const app = createHub({ ...options, database, now: clock.now });
  let names = 0;
  const hub: TestHub = {
    database,
    app,
    clock,
    programme: async (name) => (await createProgramme(database.db, clock.now(), name ?? `Programme ${++names}`)).id,
    user: async (programmeId, role, name) => (await createUser(database.db, clock.now(), { programme: programmeId, role, name: name ?? `${role} ${++names}` })).id,
    code: async (userId, validHours) => (await createEnrolCode(database.db, clock.now(), userId, validHours)).code,
    device: async (userId, deviceId = newDeviceId()) => {
      const device = new TestDevice(app, clock, deviceId);
      const response = await device.enrol(await hub.code(userId));
      expect(response.statusCode, response.body).toBe(200);
      return device;
    },
  };
  return hub;
}

export interface ChangeOptions {
  operation?: Change['operation'];
  /** Overrides what the device says it replaced; by default the clocks it last saw. */
  replaced?: Record<string, string | null>;
  hlc?: string;
  changeId?: string;
}

/** A device as the hub sees it: it enrols, keeps its clock and the clocks it has seen, pushes, pulls and signs bundles. */
export class TestDevice {
  token = '';
  readonly keys = crypto.generateKeyPairSync('ed25519');
  readonly clock: HybridClock;
  /** `table/rowId/column` → the clock of the value this device holds. */
  private readonly seen = new Map<string, string>();

  constructor(
    private app: FastifyInstance,
    hubClock: TestClock,
    readonly deviceId: string,
  ) {
    this.clock = new HybridClock(deviceId, () => hubClock.ms);
  }

  /** The same device talking to another hub instance (same token, clock and memory). */
  via(app: FastifyInstance): TestDevice {
    const twin = Object.create(TestDevice.prototype) as TestDevice;
    Object.assign(twin, this);
    twin.app = app;
    return twin;
  }

  get publicKey(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  async enrol(code: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/v1/enrol', { code, deviceId: this.deviceId, deviceName: 'Test laptop', publicKey: this.publicKey }, false);
    if (response.statusCode === 200) this.token = EnrolResponseSchema.parse(response.json()).token;
    return response;
  }

  request(method: 'GET' | 'POST', url: string, body?: unknown, authorised = true, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: {
        [SCHEMA_VERSION_HEADER]: String(CHANGE_SCHEMA_VERSION),
        ...(authorised ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  change(table: string, rowId: string, changes: Change['changes'], options: ChangeOptions = {}): Change {
    const hlc = options.hlc ?? this.clock.tick();
    const replaced = options.replaced ?? Object.fromEntries(Object.keys(changes).map((c) => [c, this.seen.get(`${table}/${rowId}/${c}`) ?? null]));
    for (const column of Object.keys(changes)) this.seen.set(`${table}/${rowId}/${column}`, hlc);
    return {
      changeId: options.changeId ?? crypto.randomUUID(),
      table,
      rowId,
      operation: options.operation ?? 'upsert',
      hlc,
      replaced,
      changes,
      schemaVersion: CHANGE_SCHEMA_VERSION,
    } as Change;
  }

  async push(changes: Change[], batchId: string = crypto.randomUUID()): Promise<PushResponse> {
    const response = await this.request('POST', '/v1/push', { batchId, changes });
    expect(response.statusCode, response.body).toBe(200);
    return PushResponseSchema.parse(response.json());
  }

  async pull(cursor = '0', limit?: number): Promise<PullResponse> {
    const response = await this.request('GET', `/v1/pull?cursor=${cursor}${limit ? `&limit=${limit}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const pulled = PullResponseSchema.parse(response.json());
    for (const row of pulled.rows) {
      for (const [column, hlc] of Object.entries(row.clocks)) this.seen.set(`${row.table}/${row.rowId}/${column}`, hlc);
      this.clock.receive(Object.values(row.clocks).sort().at(-1) ?? this.clock.tick());
    }
    return pulled;
  }

  /** Every row the device may see, following the cursor to the end. */
  async pullAll(): Promise<PulledRow[]> {
    const rows: PulledRow[] = [];
    let cursor = '0';
    for (;;) {
      const page = await this.pull(cursor);
      rows.push(...page.rows);
      cursor = page.cursor;
      if (!page.more) return rows;
    }
  }

  bundle(changes: Change[], hubId: string): BundleFile {
    const payload = JSON.stringify({ format: BUNDLE_FORMAT, version: 1, deviceId: this.deviceId, hubId, createdAt: new Date().toISOString(), changes });
    return { payload, signature: crypto.sign(null, Buffer.from(payload, 'utf8'), this.keys.privateKey).toString('base64') };
  }
}

export function newRowId(): string {
  return uuidv7();
}

export function company(name = 'Acme Gears'): Change['changes'] {
  return { name, town: 'Aarhus', country: 'DK', nace_code: '25', employee_band: '10-49', turnover_band: '2-10m', region: 'Midtjylland', created_at: '2026-11-21T10:00:00.000Z' };
}

export function statuses(response: { results: { status: string }[] }): string[] {
  return response.results.map((r) => r.status);
}

/** The row as stored, or undefined. */
export function findRow(rows: readonly PulledRow[], table: string, rowId: string): PulledRow | undefined {
  return rows.filter((r) => r.table === table && r.rowId === rowId).at(-1);
}
