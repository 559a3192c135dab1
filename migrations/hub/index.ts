import type { Kysely } from 'kysely';
import * as m0001 from './0001-hub';

export type HubDialect = 'sqlite' | 'postgres';

export interface HubMigration {
  name: string;
  /** Runs on either database; the few statements that differ (triggers) branch on `dialect`. */
  up(db: Kysely<any>, dialect: HubDialect): Promise<void>;
}

/**
 * Listed statically, not discovered from the file system, so a bundled hub still finds them.
 * Append only; never rename or edit a released migration.
 */
export const hubMigrations: readonly HubMigration[] = [{ name: '0001-hub', ...m0001 }];
