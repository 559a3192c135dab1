import { sql, type Kysely, type Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { Client, ClientSortKey, ClientSummary, ValidClientInput } from '../../../shared/clients/schema';
import { fold } from '../../../shared/text/fold';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { CompanyRow, ContactRow, LocalDatabase } from '../database/schema';
import { recordChange } from '../sync/outbox';
import type { SyncClock } from '../sync/sync-clock';

type Db = Kysely<LocalDatabase> | Transaction<LocalDatabase>;
type CompanyColumns = Omit<CompanyRow, 'id' | 'created_at' | 'updated_at' | 'updated_by' | 'deleted_at'>;
type ContactColumns = Pick<ContactRow, 'position' | 'name' | 'role' | 'email' | 'phone'>;

function companyColumns(input: ValidClientInput): CompanyColumns {
  return {
    name: input.name,
    registration_number: input.registrationNumber,
    nace_code: input.naceCode,
    employee_band: input.employeeBand,
    turnover_band: input.turnoverBand,
    street: input.street,
    town: input.town,
    postcode: input.postcode,
    region: input.region,
    country: input.country,
    consent_to_share: input.consentToShare ? 1 : 0,
    consent_date: input.consentToShare ? input.consentDate : null,
  };
}

function changedColumns<T extends object>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (before[key] !== after[key]) changed[key] = after[key];
  }
  return changed;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const sortExpressions: Record<ClientSortKey, ReturnType<typeof sql>> = {
  name: sql`ss_fold(c.name)`,
  town: sql`ss_fold(c.town)`,
  sector: sql`c.nace_code`,
  region: sql`ss_fold(c.region)`,
  updated: sql`c.updated_at`,
};

/** The adviser's client companies and their contacts. Every write also lands in the sync outbox. */
export class ClientService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
  ) {}

  async list(query: ParsedInput<'clients.list'>): Promise<ClientSummary[]> {
    let select = this.db
      .selectFrom('companies as c')
      .select((eb) => [
        'c.id',
        'c.name',
        'c.town',
        'c.region',
        'c.country',
        'c.nace_code',
        'c.employee_band',
        'c.updated_at',
        eb
          .selectFrom('contacts as k')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('k.company_id', '=', 'c.id')
          .where('k.deleted_at', 'is', null)
          .as('contact_count'),
      ])
      .where('c.deleted_at', 'is', null);
    const search = fold(query.search);
    if (search) {
      const pattern = `%${escapeLike(search)}%`;
      select = select.where((eb) =>
        eb.or([
          sql<boolean>`ss_fold(c.name) like ${pattern} escape '\\'`,
          sql<boolean>`ss_fold(c.town) like ${pattern} escape '\\'`,
          sql<boolean>`ss_fold(c.registration_number) like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (query.naceCode) select = select.where('c.nace_code', '=', query.naceCode);
    const direction = query.direction === 'desc' ? sql`desc` : sql`asc`;
    const rows = await select
      .orderBy(sql`${sortExpressions[query.sort]} ${direction}`)
      .orderBy(sql`ss_fold(c.name)`)
      .orderBy('c.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      town: row.town,
      region: row.region,
      country: row.country as ClientSummary['country'],
      naceCode: row.nace_code as ClientSummary['naceCode'],
      employeeBand: row.employee_band as ClientSummary['employeeBand'],
      contactCount: Number(row.contact_count ?? 0),
      updatedAt: row.updated_at,
    }));
  }

  async get(id: string): Promise<Client> {
    return this.read(this.db, id);
  }

  async create(input: ValidClientInput): Promise<Client> {
    return this.db.transaction().execute(async (trx) => {
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const id = uuidv7();
      const columns = companyColumns(input);
      await trx
        .insertInto('companies')
        .values({ id, ...columns, created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null })
        .execute();
      await recordChange(trx, { table: 'companies', rowId: id, operation: 'upsert', hlc, baseHlc: null, changes: { ...columns, created_at: now } }, now);
      await this.writeContacts(trx, id, input.contacts, hlc, now);
      return this.read(trx, id);
    });
  }

  async update(input: ParsedInput<'clients.update'>): Promise<Client> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.findLive(trx, input.id);
      const changes = changedColumns(existing as CompanyColumns, companyColumns(input));
      const contactsChanged = await this.contactsDiffer(trx, input.id, input.contacts);
      if (Object.keys(changes).length === 0 && !contactsChanged) return this.read(trx, input.id);

      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      if (Object.keys(changes).length > 0) {
        await trx
          .updateTable('companies')
          .set({ ...changes, updated_at: hlc, updated_by: this.clock.deviceId })
          .where('id', '=', input.id)
          .execute();
        await recordChange(trx, { table: 'companies', rowId: input.id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes }, now);
      }
      await this.writeContacts(trx, input.id, input.contacts, hlc, now);
      return this.read(trx, input.id);
    });
  }

  async delete(id: string): Promise<{ id: string; deletedAt: string }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.findLive(trx, id);
      const hlc = await this.clock.stamp(trx);
      const deletedAt = this.clock.isoNow();
      await trx
        .updateTable('companies')
        .set({ deleted_at: deletedAt, updated_at: hlc, updated_by: this.clock.deviceId })
        .where('id', '=', id)
        .execute();
      await recordChange(trx, { table: 'companies', rowId: id, operation: 'delete', hlc, baseHlc: existing.updated_at, changes: { deleted_at: deletedAt } }, deletedAt);
      return { id, deletedAt };
    });
  }

  async restore(id: string): Promise<Client> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
      if (!existing) throw new AppError('not_found', 'This client does not exist.', 'id');
      if (existing.deleted_at !== null) {
        const hlc = await this.clock.stamp(trx);
        await trx
          .updateTable('companies')
          .set({ deleted_at: null, updated_at: hlc, updated_by: this.clock.deviceId })
          .where('id', '=', id)
          .execute();
        await recordChange(trx, { table: 'companies', rowId: id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes: { deleted_at: null } }, this.clock.isoNow());
      }
      return this.read(trx, id);
    });
  }

  private async findLive(db: Db, id: string): Promise<CompanyRow> {
    const row = await db.selectFrom('companies').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'This client does not exist or was deleted.', 'id');
    return row;
  }

  private async liveContacts(db: Db, companyId: string): Promise<ContactRow[]> {
    return db
      .selectFrom('contacts')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .execute();
  }

  private async read(db: Db, id: string): Promise<Client> {
    const row = await this.findLive(db, id);
    const contacts = await this.liveContacts(db, id);
    return {
      id: row.id,
      name: row.name,
      registrationNumber: row.registration_number,
      naceCode: row.nace_code as Client['naceCode'],
      employeeBand: row.employee_band as Client['employeeBand'],
      turnoverBand: row.turnover_band as Client['turnoverBand'],
      street: row.street,
      town: row.town,
      postcode: row.postcode,
      region: row.region,
      country: row.country as Client['country'],
      consentToShare: row.consent_to_share === 1,
      consentDate: row.consent_date,
      contacts: contacts.map((c) => ({ id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      deletedAt: row.deleted_at,
    };
  }

  private planContacts(existing: ContactRow[], wanted: ValidClientInput['contacts']) {
    const byId = new Map(existing.map((c) => [c.id, c]));
    const seen = new Set<string>();
    wanted.forEach((contact, index) => {
      if (contact.id === undefined) return;
      if (!byId.has(contact.id)) {
        throw new AppError('invalid_input', 'This contact does not belong to this client.', `contacts.${index}.id`);
      }
      if (seen.has(contact.id)) {
        throw new AppError('invalid_input', 'The same contact appears twice.', `contacts.${index}.id`);
      }
      seen.add(contact.id);
    });
    const keep = new Set(wanted.map((c) => c.id).filter((id): id is string => id !== undefined));
    return {
      removed: existing.filter((c) => !keep.has(c.id)),
      written: wanted.map((contact, position) => ({
        existing: contact.id === undefined ? undefined : byId.get(contact.id),
        columns: { position, name: contact.name, role: contact.role, email: contact.email, phone: contact.phone } satisfies ContactColumns,
      })),
    };
  }

  private async contactsDiffer(db: Db, companyId: string, wanted: ValidClientInput['contacts']): Promise<boolean> {
    const plan = this.planContacts(await this.liveContacts(db, companyId), wanted);
    return (
      plan.removed.length > 0 ||
      plan.written.some(({ existing, columns }) => !existing || Object.keys(changedColumns(existing as ContactColumns, columns)).length > 0)
    );
  }

  private async writeContacts(
    trx: Transaction<LocalDatabase>,
    companyId: string,
    wanted: ValidClientInput['contacts'],
    hlc: string,
    now: string,
  ): Promise<void> {
    const plan = this.planContacts(await this.liveContacts(trx, companyId), wanted);
    const stamp = { updated_at: hlc, updated_by: this.clock.deviceId };
    for (const contact of plan.removed) {
      await trx.updateTable('contacts').set({ deleted_at: now, ...stamp }).where('id', '=', contact.id).execute();
      await recordChange(trx, { table: 'contacts', rowId: contact.id, operation: 'delete', hlc, baseHlc: contact.updated_at, changes: { deleted_at: now } }, now);
    }
    for (const { existing, columns } of plan.written) {
      if (!existing) {
        const id = uuidv7();
        await trx
          .insertInto('contacts')
          .values({ id, company_id: companyId, ...columns, created_at: now, deleted_at: null, ...stamp })
          .execute();
        await recordChange(trx, { table: 'contacts', rowId: id, operation: 'upsert', hlc, baseHlc: null, changes: { company_id: companyId, ...columns, created_at: now } }, now);
        continue;
      }
      const changes = changedColumns(existing as ContactColumns, columns);
      if (Object.keys(changes).length === 0) continue;
      await trx.updateTable('contacts').set({ ...changes, ...stamp }).where('id', '=', existing.id).execute();
      await recordChange(trx, { table: 'contacts', rowId: existing.id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes }, now);
    }
  }
}
