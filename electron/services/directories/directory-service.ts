import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { Directories } from '../../../shared/roadmap/catalogue-schema';
import type { OwnEntry } from '../../../shared/roadmap/directory-schema';
import { OwnEntryInputSchema } from '../../../shared/roadmap/directory-schema';
import type { ParsedInput } from '../../../shared/api/contract';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { DirectoryEntryRow, LocalDatabase } from '../database/schema';
import { recordChange } from '../sync/outbox';
import type { SyncClock } from '../sync/sync-clock';

function toOwn(row: DirectoryEntryRow): OwnEntry {
  return { ...OwnEntryInputSchema.parse({ ...JSON.parse(row.entry), directory: row.directory }), id: row.id, updatedAt: row.updated_at };
}

/** The adviser's own directory entries, kept beside the catalogue's examples and synced like all their work. */
export class DirectoryService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
    /** The examples of the newest catalogue on the device. */
    private readonly examples: () => Promise<Directories>,
  ) {}

  async list(): Promise<{ examples: Directories; own: OwnEntry[]; programme: OwnEntry[] }> {
    const rows = await this.db.selectFrom('directory_entries').selectAll().where('deleted_at', 'is', null).orderBy('created_at').execute();
    return { examples: await this.examples(), own: rows.map(toOwn), programme: [] };
  }

  async save(input: ParsedInput<'directories.save'>): Promise<OwnEntry> {
    const { id, directory, name, country, regions, description, areas, sectors } = input;
    const entry = { name, country, regions, description, areas, sectors };
    return this.db.transaction().execute(async (trx) => {
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const value = JSON.stringify(entry);
      if (id) {
        const existing = await trx.selectFrom('directory_entries').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
        if (!existing) throw new AppError('not_found', 'This directory entry does not exist or was removed.', 'id');
        await trx.updateTable('directory_entries').set({ directory, entry: value, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', id).execute();
        await recordChange(trx, { table: 'directory_entries', rowId: id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes: { directory, entry: value } }, now);
        return toOwn({ ...existing, directory, entry: value, updated_at: hlc });
      }
      const row = { id: uuidv7(), directory, entry: value, created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null };
      await trx.insertInto('directory_entries').values(row).execute();
      await recordChange(trx, { table: 'directory_entries', rowId: row.id, operation: 'upsert', hlc, baseHlc: null, changes: { directory, entry: value, created_at: now } }, now);
      return toOwn(row);
    });
  }

  async remove(id: string): Promise<{ id: string }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('directory_entries').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      if (!existing) throw new AppError('not_found', 'This directory entry does not exist or was removed.', 'id');
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      await trx.updateTable('directory_entries').set({ deleted_at: now, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', id).execute();
      await recordChange(trx, { table: 'directory_entries', rowId: id, operation: 'delete', hlc, baseHlc: existing.updated_at, changes: { deleted_at: now } }, now);
      return { id };
    });
  }

  /** The examples and the adviser's entries together, in the catalogue's format, for the roadmap generator. */
  async merged(): Promise<Directories> {
    const { examples, own } = await this.list();
    const merged: Directories = structuredClone(examples);
    for (const entry of own) {
      const base = {
        id: entry.id,
        name: entry.name,
        example: false,
        country: entry.country,
        regions: entry.regions,
        // The adviser writes in one language; the entry reads the same in every report.
        description: { en: entry.description || entry.name, da: entry.description || entry.name, sv: entry.description || entry.name },
        areas: entry.areas,
      };
      if (entry.directory === 'peers') merged.peers.push({ ...base, sectors: entry.sectors });
      else if (entry.directory === 'intermediaries') merged.intermediaries.push({ ...base, kind: 'adviser-added' });
      else if (entry.directory === 'trainingProviders') merged.trainingProviders.push(base);
      else merged.fundingSchemes.push(base);
    }
    return merged;
  }
}
