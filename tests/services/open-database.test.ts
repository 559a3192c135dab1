import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, type OpenedDatabase } from '../../electron/services/database/open-database';
import { localMigrations, type Migration } from '../../migrations/local';
import { makeTempDir, sha256File } from '../helpers/temp';

const createWidgets: Migration = {
  name: '0001-widgets',
  async up(db: Kysely<any>) {
    await db.schema.createTable('widgets').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('label', 'text').execute();
  },
};

const createGadgets: Migration = {
  name: '0002-gadgets',
  async up(db: Kysely<any>) {
    await db.schema.createTable('gadgets').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  },
};

function tableNames(sqlite: Database.Database): string[] {
  return (sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]).map((r) => r.name);
}

function appliedMigrations(sqlite: Database.Database): string[] {
  return (sqlite.prepare('select name from schema_migrations order by name').all() as { name: string }[]).map((r) => r.name);
}

/** Reads a database file with a plain connection, outside openDatabase. */
function inspect<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

async function openAndClose(options: Parameters<typeof openDatabase>[0]): Promise<OpenedDatabase> {
  const opened = await openDatabase(options);
  await opened.close();
  return opened;
}

async function expectOpenError(promise: Promise<unknown>, problem: DatabaseOpenError['problem']): Promise<DatabaseOpenError> {
  const error = await promise.then(
    () => {
      throw new Error('openDatabase should have refused the file');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseOpenError);
  expect((error as DatabaseOpenError).problem).toBe(problem);
  return error as DatabaseOpenError;
}

describe('openDatabase settings', () => {
  it('opens a file database with journal_mode wal, synchronous FULL (2) and foreign_keys on', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    const opened = await openDatabase({ file });
    try {
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it('leaves the file in WAL mode for the next connection', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    await openAndClose({ file });
    expect(inspect(file, (s) => s.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('enforces foreign keys: a contact for a company that does not exist is refused', async () => {
    const opened = await openDatabase({ file: ':memory:' });
    try {
      expect(() =>
        opened.sqlite
          .prepare(
            `insert into contacts (id, company_id, position, name, created_at, updated_at, updated_by) values ('c', 'missing', 0, 'x', 't', 't', 'd')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      await opened.close();
    }
  });

  it('registers ss_fold so SQL can match accent-free text', async () => {
    const opened = await openDatabase({ file: ':memory:' });
    try {
      expect(opened.sqlite.prepare(`select ss_fold('Łódź') as folded`).get()).toEqual({ folded: 'lodz' });
      expect(opened.sqlite.prepare(`select ss_fold(null) as folded`).get()).toEqual({ folded: null });
    } finally {
      await opened.close();
    }
  });

  it('creates missing parent folders for the database file', async () => {
    const file = path.join(makeTempDir(), 'a', 'b', 'data.sqlite');
    await openAndClose({ file });
    expect(fs.existsSync(file)).toBe(true);
  });

  it('reports the newest migration name as the schema version', async () => {
    const opened = await openAndClose({ file: path.join(makeTempDir(), 'data.sqlite'), migrations: [createWidgets, createGadgets] });
    expect(opened.schemaVersion).toBe('0002-gadgets');
    const defaults = await openAndClose({ file: ':memory:' });
    expect(defaults.schemaVersion).toBe(localMigrations[localMigrations.length - 1]!.name);
  });
});

describe('openDatabase migrations and backups', () => {
  it('applies every migration to a new database, records each one, and takes no backup', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'data.sqlite');
    const opened = await openAndClose({ file, migrations: [createWidgets, createGadgets] });
    expect(opened.backupFile).toBeNull();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    inspect(file, (s) => {
      expect(tableNames(s)).toEqual(expect.arrayContaining(['widgets', 'gadgets', 'schema_migrations']));
      expect(appliedMigrations(s)).toEqual(['0001-widgets', '0002-gadgets']);
    });
  });

  it('writes a VACUUM INTO backup before running a pending migration on an existing database, and the backup holds the old schema and data', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'data.sqlite');
    const first = await openDatabase({ file, migrations: [createWidgets] });
    first.sqlite.prepare(`insert into widgets (label) values ('kept in the backup')`).run();
    await first.close();

    const backupsSeenByMigration: string[][] = [];
    const watchingGadgets: Migration = {
      name: createGadgets.name,
      async up(db) {
        backupsSeenByMigration.push(fs.readdirSync(path.join(dir, 'backups')));
        await createGadgets.up(db);
      },
    };
    const second = await openAndClose({ file, migrations: [createWidgets, watchingGadgets], now: () => new Date('2026-11-21T10:42:00.000Z') });

    expect(second.backupFile).toBe(path.join(dir, 'backups', 'before-0002-gadgets-2026-11-21T10-42-00-000Z.sqlite'));
    expect(backupsSeenByMigration).toEqual([[path.basename(second.backupFile!)]]);
    inspect(second.backupFile!, (s) => {
      expect(tableNames(s)).toContain('widgets');
      expect(tableNames(s)).not.toContain('gadgets');
      expect(appliedMigrations(s)).toEqual(['0001-widgets']);
      expect(s.prepare('select label from widgets').all()).toEqual([{ label: 'kept in the backup' }]);
      expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
    });
    inspect(file, (s) => expect(appliedMigrations(s)).toEqual(['0001-widgets', '0002-gadgets']));
  });

  it('writes the backup to the backupDirectory option when one is given', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'data.sqlite');
    const backupDirectory = path.join(makeTempDir(), 'elsewhere');
    await openAndClose({ file, migrations: [createWidgets] });
    const opened = await openAndClose({ file, migrations: [createWidgets, createGadgets], backupDirectory });
    expect(path.dirname(opened.backupFile!)).toBe(backupDirectory);
    expect(fs.existsSync(opened.backupFile!)).toBe(true);
  });

  it('takes no backup when nothing is pending', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'data.sqlite');
    await openAndClose({ file, migrations: [createWidgets] });
    const again = await openAndClose({ file, migrations: [createWidgets] });
    expect(again.backupFile).toBeNull();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('keeps only the ten newest pre-migration backups', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'data.sqlite');
    const backups = path.join(dir, 'backups');
    await openAndClose({ file, migrations: [createWidgets] });
    fs.mkdirSync(backups);
    for (let i = 0; i < 12; i++) {
      const old = path.join(backups, `before-old-${String(i).padStart(2, '0')}.sqlite`);
      fs.writeFileSync(old, 'old backup');
      const when = new Date(Date.UTC(2020, 0, 1 + i));
      fs.utimesSync(old, when, when);
    }
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'not a backup');

    const opened = await openAndClose({ file, migrations: [createWidgets, createGadgets] });
    const left = fs.readdirSync(backups).sort();
    expect(left.filter((n) => n.startsWith('before-'))).toHaveLength(10);
    expect(left).toContain(path.basename(opened.backupFile!));
    expect(left).toContain('notes.txt');
    // The three oldest went: 00, 01, 02.
    expect(left).not.toContain('before-old-00.sqlite');
    expect(left).not.toContain('before-old-02.sqlite');
    expect(left).toContain('before-old-03.sqlite');
  });

  it('rolls back every pending migration when one fails, leaving no half-applied tables', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    const failing: Migration = {
      name: '0003-broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('migration blew up');
      },
    };
    await expect(openDatabase({ file, migrations: [createWidgets, createGadgets, failing] })).rejects.toThrow('migration blew up');
    inspect(file, (s) => {
      expect(tableNames(s)).not.toContain('widgets');
      expect(tableNames(s)).not.toContain('gadgets');
      expect(tableNames(s)).not.toContain('half_done');
      expect(tableNames(s)).not.toContain('schema_migrations');
    });
  });

  it('rolls back only the pending migrations on an existing database and keeps the ones applied before', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    await openAndClose({ file, migrations: [createWidgets] });
    const failing: Migration = {
      name: '0003-broken',
      async up(db) {
        await sql`insert into widgets (label) values ('written by a failed migration')`.execute(db);
        throw new Error('migration blew up');
      },
    };
    await expect(openDatabase({ file, migrations: [createWidgets, createGadgets, failing] })).rejects.toThrow('migration blew up');
    inspect(file, (s) => {
      expect(tableNames(s)).toContain('widgets');
      expect(tableNames(s)).not.toContain('gadgets');
      expect(appliedMigrations(s)).toEqual(['0001-widgets']);
      expect(s.prepare('select count(*) as n from widgets').get()).toEqual({ n: 0 });
    });
  });

  it('can open the database normally after a failed migration once the migration is fixed', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    const failing: Migration = { name: '0002-gadgets', up: () => Promise.reject(new Error('not yet')) };
    await expect(openDatabase({ file, migrations: [createWidgets, failing] })).rejects.toThrow('not yet');
    await openAndClose({ file, migrations: [createWidgets, createGadgets] });
    inspect(file, (s) => expect(appliedMigrations(s)).toEqual(['0001-widgets', '0002-gadgets']));
  });
});

describe('openDatabase refusals', () => {
  it('refuses a database written by a newer version and leaves the file byte-for-byte unchanged', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    await openAndClose({ file, migrations: [createWidgets, createGadgets] });
    const before = sha256File(file);

    const error = await expectOpenError(openDatabase({ file, migrations: [createWidgets] }), 'newer_version');
    expect(error.message).toContain('0002-gadgets');
    expect(sha256File(file)).toBe(before);
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
  });

  it('refuses a database whose schema_migrations names a migration this version has never heard of', async () => {
    const file = path.join(makeTempDir(), 'stepping-stones.sqlite');
    const opened = await openDatabase({ file });
    opened.sqlite.prepare(`insert into schema_migrations (name, applied_at) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`).run();
    await opened.close();
    const before = sha256File(file);

    const error = await expectOpenError(openDatabase({ file }), 'newer_version');
    expect(error.message).toContain('9999-from-the-future');
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a file of random bytes as corrupt and leaves it unchanged', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'data.sqlite');
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    const before = sha256File(file);

    await expectOpenError(openDatabase({ file }), 'corrupt');
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(dir).filter((n) => n !== 'data.sqlite')).toEqual([]);
  });

  it('refuses a text file as corrupt and leaves it unchanged', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    fs.writeFileSync(file, 'These are my meeting notes, not a database.\n'.repeat(200));
    const before = sha256File(file);
    await expectOpenError(openDatabase({ file }), 'corrupt');
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a database whose pages were overwritten as corrupt and leaves it unchanged', async () => {
    const file = path.join(makeTempDir(), 'data.sqlite');
    const opened = await openDatabase({ file, migrations: [createWidgets] });
    const insert = opened.sqlite.prepare('insert into widgets (label) values (?)');
    for (let i = 0; i < 2000; i++) insert.run(`widget number ${i} with some padding to fill pages`);
    await opened.close();
    const size = fs.statSync(file).size;
    const handle = fs.openSync(file, 'r+');
    // Keep the 100-byte header and page 1 (the schema); scribble over everything after it.
    const pageSize = inspect(file, (s) => s.pragma('page_size', { simple: true }) as number);
    fs.writeSync(handle, Buffer.alloc(size - pageSize, 0xa5), 0, size - pageSize, pageSize);
    fs.closeSync(handle);
    const before = sha256File(file);

    await expectOpenError(openDatabase({ file, migrations: [createWidgets] }), 'corrupt');
    expect(sha256File(file)).toBe(before);
  });
});
