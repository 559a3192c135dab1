import type { Kysely } from 'kysely';
import { CatalogueSchema, type Catalogue } from '../../../shared/roadmap/catalogue-schema';
import { compareVersions } from '../../../shared/text/semantic-version';
import type { LocalDatabase } from '../database/schema';

/**
 * The stepping-stones catalogues this device has: the one shipped with the app and every version
 * the programme office published (received with the pull, validated before they were stored).
 * New roadmaps use the newest; steps keep pointing at the version that proposed them.
 */
export class CatalogueStore {
  private readonly parsed = new Map<string, Catalogue>();

  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly builtin: Catalogue,
  ) {
    this.parsed.set(builtin.version, builtin);
  }

  /** `db` is the caller's transaction when there is one: the database has a single connection. */
  async current(db: Kysely<LocalDatabase> = this.db): Promise<Catalogue> {
    const received = await db.selectFrom('catalogues').select('version').execute();
    const newest = [this.builtin.version, ...received.map((row) => row.version)].sort(compareVersions).pop()!;
    return (await this.version(newest, db)) ?? this.builtin;
  }

  /** A catalogue by version, or null when it is not on this device (never received, or withdrawn). */
  async version(version: string, db: Kysely<LocalDatabase> = this.db): Promise<Catalogue | null> {
    const known = this.parsed.get(version);
    if (known) return known;
    const row = await db.selectFrom('catalogues').select('definition').where('version', '=', version).executeTakeFirst();
    if (!row) return null;
    const catalogue = CatalogueSchema.parse(JSON.parse(row.definition));
    this.parsed.set(version, catalogue);
    return catalogue;
  }
}
