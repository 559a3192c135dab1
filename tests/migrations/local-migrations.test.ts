import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { localMigrations } from '../../migrations/local';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

type ExpectedColumns = Record<string, { type: string; notNull: boolean; pk?: boolean; default?: string }>;

interface ExpectedSchema {
  tables: Record<string, ExpectedColumns>;
  /** Columns a migration adds to tables made by an earlier one. */
  addedColumns?: Record<string, ExpectedColumns>;
  indexes: Record<string, { table: string; columns: string[]; unique?: boolean; partial?: boolean }>;
}

const text = (notNull: boolean, extra: Partial<{ pk: boolean; default: string }> = {}) => ({ type: 'TEXT', notNull, ...extra });
const synced = {
  id: text(false, { pk: true }),
  created_at: text(true),
  updated_at: text(true),
  updated_by: text(true),
  deleted_at: text(false),
};

/** What each migration adds. A new migration without an entry here fails the completeness test. */
const expectedByMigration: Record<string, ExpectedSchema> = {
  '0001-clients': {
    tables: {
      meta: { key: text(false, { pk: true }), value: text(true) },
      companies: {
        ...synced,
        name: text(true),
        registration_number: text(true, { default: "''" }),
        nace_code: text(true),
        employee_band: text(true),
        turnover_band: text(true),
        street: text(true, { default: "''" }),
        town: text(true),
        postcode: text(true, { default: "''" }),
        region: text(true),
        country: text(true),
        consent_to_share: { type: 'INTEGER', notNull: true, default: '0' },
        consent_date: text(false),
      },
      contacts: {
        ...synced,
        company_id: text(true),
        position: { type: 'INTEGER', notNull: true },
        name: text(true),
        role: text(true, { default: "''" }),
        email: text(true, { default: "''" }),
        phone: text(true, { default: "''" }),
      },
      outbox: {
        seq: { type: 'INTEGER', notNull: false, pk: true },
        change_id: text(true),
        table_name: text(true),
        row_id: text(true),
        operation: text(true),
        hlc: text(true),
        base_hlc: text(false),
        changes: text(true),
        schema_version: { type: 'INTEGER', notNull: true },
        created_at: text(true),
        sent_at: text(false),
      },
    },
    indexes: {
      companies_name: { table: 'companies', columns: ['name'] },
      contacts_company: { table: 'contacts', columns: ['company_id'] },
      outbox_unsent: { table: 'outbox', columns: ['seq'], partial: true },
    },
  },
  '0002-assessments': {
    tables: {
      instruments: {
        id: text(true, { pk: true }),
        version: text(true, { pk: true }),
        definition: text(true),
        source: text(true),
        received_at: text(true),
      },
      assessments: {
        ...synced,
        company_id: text(true),
        kind: text(true),
        baseline_id: text(false),
        revision_of: text(false),
        status: text(true),
        visit_date: text(true),
        people_present: text(true, { default: "''" }),
        report_language: text(true),
        finalised_at: text(false),
      },
      assessment_instruments: {
        ...synced,
        assessment_id: text(true),
        instrument_id: text(true),
        instrument_version: text(true),
        position: { type: 'INTEGER', notNull: true },
      },
      answers: {
        ...synced,
        assessment_id: text(true),
        instrument_id: text(true),
        question_id: text(true),
        value: text(false),
        not_applicable: { type: 'INTEGER', notNull: true, default: '0' },
        note: text(true, { default: "''" }),
        flagged: { type: 'INTEGER', notNull: true, default: '0' },
      },
      dimension_targets: {
        ...synced,
        assessment_id: text(true),
        instrument_id: text(true),
        dimension_id: text(true),
        target: { type: 'REAL', notNull: false },
        importance: { type: 'INTEGER', notNull: false },
      },
      assessment_positions: {
        assessment_id: text(false, { pk: true }),
        instrument_id: text(true),
        question_id: text(true),
        updated_at: text(true),
      },
    },
    indexes: {
      assessments_company: { table: 'assessments', columns: ['company_id'] },
    },
  },
  '0003-roadmaps': {
    tables: {
      roadmap_steps: {
        ...synced,
        assessment_id: text(true),
        catalogue_step_id: text(false),
        catalogue_version: text(false),
        origin: text(true),
        horizon: text(true),
        position: { type: 'INTEGER', notNull: true },
        title: text(false),
        description: text(false),
        effort_days: { type: 'REAL', notNull: false },
        cost_band: text(false),
        kpi: text(false),
        owner: text(true, { default: "''" }),
        target_month: text(false),
        status: text(false),
        carried_from: text(false),
        edited: { type: 'INTEGER', notNull: true, default: '0' },
        pinned: { type: 'INTEGER', notNull: true, default: '0' },
        why: text(true, { default: "'[]'" }),
        enabler: text(false),
      },
    },
    indexes: {
      roadmap_steps_assessment: { table: 'roadmap_steps', columns: ['assessment_id', 'horizon', 'position'] },
    },
  },
  '0004-settings': {
    tables: {
      settings: { key: text(false, { pk: true }), value: text(true), updated_at: text(true) },
    },
    indexes: {},
  },
  '0005-directory-entries': {
    tables: {
      directory_entries: { ...synced, directory: text(true), entry: text(true) },
    },
    indexes: {},
  },
  '0006-sync': {
    tables: {
      field_clocks: { table_name: text(true, { pk: true }), row_id: text(true, { pk: true }), clocks: text(true) },
      conflicts: {
        ...synced,
        table_name: text(true),
        row_id: text(true),
        field: text(true),
        kept_value: text(false),
        kept_hlc: text(false),
        other_value: text(false),
        other_hlc: text(false),
        status: text(true, { default: "'open'" }),
        resolved_at: text(false),
        resolution: text(false),
      },
      annotations: {
        ...synced,
        company_id: text(true),
        assessment_id: text(false),
        body: text(true, { default: "''" }),
        author: text(true, { default: "''" }),
      },
      catalogues: { version: text(false, { pk: true }), definition: text(true), received_at: text(true) },
      parked_rows: {
        table_name: text(true, { pk: true }),
        row_id: text(true, { pk: true }),
        row_values: text(true),
        clocks: text(true),
        reason: text(true),
        parked_at: text(true),
      },
    },
    addedColumns: {
      outbox: { replaced: text(false), rejected_reason: text(false) },
    },
    indexes: {
      annotations_company: { table: 'annotations', columns: ['company_id'] },
    },
  },
  '0007-office': {
    tables: {
      advisers: { id: text(false, { pk: true }), name: text(true) },
      company_advisers: { company_id: text(false, { pk: true }), adviser_id: text(true) },
      erasures: { company_id: text(false, { pk: true }), erased_at: text(true) },
      scored_assessments: { assessment_id: text(false, { pk: true }) },
      assessment_scores: {
        assessment_id: text(true, { pk: true }),
        instrument_id: text(true, { pk: true }),
        dimension_id: text(true, { pk: true }),
        score: { type: 'REAL', notNull: false },
        band_id: text(false),
      },
      assessment_barriers: {
        assessment_id: text(true, { pk: true }),
        barrier_id: text(true, { pk: true }),
        rating: { type: 'INTEGER', notNull: true },
      },
    },
    indexes: {
      assessments_status_visit: { table: 'assessments', columns: ['status', 'visit_date'] },
    },
  },
  '0008-directory-owners': {
    tables: {
      directory_entry_owners: { entry_id: text(false, { pk: true }), owner_user_id: text(false) },
    },
    indexes: {},
  },
};

function openEmpty() {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { sqlite, db };
}

function userTables(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]
  ).map((r) => r.name);
}

function namedIndexes(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%' order by name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe('local migrations', () => {
  it('have unique names that sort in the order they are listed', () => {
    const names = localMigrations.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  it('each have an expected schema in this test', () => {
    expect(Object.keys(expectedByMigration).sort()).toEqual(localMigrations.map((m) => m.name).sort());
  });

  describe.each(localMigrations.map((m, index) => [m.name, index] as const))('%s', (name, index) => {
    async function applyUpTo(includeSelf: boolean) {
      const { sqlite, db } = openEmpty();
      for (const migration of localMigrations.slice(0, includeSelf ? index + 1 : index)) await migration.up(db);
      return { sqlite, db };
    }

    it('creates exactly the expected tables, with the expected columns, types, NOT NULLs, defaults and keys', async () => {
      const before = await applyUpTo(false);
      const tablesBefore = userTables(before.sqlite);
      await before.db.destroy();
      const { sqlite, db } = await applyUpTo(true);
      const expected = expectedByMigration[name]!;
      expect(userTables(sqlite).filter((t) => !tablesBefore.includes(t))).toEqual(Object.keys(expected.tables).sort());
      for (const [table, columns] of Object.entries(expected.tables)) {
        const info = sqlite.prepare(`pragma table_info(${table})`).all() as ColumnInfo[];
        expect(info.map((c) => c.name).sort(), table).toEqual(Object.keys(columns).sort());
        for (const column of info) {
          const want = columns[column.name]!;
          expect(
            { type: column.type, notNull: column.notnull === 1, pk: column.pk > 0, default: column.dflt_value ?? undefined },
            `${table}.${column.name}`,
          ).toEqual({ type: want.type, notNull: want.notNull, pk: want.pk ?? false, default: want.default });
        }
      }
      await db.destroy();
    });

    it('adds exactly the expected columns to existing tables', async () => {
      const columnsOf = (sqlite: Database.Database, table: string) => sqlite.prepare(`pragma table_info(${table})`).all() as ColumnInfo[];
      const before = await applyUpTo(false);
      const { sqlite, db } = await applyUpTo(true);
      for (const [table, columns] of Object.entries(expectedByMigration[name]!.addedColumns ?? {})) {
        const existing = new Set(columnsOf(before.sqlite, table).map((c) => c.name));
        const added = columnsOf(sqlite, table).filter((c) => !existing.has(c.name));
        expect(added.map((c) => c.name).sort(), table).toEqual(Object.keys(columns).sort());
        for (const column of added) {
          const want = columns[column.name]!;
          expect({ type: column.type, notNull: column.notnull === 1, default: column.dflt_value ?? undefined }, `${table}.${column.name}`).toEqual({
            type: want.type,
            notNull: want.notNull,
            default: want.default,
          });
        }
      }
      await before.db.destroy();
      await db.destroy();
    });

    it('creates the expected indexes on the expected columns', async () => {
      const before = await applyUpTo(false);
      const indexesBefore = namedIndexes(before.sqlite);
      await before.db.destroy();
      const { sqlite, db } = await applyUpTo(true);
      const expected = expectedByMigration[name]!;
      expect(namedIndexes(sqlite).filter((i) => !indexesBefore.includes(i))).toEqual(Object.keys(expected.indexes).sort());
      for (const [indexName, want] of Object.entries(expected.indexes)) {
        const list = sqlite.prepare(`pragma index_list(${want.table})`).all() as { name: string; unique: number; partial: number }[];
        const entry = list.find((i) => i.name === indexName);
        expect(entry, indexName).toBeDefined();
        expect(entry!.unique === 1, `${indexName} unique`).toBe(want.unique ?? false);
        expect(entry!.partial === 1, `${indexName} partial`).toBe(want.partial ?? false);
        const columns = (sqlite.prepare(`pragma index_info(${indexName})`).all() as { name: string }[]).map((c) => c.name);
        expect(columns, indexName).toEqual(want.columns);
      }
      await db.destroy();
    });
  });

  describe('0001-clients constraints', () => {
    async function migrated() {
      const { sqlite, db } = openEmpty();
      await localMigrations.find((m) => m.name === '0001-clients')!.up(db);
      return { sqlite, db };
    }

    const insertOutbox = `insert into outbox (change_id, table_name, row_id, operation, hlc, changes, schema_version, created_at)
      values (?, 'companies', 'r1', ?, 'h', '{}', 1, 't')`;

    it("rejects an outbox row whose operation is 'bogus'", async () => {
      const { sqlite, db } = await migrated();
      expect(() => sqlite.prepare(insertOutbox).run('c1', 'bogus')).toThrow(/CHECK constraint failed/);
      await db.destroy();
    });

    it("accepts outbox operations 'upsert' and 'delete' and numbers them in order", async () => {
      const { sqlite, db } = await migrated();
      sqlite.prepare(insertOutbox).run('c1', 'upsert');
      sqlite.prepare(insertOutbox).run('c2', 'delete');
      expect(sqlite.prepare('select seq, operation from outbox order by seq').all()).toEqual([
        { seq: 1, operation: 'upsert' },
        { seq: 2, operation: 'delete' },
      ]);
      await db.destroy();
    });

    it('rejects a second outbox row with the same change_id', async () => {
      const { sqlite, db } = await migrated();
      sqlite.prepare(insertOutbox).run('same', 'upsert');
      expect(() => sqlite.prepare(insertOutbox).run('same', 'upsert')).toThrow(/UNIQUE constraint failed: outbox.change_id/);
      await db.destroy();
    });

    it('rejects a contact whose company does not exist when foreign keys are on', async () => {
      const { sqlite, db } = await migrated();
      expect(() =>
        sqlite
          .prepare(`insert into contacts (id, company_id, position, name, created_at, updated_at, updated_by) values ('k', 'nope', 0, 'n', 't', 't', 'd')`)
          .run(),
      ).toThrow(/FOREIGN KEY constraint failed/);
      await db.destroy();
    });

    it('fills the declared defaults for omitted optional company columns', async () => {
      const { sqlite, db } = await migrated();
      sqlite
        .prepare(
          `insert into companies (id, name, nace_code, employee_band, turnover_band, town, region, country, created_at, updated_at, updated_by)
           values ('c', 'n', '25', '1-9', 'under-2m', 't', 'r', 'GB', 't', 't', 'd')`,
        )
        .run();
      expect(sqlite.prepare('select registration_number, street, postcode, consent_to_share, consent_date, deleted_at from companies').get()).toEqual({
        registration_number: '',
        street: '',
        postcode: '',
        consent_to_share: 0,
        consent_date: null,
        deleted_at: null,
      });
      await db.destroy();
    });

    it('fails on a database that already has the tables, so it cannot run twice', async () => {
      const { db } = await migrated();
      await expect(localMigrations.find((m) => m.name === '0001-clients')!.up(db)).rejects.toThrow(/already exists/);
      await db.destroy();
    });
  });
});
