import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE, HubDatabaseError, openHubDatabase } from '../../hub/database';
import { hubMigrations, type HubMigration } from '../../migrations/hub';
import { sha256File } from '../helpers/temp';
import { backends, freshLocation, openTestDatabase } from './fixtures';

const hubTables = ['audit_log', 'batches', 'changes', 'devices', 'enrol_codes', 'hub_meta', 'hub_migrations', 'programmes', 'rows', 'users'];

const future: HubMigration = {
  name: '9999-from-the-future',
  up: async (db) => {
    await db.schema.createTable('future_table').addColumn('id', 'text', (c) => c.primaryKey()).execute();
  },
};

describe.each(backends)('hub migrations on %s', (backend) => {
  it('creates every hub table and records each migration once', async () => {
    const database = await openTestDatabase(await freshLocation(backend));
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(hubTables);
    const applied = await database.db.selectFrom('hub_migrations').select('name').execute();
    expect(applied.map((m) => m.name)).toEqual(hubMigrations.map((m) => m.name));
    expect(database.schemaVersion).toBe(hubMigrations.at(-1)!.name);
    const devices = (await database.db.introspection.getTables()).find((t) => t.name === 'devices')!;
    const tokenColumns = devices.columns.filter((c) => c.name.endsWith('token_hash')).map((c) => ({ name: c.name, nullable: c.isNullable }));
    expect(tokenColumns).toEqual([
      { name: 'token_hash', nullable: false },
      { name: 'previous_token_hash', nullable: true },
    ]);
  });

  it('opens an up-to-date database again without changing it, keeping its data and hub id', async () => {
    const location = await freshLocation(backend);
    const first = await openHubDatabase(location);
    await first.db.insertInto('programmes').values({ id: 'p1', name: 'North', last_seq: 41, created_at: 'x' }).execute();
    await first.close();
    const again = await openTestDatabase(location);
    expect(again.hubId).toBe(first.hubId);
    const programme = await again.db.selectFrom('programmes').selectAll().executeTakeFirstOrThrow();
    expect(Number(programme.last_seq)).toBe(41);
    expect(await again.db.selectFrom('hub_migrations').select('name').execute()).toHaveLength(hubMigrations.length);
  });

  it('refuses a database whose recorded migrations are newer than this hub knows, and leaves it untouched', async () => {
    const location = await freshLocation(backend);
    const newer = await openHubDatabase({ ...location, migrations: [...hubMigrations, future] });
    await newer.close();
    const fileHash = 'dataDirectory' in location ? sha256File(path.join(location.dataDirectory, HUB_DATABASE_FILE)) : null;

    const error = await openHubDatabase(location).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubDatabaseError);
    expect((error as HubDatabaseError).problem).toBe('newer_version');
    expect((error as Error).message).toContain('9999-from-the-future');
    expect((error as Error).message).toContain('has not been changed');

    if (fileHash) expect(sha256File(path.join((location as { dataDirectory: string }).dataDirectory, HUB_DATABASE_FILE))).toBe(fileHash);
    const reopened = await openTestDatabase({ ...location, migrations: [...hubMigrations, future] });
    const applied = await reopened.db.selectFrom('hub_migrations').select('name').orderBy('name').execute();
    expect(applied.map((m) => m.name)).toEqual([...hubMigrations.map((m) => m.name), future.name]);
    expect((await reopened.db.introspection.getTables()).map((t) => t.name)).toContain('future_table');
  });

  it('rolls a failing migration back completely', async () => {
    const location = await freshLocation(backend);
    const broken: HubMigration = {
      name: '0002-broken',
      up: async (db) => {
        await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        await sql`select * from no_such_table`.execute(db);
      },
    };
    await expect(openHubDatabase({ ...location, migrations: [...hubMigrations, broken] })).rejects.toThrow();
    const database = await openTestDatabase(location);
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(hubTables);
  });
});

describe('hub database on sqlite', () => {
  it('runs with WAL, synchronous FULL and foreign keys, in a data folder it creates', async () => {
    const location = await freshLocation('sqlite');
    const dataDirectory = path.join((location as { dataDirectory: string }).dataDirectory, 'nested', 'hub');
    const database = await openTestDatabase({ dataDirectory });
    expect(fs.existsSync(path.join(dataDirectory, HUB_DATABASE_FILE))).toBe(true);
    const pragma = async (name: string) => Object.values((await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(database.db)).rows[0]!)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
  });
});

describe('hub database on postgres', () => {
  it('migrates once when two instances start on one database at the same moment', async () => {
    const location = await freshLocation('postgres');
    const [a, b] = await Promise.all([openTestDatabase(location), openTestDatabase(location)]);
    expect(a.hubId).toBe(b.hubId);
    expect(a.hubClockDevice).toBe(b.hubClockDevice);
    expect(await a.db.selectFrom('hub_migrations').select('name').execute()).toHaveLength(hubMigrations.length);
  });
});
