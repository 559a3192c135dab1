import type { Generated, Insertable, Selectable } from 'kysely';

/** The local database as the current code sees it. Migrations do not use these types. */
export interface LocalDatabase {
  meta: MetaTable;
  companies: CompanyTable;
  contacts: ContactTable;
  outbox: OutboxTable;
  schema_migrations: SchemaMigrationTable;
}

export interface MetaTable {
  key: string;
  value: string;
}

interface SyncedColumns {
  id: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

export interface CompanyTable extends SyncedColumns {
  name: string;
  registration_number: string;
  nace_code: string;
  employee_band: string;
  turnover_band: string;
  street: string;
  town: string;
  postcode: string;
  region: string;
  country: string;
  consent_to_share: number;
  consent_date: string | null;
}
export type CompanyRow = Selectable<CompanyTable>;

export interface ContactTable extends SyncedColumns {
  company_id: string;
  position: number;
  name: string;
  role: string;
  email: string;
  phone: string;
}
export type ContactRow = Selectable<ContactTable>;

export interface OutboxTable {
  seq: Generated<number>;
  change_id: string;
  table_name: string;
  row_id: string;
  operation: 'upsert' | 'delete';
  hlc: string;
  base_hlc: string | null;
  changes: string;
  schema_version: number;
  created_at: string;
  sent_at: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;

export interface SchemaMigrationTable {
  name: string;
  applied_at: string;
}

/** Tables whose rows travel to the hub; every write to them goes through the outbox. */
export type SyncedTable = 'companies' | 'contacts';
