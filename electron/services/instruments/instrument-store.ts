import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { InstrumentSummary } from '../../../shared/assessments/schema';
import { InstrumentSchema, type Instrument } from '../../../shared/instruments/schema';
import { validateInstrument } from '../../../shared/instruments/validate';
import { compareVersions } from '../../../shared/text/semantic-version';
import type { LocalDatabase } from '../database/schema';

/**
 * Every instrument version the device has seen. Assessments point at (id, version), so an old
 * version stays here and readable after a newer one arrives.
 */
export class InstrumentStore {
  private readonly cache = new Map<string, Instrument>();

  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly now: () => string,
  ) {}

  /** Adds the shipped instruments that are not stored yet; a stored version is never overwritten. */
  async installBuiltins(instruments: readonly Instrument[]): Promise<void> {
    const receivedAt = this.now();
    await this.db
      .insertInto('instruments')
      .values(instruments.map((i) => ({ id: i.id, version: i.version, definition: JSON.stringify(i), source: 'builtin' as const, received_at: receivedAt })))
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute();
  }

  /** Stores an instrument from the hub or a file after validating it; the same version twice is refused. */
  async add(json: unknown, source: 'hub' | 'file'): Promise<Instrument> {
    const problems = validateInstrument(json);
    if (problems.length > 0) throw new AppError('invalid_input', `The instrument is not valid:\n${problems.join('\n')}`);
    const instrument = InstrumentSchema.parse(json);
    const existing = await this.db.selectFrom('instruments').select('id').where('id', '=', instrument.id).where('version', '=', instrument.version).executeTakeFirst();
    if (existing) throw new AppError('conflict', `${instrument.id} ${instrument.version} is already installed; publish changes as a new version.`);
    await this.db
      .insertInto('instruments')
      .values({ id: instrument.id, version: instrument.version, definition: JSON.stringify(instrument), source, received_at: this.now() })
      .execute();
    return instrument;
  }

  /**
   * Stores a version the programme office published, in the transaction of the pull that brought
   * it. An invalid one is not stored; its problems are returned. A version already here stays as it is.
   */
  async receive(trx: Transaction<LocalDatabase>, json: unknown): Promise<string[]> {
    const problems = validateInstrument(json);
    if (problems.length > 0) return problems;
    const instrument = InstrumentSchema.parse(json);
    await trx
      .insertInto('instruments')
      .values({ id: instrument.id, version: instrument.version, definition: JSON.stringify(instrument), source: 'hub', received_at: this.now() })
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute();
    return [];
  }

  /**
   * `db` is the caller's transaction when there is one: the database has one connection, so a read
   * outside an open transaction would wait for that transaction to end, which waits for the read.
   */
  async get(id: string, version?: string, db: Kysely<LocalDatabase> = this.db): Promise<Instrument> {
    const resolved = version ?? (await this.latestVersion(id, db));
    const key = `${id}@${resolved}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await db.selectFrom('instruments').select('definition').where('id', '=', id).where('version', '=', resolved).executeTakeFirst();
    if (!row) throw new AppError('not_found', `Instrument ${id} ${resolved} is not installed on this device.`, 'id');
    const instrument = InstrumentSchema.parse(JSON.parse(row.definition));
    this.cache.set(key, instrument);
    return instrument;
  }

  async latestVersion(id: string, db: Kysely<LocalDatabase> = this.db): Promise<string> {
    const versions = await db.selectFrom('instruments').select('version').where('id', '=', id).execute();
    const newest = versions.map((v) => v.version).sort(compareVersions).pop();
    if (!newest) throw new AppError('not_found', `Instrument ${id} is not installed on this device.`, 'id');
    return newest;
  }

  /** The newest version of each instrument. */
  async list(): Promise<InstrumentSummary[]> {
    const rows = await this.db.selectFrom('instruments').select(['id', 'version']).execute();
    const newest = new Map<string, string>();
    for (const row of rows) {
      const current = newest.get(row.id);
      if (!current || compareVersions(row.version, current) > 0) newest.set(row.id, row.version);
    }
    const summaries: InstrumentSummary[] = [];
    for (const [id, version] of newest) {
      const instrument = await this.get(id, version);
      summaries.push({
        id,
        version,
        kind: instrument.kind,
        title: instrument.title,
        description: instrument.description,
        questionCount: instrument.questions.length,
        dimensionCount: instrument.dimensions.length,
      });
    }
    return summaries;
  }
}
