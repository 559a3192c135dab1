import { formatHlc } from '../shared/sync/hlc';
import { MAX_VALUE_LENGTH, type Role } from '../shared/sync/protocol';
import { uuidv7 } from '../shared/sync/uuidv7';
import { validateInstrument } from '../shared/instruments/validate';
import { validateCatalogue } from '../shared/roadmap/validate-catalogue';
import { appendAudit } from './audit-log';
import type { HubDatabase, HubDb } from './database';
import { toNumber } from './schema';
import { advanceProgrammeSequence, lockProgrammeSequence } from './sequence';
import { writeRows, type StoredRow } from './stored-rows';

/** A mistake of the administrator's, told in one sentence; nothing was changed. */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

/** A version that is already published with other content; publish the change under a new version. */
export class VersionClashError extends AdminError {
  constructor(message: string) {
    super(message);
    this.name = 'VersionClashError';
  }
}

export interface ProgrammeSummary {
  id: string;
  name: string;
  users: number;
  devices: number;
  createdAt: string;
}

export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  programmeId: string;
  programmeName: string;
  createdAt: string;
}

export interface DeviceSummary {
  deviceId: string;
  name: string;
  userId: string;
  userName: string;
  programmeId: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastHlc: string | null;
  changeCount: number;
}

export async function createProgramme(db: HubDb, now: Date, name: string): Promise<{ id: string; name: string }> {
  const trimmed = name.trim();
  if (trimmed === '') throw new AdminError('A programme needs a name.');
  const clash = await db.selectFrom('programmes').select('id').where('name', '=', trimmed).executeTakeFirst();
  if (clash) throw new AdminError(`A programme named "${trimmed}" already exists (${clash.id}).`);
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('programmes').values({ id, name: trimmed, last_seq: 0, created_at: now.toISOString() }).execute();
    await appendAudit(trx, now, { action: 'programme.create', programmeId: id });
  });
  return { id, name: trimmed };
}

export async function listProgrammes(db: HubDb): Promise<ProgrammeSummary[]> {
  const programmes = await db.selectFrom('programmes').select(['id', 'name', 'created_at']).orderBy('name').execute();
  const users = await db.selectFrom('users').select(['programme_id', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('programme_id').execute();
  const devices = await db
    .selectFrom('devices')
    .select(['programme_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('revoked_at', 'is', null)
    .groupBy('programme_id')
    .execute();
  const count = (rows: { programme_id: string; n: number | string }[], id: string) => toNumber(rows.find((r) => r.programme_id === id)?.n ?? 0);
  return programmes.map((p) => ({ id: p.id, name: p.name, users: count(users, p.id), devices: count(devices, p.id), createdAt: p.created_at }));
}

/** A programme by id or by its (unique) name. */
/** By id first: a programme may be named like another's id, and the office's requests carry ids. */
export async function findProgramme(db: HubDb, idOrName: string): Promise<{ id: string; name: string }> {
  const programmes = db.selectFrom('programmes').select(['id', 'name']);
  const found =
    (await programmes.where('id', '=', idOrName).executeTakeFirst()) ?? (await programmes.where('name', '=', idOrName).executeTakeFirst());
  if (!found) throw new AdminError(`No programme with id or name "${idOrName}". See: programme list`);
  return found;
}

export async function createUser(db: HubDb, now: Date, input: { programme: string; role: Role; name: string }): Promise<UserSummary> {
  const name = input.name.trim();
  if (name === '') throw new AdminError('A user needs a name.');
  const programme = await findProgramme(db, input.programme);
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values({ id, programme_id: programme.id, name, role: input.role, created_at: now.toISOString() }).execute();
    await appendAudit(trx, now, { action: 'user.create', programmeId: programme.id, userId: id, detail: { role: input.role } });
  });
  return { id, name, role: input.role, programmeId: programme.id, programmeName: programme.name, createdAt: now.toISOString() };
}

export async function listUsers(db: HubDb, programme?: string): Promise<UserSummary[]> {
  let query = db
    .selectFrom('users')
    .innerJoin('programmes', 'programmes.id', 'users.programme_id')
    .select(['users.id', 'users.name', 'users.role', 'users.programme_id', 'programmes.name as programme_name', 'users.created_at']);
  if (programme !== undefined) query = query.where('users.programme_id', '=', (await findProgramme(db, programme)).id);
  const rows = await query.orderBy('programmes.name').orderBy('users.name').execute();
  return rows.map((u) => ({ id: u.id, name: u.name, role: u.role, programmeId: u.programme_id, programmeName: u.programme_name, createdAt: u.created_at }));
}

/** A user by id, or by a name that only one user has. */
export async function findUser(db: HubDb, idOrName: string): Promise<{ id: string; name: string; programmeId: string }> {
  const found = await db
    .selectFrom('users')
    .select(['id', 'name', 'programme_id'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .execute();
  const byId = found.find((u) => u.id === idOrName);
  const user = byId ?? (found.length === 1 ? found[0] : undefined);
  if (!user) {
    throw new AdminError(
      found.length > 1
        ? `${found.length} users are named "${idOrName}"; give the user id instead (see: user list).`
        : `No user with id or name "${idOrName}". See: user list`,
    );
  }
  return { id: user.id, name: user.name, programmeId: user.programme_id };
}

export async function listDevices(db: HubDb): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.device_id',
      'devices.name',
      'devices.user_id',
      'users.name as user_name',
      'devices.programme_id',
      'devices.enrolled_at',
      'devices.revoked_at',
      'devices.last_seen_at',
      'devices.last_hlc',
      'devices.change_count',
    ])
    .orderBy('devices.enrolled_at')
    .execute();
  return rows.map((d) => ({
    deviceId: d.device_id,
    name: d.name,
    userId: d.user_id,
    userName: d.user_name,
    programmeId: d.programme_id,
    enrolledAt: d.enrolled_at,
    revokedAt: d.revoked_at,
    lastSeenAt: d.last_seen_at,
    lastHlc: d.last_hlc,
    changeCount: toNumber(d.change_count),
  }));
}

export type PublishKind = 'instrument' | 'catalogue';

export interface Publication {
  table: 'published_instruments' | 'published_catalogues';
  rowId: string;
  /** The instrument's id, or the catalogue's. */
  id: string;
  version: string;
  /** False when this exact version was already published with the same content. */
  published: boolean;
}


/**
 * Validates an instrument or catalogue with the app's own validator and stores it as a row with no
 * owner, which every device of the programme pulls. A published version is never replaced:
 * assessments taken with it must keep reading the same definition.
 */
export async function publish(
  database: HubDatabase,
  now: Date,
  kind: PublishKind,
  programme: string,
  json: unknown,
  /** The office user and device that published it, when not the administrator on the hub's machine. */
  by: { userId: string; deviceId: string } | null = null,
): Promise<Publication> {
  const problems = kind === 'instrument' ? validateInstrument(json) : validateCatalogue(json);
  if (problems.length > 0) throw new AdminError(`The ${kind} is not valid:\n${problems.join('\n')}`);
  const { id, version } = json as { id: string; version: string };
  const definition = JSON.stringify(json);
  if (definition.length > MAX_VALUE_LENGTH) {
    throw new AdminError(
      `The ${kind} is ${definition.length} characters long as compact JSON; a synced value holds at most ${MAX_VALUE_LENGTH}.`,
    );
  }
  const { id: programmeId } = await findProgramme(database.db, programme);
  const table = kind === 'instrument' ? 'published_instruments' : 'published_catalogues';
  return database.db.transaction().execute(async (trx) => {
    const lastSeq = await lockProgrammeSequence(trx, programmeId);
    if (lastSeq === null) throw new AdminError(`No programme ${programmeId}.`);
    const existing = await trx.selectFrom('rows').select(['row_id', 'values']).where('programme_id', '=', programmeId).where('table_name', '=', table).execute();
    for (const row of existing) {
      const values = JSON.parse(row.values) as Record<string, unknown>;
      const sameVersion = values.version === version && (kind === 'catalogue' || values.instrument_id === id);
      if (!sameVersion) continue;
      if (values.definition === definition) return { table, rowId: row.row_id, id, version, published: false };
      throw new VersionClashError(`Version ${version} of ${kind} "${id}" is already published with different content; publish the change under a new version.`);
    }
    const values: StoredRow['values'] =
      kind === 'instrument'
        ? { instrument_id: id, version, definition, created_at: now.toISOString() }
        : { version, definition, created_at: now.toISOString() };
    const clock = formatHlc({ wall: now.getTime(), counter: 0, device: database.hubClockDevice });
    const row: StoredRow = {
      table,
      rowId: uuidv7(now.getTime()),
      ownerUserId: null,
      companyId: null,
      values,
      clocks: Object.fromEntries(Object.keys(values).map((column) => [column, clock])),
    };
    await writeRows(trx, database.dialect, programmeId, [row], lastSeq + 1);
    await advanceProgrammeSequence(trx, programmeId, lastSeq + 1);
    await appendAudit(trx, now, { action: 'publish', programmeId, userId: by?.userId, deviceId: by?.deviceId, detail: { table, rowId: row.rowId, version } });
    return { table, rowId: row.rowId, id, version, published: true };
  });
}
