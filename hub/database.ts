import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { hubMigrations, type HubDialect, type HubMigration } from '../migrations/hub';
import { newDeviceId, uuidv7 } from '../shared/sync/uuidv7';
import type { HubSchema } from './schema';

export const HUB_DATABASE_FILE = 'hub.sqlite';

export type HubDb = Kysely<HubSchema>;
export type HubTrx = Transaction<HubSchema>;

export interface HubDatabase {
  db: HubDb;
  dialect: HubDialect;
  /** Identifies this hub (all instances on one database share it); devices and bundles carry it. */
  hubId: string;
  /** The device part of the clocks the hub itself writes (publications). */
  hubClockDevice: string;
  /** Name of the newest migration applied. */
  schemaVersion: string;
  /** Human-readable location, without credentials. */
  location: string;
  close(): Promise<void>;
}

/** What the write paths need: the connection and which SQL dialect it speaks. */
export type HubStore = Pick<HubDatabase, 'db' | 'dialect'>;

export type OpenHubDatabaseOptions = (
  | { /** Folder holding hub.sqlite; created when missing. */ dataDirectory: string }
  | { /** A SQLite file path, or ':memory:'. */ sqliteFile: string }
  | { /** postgres://… */ databaseUrl: string }
) & {
  migrations?: readonly HubMigration[];
  now?: () => Date;
  /** Connections per instance in the PostgreSQL pool. */
  poolSize?: number;
};

/** The database cannot be used by this hub. Nothing in it has been changed. */
export class HubDatabaseError extends Error {
  constructor(
    readonly problem: 'newer_version' | 'settings',
    message: string,
  ) {
    super(message);
    this.name = 'HubDatabaseError';
  }
}

const MIGRATION_TABLE = 'hub_migrations';
const BUSY_TIMEOUT_MS = 5000;
// Any constant shared by every hub instance: serialises migrations of instances starting together.
const MIGRATION_LOCK_KEY = 7_356_2026;

export async function openHubDatabase(options: OpenHubDatabaseOptions): Promise<HubDatabase> {
  const migrations = options.migrations ?? hubMigrations;
  const now = options.now ?? (() => new Date());
  const { db, dialect, location } = connect(options);
  try {
    await migrate(db, dialect, migrations, now, location);
    const hubId = await readOrCreateMeta(db, 'hub_id', () => uuidv7(now().getTime()));
    const hubClockDevice = await readOrCreateMeta(db, 'hub_clock_device', newDeviceId);
    return {
      db,
      dialect,
      hubId,
      hubClockDevice,
      schemaVersion: migrations[migrations.length - 1]?.name ?? 'none',
      location,
      close: () => db.destroy(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function connect(options: OpenHubDatabaseOptions): { db: HubDb; dialect: HubDialect; location: string } {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server closes (a restart, a failover) would otherwise crash the process;
    // the pool drops it and the next query opens a new one.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const url = new URL(options.databaseUrl);
    url.password = '';
    url.username = '';
    return { db: new Kysely<HubSchema>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', location: url.toString() };
  }
  const file = 'dataDirectory' in options ? path.join(options.dataDirectory, HUB_DATABASE_FILE) : options.sqliteFile;
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(file), { recursive: true });
  // Wait for a lock held by another process (an admin command beside the running hub) instead of failing.
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    applySqliteSettings(sqlite, inMemory);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { db: new Kysely<HubSchema>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite', location: file };
}

function applySqliteSettings(sqlite: Database.Database, inMemory: boolean): void {
  sqlite.pragma('journal_mode = WAL');
  // WAL's default synchronous=NORMAL can lose the last commits on power loss; a device was told they were stored.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Deleted and overwritten values are zeroed in the file, not left in free space: an erased firm's
  // data must not survive in the database's unused pages.
  sqlite.pragma('secure_delete = ON');
  const journal = sqlite.pragma('journal_mode', { simple: true });
  const synchronous = sqlite.pragma('synchronous', { simple: true });
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true });
  if (journal !== (inMemory ? 'memory' : 'wal') || synchronous !== 2 || foreignKeys !== 1) {
    throw new HubDatabaseError(
      'settings',
      `The hub database refused its safety settings (journal_mode=${String(journal)}, synchronous=${String(synchronous)}, foreign_keys=${String(foreignKeys)}).`,
    );
  }
}

/**
 * Every pending migration runs in one transaction, so the database moves to the new schema or not
 * at all; a refusal rolls back even the bookkeeping table.
 */
async function migrate(
  db: HubDb,
  dialect: HubDialect,
  migrations: readonly HubMigration[],
  now: () => Date,
  location: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await trx.schema
      .createTable(MIGRATION_TABLE)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const executed = (await trx.selectFrom(MIGRATION_TABLE).select('name').execute()).map((row) => row.name);
    refuseNewerSchema(executed, migrations, location);
    for (const migration of migrations.filter((m) => !executed.includes(m.name))) {
      await migration.up(trx as Transaction<any>, dialect);
      await trx.insertInto(MIGRATION_TABLE).values({ name: migration.name, applied_at: now().toISOString() }).execute();
    }
  });
}

function refuseNewerSchema(executed: string[], migrations: readonly HubMigration[], location: string): void {
  const known = new Set(migrations.map((m) => m.name));
  const unknown = executed.filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) {
    throw new HubDatabaseError(
      'newer_version',
      `The hub database ${location} was written by a newer version of the hub (it has schema changes ${unknown.join(', ')} ` +
        'that this version does not know). Run the newer hub version against it. The database has not been changed.',
    );
  }
}

/** Instances starting together on one database agree on the value: the first insert wins, the others read it. */
async function readOrCreateMeta(db: HubDb, key: string, create: () => string): Promise<string> {
  await db
    .insertInto('hub_meta')
    .values({ key, value: create() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

/** SHA-256 as hex: how tokens and enrolment codes are stored, so a stolen database holds no usable secret. */
export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Splits a list for `IN (...)` and multi-row inserts, keeping each statement well under SQLite's and
 * PostgreSQL's limits on bound parameters.
 */
export function chunks<T>(items: readonly T[], parametersPerItem = 1, maxParameters = 10_000): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / parametersPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
