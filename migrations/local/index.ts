import type { Kysely } from 'kysely';
import * as m0001 from './0001-clients';
import * as m0002 from './0002-assessments';
import * as m0003 from './0003-roadmaps';
import * as m0004 from './0004-settings';
import * as m0005 from './0005-directory-entries';
import * as m0006 from './0006-sync';
import * as m0007 from './0007-office';
import * as m0008 from './0008-directory-owners';

export interface Migration {
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/**
 * Listed statically, not discovered from the file system, so the migrations survive bundling into
 * the Electron main process. Append only; never rename or edit a released migration.
 */
export const localMigrations: readonly Migration[] = [
  { name: '0001-clients', ...m0001 },
  { name: '0002-assessments', ...m0002 },
  { name: '0003-roadmaps', ...m0003 },
  { name: '0004-settings', ...m0004 },
  { name: '0005-directory-entries', ...m0005 },
  { name: '0006-sync', ...m0006 },
  { name: '0007-office', ...m0007 },
  { name: '0008-directory-owners', ...m0008 },
];
