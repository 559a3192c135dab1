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
import { syncState } from '../sync/sync-state';

function toOwn(row: DirectoryEntryRow): OwnEntry {
  return { ...OwnEntryInputSchema.parse({ ...JSON.parse(row.entry), directory: row.directory }), id: row.id, updatedAt: row.updated_at };
}

/** `own`: this user's, to edit; `programme`: the office's, read-only here; `adviser`: an adviser's, seen on the office's device. */
type Scope = 'own' | 'programme' | 'adviser';

/**
 * The adviser's own directory entries, kept beside the catalogue's examples and synced like all
 * their work, and the entries the programme office published for the whole programme.
 *
 * Which is which comes from the hub: it stores the office's entries with no owner and names each
 * pulled entry's owner (kept in directory_entry_owners). Rows carry no owner of their own, and a
 * device cannot tell from a row who wrote it (`updated_by` is a device, and the last writer, not
 * the owner); an entry with no recorded owner was made on this device and is the user's own.
 */
export class DirectoryService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
    /** The examples of the newest catalogue on the device. */
    private readonly examples: () => Promise<Directories>,
  ) {}

  async list(): Promise<{ examples: Directories; own: OwnEntry[]; programme: OwnEntry[] }> {
    const rows = await this.db
      .selectFrom('directory_entries')
      .leftJoin('directory_entry_owners', 'directory_entry_owners.entry_id', 'directory_entries.id')
      .selectAll('directory_entries')
      .select(['directory_entry_owners.entry_id as known', 'directory_entry_owners.owner_user_id as owner'])
      .where('directory_entries.deleted_at', 'is', null)
      .orderBy('directory_entries.created_at')
      .execute();
    const scopeOf = await this.scopes();
    const own: OwnEntry[] = [];
    const programme: OwnEntry[] = [];
    for (const { known, owner, ...row } of rows) {
      const scope = scopeOf(known === null ? undefined : owner);
      if (scope === 'own') own.push(toOwn(row));
      else if (scope === 'programme') programme.push(toOwn(row));
    }
    return { examples: await this.examples(), own, programme };
  }

  /** Classifies an entry by the owner the hub named (undefined: none recorded, so made here). */
  private async scopes(db: Kysely<LocalDatabase> = this.db): Promise<(owner: string | null | undefined) => Scope> {
    // `db` is the caller's transaction when there is one: the database has a single connection.
    const user = (await syncState.enrolment(db))?.identity.user ?? null;
    return (owner) => {
      if (owner === undefined || (user !== null && owner === user.id)) return 'own';
      if (owner === null) return user?.role === 'office' ? 'own' : 'programme';
      return 'adviser';
    };
  }

  /** An entry the user may change, or the reason they may not. */
  private async changeable(db: Kysely<LocalDatabase>, id: string): Promise<DirectoryEntryRow> {
    const existing = await db.selectFrom('directory_entries').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!existing) throw new AppError('not_found', 'This directory entry does not exist or was removed.', 'id');
    const owner = await db.selectFrom('directory_entry_owners').select('owner_user_id').where('entry_id', '=', id).executeTakeFirst();
    const scope = (await this.scopes(db))(owner ? owner.owner_user_id : undefined);
    if (scope === 'programme') {
      throw new AppError('forbidden', 'The programme office published this entry for every adviser; only the office can change or remove it.', 'id');
    }
    if (scope === 'adviser') throw new AppError('forbidden', 'An adviser added this entry; only they can change or remove it.', 'id');
    return existing;
  }

  async save(input: ParsedInput<'directories.save'>): Promise<OwnEntry> {
    const { id, directory, name, country, regions, description, areas, sectors } = input;
    const entry = { name, country, regions, description, areas, sectors };
    return this.db.transaction().execute(async (trx) => {
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const value = JSON.stringify(entry);
      if (id) {
        const existing = await this.changeable(trx, id);
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
      const existing = await this.changeable(trx, id);
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      await trx.updateTable('directory_entries').set({ deleted_at: now, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', id).execute();
      await recordChange(trx, { table: 'directory_entries', rowId: id, operation: 'delete', hlc, baseHlc: existing.updated_at, changes: { deleted_at: now } }, now);
      return { id };
    });
  }

  /** The examples, the programme's and the adviser's entries together, in the catalogue's format, for the roadmap generator. */
  async merged(): Promise<Directories> {
    const { examples, own, programme } = await this.list();
    const merged: Directories = structuredClone(examples);
    for (const entry of [...own, ...programme]) {
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
