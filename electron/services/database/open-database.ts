import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { localMigrations, type Migration } from '../../../migrations/local';
import { fold } from '../../../shared/text/fold';
import type { LocalDatabase } from './schema';

export type DatabaseProblem = 'newer_version' | 'corrupt' | 'settings';

/** The database cannot be opened safely. The file has not been changed. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenedDatabase {
  db: Kysely<LocalDatabase>;
  sqlite: Database.Database;
  file: string;
  /** Name of the newest migration applied, which is also the schema version sync reports. */
  schemaVersion: string;
  /** Path of the backup taken before migrating, if one was needed. */
  backupFile: string | null;
  /** Folder of the pre-migration backups; null for an in-memory database, which has none. */
  backupDirectory: string | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  file: string;
  /** Where pre-migration backups go; defaults to a `backups` folder beside the database. */
  backupDirectory?: string;
  migrations?: readonly Migration[];
  now?: () => Date;
}

const MIGRATION_TABLE = 'schema_migrations';
const BACKUPS_KEPT = 10;
const BUSY_TIMEOUT_MS = 5000;

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? localMigrations;
  const now = options.now ?? (() => new Date());
  const inMemory = options.file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(options.file), { recursive: true });

  // Wait for a lock held by another process (the CLI beside a running app) instead of failing at once.
  const sqlite = new Database(options.file, { timeout: BUSY_TIMEOUT_MS });
  try {
    checkIntegrity(sqlite, options.file);
    const executed = readExecutedMigrations(sqlite);
    refuseNewerSchema(executed, migrations, options.file);
    applySettings(sqlite, inMemory);
    sqlite.function('ss_fold', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? fold(value) : value,
    );

    const pending = migrations.filter((m) => !executed.includes(m.name));
    const backupDirectory = inMemory ? null : (options.backupDirectory ?? path.join(path.dirname(options.file), 'backups'));
    const backupFile =
      backupDirectory !== null && pending.length > 0 && executed.length > 0
        ? backUp(sqlite, backupDirectory, pending[0]!.name, now())
        : null;

    const db = new Kysely<LocalDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    await runMigrations(db, pending, now);
    const schemaVersion = migrations[migrations.length - 1]?.name ?? 'none';
    return {
      db,
      sqlite,
      file: options.file,
      schemaVersion,
      backupFile,
      backupDirectory,
      close: () => db.destroy(),
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}

function checkIntegrity(sqlite: Database.Database, file: string): void {
  let result: unknown;
  try {
    result = sqlite.pragma('quick_check', { simple: true });
  } catch (error) {
    throw new DatabaseOpenError(
      'corrupt',
      `${file} is not a readable Stepping Stones database (${(error as Error).message}). It has been left as it is; restore a backup or move it aside.`,
    );
  }
  if (result !== 'ok') {
    throw new DatabaseOpenError(
      'corrupt',
      `${file} failed its integrity check (${String(result)}). It has been left as it is; restore a backup from the backups folder.`,
    );
  }
}

function readExecutedMigrations(sqlite: Database.Database): string[] {
  const table = sqlite.prepare(`select name from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE);
  if (!table) return [];
  return (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
    (row) => row.name,
  );
}

function refuseNewerSchema(executed: string[], migrations: readonly Migration[], file: string): void {
  const known = new Set(migrations.map((m) => m.name));
  const unknown = executed.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      'newer_version',
      `${file} was written by a newer version of Stepping Stones (it has schema changes ${unknown.join(', ')} that this version does not know). ` +
        'Install the latest version to open it. The file has not been changed.',
    );
  }
}

function applySettings(sqlite: Database.Database, inMemory: boolean): void {
  sqlite.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at synchronous=NORMAL, which can lose the last commits on power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');

  const journal = sqlite.pragma('journal_mode', { simple: true });
  const synchronous = sqlite.pragma('synchronous', { simple: true });
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true });
  const expectedJournal = inMemory ? 'memory' : 'wal';
  if (journal !== expectedJournal || synchronous !== 2 || foreignKeys !== 1) {
    throw new DatabaseOpenError(
      'settings',
      `The database refused its safety settings (journal_mode=${String(journal)}, synchronous=${String(synchronous)}, foreign_keys=${String(foreignKeys)}).`,
    );
  }
}

const isBackup = (name: string) => name.startsWith('before-') && name.endsWith('.sqlite');

/** The pre-migration backups in the folder, as full paths (none when the folder does not exist). */
export function listBackups(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter(isBackup)
    .map((name) => path.join(directory, name));
}

function backUp(sqlite: Database.Database, directory: string, nextMigration: string, when: Date): string {
  fs.mkdirSync(directory, { recursive: true });
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  const target = path.join(directory, `before-${nextMigration}-${stamp}.sqlite`);
  sqlite.prepare('vacuum into ?').run(target);
  const old = fs
    .readdirSync(directory)
    .filter(isBackup)
    .sort((a, b) => fs.statSync(path.join(directory, a)).mtimeMs - fs.statSync(path.join(directory, b)).mtimeMs);
  for (const name of old.slice(0, Math.max(0, old.length - BACKUPS_KEPT))) {
    fs.rmSync(path.join(directory, name), { force: true });
  }
  return target;
}

/** All pending migrations run in one transaction: either the database moves to the new schema, or not at all. */
async function runMigrations(db: Kysely<LocalDatabase>, pending: readonly Migration[], now: () => Date): Promise<void> {
  if (pending.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable(MIGRATION_TABLE)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    for (const migration of pending) {
      await migration.up(trx);
      await trx.insertInto(MIGRATION_TABLE).values({ name: migration.name, applied_at: now().toISOString() }).execute();
    }
  });
}
